import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { searchContacts } from '../db/contacts-repo';
import { useI18n } from './i18n-context';

interface Props {
  query: string;
  onQueryChange: (query: string) => void;
  onSelect: (id: string) => void;
}

/** Search box and the matching customers, updated live as the database changes. */
export function ContactList({ query, onQueryChange, onSelect }: Props) {
  const { t } = useI18n();
  const inputId = useId();
  const contacts = useLiveQuery(() => searchContacts(query), [query]);

  return (
    <section className="flex min-h-0 flex-1 flex-col">
      <div className="p-3">
        <label
          htmlFor={inputId}
          className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-300"
        >
          {t('search.label')}
        </label>
        <input
          id={inputId}
          type="search"
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
          placeholder={t('search.placeholder')}
          className="w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-sky-600 focus:ring-2 focus:ring-sky-200 dark:border-slate-600 dark:bg-slate-800 dark:focus:ring-sky-800"
        />
      </div>
      {contacts === undefined ? (
        <p className="px-3 text-sm text-slate-500 dark:text-slate-400">{t('list.loading')}</p>
      ) : contacts.length === 0 ? (
        query.trim() ? (
          <p className="px-3 text-sm text-slate-600 dark:text-slate-300">{t('list.noMatch', { query })}</p>
        ) : (
          <div className="m-3 rounded border border-dashed border-slate-300 p-4 text-center dark:border-slate-600">
            <p className="font-medium">{t('list.empty.title')}</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('list.empty.body')}</p>
          </div>
        )
      ) : (
        <>
          <p className="px-3 pb-1 text-xs text-slate-500 dark:text-slate-400">
            {contacts.length === 1 ? t('list.count.one') : t('list.count.other', { count: contacts.length })}
          </p>
          <ul aria-label={t('list.label')} className="min-h-0 flex-1 overflow-y-auto">
            {contacts.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => onSelect(c.id)}
                  className="block w-full border-b border-slate-100 px-3 py-2 text-left hover:bg-slate-50 focus:bg-sky-50 focus:outline-none dark:border-slate-800 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
                >
                  <span className="block truncate text-sm font-medium">{c.displayName}</span>
                  <span className="block truncate text-xs text-slate-500 dark:text-slate-400">
                    {c.emails[0]?.address ?? c.phones[0]?.number ?? ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
