import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import type { ContactRow } from '../../db/db';
import { findContactsByName, referralDataOf } from '../../db/queries/upkeep-queries';
import { buttonClass, EmptyNote, Section } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { ActionForm, FormField, useFormErrors } from './ActionForm';

// Writes load on demand: the card's first load leaves out the schemas that validate them.
const referrals = () => import('../../db/referral-repo');

const linkClass =
  'text-sky-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300';

/** A link to a customer's card (the panel routes by the hash). */
function CardLink({ id, name }: { id: string; name: string }) {
  return (
    <a href={`#/c/${id}`} className={linkClass}>
      {name}
    </a>
  );
}

/**
 * Referrals (客户推荐): who referred this customer (set by searching for an existing customer), and the
 * customers they referred with their revenue in the workspace currency.
 */
export function ReferralSection({ contact }: { contact: ContactRow }) {
  const { t, formatMoney, formatList, locale } = useI18n();
  // After a full-width colon (推荐人：) no space; after an English one, one.
  const afterColon = locale === 'zh-CN' ? '' : ' ';
  const data = useLiveQuery(() => referralDataOf(contact.id), [contact.id, contact.referredById]);
  const [picking, setPicking] = useState(false);
  const [status, setStatus] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const close = (message?: string) => {
    setPicking(false);
    if (message !== undefined) setStatus(message);
    queueMicrotask(() => toggle.current?.focus());
  };
  return (
    <Section id="card-referrals" title={t('feedback.section.referrals')}>
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="referred-by">
        {data?.referrer ? (
          <span>
            {t('label.colon', { label: t('feedback.referredBy') })}
            {afterColon}
            <CardLink id={data.referrer.id} name={data.referrer.displayName} />
          </span>
        ) : (
          <span className="text-slate-600 italic dark:text-slate-400">{t('feedback.referredByNobody')}</span>
        )}
        <button
          ref={toggle}
          type="button"
          aria-expanded={picking}
          className={`${buttonClass} px-1.5 py-0.5 text-xs`}
          onClick={() => {
            setStatus('');
            setPicking(!picking);
          }}
        >
          {data?.referrer ? t('feedback.changeReferrer') : t('feedback.setReferrer')}
        </button>
      </div>
      <p role="status" className="mt-1 text-xs text-emerald-800 empty:hidden dark:text-emerald-300">
        {status}
      </p>
      {picking && (
        <ReferrerPicker
          contact={contact}
          hasReferrer={Boolean(data?.referrer)}
          cancel={() => close()}
          done={(message) => close(message)}
        />
      )}
      {data && (
        <div className="mt-2 text-sm" data-testid="referred-customers">
          {data.referred.length === 0 ? (
            <EmptyNote>{t('feedback.noReferred')}</EmptyNote>
          ) : (
            <>
              <p className="flex justify-between gap-2 font-medium">
                <span>{t('feedback.referredRevenue')}</span>
                <span data-testid="referred-revenue">{formatMoney(data.totalMinor, data.currency)}</span>
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {t('feedback.referredCustomers', { count: data.referred.length })}
              </p>
              <ul className="mt-1 space-y-0.5">
                {data.referred.map((r) => (
                  <li key={r.id} className="flex justify-between gap-2">
                    <CardLink id={r.id} name={r.displayName} />
                    <span>{formatMoney(r.revenueMinor, data.currency)}</span>
                  </li>
                ))}
              </ul>
              {data.skippedCurrencies.length > 0 && (
                <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">
                  {t('feedback.skippedCurrencies', { currencies: formatList(data.skippedCurrencies) })}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </Section>
  );
}

function ReferrerPicker({
  contact,
  hasReferrer,
  done,
  cancel,
}: {
  contact: ContactRow;
  hasReferrer: boolean;
  done: (message: string) => void;
  cancel: () => void;
}) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const matches = useLiveQuery(() => findContactsByName(query, contact.id), [query, contact.id]);
  const save = async (referrerId: string | null, message: string) => {
    try {
      await (await referrals()).setReferrer(contact.id, referrerId, await writeContext());
      done(message);
    } catch (e) {
      errors.set(e);
    }
  };
  return (
    <ActionForm
      title={hasReferrer ? t('feedback.changeReferrer') : t('feedback.setReferrer')}
      errors={errors.errors}
      onCancel={cancel}
      onSave={async () => {
        if (!chosen)
          return errors.setField(
            'referredById',
            t('validation.field', {
              field: t('feedback.field.referredById'),
              reason: t('validation.required'),
            }),
          );
        await save(chosen, t('feedback.saved.referrer'));
      }}
    >
      <FormField label={t('feedback.searchReferrer')}>
        {(p) => (
          <input
            {...p}
            type="search"
            value={query}
            autoComplete="off"
            onChange={(e) => {
              setQuery(e.target.value);
              setChosen(null);
            }}
          />
        )}
      </FormField>
      {query.trim() && matches !== undefined && (
        <fieldset className="mb-2" data-testid="referrer-matches">
          <legend className="sr-only">{t('feedback.referredBy')}</legend>
          {matches.length === 0 ? (
            <EmptyNote>{t('feedback.noMatches')}</EmptyNote>
          ) : (
            matches.map((m) => (
              <label key={m.id} className="flex items-center gap-2 py-0.5 text-sm">
                <input
                  type="radio"
                  name="referrer"
                  value={m.id}
                  checked={chosen === m.id}
                  aria-label={t('feedback.pickReferrer', { name: m.displayName })}
                  onChange={() => setChosen(m.id)}
                />
                <span>{m.displayName}</span>
              </label>
            ))
          )}
        </fieldset>
      )}
      {hasReferrer && (
        <button
          type="button"
          className={`${buttonClass} mb-2 text-xs`}
          onClick={() => save(null, t('feedback.saved.referrerCleared'))}
        >
          {t('feedback.clearReferrer')}
        </button>
      )}
    </ActionForm>
  );
}
