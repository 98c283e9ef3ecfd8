import type { Purchase } from '@keepcard/shared';
import { useState } from 'react';
import { totalsPerYear } from '../../db/queries/card-queries';
import { EmptyNote, Section } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** Totals per year (per currency, never mixed) and the purchases themselves, newest first. */
export function PurchasesSection({ purchases }: { purchases: Purchase[] | undefined }) {
  const { t, formatMoney, formatDate, formatNumber } = useI18n();
  const [all, setAll] = useState(false);
  if (purchases === undefined)
    return (
      <Section below id="card-purchases" title={t('card.section.purchases')}>
        {null}
      </Section>
    );
  const periods = totalsPerYear(purchases);
  const shown = all ? purchases : purchases.slice(0, 5);
  return (
    <Section below id="card-purchases" title={t('card.section.purchases')}>
      {purchases.length === 0 ? (
        <EmptyNote>{t('card.noPurchases')}</EmptyNote>
      ) : (
        <>
          <table className="w-full text-sm" data-testid="purchase-totals">
            <caption className="sr-only">{t('card.totalsCaption')}</caption>
            <thead>
              <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
                <th scope="col" className="font-medium">
                  {t('card.year')}
                </th>
                <th scope="col" className="font-medium">
                  {t('card.purchaseCount')}
                </th>
                <th scope="col" className="text-right font-medium">
                  {t('card.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.year} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-0.5 text-left font-normal">
                    {p.year}
                  </th>
                  <td>{formatNumber(p.count)}</td>
                  <td className="text-right font-medium">
                    {p.totals.map((x) => formatMoney(x.minor, x.currency)).join(' + ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="mt-2 space-y-0.5 text-sm" data-testid="purchase-list">
            {shown.map((p) => (
              <li key={p.id} className="flex justify-between gap-2">
                <span className="truncate">
                  {p.product}
                  {p.quantity !== 1 && (
                    <span className="text-slate-600 dark:text-slate-400"> × {formatNumber(p.quantity)}</span>
                  )}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {formatDate(p.occurredAt)}
                  </span>
                </span>
                <span className={p.amountMinor < 0 ? 'text-red-800 dark:text-red-300' : ''}>
                  {formatMoney(p.amountMinor, p.currency)}
                </span>
              </li>
            ))}
          </ul>
          {purchases.length > 5 && (
            <button
              type="button"
              onClick={() => setAll(!all)}
              className="mt-1 text-xs text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
            >
              {all ? t('card.showFewer') : t('card.showAllPurchases', { count: purchases.length })}
            </button>
          )}
        </>
      )}
    </Section>
  );
}
