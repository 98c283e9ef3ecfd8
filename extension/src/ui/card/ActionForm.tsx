import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorLines } from '../common/error-text';
import { Alert, buttonClass, inputClass, labelClass, primaryButtonClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** A field of a quick-action form: label tied to the control, error tied by aria-describedby. */
export function FormField({
  label,
  error,
  children,
}: {
  label: string;
  error?: string;
  children: (props: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
    className: string;
  }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="mb-2">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children({
        id,
        className: `${inputClass}${error ? ' border-red-600 dark:border-red-400' : ''}`,
        ...(error ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {}),
      })}
      {error && (
        <p id={errorId} className="mt-0.5 text-xs text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** Field errors of a failed save, by the schema's field path (first segment), plus the whole list. */
export interface FormErrors {
  byField: Record<string, string>;
  lines: string[];
}

export function useFormErrors() {
  const i18n = useI18n();
  const [errors, setErrors] = useState<FormErrors | null>(null);
  return {
    errors,
    clear: () => setErrors(null),
    /** Field error by the schema's path head (`emails[0].address` → `emails`) or the exact path. */
    of: (field: string) => errors?.byField[field],
    set: (error: unknown) => {
      const lines = errorLines(error, i18n);
      const byField: Record<string, string> = {};
      for (const line of lines) {
        if (!line.field) continue;
        byField[line.field] ??= line.text;
        const head = line.field.replace(/[[.].*$/, '');
        byField[head] ??= line.text;
      }
      setErrors({ byField, lines: lines.map((l) => l.text) });
    },
    setField: (field: string, text: string) => setErrors({ byField: { [field]: text }, lines: [text] }),
  };
}

/**
 * A quick-action form in the card: focus moves to its first field, Escape cancels, Save runs
 * `onSave` and shows every error (each naming its field) without losing what was typed.
 */
export function ActionForm({
  title,
  onSave,
  onCancel,
  errors,
  children,
  saveLabel,
}: {
  title: string;
  onSave: () => Promise<void>;
  onCancel: () => void;
  errors: FormErrors | null;
  children: ReactNode;
  saveLabel?: string;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSave();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      ref={ref}
      aria-labelledby={titleId}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
      className="mt-2 rounded border border-sky-200 bg-sky-50/60 p-2 dark:border-sky-900 dark:bg-slate-800"
      data-testid="action-form"
      noValidate
    >
      <h3 id={titleId} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {children}
      {errors && errors.lines.length > 0 && (
        <div className="mb-2">
          <Alert>
            <ul>
              {errors.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={busy}>
          {busy ? t('action.saving') : (saveLabel ?? t('action.save'))}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

/** `datetime-local` value of an instant, in local time. */
export function toLocalInput(ms: number, withTime = true): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return withTime ? `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}` : date;
}

/** An instant from a `date` or `datetime-local` value (local time); NaN when empty or malformed. */
export function fromLocalInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return Number.NaN;
  return new Date(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 9),
    Number(m[5] ?? 0),
  ).getTime();
}

/**
 * The instant of a `date` value for something that happened: today's date is stamped now, so it sorts
 * as the newest event of the day; another date is that day at 9:00 local time. NaN when malformed.
 */
export function eventInstant(value: string, now = Date.now()): number {
  return value === toLocalInput(now, false) ? now : fromLocalInput(value);
}

/**
 * An amount typed by a rep ("1,234.50", "1234,5" with a decimal comma, "-20") in minor units of a
 * currency with `digits` decimals; null when it is not a number.
 */
export function parseAmount(text: string, digits: number): number | null {
  let s = text.trim().replace(/[\s'’_]/g, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^-?\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Math.round(Number(s) * 10 ** digits);
}
