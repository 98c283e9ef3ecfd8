import type { InsightCustomer, TrendFeedback, TrendOptions } from '@keepcard/shared';
import type { ChartTheme } from './chart-theme';

/** The props of the charts drawn from the customers' stored scores. */
export interface CustomerChartProps {
  entries: readonly InsightCustomer[];
  /** The scoring's tier window, days (revenue is counted over it). */
  windowDays: number;
  theme: ChartTheme;
}

/** The props of the charts over time, drawn from feedback rows. */
export interface TrendChartProps {
  feedback: readonly TrendFeedback[];
  options: TrendOptions;
  theme: ChartTheme;
}
