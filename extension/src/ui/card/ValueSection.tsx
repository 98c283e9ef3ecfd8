import type { ContactScores } from '../../db/score-pages';
import { daysFrom } from '../../i18n';
import { EmptyNote, Section } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** Lifetime value, expected next purchase and revenue in the scoring window. */
export function ValueSection({ score, now }: { score: ContactScores | null | undefined; now: number }) {
  const { t, formatMoney, formatDate, formatRelativeDays, formatNumber } = useI18n();
  return (
    <Section id="card-value" title={t('card.section.value')}>
      {score === undefined ? null : score === null ? (
        <EmptyNote>{t('score.notScoredHint')}</EmptyNote>
      ) : (
        <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="card-value">
          <div className="rounded bg-slate-50 p-2 dark:bg-slate-800">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{t('card.ltv')}</dt>
            <dd className="text-base font-semibold" data-testid="ltv">
              {formatMoney(score.detail.lifetimeValue.valueMinor, score.detail.lifetimeValue.currency)}
            </dd>
            <dd className="text-xs text-slate-600 dark:text-slate-400">
              {t('card.ltvHorizon', {
                days: score.detail.lifetimeValue.horizonDays,
                purchases: formatNumber(Math.round(score.detail.lifetimeValue.expectedPurchases * 10) / 10),
              })}
            </dd>
          </div>
          <div className="rounded bg-slate-50 p-2 dark:bg-slate-800">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{t('card.nextPurchase')}</dt>
            <dd className="text-base font-semibold">
              {score.detail.lifetimeValue.nextPurchaseAt === null
                ? t('card.nextPurchaseNone')
                : formatDate(score.detail.lifetimeValue.nextPurchaseAt)}
            </dd>
            {score.detail.lifetimeValue.nextPurchaseAt !== null && (
              <dd className="text-xs text-slate-600 dark:text-slate-400">
                {formatRelativeDays(daysFrom(now, score.detail.lifetimeValue.nextPurchaseAt))}
              </dd>
            )}
          </div>
          <div className="col-span-2 text-xs text-slate-600 dark:text-slate-400">
            {t('card.revenueWindow', {
              amount: formatMoney(score.detail.valueTier.revenueMinor, score.detail.valueTier.currency),
              days: score.detail.valueTier.windowDays,
            })}{' '}
            · {t('card.scoredAt', { date: formatDate(score.scoredAt) })}
          </div>
        </dl>
      )}
    </Section>
  );
}
