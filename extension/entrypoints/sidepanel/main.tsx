import { createRoot } from 'react-dom/client';
import { getDb } from '../../src/db/db';
import { cachedUiLanguage } from '../../src/db/ui-settings-repo';
import { App, localeOf, parseRoute } from '../../src/ui/App';
import { primeCard } from '../../src/ui/card/card-prefetch';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';
import './style.css';

// The first render uses the language remembered in this page's localStorage (a synchronous read):
// waiting for the database first would delay every card by a round trip. App then checks the stored
// setting and switches if it differs (another device, a cleared cache).
performance.mark('keepcard:main-start');
const route = parseRoute(location.hash);
// A panel opened on a card reads it now, straight from IndexedDB (the card shows this snapshot); the
// rest of the page constructs and opens Dexie once the card has painted (App).
const snapshot = route.name === 'card' ? primeCard(route.id) : null;
if (!snapshot) {
  // Opening the database overlaps with React's first render (the App reports a failure to open).
  getDb()
    .open()
    .then(() => performance.mark('keepcard:db-open'))
    .catch(() => {});
}
/** How long a panel opened on a card waits for the card's rows before rendering without them. */
const SNAPSHOT_WAIT_MS = 120;
const language = cachedUiLanguage();
document.documentElement.lang = localeOf(language, navigator.language);
const root = createRoot(document.getElementById('root')!);
let rendered = false;
const render = () => {
  if (rendered) return;
  rendered = true;
  root.render(
    <ErrorBoundary>
      <App initialLanguage={language} />
    </ErrorBoundary>,
  );
};
if (snapshot) {
  // A card's first render waits for its snapshot (10-20 ms): one render of the page with the card,
  // where rendering the empty page first took the main thread from the snapshot's reads and then
  // rendered again (bench/suites/panel-perf.mjs: p95 5-15 ms less). A slow snapshot (the first open
  // after the browser started) does not hold the page back: it renders with the card loading.
  setTimeout(render, SNAPSHOT_WAIT_MS);
  snapshot.then(render, render);
} else render();
