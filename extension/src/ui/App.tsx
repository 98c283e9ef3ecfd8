import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { type ClipResult, LAST_CLIP_KEY } from '../capture/clip-tab';
import { getDb } from '../db/db';
import { blockedUpgradeMessage, toStorageError } from '../db/storage-errors';
import { createI18n, type Locale } from '../i18n';
import { ClipBanner } from './ClipBanner';
import { ContactCard } from './ContactCard';
import { ContactList } from './ContactList';
import { I18nContext } from './i18n-context';

/** The side panel: search and list of customers, and the customer card of the one picked. */
export function App({ locale }: { locale: Locale }) {
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const { t } = i18n;
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const [openedAt] = useState(() => Date.now());

  useEffect(() => {
    const db = getDb();
    const onBlocked = () => setStorageProblem(blockedUpgradeMessage);
    db.on('blocked', onBlocked);
    db.open().catch((error: unknown) => setStorageProblem(toStorageError(error).message));
    return () => db.on('blocked').unsubscribe(onBlocked);
  }, []);

  const lastClip = useLiveQuery(
    async () => (await getDb().meta.get(LAST_CLIP_KEY))?.value as ClipResult | undefined,
  );
  // A clip made while the panel is open shows its first contact at once.
  useEffect(() => {
    if (lastClip && lastClip.at >= openedAt && lastClip.contactIds[0]) setSelectedId(lastClip.contactIds[0]);
  }, [lastClip, openedAt]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="flex h-screen flex-col bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100">
        <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
          <h1 className="text-base font-semibold">{t('app.title')}</h1>
        </header>
        {storageProblem && (
          <div
            role="alert"
            className="m-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
          >
            {storageProblem}
          </div>
        )}
        {lastClip && lastClip.at >= openedAt && <ClipBanner result={lastClip} />}
        {selectedId ? (
          <ContactCard id={selectedId} onBack={() => setSelectedId(null)} />
        ) : (
          <ContactList query={query} onQueryChange={setQuery} onSelect={setSelectedId} />
        )}
      </div>
    </I18nContext.Provider>
  );
}
