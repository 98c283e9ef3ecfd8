import { complaintTrend } from '@keepcard/shared';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n-context';
import { ChartCard, OpenLink, tableClass, tdClass, thClass } from './ChartCard';
import type { TrendChartProps } from './chart-props';
import { axisProps, tooltipStyle } from './chart-theme';
import { listUrl, openTab } from './open-pages';
import { periodLabel } from './period-label';

/** Categories drawn as stacks; the table lists every category. */
const CHART_CATEGORIES = 7;

/** Complaints per category and period; a stack opens the customers who complained there and then. */
export function ComplaintChart({ feedback, options, theme }: TrendChartProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const trend = useMemo(() => complaintTrend(feedback, options), [feedback, options]);
  const { unit } = options;
  if (trend.total === 0)
    return (
      <ChartCard
        testId="chart-complaints"
        title={t('dashboard.complaints.title')}
        empty={t('dashboard.complaints.empty')}
      />
    );
  const categoryName = (c: string) => c || t('dashboard.complaints.uncategorized');
  const labels = trend.periods.map((p) => periodLabel(p, unit, i18n));
  const shown = trend.categories.slice(0, CHART_CATEGORIES);
  // Stacks are keyed c0, c1…: a category's own text may hold dots, which recharts reads as paths.
  const rows = trend.periods.map((p, i) => {
    const row: Record<string, string | number> = { label: labels[i]! };
    shown.forEach((c, k) => {
      row[`c${k}`] = p.counts[c] ?? 0;
    });
    return row;
  });
  const urlOf = (periodIndex: number, category: string) =>
    listUrl(
      { contactIds: trend.periods[periodIndex]!.contactIds[category] ?? [] },
      t('dashboard.link.complaints', { category: categoryName(category), period: labels[periodIndex]! }),
    );
  // Categories come most complained about first.
  const top = trend.categories[0]!;
  const totalOf = (c: string) => trend.periods.reduce((s, p) => s + (p.counts[c] ?? 0), 0);
  return (
    <ChartCard
      testId="chart-complaints"
      wide
      title={t('dashboard.complaints.title')}
      summary={t('dashboard.complaints.summary', {
        total: trend.total,
        from: labels[0]!,
        to: labels.at(-1)!,
        top: categoryName(top),
        topCount: formatNumber(totalOf(top)),
      })}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...axisProps(theme)} minTickGap={8} />
            <YAxis
              allowDecimals={false}
              tickFormatter={(v: number) => formatNumber(v)}
              {...axisProps(theme)}
              width={36}
            />
            <Tooltip
              cursor={{ fill: theme.grid, opacity: 0.4 }}
              formatter={(value) => formatNumber(Number(value))}
              contentStyle={tooltipStyle(theme)}
            />
            <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
            {shown.map((c, k) => (
              <Bar
                key={c}
                dataKey={`c${k}`}
                name={categoryName(c)}
                stackId="complaints"
                maxBarSize={56}
                fill={theme.series[k % theme.series.length]!}
                isAnimationActive={false}
                style={{ cursor: 'pointer' }}
                onClick={(_, index) => {
                  if ((trend.periods[index]!.counts[c] ?? 0) > 0) openTab(urlOf(index, c));
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      notes={
        trend.categories.length > CHART_CATEGORIES
          ? t('dashboard.complaints.hiddenCategories', {
              shown: CHART_CATEGORIES,
              total: trend.categories.length,
            })
          : undefined
      }
      table={
        <table className={tableClass} data-testid="complaint-table">
          <thead>
            <tr>
              <th className={thClass}>{t('dashboard.complaints.period')}</th>
              {trend.categories.map((c) => (
                <th key={c} className={`${thClass} text-right`}>
                  {categoryName(c)}
                </th>
              ))}
              <th className={`${thClass} text-right`}>{t('dashboard.complaints.total')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.periods.map((p, i) => (
              <tr key={p.key}>
                <th scope="row" className={`${tdClass} font-normal`}>
                  {labels[i]}
                </th>
                {trend.categories.map((c) => {
                  const n = p.counts[c] ?? 0;
                  return (
                    <td key={c} className={`${tdClass} text-right`}>
                      {n === 0 ? (
                        formatNumber(0)
                      ) : (
                        <OpenLink
                          href={urlOf(i, c)}
                          aria-label={t('dashboard.complaints.cellLink', {
                            count: formatNumber(n),
                            category: categoryName(c),
                            period: labels[i]!,
                          })}
                        >
                          {formatNumber(n)}
                        </OpenLink>
                      )}
                    </td>
                  );
                })}
                <td className={`${tdClass} text-right font-medium`}>{formatNumber(p.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
