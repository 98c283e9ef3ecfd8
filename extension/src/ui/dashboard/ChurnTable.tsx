import { churnExposure, type InsightCustomer } from '@keepcard/shared';
import { useMemo } from 'react';
import { useI18n } from '../i18n-context';
import { ChartCard, OpenLink, tableClass, tdClass, thClass } from './ChartCard';
import { listUrl, panelUrl } from './open-pages';

const SHOWN = 15;

/** The customers at risk with their expected revenue at risk; a name opens the card. */
export function ChurnTable({
  entries,
  windowDays,
}: {
  entries: readonly InsightCustomer[];
  windowDays: number;
}) {
  const i18n = useI18n();
  const { t, formatMoney, formatPercent, formatDate } = i18n;
  const data = useMemo(() => churnExposure(entries, SHOWN), [entries]);
  const currency = data.currency ?? 'CNY';
  const allUrl = listUrl({ view: 'at-risk-this-week' }, t('dashboard.link.atRisk'));
  return (
    <ChartCard
      testId="chart-churn"
      title={t('dashboard.churn.title')}
      empty={data.customers === 0 ? t('dashboard.churn.none') : null}
      summary={t('dashboard.churn.summary', {
        customers: data.customers,
        total: formatMoney(data.totalAtRiskMinor, currency),
      })}
      notes={
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <span>{t('dashboard.churn.formula', { days: windowDays })}</span>
          {data.customers > data.top.length && (
            <span>{t('dashboard.churn.more', { shown: data.top.length, total: data.customers })}</span>
          )}
          <OpenLink href={allUrl} data-testid="churn-open-all">
            {t('dashboard.churn.openAll')}
          </OpenLink>
        </div>
      }
      table={
        <table className={tableClass} data-testid="churn-table">
          <thead>
            <tr>
              <th className={thClass}>{t('dashboard.churn.customer')}</th>
              <th className={`${thClass} text-right`}>{t('dashboard.churn.risk')}</th>
              <th className={`${thClass} text-right`}>
                {t('dashboard.churn.revenue', { days: windowDays })}
              </th>
              <th className={`${thClass} text-right`}>{t('dashboard.churn.atRisk')}</th>
              <th className={thClass}>{t('dashboard.churn.lastPurchase')}</th>
            </tr>
          </thead>
          <tbody>
            {data.top.map((r) => (
              <tr key={r.id} data-testid="churn-row">
                <td className={tdClass}>
                  <OpenLink href={panelUrl(`#/c/${r.id}`)}>{r.displayName}</OpenLink>
                </td>
                <td className={`${tdClass} text-right`}>{formatPercent(r.churnRisk)}</td>
                <td className={`${tdClass} text-right`}>{formatMoney(r.revenueInWindowMinor, currency)}</td>
                <td className={`${tdClass} text-right font-medium`}>
                  {formatMoney(r.revenueAtRiskMinor, currency)}
                </td>
                <td className={tdClass}>{r.lastPurchaseAt === null ? '–' : formatDate(r.lastPurchaseAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
