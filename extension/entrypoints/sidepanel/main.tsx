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
if (route.name === 'card') {
  // A panel opened on a card reads it now, straight from IndexedDB, while React mounts (the card shows
  // this snapshot); the rest of the page constructs and opens Dexie once the card has painted (App).
  primeCard(route.id);
} else {
  // Opening the database overlaps with React's first render (the App reports a failure to open).
  getDb()
    .open()
    .then(() => performance.mark('keepcard:db-open'))
    .catch(() => {});
}
const language = cachedUiLanguage();
document.documentElement.lang = localeOf(language, navigator.language);
createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <App initialLanguage={language} />
  </ErrorBoundary>,
);
