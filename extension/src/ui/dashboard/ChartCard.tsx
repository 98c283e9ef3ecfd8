import { type AnchorHTMLAttributes, type ReactNode, useId } from 'react';
import { useI18n } from '../i18n-context';

/**
 * One chart of the dashboard: a titled region whose chart is an image described by its summary for
 * screen readers (`summary` is visible text too), with the data as a table under a disclosure, where
 * every row links to the list behind it. `empty` replaces chart and table when there is no data yet.
 */
export function ChartCard({
  title,
  summary,
  chart,
  table,
  empty,
  notes,
  testId,
  wide,
}: {
  title: string;
  summary?: string;
  chart?: ReactNode;
  table?: ReactNode;
  empty?: string | null;
  notes?: ReactNode;
  testId: string;
  wide?: boolean;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const summaryId = useId();
  return (
    <section
      aria-labelledby={titleId}
      data-testid={testId}
      className={`flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-800 ${wide ? 'lg:col-span-2' : ''}`}
    >
      <h2 id={titleId} className="text-base font-semibold">
        {title}
      </h2>
      {empty ? (
        <p
          className="mt-3 rounded border border-dashed border-slate-300 p-4 text-sm text-slate-700 dark:border-slate-600 dark:text-slate-300"
          data-testid="chart-empty"
        >
          {empty}
        </p>
      ) : (
        <>
          {summary && (
            <p
              id={summaryId}
              className="mt-1 text-sm text-slate-700 dark:text-slate-300"
              data-testid="chart-summary"
            >
              {summary}
            </p>
          )}
          {chart && (
            <figure role="img" aria-labelledby={`${titleId} ${summaryId}`} className="mt-3 h-72 min-w-0">
              {chart}
            </figure>
          )}
          {notes && <div className="mt-2 text-xs text-slate-600 dark:text-slate-400">{notes}</div>}
          {table && (
            <details className="mt-2 text-sm" open={!chart}>
              <summary className="cursor-pointer rounded text-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300">
                {t('dashboard.showTable')}
              </summary>
              <div className="mt-2 overflow-x-auto">{table}</div>
            </details>
          )}
        </>
      )}
    </section>
  );
}

export const tableClass = 'w-full border-collapse text-left text-sm tabular-nums';
export const thClass = 'border-b border-slate-200 px-2 py-1 font-medium dark:border-slate-600';
export const tdClass = 'border-b border-slate-100 px-2 py-1 dark:border-slate-700';
/** A link to a filtered list or a card: opens in a new tab, beside the dashboard. */
export function OpenLink({
  href,
  children,
  ...rest
}: { href: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'target'>) {
  return (
    <a href={href} target="_blank" rel="noopener" className={linkClass} {...rest}>
      {children}
    </a>
  );
}

export const linkClass =
  'text-sky-800 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300 dark:decoration-sky-700';
