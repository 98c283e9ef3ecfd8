import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { type ClipResult, LAST_CLIP_KEY } from '../capture/clip-result';
import { dbBlocked, getDb } from '../db/db';
import { blockedUpgradeMessage, toStorageError } from '../db/storage-errors';
import { saveUiSettings, type UiLanguage } from '../db/ui-settings-repo';
import { useScoring } from '../scoring/use-scoring';
import { ClipBanner } from './ClipBanner';
import { ContactCard } from './card/ContactCard';
import { I18nContext, useI18n } from './i18n-context';
import { isListLinkHash } from './list/list-link-hash';
import { openDashboard } from './open-tab';
import { useUiLanguage } from './use-ui-language';

// The list and settings load in their own chunks: a panel opened on a card needs neither to show it.
const ListScreen = lazy(() => import('./list/ListScreen').then((m) => ({ default: m.RoutedListScreen })));
const SettingsScreen = lazy(() =>
  import('./settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);
const TransferScreen = lazy(() =>
  import('./transfer/TransferScreen').then((m) => ({ default: m.TransferScreen })),
);
// The webmail card and the clip menu forms (signature parsing, phone metadata, draft validation)
// load in their own chunks once the first screen is shown.
const SelectionNoteForm = lazy(() => import('./clip').then((m) => ({ default: m.SelectionNoteForm })));
const ClipReview = lazy(() => import('./clip').then((m) => ({ default: m.ClipReview })));
const OpenMessageCard = lazy(() => import('./webmail').then((m) => ({ default: m.OpenMessageCard })));

function Loading() {
  const { t } = useI18n();
  return (
    <div className="m-3 h-1.5 animate-pulse rounded bg-slate-200 dark:bg-slate-700" role="status">
      <span className="sr-only">{t('list.loading')}</span>
    </div>
  );
}

export type Route =
  | { name: 'list'; linkHash?: string }
  | { name: 'card'; id: string }
  | { name: 'settings' }
  | { name: 'transfer' };

/**
 * `#/c/<id>` opens a card, `#/settings` the settings, `#/transfer` import and export,
 * `#/list?filter=…` the list with a filter (a dashboard chart's link, see list-link.ts); anything
 * else the list.
 */
export function parseRoute(hash: string): Route {
  const card = /^#\/c\/([\w-]+)$/.exec(hash);
  if (card) return { name: 'card', id: card[1]! };
  if (hash === '#/settings') return { name: 'settings' };
  if (hash === '#/transfer') return { name: 'transfer' };
  // Parsed by the list (list-link.ts), which loads the schemas; a card's path needs none.
  if (isListLinkHash(hash)) return { name: 'list', linkHash: hash };
  return { name: 'list' };
}

const hashOf = (route: Route) =>
  route.name === 'card' ? `#/c/${route.id}` : `#/${route.name === 'list' ? '' : route.name}`;

// Kept here too for the entrypoints that import it from the App.
export { localeOf } from '../i18n';

/**
 * The side panel: the customer list, a customer's card, and settings. The list stays mounted (hidden)
 * while a card is open, so coming back keeps the search, filters, selection and scroll position.
 */
export function App({ initialLanguage = 'auto' }: { initialLanguage?: UiLanguage }) {
  const [route, setRoute] = useState<Route>(() => parseRoute(globalThis.location?.hash ?? ''));
  // Work the first screen does not need (scoring, the webmail and clip helpers, the stored language,
  // the last clip, even constructing and opening Dexie) starts once it is shown: at once for the list
  // and settings, after the card painted (or 1.5 s) for a card, whose first read is plain IndexedDB
  // (card-prefetch.ts): Dexie's construction and open took 20-30 ms of the main thread before it.
  const [settled, setSettled] = useState(route.name !== 'card');
  const { language, setLanguage, i18n } = useUiLanguage(initialLanguage, 'app.title', settled);
  const { t } = i18n;
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const [openedAt] = useState(() => Date.now());
  const loaderStarted = useRef(false);
  useEffect(() => {
    performance.mark?.('keepcard:app-mounted');
  }, []);
  // The list stays mounted once shown, so coming back from a card keeps its state.
  const [listMounted, setListMounted] = useState(false);
  useEffect(() => {
    if (route.name === 'list') setListMounted(true);
  }, [route.name]);

  const navigate = useCallback((next: Route) => {
    setRoute(next);
    if (globalThis.location && globalThis.location.hash !== hashOf(next))
      history.pushState(null, '', hashOf(next));
  }, []);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('popstate', onHash);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('popstate', onHash);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  // The list loads in the background; a panel opened on a card loads it after the card is shown.
  const startList = useCallback(() => {
    if (loaderStarted.current) return;
    loaderStarted.current = true;
    // Its own chunk (the in-memory index, segment filters): not on a card's path.
    void import('../list/list-loader').then((m) => m.listLoaderFor(getDb()).start());
    // Local writes reach the outbox here; the nudges tell the background to push them (it may have
    // been stopped). Started with the list, after a card painted: their messages are not on its path.
    void import('../sync/sync-nudge').then((m) => m.startSyncNudges(getDb()));
  }, []);
  useEffect(() => {
    if (route.name !== 'card') {
      startList();
      setSettled(true);
    }
    const fallback = setTimeout(() => {
      startList();
      setSettled(true);
    }, 1500);
    return () => clearTimeout(fallback);
  }, [route.name, startList]);
  const cardRendered = useCallback(() => {
    performance.mark?.('keepcard:card-rendered');
    setSettled(true);
    setTimeout(startList, 300);
  }, [startList]);

  useEffect(() => {
    if (!settled) return;
    const db = getDb();
    const onBlocked = () => setStorageProblem(blockedUpgradeMessage);
    db.on('blocked', onBlocked);
    if (dbBlocked()) onBlocked();
    db.open().catch((error: unknown) => setStorageProblem(toStorageError(error).message));
    return () => db.on('blocked').unsubscribe(onBlocked);
  }, [settled]);

  // Escape on a card or in settings goes back to the list (forms stop their own Escape first).
  useEffect(() => {
    if (route.name === 'list') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      navigate({ name: 'list' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.name, navigate]);
  useEffect(() => {
    if (route.name === 'list')
      document.querySelector<HTMLElement>('[data-testid="customer-list"]')?.focus({ preventScroll: true });
  }, [route.name]);

  // Scores stay current while the panel is open (refit when due, rescore what changed).
  const onScoringError = useCallback((message: string) => setStorageProblem(message), []);
  useScoring(onScoringError, settled);

  // Read afresh when it starts: a clip made before then (and after the panel opened) still shows.
  const lastClip = useLiveQuery(
    async () =>
      settled ? ((await getDb().meta.get(LAST_CLIP_KEY))?.value as ClipResult | undefined) : undefined,
    [settled],
  );
  // A clip made while the panel is open shows its first contact at once.
  useEffect(() => {
    if (lastClip && lastClip.at >= openedAt && lastClip.contactIds[0])
      navigate({ name: 'card', id: lastClip.contactIds[0] });
  }, [lastClip, openedAt, navigate]);

  const changeLanguage = (next: UiLanguage) => {
    setLanguage(next);
    saveUiSettings({ language: next }).catch((error: unknown) =>
      setStorageProblem(toStorageError(error).message),
    );
  };

  const navButton = (target: 'list' | 'settings', label: string) => (
    <button
      type="button"
      aria-current={route.name === target ? 'page' : undefined}
      onClick={() => navigate({ name: target })}
      className={`rounded px-2 py-0.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
        route.name === target
          ? 'bg-slate-200 font-medium dark:bg-slate-700'
          : 'hover:bg-slate-100 dark:hover:bg-slate-800'
      }`}
    >
      {label}
    </button>
  );

  return (
    <I18nContext.Provider value={i18n}>
      <div className="flex h-screen flex-col bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100">
        <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-700">
          <h1 className="flex-1 text-base font-semibold">{t('app.title')}</h1>
          <nav aria-label={t('nav.label')} className="flex gap-1">
            {navButton('list', t('nav.customers'))}
            <button
              type="button"
              onClick={openDashboard}
              title={t('dashboard.nav.hint')}
              className="rounded px-2 py-0.5 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:hover:bg-slate-800"
            >
              {t('dashboard.nav')}
            </button>
            {navButton('settings', t('nav.settings'))}
          </nav>
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
        {/* Webmail: the card follows the open message; the clip menu items' review and note forms. */}
        <div className="empty:hidden px-3 pt-2">
          {settled && (
            <Suspense fallback={null}>
              <SelectionNoteForm onSaved={(id) => navigate({ name: 'card', id })} />
              <ClipReview onSaved={(ids) => ids[0] && navigate({ name: 'card', id: ids[0] })} />
              <OpenMessageCard hint={false} onOpenContact={(id) => navigate({ name: 'card', id })} />
            </Suspense>
          )}
        </div>
        {(route.name === 'list' || listMounted) && (
          <Suspense fallback={route.name === 'list' ? <Loading /> : null}>
            <ListScreen
              hidden={route.name !== 'list'}
              linkHash={route.name === 'list' ? route.linkHash : undefined}
              onOpen={(id) => navigate({ name: 'card', id })}
              onGoSettings={() => navigate({ name: 'settings' })}
            />
          </Suspense>
        )}
        {route.name === 'card' && (
          <ContactCard
            key={route.id}
            id={route.id}
            onBack={() => navigate({ name: 'list' })}
            onRendered={cardRendered}
          />
        )}
        {route.name === 'transfer' && (
          <Suspense fallback={<Loading />}>
            <TransferScreen onBack={() => navigate({ name: 'settings' })} />
          </Suspense>
        )}
        {route.name === 'settings' && (
          <Suspense fallback={<Loading />}>
            <SettingsScreen
              language={language}
              onLanguage={changeLanguage}
              onBack={() => navigate({ name: 'list' })}
            />
          </Suspense>
        )}
      </div>
    </I18nContext.Provider>
  );
}
