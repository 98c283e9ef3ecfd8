import { useLiveQuery } from 'dexie-react-hooks';
import type { HistoryRow } from '../../db/db';
import type { Timeline, TimelineItem } from '../../db/queries/card-queries';
import { contactIdsIn, contactNames } from '../../db/queries/history-names';
import type { I18n, MessageKey } from '../../i18n';
import { fieldLabel } from '../common/error-text';
import { EmptyNote, Section } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

const ICON: Record<TimelineItem['kind'], string> = {
  note: '📝',
  interaction: '💬',
  feedback: '⭐',
  purchase: '🛒',
};

function describe(item: TimelineItem, i18n: I18n): { title: string; body?: string } {
  const { t, formatMoney, formatNumber } = i18n;
  switch (item.kind) {
    case 'note':
      return { title: t('timeline.note'), body: item.row.text };
    case 'interaction': {
      const r = item.row;
      return {
        title: t('timeline.interaction', {
          kind: t(`interaction.kind.${r.kind}` as MessageKey),
          direction: t(`interaction.direction.${r.direction}` as MessageKey),
        }),
        body: [r.subject, r.summary].filter(Boolean).join(' — ') || undefined,
      };
    }
    case 'feedback': {
      const r = item.row;
      const score =
        r.scale && r.score !== undefined
          ? t(`feedback.score.${r.scale}` as MessageKey, { score: r.score })
          : '';
      return {
        title: [
          t(`feedback.kind.${r.kind}` as MessageKey),
          r.category,
          r.severity ? t('feedback.severityBadge', { severity: t(`feedback.severity.${r.severity}`) }) : '',
          score,
          r.kind === 'complaint' ? t(`feedback.status.${r.status}` as MessageKey) : '',
        ]
          .filter(Boolean)
          .join(' · '),
        body:
          [r.text, r.resolution ? t('feedback.resolution', { text: r.resolution }) : '']
            .filter(Boolean)
            .join('\n') || undefined,
      };
    }
    case 'purchase': {
      const r = item.row;
      return {
        title: t('timeline.purchase', { amount: formatMoney(r.amountMinor, r.currency) }),
        body: `${r.product}${r.quantity !== 1 ? ` × ${formatNumber(r.quantity)}` : ''}`,
      };
    }
  }
}

/** Notes, interactions, feedback and purchases in one list, newest first. */
export function TimelineSection({
  timeline,
  onMore,
}: {
  timeline: Timeline | undefined;
  onMore: () => void;
}) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  return (
    <Section below id="card-timeline" title={t('card.section.timeline')}>
      {timeline === undefined ? null : timeline.items.length === 0 ? (
        <EmptyNote>{t('card.noTimeline')}</EmptyNote>
      ) : (
        <>
          <ol className="space-y-2" data-testid="timeline">
            {timeline.items.map((item) => {
              const { title, body } = describe(item, i18n);
              return (
                <li key={`${item.kind}:${item.id}`} className="flex gap-2 text-sm" data-kind={item.kind}>
                  <span aria-hidden="true">{ICON[item.kind]}</span>
                  <div className="min-w-0">
                    <p className="font-medium">{title}</p>
                    {body && (
                      <p className="whitespace-pre-line break-words text-slate-700 dark:text-slate-300">
                        {body}
                      </p>
                    )}
                    <p className="text-xs text-slate-600 dark:text-slate-400">
                      <time dateTime={new Date(item.at).toISOString()}>{formatDateTime(item.at)}</time>
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
          {timeline.more && (
            <button
              type="button"
              onClick={onMore}
              className="mt-2 text-xs text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
            >
              {t('card.showOlder')}
            </button>
          )}
        </>
      )}
    </Section>
  );
}

/** A stored JSON value as short text; a contact id (the referrer) as that contact's name. */
function valueText(json: string, i18n: I18n, names?: ReadonlyMap<string, string>): string {
  try {
    const value = JSON.parse(json) as unknown;
    if (value === null || value === '') return i18n.t('history.empty');
    if (typeof value === 'string') return names?.get(value) ?? value;
    if (Array.isArray(value))
      return (
        value
          .map((v) =>
            typeof v === 'object' && v !== null
              ? ((v as { address?: string; raw?: string }).address ??
                (v as { raw?: string }).raw ??
                JSON.stringify(v))
              : String(v),
          )
          .join(', ') || i18n.t('history.empty')
      );
    if (typeof value === 'object') {
      const reason = (value as { reason?: unknown }).reason;
      if (typeof reason === 'string') return reason;
      return Object.values(value as Record<string, unknown>)
        .filter((v) => v !== undefined && v !== '')
        .join(', ');
    }
    return String(value);
  } catch {
    return json;
  }
}

/** Every replaced value of the contact's fields: what it was, what it became, when and why. */
export function HistorySection({ history }: { history: HistoryRow[] | undefined }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  // Fields that hold a contact id (who referred the customer) show the contact's name.
  const ids = contactIdsIn(history ?? []);
  const names = useLiveQuery(() => contactNames(ids), [ids.join(',')]);
  return (
    <Section below id="card-history" title={t('card.section.history')}>
      {history === undefined ? null : history.length === 0 ? (
        <EmptyNote>{t('card.noHistory')}</EmptyNote>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="field-history">
          {history.slice(0, 30).map((h) => (
            <li key={h.seq}>
              <span className="font-medium">{t('label.colon', { label: fieldLabel(h.field, i18n) })}</span>
              {i18n.locale === 'zh-CN' ? '' : ' '}
              <span className="text-slate-600 line-through dark:text-slate-400">
                {valueText(h.oldValue, i18n, names)}
              </span>{' '}
              → <span>{valueText(h.newValue, i18n, names)}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                {formatDateTime(h.at)} · {t(`history.cause.${h.cause}` as MessageKey)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
