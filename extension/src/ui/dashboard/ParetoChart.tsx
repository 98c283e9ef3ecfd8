import { revenueConcentration } from '@keepcard/shared';
import { useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../i18n-context';
import { ChartCard, OpenLink, tableClass, tdClass, thClass } from './ChartCard';
import type { CustomerChartProps } from './chart-props';
import { axisProps, tooltipStyle } from './chart-theme';
import { listUrl, openTab } from './open-pages';

const DECILES = [0.1, 0.2, 0.3, 0.5, 0.8, 1];

/** The Pareto curve of revenue with the core-customer (tier A) line; a click opens tier A. */
export function ParetoChart({ entries, windowDays, theme }: CustomerChartProps) {
  const i18n = useI18n();
  const { t, formatPercent, formatMoney } = i18n;
  const data = useMemo(() => revenueConcentration(entries), [entries]);
  const coreUrl = listUrl({ tiers: ['A'] }, t('dashboard.link.tier', { tier: t('tier.A') }));
  if (data.customers === 0 || !data.currency)
    return (
      <ChartCard
        testId="chart-pareto"
        title={t('dashboard.pareto.title')}
        empty={t('dashboard.pareto.empty', { days: windowDays })}
      />
    );
  const { core } = data;
  // Revenue share reached by the top x% of customers, read off the (monotone) curve.
  const shareAt = (x: number) => {
    const points = data.points;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      if (b.customerShare >= x)
        return (
          a.revenueShare +
          ((b.revenueShare - a.revenueShare) * (x - a.customerShare)) /
            (b.customerShare - a.customerShare || 1)
        );
    }
    return 1;
  };
  const chartData = data.points.map((p) => ({ ...p, equal: p.customerShare }));
  const pct = (v: number) => formatPercent(v);
  return (
    <ChartCard
      testId="chart-pareto"
      title={t('dashboard.pareto.title')}
      summary={t('dashboard.pareto.summary', {
        customerShare: formatPercent(core.customerShare),
        core: core.customers,
        revenueShare: formatPercent(core.revenueShare),
        days: windowDays,
        total: formatMoney(data.totalRevenueMinor, data.currency),
        customers: data.customers,
      })}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={chartData}
            margin={{ top: 16, right: 24, bottom: 24, left: 8 }}
            onClick={() => openTab(coreUrl)}
            style={{ cursor: 'pointer' }}
          >
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
            <XAxis
              dataKey="customerShare"
              type="number"
              domain={[0, 1]}
              ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
              tickFormatter={pct}
              {...axisProps(theme)}
              label={{
                value: t('dashboard.pareto.x'),
                position: 'insideBottom',
                offset: -12,
                fill: theme.text,
                fontSize: 12,
              }}
            />
            <YAxis
              type="number"
              domain={[0, 1]}
              ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
              tickFormatter={pct}
              {...axisProps(theme)}
              width={48}
            />
            <Tooltip
              formatter={(value) => pct(Number(value))}
              labelFormatter={(label) => `${t('dashboard.pareto.x')}: ${pct(Number(label))}`}
              contentStyle={tooltipStyle(theme)}
            />
            <Line
              dataKey="equal"
              name={t('dashboard.pareto.equal')}
              stroke={theme.muted}
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="revenueShare"
              name={t('dashboard.pareto.curve')}
              stroke={theme.primary}
              strokeWidth={2.5}
              dot={false}
              isAnimationActive={false}
            />
            <ReferenceLine
              y={0.8}
              stroke={theme.accent}
              strokeDasharray="6 3"
              label={{
                value: t('dashboard.pareto.eighty'),
                position: 'insideBottom',
                fill: theme.accent,
                fontSize: 12,
              }}
            />
            <ReferenceLine
              x={core.customerShare}
              stroke={theme.danger}
              strokeWidth={1.5}
              label={{
                value: t('dashboard.pareto.coreLine'),
                position: 'insideBottomLeft',
                fill: theme.danger,
                fontSize: 12,
              }}
            />
            <ReferenceDot
              x={core.customerShare}
              y={core.revenueShare}
              r={5}
              fill={theme.danger}
              stroke="none"
            />
          </LineChart>
        </ResponsiveContainer>
      }
      notes={
        <OpenLink href={coreUrl} data-testid="pareto-core-link">
          {t('dashboard.pareto.openCore')}
        </OpenLink>
      }
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>{t('dashboard.pareto.tableCustomers')}</th>
              <th className={thClass}>{t('dashboard.pareto.tableRevenue')}</th>
            </tr>
          </thead>
          <tbody>
            {DECILES.map((x) => (
              <tr key={x}>
                <td className={tdClass}>{formatPercent(x)}</td>
                <td className={tdClass}>{formatPercent(shareAt(x))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
