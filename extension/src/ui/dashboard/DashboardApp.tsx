import type { PeriodUnit } from '@keepcard/shared';
import { useMemo, useState } from 'react';
import type { UiLanguage } from '../../db/ui-settings-repo';
import { errorLines } from '../common/error-text';
import { Alert, buttonClass, primaryButtonClass } from '../common/ui-kit';
import { I18nContext } from '../i18n-context';
import { useUiLanguage } from '../use-ui-language';
import { ChurnTable } from './ChurnTable';
import { ComplaintChart } from './ComplaintChart';
import { chartTheme, usePrefersDark } from './chart-theme';
import { LifecycleChart } from './LifecycleChart';
import { NpsChart } from './NpsChart';
import { openTab, panelUrl } from './open-pages';
import { ParetoChart } from './ParetoChart';
import { TierChart } from './TierChart';
import { useDashboardData } from './use-dashboard-data';

/** Periods shown at most: two years of months, or of quarters. */
const MAX_PERIODS: Record<PeriodUnit, number> = { month: 24, quarter: 8 };

/**
 * The dashboard page: revenue concentration, tiers, lifecycle, churn risk, complaints and NPS, each
 * linking to the customer list behind it. Same language setting, Tailwind styles and dark mode as the
 * side panel.
 */
export function DashboardApp({ initialLanguage = 'auto' }: { initialLanguage?: UiLanguage }) {
  const { i18n } = useUiLanguage(initialLanguage, 'dashboard.title');
  const { t, formatDateTime } = i18n;
  const [unit, setUnit] = useState<PeriodUnit>('month');
  // The page's "now", fixed while it is open: periods and trends do not shift under the reader.
  const [now] = useState(() => Date.now());
  const trendOptions = useMemo(
    () => ({
      unit,
      now,
      utcOffsetMinutes: -new Date(now).getTimezoneOffset(),
      maxPeriods: MAX_PERIODS[unit],
    }),
    [unit, now],
  );
  const data = useDashboardData();
  const dark = usePrefersDark();
  const theme = chartTheme(dark);

  const unscored = data.entries.filter((e) => !e.scores).length;
  let body: React.ReactNode;
  if (data.loadError) {
    body = (
      <Alert>{t('dashboard.loadFailed', { message: errorLines(data.loadError, i18n)[0]?.text ?? '' })}</Alert>
    );
  } else if (!data.ready) {
    body = (
      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {t('dashboard.loading')}
      </p>
    );
  } else if (data.entries.length === 0) {
    body = (
      <div
        className="mx-auto max-w-xl rounded-lg border border-dashed border-slate-300 p-6 text-center dark:border-slate-600"
        data-testid="dashboard-empty"
      >
        <h2 className="text-lg font-semibold">{t('dashboard.empty.title')}</h2>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t('dashboard.empty.body')}</p>
        <button
          type="button"
          className={`${primaryButtonClass} mt-4`}
          onClick={() => openTab(panelUrl('#/settings'))}
        >
          {t('dashboard.empty.demo')}
        </button>
      </div>
    );
  } else {
    const trendProps = { feedback: data.feedback, options: trendOptions, theme };
    body = (
      <>
        {(unscored > 0 || data.scoredAt === null) && (
          <p className="mb-3 text-sm text-amber-900 dark:text-amber-200" role="note">
            {t('dashboard.unscored', { count: unscored })}
          </p>
        )}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <ParetoChart entries={data.entries} windowDays={data.windowDays} theme={theme} />
          <TierChart entries={data.entries} windowDays={data.windowDays} theme={theme} />
          <LifecycleChart entries={data.entries} theme={theme} />
          <ChurnTable entries={data.entries} windowDays={data.windowDays} />
          <ComplaintChart {...trendProps} />
          <NpsChart {...trendProps} />
        </div>
      </>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-900 dark:text-slate-100">
        <header className="border-b border-slate-200 bg-white px-6 py-3 dark:border-slate-700 dark:bg-slate-800">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3">
            <div className="min-w-0 flex-1">
              <h1 className="text-xl font-semibold">{t('dashboard.title')}</h1>
              {data.ready && data.entries.length > 0 && (
                <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="dashboard-subtitle">
                  {data.scoredAt === null
                    ? t('dashboard.subtitle.unscored', { customers: data.entries.length })
                    : t('dashboard.subtitle', {
                        customers: data.entries.length,
                        date: formatDateTime(data.scoredAt),
                      })}
                </p>
              )}
            </div>
            {data.ready && data.entries.length > 0 && (
              <fieldset className="flex items-center gap-1 text-sm">
                <legend className="sr-only">{t('dashboard.period.label')}</legend>
                {(['month', 'quarter'] as const).map((u) => (
                  <button
                    key={u}
                    type="button"
                    aria-pressed={unit === u}
                    onClick={() => setUnit(u)}
                    className={`${buttonClass} ${unit === u ? 'bg-slate-200 font-medium dark:bg-slate-600' : ''}`}
                  >
                    {t(u === 'month' ? 'dashboard.period.month' : 'dashboard.period.quarter')}
                  </button>
                ))}
              </fieldset>
            )}
            <a href={panelUrl('#/')} target="_blank" rel="noopener" className={buttonClass}>
              {t('dashboard.openList')}
            </a>
          </div>
        </header>
        <main className="mx-auto max-w-7xl p-6" aria-busy={!data.ready}>
          {body}
        </main>
      </div>
    </I18nContext.Provider>
  );
}
