import { type FunnelStep, type LifecycleStageName, lifecycleFunnel } from '@keepcard/shared';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../i18n-context';
import { ChartCard, OpenLink, tableClass, tdClass, thClass } from './ChartCard';
import type { CustomerChartProps } from './chart-props';
import { axisProps, tooltipStyle } from './chart-theme';
import { listUrl, openTab } from './open-pages';

/** The lifecycle funnel (prospect → loyal) and the leaving stages; a stage opens its list. */
export function LifecycleChart({ entries, theme }: Omit<CustomerChartProps, 'windowDays'>) {
  const i18n = useI18n();
  const { t, formatNumber, formatPercent } = i18n;
  const data = useMemo(() => lifecycleFunnel(entries), [entries]);
  const name = (stage: LifecycleStageName) => t(`lifecycle.${stage}` as MessageKey);
  const urlOf = (stage: LifecycleStageName) =>
    listUrl({ lifecycle: [stage] }, t('dashboard.link.stage', { stage: name(stage) }));
  const rows = [
    ...data.funnel.map((s) => ({ ...s, name: name(s.stage), leaving: false })),
    ...data.leaving.map((s) => ({ ...s, name: name(s.stage), leaving: true })),
  ];
  const count = (stage: LifecycleStageName) => rows.find((r) => r.stage === stage)?.customers ?? 0;
  const tableRows = (steps: readonly FunnelStep[], group: string) => (
    <>
      <tr>
        <th colSpan={4} scope="rowgroup" className={`${thClass} bg-slate-50 dark:bg-slate-900`}>
          {group}
        </th>
      </tr>
      {steps.map((s) => (
        <tr key={s.stage} data-testid={`stage-row-${s.stage}`}>
          <td className={tdClass}>
            <OpenLink href={urlOf(s.stage)} title={t('dashboard.opensList')}>
              {name(s.stage)}
            </OpenLink>
          </td>
          <td className={tdClass}>{formatNumber(s.customers)}</td>
          <td className={tdClass}>{formatPercent(s.share)}</td>
          <td className={tdClass}>{s.conversion === null ? '–' : formatPercent(s.conversion)}</td>
        </tr>
      ))}
    </>
  );
  return (
    <ChartCard
      testId="chart-lifecycle"
      title={t('dashboard.funnel.title')}
      summary={t('dashboard.funnel.summary', {
        prospect: formatNumber(count('prospect')),
        new: formatNumber(count('new')),
        repeat: formatNumber(count('repeat')),
        loyal: formatNumber(count('loyal')),
        leaving: formatNumber(count('at-risk') + count('churned') + count('lost')),
      })}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 40, bottom: 8, left: 8 }}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tickFormatter={(v: number) => formatNumber(v)}
              {...axisProps(theme)}
            />
            <YAxis type="category" dataKey="name" width={96} {...axisProps(theme)} />
            <Tooltip
              cursor={{ fill: theme.grid, opacity: 0.4 }}
              formatter={(value) => [formatNumber(Number(value)), t('dashboard.funnel.customers')]}
              contentStyle={tooltipStyle(theme)}
            />
            <Bar
              dataKey="customers"
              isAnimationActive={false}
              onClick={(_, index) => openTab(urlOf(rows[index]!.stage))}
              style={{ cursor: 'pointer' }}
              label={{
                position: 'right',
                fill: theme.text,
                fontSize: 12,
                formatter: (v: unknown) => formatNumber(Number(v)),
              }}
            >
              {rows.map((r) => (
                <Cell
                  key={r.stage}
                  fill={r.leaving ? theme.danger : theme.primary}
                  data-testid={`stage-bar-${r.stage}`}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>{t('dashboard.funnel.stage')}</th>
              <th className={thClass}>{t('dashboard.funnel.customers')}</th>
              <th className={thClass}>{t('dashboard.tiers.share')}</th>
              <th className={thClass}>{t('dashboard.funnel.conversion')}</th>
            </tr>
          </thead>
          <tbody>
            {tableRows(data.funnel, t('dashboard.funnel.growing'))}
            {tableRows(data.leaving, t('dashboard.funnel.leaving'))}
          </tbody>
        </table>
      }
    />
  );
}
