import type { Period, PeriodUnit } from '@keepcard/shared';
import type { I18n } from '../../i18n';

/** A period as the locale writes it: "Mar 2026" / "2026年3月", "Q1 2026" / "2026年第1季度". */
export function periodLabel(period: Period, unit: PeriodUnit, i18n: I18n): string {
  if (unit === 'quarter')
    return i18n.t('dashboard.period.quarterName', { year: String(period.year), quarter: period.index });
  return new Intl.DateTimeFormat(i18n.locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(period.year, period.index - 1, 1),
  );
}
