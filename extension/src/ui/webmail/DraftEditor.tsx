import {
  type ContactDraft,
  type FieldIssue,
  nameKey,
  normalizePhone,
  type RecordSource,
  splitPersonName,
} from '@keepcard/shared';
import { inputClass, labelClass } from '../common/ui-kit';
import { issueText, useWebmailText } from './webmail-text-context';

/** A draft as the rep edits it: one text per field, lists one entry per line. */
export interface DraftForm {
  displayName: string;
  title: string;
  organization: string;
  emails: string;
  phones: string;
  urls: string;
  street: string;
}

export function formFromDraft(draft: ContactDraft): DraftForm {
  return {
    displayName: draft.displayName,
    title: draft.title ?? '',
    organization: draft.organization ?? '',
    emails: draft.emails.map((e) => e.address).join('\n'),
    phones: draft.phones.map((p) => p.raw).join('\n'),
    urls: draft.urls.join('\n'),
    street: draft.address?.street ?? '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The draft the form describes. Values are kept as typed (the shared schemas trim and lower-case
 * on save); a changed name is split again the CJK-aware way; a phone typed anew is normalised
 * with the default region, one left as it was keeps its label.
 */
export function draftFromForm(
  form: DraftForm,
  base: ContactDraft & { source: RecordSource },
  defaultRegion: string,
): ContactDraft & { source: RecordSource } {
  const displayName = form.displayName.trim();
  const sameName = nameKey(displayName) === nameKey(base.displayName);
  const { givenName: _g, familyName: _f, title: _t, organization: _o, address: _a, ...rest } = base;
  const draft: ContactDraft & { source: RecordSource } = {
    ...rest,
    displayName,
    ...(sameName ? { givenName: base.givenName, familyName: base.familyName } : splitPersonName(displayName)),
    emails: lines(form.emails).map((address) => ({
      address,
      label: base.emails.find((e) => e.address === address.toLowerCase())?.label ?? 'work',
    })),
    phones: lines(form.phones).map(
      (raw) =>
        base.phones.find((p) => p.raw === raw || p.number === raw) ?? normalizePhone(raw, defaultRegion),
    ),
    urls: lines(form.urls),
  };
  if (draft.givenName === undefined) delete draft.givenName;
  if (draft.familyName === undefined) delete draft.familyName;
  if (form.title.trim()) draft.title = form.title.trim();
  if (form.organization.trim()) draft.organization = form.organization.trim();
  const street = form.street.trim();
  const address = { ...base.address, street: street || undefined };
  if (!street) delete address.street;
  if (Object.keys(address).length > 0) draft.address = address;
  return draft;
}

type FormField = keyof DraftForm;

/** Which form field shows a schema issue: `emails[1].address` → the emails box. */
function formFieldOf(issue: FieldIssue): FormField {
  const head = issue.field.split(/[.[]/)[0] ?? '';
  if (head === 'address') return 'street';
  if (head === 'givenName' || head === 'familyName') return 'displayName';
  return (['displayName', 'title', 'organization', 'emails', 'phones', 'urls'] as const).includes(
    head as never,
  )
    ? (head as FormField)
    : 'displayName';
}

/**
 * The editable fields of a contact draft, checked by the shared schemas: each problem is shown
 * under its field and names it ("Email 2 must be a valid email address."). Everything is rendered
 * as text.
 */
export function DraftEditor({
  form,
  onChange,
  issues,
  idPrefix,
  disabled = false,
}: {
  form: DraftForm;
  onChange: (form: DraftForm) => void;
  issues: FieldIssue[];
  idPrefix: string;
  disabled?: boolean;
}) {
  const { w } = useWebmailText();
  const field = (name: FormField, label: string, multiline = false, hint?: string) => {
    const id = `${idPrefix}-${name}`;
    const problems = issues.filter((i) => formFieldOf(i) === name);
    const errorId = `${id}-error`;
    const common = {
      id,
      value: form[name],
      disabled,
      'aria-invalid': problems.length > 0 || undefined,
      'aria-describedby': problems.length > 0 ? errorId : undefined,
      className: inputClass,
    };
    return (
      <div className="mb-2">
        <label htmlFor={id} className={labelClass}>
          {label}
          {hint && <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">({hint})</span>}
        </label>
        {multiline ? (
          <textarea
            {...common}
            rows={Math.min(4, Math.max(1, form[name].split('\n').length))}
            onChange={(e) => onChange({ ...form, [name]: e.target.value })}
          />
        ) : (
          <input {...common} type="text" onChange={(e) => onChange({ ...form, [name]: e.target.value })} />
        )}
        {problems.length > 0 && (
          <p id={errorId} className="mt-0.5 text-xs text-red-700 dark:text-red-300">
            {problems.map((p) => issueText(p, w)).join(' ')}
          </p>
        )}
      </div>
    );
  };
  return (
    <div>
      {field('displayName', w('webmail.field.displayName'))}
      {field('title', w('webmail.field.title'))}
      {field('organization', w('webmail.field.organization'))}
      {field('emails', w('webmail.field.emails'), true, w('webmail.onePerLine'))}
      {field('phones', w('webmail.field.phones'), true, w('webmail.onePerLine'))}
      {field('urls', w('webmail.field.urls'), true, w('webmail.onePerLine'))}
      {field('street', w('webmail.field.address'))}
    </div>
  );
}
