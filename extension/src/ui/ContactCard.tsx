import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { getContact } from '../db/contacts-repo';
import { useI18n } from './i18n-context';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
      </dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/**
 * The customer card (客户管理卡). Everything captured is rendered as text by React; links are
 * built only from validated emails (mailto:) and normalised numbers (tel:).
 */
export function ContactCard({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, formatDate } = useI18n();
  const contact = useLiveQuery(async () => (await getContact(id)) ?? null, [id]);

  return (
    <section className="min-h-0 flex-1 overflow-y-auto p-3">
      <button
        type="button"
        onClick={onBack}
        className="mb-2 text-sm text-sky-700 hover:underline focus:outline-none focus:ring-2 focus:ring-sky-300 dark:text-sky-300"
      >
        ← {t('card.back')}
      </button>
      {contact === undefined ? null : contact === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{t('card.notFound')}</p>
      ) : (
        <article aria-labelledby="card-name" data-testid="contact-card">
          <h2 id="card-name" className="text-lg font-semibold">
            {contact.displayName}
          </h2>
          {contact.title && <p className="text-sm text-slate-600 dark:text-slate-300">{contact.title}</p>}
          <dl className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            <Field label={t('card.emails')}>
              {contact.emails.length === 0
                ? t('card.none')
                : contact.emails.map((e) => (
                    <div key={e.address}>
                      <a
                        className="text-sky-700 hover:underline dark:text-sky-300"
                        href={`mailto:${e.address}`}
                      >
                        {e.address}
                      </a>{' '}
                      <span className="text-xs text-slate-500">({t(`email.label.${e.label}`)})</span>
                    </div>
                  ))}
            </Field>
            <Field label={t('card.phones')}>
              {contact.phones.length === 0
                ? t('card.none')
                : contact.phones.map((p) => (
                    <div key={p.number}>
                      {p.number.startsWith('+') ? (
                        <a
                          className="text-sky-700 hover:underline dark:text-sky-300"
                          href={`tel:${p.number}`}
                        >
                          {p.number}
                        </a>
                      ) : (
                        p.raw
                      )}{' '}
                      <span className="text-xs text-slate-500">({t(`phone.label.${p.label}`)})</span>
                    </div>
                  ))}
            </Field>
            {contact.tags.length > 0 && <Field label={t('card.tags')}>{contact.tags.join(', ')}</Field>}
            <Field label={t('card.source')}>
              {t(`source.${contact.source.kind}`)}
              {contact.source.url && (
                <span className="block break-all text-xs text-slate-500">{contact.source.url}</span>
              )}
            </Field>
            <Field label={t('card.created')}>{formatDate(contact.createdAt)}</Field>
          </dl>
        </article>
      )}
    </section>
  );
}
