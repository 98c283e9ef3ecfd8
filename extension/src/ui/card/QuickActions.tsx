import type { FeedbackSeverity } from '@keepcard/shared';
import { lazy, type ReactNode, Suspense, useRef, useState } from 'react';
import type { ContactRow } from '../../db/db';
import { currencyDigits, type MessageKey } from '../../i18n';
import { buttonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import {
  ActionForm,
  eventInstant,
  FormField,
  fromLocalInput,
  parseAmount,
  toLocalInput,
  useFormErrors,
} from './ActionForm';

// The writes (with the schemas that validate them and the phone metadata) load with the first form
// opened, not with the card: showing a card needs none of them.
const activity = () => import('../../db/activity-repo');
// The schema's severities (FEEDBACK_SEVERITIES), spelt out so the card does not load the schemas.
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly FeedbackSeverity[];
const EditContactForm = lazy(() => import('./EditContactForm').then((m) => ({ default: m.EditContactForm })));

export type QuickAction =
  | 'note'
  | 'interaction'
  | 'purchase'
  | 'followUp'
  | 'feedback'
  | 'satisfaction'
  | 'lost'
  | 'edit';
const ACTIONS: QuickAction[] = [
  'note',
  'interaction',
  'purchase',
  'followUp',
  'feedback',
  'satisfaction',
  'lost',
  'edit',
];

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP', 'JPY'];

interface FormProps {
  contact: ContactRow;
  done: (message: string) => void;
  cancel: () => void;
}

/** One row of buttons; the chosen action's form opens below it, inside the card. */
export function QuickActions({ contact, defaultCurrency }: { contact: ContactRow; defaultCurrency: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<QuickAction | null>(null);
  const [status, setStatus] = useState('');
  const buttons = useRef(new Map<QuickAction, HTMLButtonElement | null>());
  const close = () => {
    const last = open;
    setOpen(null);
    if (last) queueMicrotask(() => buttons.current.get(last)?.focus());
  };
  const done = (message: string) => {
    setStatus(message);
    close();
  };
  const props = { contact, done, cancel: close };
  const forms: Record<QuickAction, () => ReactNode> = {
    note: () => <NoteForm {...props} />,
    interaction: () => <InteractionForm {...props} />,
    purchase: () => <PurchaseForm {...props} defaultCurrency={defaultCurrency} />,
    followUp: () => <FollowUpForm {...props} />,
    feedback: () => <FeedbackForm {...props} />,
    satisfaction: () => <SatisfactionForm {...props} />,
    lost: () => <LostForm {...props} />,
    edit: () => (
      <Suspense fallback={null}>
        <EditContactForm {...props} />
      </Suspense>
    ),
  };
  return (
    <div className="py-2" data-testid="quick-actions">
      <div role="toolbar" aria-label={t('action.toolbar')} className="flex flex-wrap gap-1">
        {ACTIONS.map((action) => (
          <button
            key={action}
            ref={(el) => {
              buttons.current.set(action, el);
            }}
            type="button"
            aria-expanded={open === action}
            onClick={() => {
              setStatus('');
              setOpen(open === action ? null : action);
              void activity();
            }}
            className={`${buttonClass} px-1.5 py-0.5 text-xs ${open === action ? 'border-sky-600 bg-sky-50 dark:bg-slate-700' : ''}`}
          >
            {action === 'lost' && contact.lost ? t('action.reopen') : t(`action.${action}` as MessageKey)}
          </button>
        ))}
      </div>
      <p role="status" className="mt-1 text-xs text-emerald-800 empty:hidden dark:text-emerald-300">
        {status}
      </p>
      {open && forms[open]()}
    </div>
  );
}

function NoteForm({ contact, done, cancel }: FormProps) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [text, setText] = useState('');
  return (
    <ActionForm
      title={t('action.note')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        try {
          await (await activity()).addNote(contact.id, text, await writeContext());
          done(t('action.saved.note'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <FormField label={t('form.noteText')} error={errors.of('text')}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </FormField>
    </ActionForm>
  );
}

function InteractionForm({ contact, done, cancel }: FormProps) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [kind, setKind] = useState<'call' | 'meeting' | 'visit' | 'email' | 'message'>('call');
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const [when, setWhen] = useState(() => toLocalInput(Date.now()));
  const [subject, setSubject] = useState('');
  const [summary, setSummary] = useState('');
  return (
    <ActionForm
      title={t('action.interaction')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        const occurredAt = fromLocalInput(when);
        if (Number.isNaN(occurredAt))
          return errors.setField('occurredAt', t('form.badDate', { field: t('form.when') }));
        try {
          await (await activity()).logInteraction(
            contact.id,
            {
              kind,
              direction,
              occurredAt,
              subject: subject.trim() || undefined,
              summary: summary.trim() || undefined,
            },
            await writeContext(),
          );
          done(t('action.saved.interaction'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <div className="grid grid-cols-2 gap-2">
        <FormField label={t('form.kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {(['call', 'meeting', 'visit', 'email', 'message'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`interaction.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.direction')}>
          {(p) => (
            <select
              {...p}
              value={direction}
              onChange={(e) => setDirection(e.target.value as typeof direction)}
            >
              <option value="outbound">{t('interaction.direction.outbound')}</option>
              <option value="inbound">{t('interaction.direction.inbound')}</option>
            </select>
          )}
        </FormField>
      </div>
      <FormField label={t('form.when')} error={errors.of('occurredAt')}>
        {(p) => <input {...p} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />}
      </FormField>
      <FormField label={t('form.subject')} error={errors.of('subject')}>
        {(p) => <input {...p} value={subject} onChange={(e) => setSubject(e.target.value)} />}
      </FormField>
      <FormField label={t('form.summary')} error={errors.of('summary')}>
        {(p) => <textarea {...p} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </FormField>
    </ActionForm>
  );
}

function PurchaseForm({ contact, done, cancel, defaultCurrency }: FormProps & { defaultCurrency: string }) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [product, setProduct] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [when, setWhen] = useState(() => toLocalInput(Date.now(), false));
  const [channel, setChannel] = useState('');
  return (
    <ActionForm
      title={t('action.purchase')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        const amountMinor = parseAmount(amount, currencyDigits(currency));
        if (amountMinor === null) return errors.setField('amountMinor', t('form.badAmount'));
        const occurredAt = eventInstant(when);
        if (Number.isNaN(occurredAt))
          return errors.setField('occurredAt', t('form.badDate', { field: t('form.date') }));
        const qty = Number(quantity.replace(',', '.'));
        try {
          await (await activity()).addPurchase(
            contact.id,
            {
              product,
              quantity: Number.isFinite(qty) ? qty : Number.NaN,
              amountMinor,
              currency,
              occurredAt,
              channel: channel.trim() || undefined,
            },
            await writeContext(),
          );
          done(t('action.saved.purchase'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <FormField label={t('form.product')} error={errors.of('product')}>
        {(p) => <input {...p} value={product} onChange={(e) => setProduct(e.target.value)} />}
      </FormField>
      <div className="grid grid-cols-3 gap-2">
        <FormField label={t('form.amount')} error={errors.of('amountMinor')}>
          {(p) => (
            <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          )}
        </FormField>
        <FormField label={t('form.currency')} error={errors.of('currency')}>
          {(p) => (
            <select {...p} value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {[...new Set([defaultCurrency, ...CURRENCIES])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.quantity')} error={errors.of('quantity')}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
            />
          )}
        </FormField>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <FormField label={t('form.date')} error={errors.of('occurredAt')}>
          {(p) => <input {...p} type="date" value={when} onChange={(e) => setWhen(e.target.value)} />}
        </FormField>
        <FormField label={t('form.channel')} error={errors.of('channel')}>
          {(p) => <input {...p} value={channel} onChange={(e) => setChannel(e.target.value)} />}
        </FormField>
      </div>
    </ActionForm>
  );
}

function FollowUpForm({ contact, done, cancel }: FormProps) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [title, setTitle] = useState(() => t('form.followUpDefault', { name: contact.displayName }));
  const [kind, setKind] = useState<'follow-up' | 'care-birthday' | 'care-holiday' | 'other'>('follow-up');
  const [due, setDue] = useState(() => toLocalInput(Date.now() + 7 * 86_400_000, false));
  return (
    <ActionForm
      title={t('action.followUp')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        const dueAt = fromLocalInput(due);
        if (Number.isNaN(dueAt)) return errors.setField('dueAt', t('form.badDate', { field: t('form.due') }));
        try {
          await (await activity()).scheduleFollowUp(contact.id, { title, dueAt, kind }, await writeContext());
          done(t('action.saved.followUp'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <FormField label={t('form.taskTitle')} error={errors.of('title')}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </FormField>
      <div className="grid grid-cols-2 gap-2">
        <FormField label={t('form.due')} error={errors.of('dueAt')}>
          {(p) => <input {...p} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </FormField>
        <FormField label={t('form.kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {(['follow-up', 'care-birthday', 'care-holiday', 'other'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`task.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </ActionForm>
  );
}

function FeedbackForm({ contact, done, cancel }: FormProps) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [kind, setKind] = useState<'complaint' | 'praise' | 'suggestion'>('complaint');
  const [severity, setSeverity] = useState<FeedbackSeverity>('medium');
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(Date.now(), false));
  return (
    <ActionForm
      title={t('action.feedback')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        const occurredAt = eventInstant(when);
        if (Number.isNaN(occurredAt))
          return errors.setField('occurredAt', t('form.badDate', { field: t('form.date') }));
        try {
          await (await activity()).recordFeedback(
            contact.id,
            {
              kind,
              occurredAt,
              category: category.trim() || undefined,
              text: text.trim() || undefined,
              // Every new complaint gets a severity (old rows may have none); praise and suggestions none.
              severity: kind === 'complaint' ? severity : undefined,
            },
            await writeContext(),
          );
          done(t('action.saved.feedback'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <fieldset className="mb-2">
        <legend className="mb-0.5 text-xs font-medium text-slate-600 dark:text-slate-300">
          {t('form.kind')}
        </legend>
        <div className="flex gap-3 text-sm">
          {(['complaint', 'praise', 'suggestion'] as const).map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input
                type="radio"
                name="feedback-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              {t(`feedback.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'complaint' && (
        <FormField label={t('feedback.severity')} error={errors.of('severity')}>
          {(p) => (
            <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value as FeedbackSeverity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`feedback.severity.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormField label={t('form.category')} error={errors.of('category')}>
        {(p) => (
          <input
            {...p}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            placeholder={t('form.categoryHint')}
          />
        )}
      </FormField>
      <FormField label={t('form.feedbackText')} error={errors.of('text')}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </FormField>
      <DateField value={when} onChange={setWhen} error={errors.of('occurredAt')} />
    </ActionForm>
  );
}

function SatisfactionForm({ contact, done, cancel }: FormProps) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [scale, setScale] = useState<'csat' | 'nps'>('csat');
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(Date.now(), false));
  const range = scale === 'csat' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  return (
    <ActionForm
      title={t('action.satisfaction')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        if (score === '') return errors.setField('score', t('form.pickScore'));
        const occurredAt = eventInstant(when);
        if (Number.isNaN(occurredAt))
          return errors.setField('occurredAt', t('form.badDate', { field: t('form.date') }));
        try {
          await (await activity()).recordFeedback(
            contact.id,
            {
              kind: 'survey',
              occurredAt,
              scale,
              score: Number(score),
              text: comment.trim() || undefined,
            },
            await writeContext(),
          );
          done(t('action.saved.satisfaction'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <div className="grid grid-cols-2 gap-2">
        <FormField label={t('form.scale')}>
          {(p) => (
            <select
              {...p}
              value={scale}
              onChange={(e) => {
                setScale(e.target.value as 'csat' | 'nps');
                setScore('');
              }}
            >
              <option value="csat">{t('form.scale.csat')}</option>
              <option value="nps">{t('form.scale.nps')}</option>
            </select>
          )}
        </FormField>
        <FormField label={t('form.score')} error={errors.of('score')}>
          {(p) => (
            <select {...p} value={score} onChange={(e) => setScore(e.target.value)}>
              <option value="">{t('form.pick')}</option>
              {range.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <FormField label={t('form.comment')} error={errors.of('text')}>
        {(p) => <input {...p} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </FormField>
      <DateField value={when} onChange={setWhen} error={errors.of('occurredAt')} />
    </ActionForm>
  );
}

/** When the feedback or answer was given (today by default: stamped now). */
function DateField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <FormField label={t('form.date')} error={error}>
      {(p) => (
        <input
          {...p}
          type="date"
          value={value}
          max={toLocalInput(Date.now(), false)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

function LostForm({ contact, done, cancel }: FormProps) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [reason, setReason] = useState('');
  if (contact.lost) {
    return (
      <ActionForm
        title={t('action.reopen')}
        errors={errors.errors}
        onCancel={cancel}
        saveLabel={t('action.reopenConfirm')}
        onSave={async () => {
          try {
            await (await activity()).reopenCustomer(contact.id, await writeContext());
            done(t('action.saved.reopen'));
          } catch (e) {
            errors.set(e);
          }
        }}
      >
        <p className="mb-2 text-sm">{t('form.reopenBody', { reason: contact.lost.reason })}</p>
      </ActionForm>
    );
  }
  return (
    <ActionForm
      title={t('action.lost')}
      errors={errors.errors}
      onCancel={cancel}
      saveLabel={t('action.lostConfirm')}
      onSave={async () => {
        try {
          await (await activity()).markLost(contact.id, reason, await writeContext());
          done(t('action.saved.lost'));
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <FormField label={t('form.lostReason')} error={errors.of('lost')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('form.lostReasonHint')}
          />
        )}
      </FormField>
    </ActionForm>
  );
}
