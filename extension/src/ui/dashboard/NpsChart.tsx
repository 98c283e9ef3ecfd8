import { type NpsPeriod, npsTrend } from '@keepcard/shared';
import { useMemo } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../i18n-context';
import { ChartCard, OpenLink, tableClass, tdClass, thClass } from './ChartCard';
import type { TrendChartProps } from './chart-props';
import { axisProps, tooltipStyle } from './chart-theme';
import { listUrl, openTab } from './open-pages';
import { periodLabel } from './period-label';

/**
 * NPS per period (a line with gaps where nobody answered) over the number of answers (bars); a
 * period opens its detractors, or everyone who answered when nobody was a detractor.
 */
export function NpsChart({ feedback, options, theme }: TrendChartProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const trend = useMemo(() => npsTrend(feedback, options), [feedback, options]);
  const { unit } = options;
  if (trend.answers === 0)
    return <ChartCard testId="chart-nps" title={t('dashboard.nps.title')} empty={t('dashboard.nps.empty')} />;
  const labels = trend.periods.map((p) => periodLabel(p, unit, i18n));
  const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : formatNumber(n));
  const linkOf = (p: NpsPeriod, i: number) =>
    p.detractors > 0
      ? {
          url: listUrl(
            { contactIds: p.detractorIds },
            t('dashboard.link.detractors', { period: labels[i]! }),
          ),
          text: t('dashboard.nps.openDetractors', { count: p.detractors }),
        }
      : p.answers > 0
        ? {
            url: listUrl(
              { contactIds: p.respondentIds },
              t('dashboard.link.respondents', { period: labels[i]! }),
            ),
            text: t('dashboard.nps.openRespondents', { count: p.answers }),
          }
        : null;
  const rows = trend.periods.map((p, i) => ({ label: labels[i]!, nps: p.nps, answers: p.answers }));
  const lastIndex = trend.periods.length - 1;
  const latest = trend.periods[lastIndex]!;
  let lastAnswered = lastIndex;
  while (trend.periods[lastAnswered]!.nps === null) lastAnswered--;
  const summary =
    latest.nps !== null
      ? t('dashboard.nps.summary', {
          nps: signed(latest.nps),
          period: labels[lastIndex]!,
          answers: latest.answers,
          total: trend.answers,
        })
      : t('dashboard.nps.summaryNoLatest', {
          period: labels[lastIndex]!,
          total: trend.answers,
          nps: signed(trend.periods[lastAnswered]!.nps!),
          lastPeriod: labels[lastAnswered]!,
        });
  const open = (index: number) => {
    const link = linkOf(trend.periods[index]!, index);
    if (link) openTab(link.url);
  };
  return (
    <ChartCard
      testId="chart-nps"
      wide
      title={t('dashboard.nps.title')}
      summary={summary}
      notes={t('dashboard.nps.explain')}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
            onClick={(state) => {
              const index = Number(state?.activeTooltipIndex);
              if (Number.isInteger(index) && index >= 0) open(index);
            }}
            style={{ cursor: 'pointer' }}
          >
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...axisProps(theme)} minTickGap={8} />
            <YAxis
              yAxisId="nps"
              domain={[-100, 100]}
              ticks={[-100, -50, 0, 50, 100]}
              {...axisProps(theme)}
              width={44}
            />
            <YAxis
              yAxisId="answers"
              orientation="right"
              allowDecimals={false}
              tickFormatter={(v: number) => formatNumber(v)}
              {...axisProps(theme)}
              width={36}
            />
            <Tooltip
              formatter={(value, name) =>
                value === null || value === undefined
                  ? t('dashboard.nps.noAnswers')
                  : [formatNumber(Number(value)), name]
              }
              contentStyle={tooltipStyle(theme)}
            />
            <Legend wrapperStyle={{ color: theme.text, fontSize: 12 }} />
            <ReferenceLine yAxisId="nps" y={0} stroke={theme.axis} />
            <Bar
              yAxisId="answers"
              dataKey="answers"
              name={t('dashboard.nps.answers')}
              fill={theme.muted}
              fillOpacity={0.45}
              maxBarSize={56}
              isAnimationActive={false}
            />
            <Line
              yAxisId="nps"
              dataKey="nps"
              name={t('dashboard.nps.score')}
              stroke={theme.primary}
              strokeWidth={2.5}
              dot={{ r: 4, fill: theme.primary }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      }
      table={
        <table className={tableClass} data-testid="nps-table">
          <thead>
            <tr>
              <th className={thClass}>{t('dashboard.complaints.period')}</th>
              <th className={`${thClass} text-right`}>{t('dashboard.nps.score')}</th>
              <th className={`${thClass} text-right`}>{t('dashboard.nps.answers')}</th>
              <th className={`${thClass} text-right`}>{t('dashboard.nps.promoters')}</th>
              <th className={`${thClass} text-right`}>{t('dashboard.nps.passives')}</th>
              <th className={`${thClass} text-right`}>{t('dashboard.nps.detractors')}</th>
              <th className={thClass} />
            </tr>
          </thead>
          <tbody>
            {trend.periods.map((p, i) => {
              const link = linkOf(p, i);
              return (
                <tr key={p.key} data-testid={`nps-row-${p.key}`}>
                  <th scope="row" className={`${tdClass} font-normal`}>
                    {labels[i]}
                  </th>
                  <td className={`${tdClass} text-right font-medium`}>
                    {p.nps === null ? t('dashboard.nps.noAnswers') : signed(p.nps)}
                  </td>
                  <td className={`${tdClass} text-right`}>{formatNumber(p.answers)}</td>
                  <td className={`${tdClass} text-right`}>{formatNumber(p.promoters)}</td>
                  <td className={`${tdClass} text-right`}>{formatNumber(p.passives)}</td>
                  <td className={`${tdClass} text-right`}>{formatNumber(p.detractors)}</td>
                  <td className={tdClass}>{link && <OpenLink href={link.url}>{link.text}</OpenLink>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    />
  );
}
