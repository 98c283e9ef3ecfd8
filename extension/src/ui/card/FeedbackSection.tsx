import { type Feedback, npsGroup } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useRef, useState } from 'react';
import type { HistoryRow } from '../../db/db';
import { type FeedbackItem, feedbackDataOf } from '../../db/queries/upkeep-queries';
import type { MessageKey } from '../../i18n';
import { Badge, buttonClass, EmptyNote, Section, type Tone } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { ActionForm, FormField, useFormErrors } from './ActionForm';

// Writes load on demand: the card's first load leaves out the schemas that validate them.
const activity = () => import('../../db/activity-repo');

const SEVERITY_TONE: Record<NonNullable<Feedback['severity']>, Tone> = {
  low: 'slate',
  medium: 'amber',
  high: 'red',
  critical: 'red',
};
const NPS_TONE = { promoter: 'green', passive: 'amber', detractor: 'red' } as const;

/** Resolutions a complaint had before it was reopened (replaced values in its history), oldest first. */
function earlierResolutions(history: readonly HistoryRow[], current: string | undefined): string[] {
  const out: string[] = [];
  for (const h of [...history].reverse()) {
    if (h.field !== 'resolution') continue;
    try {
      const old = JSON.parse(h.oldValue) as unknown;
      if (typeof old === 'string' && old && old !== current && !out.includes(old)) out.push(old);
    } catch {
      // A value that is not JSON is not a resolution this code wrote; leave it out.
    }
  }
  return out;
}

/**
 * Complaints, praise and suggestions with their status (open complaints first), resolve and reopen in
 * place; then the latest satisfaction answers. Every write goes through the activity repository.
 */
export function FeedbackSection({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  // `now` read at query time: an answer recorded a moment ago is not "in the future".
  const data = useLiveQuery(() => feedbackDataOf(contactId, Date.now()), [contactId]);
  const [status, setStatus] = useState('');
  const openCount =
    data?.items.filter((i) => i.row.kind === 'complaint' && i.row.status === 'open').length ?? 0;
  return (
    <>
      <Section
        id="card-feedback"
        title={t('feedback.section.feedback')}
        actions={
          openCount > 0 ? <Badge tone="red">{t('feedback.openCount', { count: openCount })}</Badge> : null
        }
      >
        <p role="status" className="mb-1 text-xs text-emerald-800 empty:hidden dark:text-emerald-300">
          {status}
        </p>
        {data === undefined ? null : data.items.length === 0 ? (
          <EmptyNote>{t('feedback.none')}</EmptyNote>
        ) : (
          <ul className="space-y-2" data-testid="feedback-list">
            {data.items.map((item) => (
              <FeedbackLine key={item.row.id} item={item} onDone={setStatus} />
            ))}
          </ul>
        )}
      </Section>
      <Section id="card-satisfaction" title={t('feedback.section.satisfaction')}>
        {data === undefined ? null : <Satisfaction answers={data.answers} surveys={data.surveys} />}
      </Section>
    </>
  );
}

function FeedbackLine({ item, onDone }: { item: FeedbackItem; onDone: (message: string) => void }) {
  const { t, formatDate } = useI18n();
  const { row, history } = item;
  const [form, setForm] = useState<'resolve' | 'reopen' | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const close = (message?: string) => {
    setForm(null);
    if (message) onDone(message);
    queueMicrotask(() => toggle.current?.focus());
  };
  const complaint = row.kind === 'complaint';
  const earlier = complaint ? earlierResolutions(history, row.resolution) : [];
  return (
    <li className="text-sm" data-testid="feedback-item" data-kind={row.kind} data-status={row.status}>
      <p className="flex flex-wrap items-center gap-1 font-medium">
        <span>{t(`feedback.kind.${row.kind}` as MessageKey)}</span>
        {row.category && <span className="text-slate-700 dark:text-slate-300">· {row.category}</span>}
        {row.severity && (
          <Badge tone={SEVERITY_TONE[row.severity]}>
            {t('feedback.severityBadge', { severity: t(`feedback.severity.${row.severity}`) })}
          </Badge>
        )}
        {complaint && (
          <Badge tone={row.status === 'open' ? 'amber' : 'green'}>
            {t(`feedback.status.${row.status}` as MessageKey)}
          </Badge>
        )}
      </p>
      {row.text && <p className="whitespace-pre-line break-words">{row.text}</p>}
      {complaint && row.status === 'resolved' && row.resolution && (
        <p className="break-words text-emerald-900 dark:text-emerald-200">
          {row.resolvedAt
            ? t('feedback.resolvedOn', { date: formatDate(row.resolvedAt), text: row.resolution })
            : t('feedback.resolution', { text: row.resolution })}
        </p>
      )}
      {earlier.map((text) => (
        <p key={text} className="break-words text-xs text-slate-600 dark:text-slate-400">
          {t('feedback.earlierResolution', { text })}
        </p>
      ))}
      <p className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <time dateTime={new Date(row.occurredAt).toISOString()}>{formatDate(row.occurredAt)}</time>
        {complaint && (
          <button
            ref={toggle}
            type="button"
            aria-expanded={form !== null}
            className={`${buttonClass} px-1.5 py-0 text-xs`}
            onClick={() => setForm(form ? null : row.status === 'open' ? 'resolve' : 'reopen')}
          >
            {row.status === 'open' ? t('feedback.resolve') : t('feedback.reopen')}
          </button>
        )}
      </p>
      {form === 'resolve' && (
        <ResolveForm id={row.id} cancel={() => close()} done={() => close(t('feedback.saved.resolved'))} />
      )}
      {form === 'reopen' && (
        <ReopenForm id={row.id} cancel={() => close()} done={() => close(t('feedback.saved.reopened'))} />
      )}
    </li>
  );
}

function ResolveForm({ id, done, cancel }: { id: string; done: () => void; cancel: () => void }) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [resolution, setResolution] = useState('');
  return (
    <ActionForm
      title={t('feedback.resolveTitle')}
      errors={errors.errors}
      onCancel={cancel}
      saveLabel={t('feedback.resolve')}
      onSave={async () => {
        try {
          await (await activity()).resolveFeedback(id, resolution, await writeContext());
          done();
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <FormField label={t('feedback.resolutionLabel')} error={errors.of('resolution')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={resolution}
            placeholder={t('feedback.resolutionHint')}
            onChange={(e) => setResolution(e.target.value)}
          />
        )}
      </FormField>
    </ActionForm>
  );
}

function ReopenForm({ id, done, cancel }: { id: string; done: () => void; cancel: () => void }) {
  const { t } = useI18n();
  const errors = useFormErrors();
  return (
    <ActionForm
      title={t('feedback.reopenTitle')}
      errors={errors.errors}
      onCancel={cancel}
      saveLabel={t('feedback.reopen')}
      onSave={async () => {
        try {
          await (await activity()).reopenFeedback(id, await writeContext());
          done();
        } catch (e) {
          errors.set(e);
        }
      }}
    >
      <p className="mb-2 text-sm">{t('feedback.reopenBody')}</p>
    </ActionForm>
  );
}

function Satisfaction({
  answers,
  surveys,
}: {
  answers: Awaited<ReturnType<typeof feedbackDataOf>>['answers'];
  surveys: Feedback[];
}) {
  const { t, formatDate } = useI18n();
  const cell = (label: string, value: string | null, at: number | undefined, extra?: ReactNode) => (
    <div>
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="flex flex-wrap items-center gap-1 font-medium">
        {value ?? (
          <span className="font-normal text-slate-600 italic dark:text-slate-400">
            {t('feedback.notAsked')}
          </span>
        )}
        {extra}
        {at !== undefined && (
          <span className="text-xs font-normal text-slate-600 dark:text-slate-400">{formatDate(at)}</span>
        )}
      </dd>
    </div>
  );
  return (
    <>
      <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="latest-answers">
        {cell(
          t('feedback.latestCsat'),
          answers.csat ? t('feedback.csatValue', { score: answers.csat.score }) : null,
          answers.csat?.at,
        )}
        {cell(
          t('feedback.latestNps'),
          answers.nps ? t('feedback.npsValue', { score: answers.nps.score }) : null,
          answers.nps?.at,
          answers.nps ? (
            <Badge tone={NPS_TONE[npsGroup(answers.nps.score)]}>
              {t(`feedback.nps.${npsGroup(answers.nps.score)}`)}
            </Badge>
          ) : null,
        )}
      </dl>
      {surveys.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm" aria-label={t('feedback.answersCaption')}>
          {surveys.slice(0, 5).map((s) => (
            <li key={s.id} className="flex justify-between gap-2">
              <span className="truncate">
                {s.scale && s.score !== undefined
                  ? t(`feedback.score.${s.scale}` as MessageKey, { score: s.score })
                  : t('feedback.kind.survey')}
                {s.text && <span className="text-slate-600 dark:text-slate-400"> — {s.text}</span>}
              </span>
              <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
                {formatDate(s.occurredAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
