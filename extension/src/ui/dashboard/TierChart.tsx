import { type TierName, tierDistribution } from '@keepcard/shared';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../i18n-context';
import { ChartCard, OpenLink, tableClass, tdClass, thClass } from './ChartCard';
import type { CustomerChartProps } from './chart-props';
import { axisProps, tooltipStyle } from './chart-theme';
import { listUrl, openTab } from './open-pages';

/** Customers per value tier; a bar opens the list filtered to that tier. */
export function TierChart({ entries, windowDays, theme }: CustomerChartProps) {
  const i18n = useI18n();
  const { t, formatNumber, formatPercent, formatMoney } = i18n;
  const data = useMemo(() => tierDistribution(entries), [entries]);
  const name = (tier: TierName) => t(`tier.${tier}` as MessageKey);
  const urlOf = (tier: TierName) =>
    listUrl({ tiers: [tier] }, t('dashboard.link.tier', { tier: name(tier) }));
  const rows = data.tiers.map((s) => ({ ...s, name: name(s.tier) }));
  const n = (tier: TierName) => data.tiers.find((s) => s.tier === tier)?.customers ?? 0;
  return (
    <ChartCard
      testId="chart-tiers"
      title={t('dashboard.tiers.title')}
      summary={t('dashboard.tiers.summary', {
        a: formatNumber(n('A')),
        b: formatNumber(n('B')),
        c: formatNumber(n('C')),
        prospects: n('prospect'),
      })}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" {...axisProps(theme)} />
            <YAxis
              allowDecimals={false}
              tickFormatter={(v: number) => formatNumber(v)}
              {...axisProps(theme)}
              width={40}
            />
            <Tooltip
              cursor={{ fill: theme.grid, opacity: 0.4 }}
              formatter={(value) => [formatNumber(Number(value)), t('dashboard.tiers.customers')]}
              contentStyle={tooltipStyle(theme)}
            />
            <Bar
              dataKey="customers"
              name={t('dashboard.tiers.customers')}
              isAnimationActive={false}
              onClick={(_, index) => openTab(urlOf(rows[index]!.tier))}
              style={{ cursor: 'pointer' }}
              label={{
                position: 'top',
                fill: theme.text,
                fontSize: 12,
                formatter: (v: unknown) => formatNumber(Number(v)),
              }}
            >
              {rows.map((r, i) => (
                <Cell key={r.tier} fill={theme.series[i]!} data-testid={`tier-bar-${r.tier}`} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className={tableClass} data-testid="tier-table">
          <thead>
            <tr>
              <th className={thClass}>{t('dashboard.tiers.tier')}</th>
              <th className={thClass}>{t('dashboard.tiers.customers')}</th>
              <th className={thClass}>{t('dashboard.tiers.share')}</th>
              <th className={thClass}>{t('dashboard.tiers.revenue', { days: windowDays })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.tier} data-testid={`tier-row-${r.tier}`}>
                <td className={tdClass}>
                  <OpenLink href={urlOf(r.tier)} title={t('dashboard.opensList')}>
                    {r.name}
                  </OpenLink>
                </td>
                <td className={tdClass}>{formatNumber(r.customers)}</td>
                <td className={tdClass}>{formatPercent(r.share)}</td>
                <td className={tdClass}>
                  {data.currency ? formatMoney(r.revenueMinor, data.currency) : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
