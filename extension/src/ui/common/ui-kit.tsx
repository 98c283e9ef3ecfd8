import type { ReactNode } from 'react';

// Small shared pieces of the panel's look. Colours keep a 4.5:1 contrast in light and dark mode.

export const buttonClass =
  'inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';
export const primaryButtonClass =
  'inline-flex items-center gap-1 rounded bg-sky-700 px-2 py-1 text-sm font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:ring-offset-1 disabled:opacity-50 dark:bg-sky-600 dark:hover:bg-sky-500';
export const inputClass =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-200 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:focus:ring-sky-800';
export const labelClass = 'mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-300';
export const mutedClass = 'text-slate-600 dark:text-slate-300';

export type Tone = 'green' | 'amber' | 'red' | 'sky' | 'slate' | 'violet';

const TONES: Record<Tone, string> = {
  green:
    'bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800',
  amber:
    'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  red: 'bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  sky: 'bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
  slate:
    'bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
  violet:
    'bg-violet-100 text-violet-900 ring-violet-300 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800',
};

export function badgeClass(tone: Tone): string {
  return `inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`;
}

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={badgeClass(tone)}>{children}</span>;
}

/** A titled part of the card; `id` labels the region for screen readers. */
export function Section({
  id,
  title,
  actions,
  below,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  /**
   * Usually below the first screen (a card's purchases, timeline, history): the browser lays it out
   * and paints it only when it scrolls near (content-visibility), so a long timeline does not delay
   * the first screen. It stays in the page, the accessibility tree and find-in-page.
   */
  below?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={`border-t border-slate-200 py-3 dark:border-slate-700${
        below ? ' [contain-intrinsic-size:auto_320px] [content-visibility:auto]' : ''
      }`}
    >
      <div className="mb-1.5 flex items-center justify-between gap-2">
        <h3
          id={id}
          className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
        >
          {title}
        </h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600 italic dark:text-slate-400">{children}</p>;
}

export function Alert({ children, tone = 'red' }: { children: ReactNode; tone?: 'red' | 'green' }) {
  const cls =
    tone === 'red'
      ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100'
      : 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100';
  return (
    <div role={tone === 'red' ? 'alert' : 'status'} className={`rounded border p-2 text-sm ${cls}`}>
      {children}
    </div>
  );
}

/** Placeholder blocks while a part loads: the layout does not jump when it arrives. */
export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div aria-hidden="true" className="animate-pulse space-y-2">
      {Array.from({ length: lines }, (_, i) => `skeleton-${i}`).map((key, i) => (
        <div
          key={key}
          className="h-3 rounded bg-slate-200 dark:bg-slate-700"
          style={{ width: `${90 - i * 15}%` }}
        />
      ))}
    </div>
  );
}
