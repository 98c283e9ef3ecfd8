import { useId, useState } from 'react';
import type { StoredReason } from '../../db/score-detail';
import type { ContactScores } from '../../db/score-pages';
import type { MessageKey } from '../../i18n';
import { isTranslatedReason, reasonText } from '../common/reason-text';
import { Badge, badgeClass, type Tone } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

export const TIER_TONE: Record<string, Tone> = { A: 'green', B: 'sky', C: 'slate', prospect: 'violet' };
export const LIFECYCLE_TONE: Record<string, Tone> = {
  prospect: 'violet',
  new: 'sky',
  repeat: 'sky',
  loyal: 'green',
  'at-risk': 'amber',
  churned: 'red',
  lost: 'red',
};
export const CHURN_TONE: Record<string, Tone> = { low: 'green', medium: 'amber', high: 'red' };

interface BadgeSpec {
  key: 'tier' | 'lifecycle' | 'churn';
  label: string;
  tone: Tone;
  title: string;
  reasons: StoredReason[];
}

/**
 * Value tier, lifecycle stage and churn risk, each a button that opens the reasons behind it
 * (rendered from reason codes in the UI's language). Without stored scores: "not scored yet".
 */
export function ScoreBadges({ score }: { score: ContactScores | null | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState<BadgeSpec['key'] | null>(null);
  const panelId = useId();
  if (score === undefined) return <div className="h-6" aria-hidden="true" />;
  if (score === null) {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-2" data-testid="score-badges">
        <Badge tone="slate">{t('score.notScored')}</Badge>
        <span className="text-xs text-slate-600 dark:text-slate-400">{t('score.notScoredHint')}</span>
      </div>
    );
  }
  const d = score.detail;
  const currency = d.currency;
  const badges: BadgeSpec[] = [
    {
      key: 'tier',
      label: t(`tier.${d.valueTier.tier}` as MessageKey),
      tone: TIER_TONE[d.valueTier.tier] ?? 'slate',
      title: t('score.tier'),
      reasons: d.valueTier.reasons,
    },
    {
      key: 'lifecycle',
      label: t(`lifecycle.${d.lifecycle.stage}` as MessageKey),
      tone: LIFECYCLE_TONE[d.lifecycle.stage] ?? 'slate',
      title: t('score.lifecycle'),
      reasons: d.lifecycle.reasons,
    },
    {
      key: 'churn',
      label: t('churn.badge', {
        level: t(`churn.level.${d.churnRisk.level}` as MessageKey),
        percent: d.churnRisk.percent,
      }),
      tone: CHURN_TONE[d.churnRisk.level] ?? 'slate',
      title: t('score.churn'),
      reasons: d.churnRisk.reasons,
    },
  ];
  const shown = badges.find((b) => b.key === open);
  return (
    <div className="mt-2" data-testid="score-badges">
      <div className="flex flex-wrap gap-1.5">
        {badges.map((b) => (
          <button
            key={b.key}
            type="button"
            aria-expanded={open === b.key}
            aria-controls={panelId}
            title={b.title}
            onClick={() => setOpen(open === b.key ? null : b.key)}
            className={`${badgeClass(b.tone)} cursor-pointer focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500`}
          >
            <span className="sr-only">{t('label.colon', { label: b.title })} </span>
            {b.label}
            <span aria-hidden="true">{open === b.key ? '▴' : '▾'}</span>
          </button>
        ))}
      </div>
      {shown && (
        <section
          id={panelId}
          aria-label={t('score.reasonsOf', { score: shown.title })}
          className="mt-2 rounded border border-slate-200 bg-slate-50 p-2 text-sm dark:border-slate-700 dark:bg-slate-800"
        >
          <p className="mb-1 text-xs font-semibold text-slate-700 dark:text-slate-200">
            {t('score.why', { value: shown.label })}
          </p>
          <ul className="list-disc space-y-0.5 pl-4" data-testid="score-reasons">
            {shown.reasons.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id; order is stable.
              <li key={i} data-untranslated={isTranslatedReason(r) ? undefined : r.code}>
                {reasonText(r, i18n, currency)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <dl className="mt-2 grid grid-cols-4 gap-1 text-center text-xs">
        {(
          [
            ['score.rfm.r', d.rfm.recency],
            ['score.rfm.f', d.rfm.frequency],
            ['score.rfm.m', d.rfm.monetary],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="rounded bg-slate-100 px-1 py-0.5 dark:bg-slate-800">
            <dt className="text-slate-600 dark:text-slate-400">{t(key)}</dt>
            <dd className="font-semibold">{value ?? '–'}</dd>
          </div>
        ))}
        <div className="rounded bg-slate-100 px-1 py-0.5 dark:bg-slate-800">
          <dt className="text-slate-600 dark:text-slate-400">{t('score.closeness')}</dt>
          <dd className="font-semibold">{t(`closeness.${d.closeness}` as MessageKey)}</dd>
        </div>
      </dl>
    </div>
  );
}
