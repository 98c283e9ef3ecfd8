import { useSyncExternalStore } from 'react';

// Colours of the charts (SVG attributes, which Tailwind's dark: classes cannot reach), light and
// dark, following the browser's colour scheme as the Tailwind classes of the page do.

const query = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/** True while the browser prefers a dark colour scheme; re-renders when it changes. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = query();
      mq?.addEventListener('change', cb);
      return () => mq?.removeEventListener('change', cb);
    },
    () => query()?.matches ?? false,
  );
}

export interface ChartTheme {
  text: string;
  grid: string;
  axis: string;
  tooltipBg: string;
  /** Series colours, distinguishable in both schemes (Okabe-Ito based, colour-blind safe). */
  series: string[];
  primary: string;
  accent: string;
  danger: string;
  muted: string;
}

export function chartTheme(dark: boolean): ChartTheme {
  return dark
    ? {
        text: '#e2e8f0',
        grid: '#334155',
        axis: '#94a3b8',
        tooltipBg: '#1e293b',
        series: ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#cc79a7', '#d55e00', '#0072b2', '#94a3b8'],
        primary: '#38bdf8',
        accent: '#fbbf24',
        danger: '#f87171',
        muted: '#64748b',
      }
    : {
        text: '#1e293b',
        grid: '#e2e8f0',
        axis: '#64748b',
        tooltipBg: '#ffffff',
        series: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8a7a00', '#64748b'],
        primary: '#0369a1',
        accent: '#b45309',
        danger: '#b91c1c',
        muted: '#94a3b8',
      };
}

/** An axis in the theme's colours, small type. */
export const axisProps = (theme: ChartTheme) => ({
  stroke: theme.axis,
  tick: { fill: theme.text, fontSize: 12 },
});

/** A tooltip box in the theme's colours. */
export const tooltipStyle = (theme: ChartTheme) => ({
  background: theme.tooltipBg,
  borderColor: theme.grid,
  color: theme.text,
});
