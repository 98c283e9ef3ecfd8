import { createRoot } from 'react-dom/client';
import { getDb } from '../../src/db/db';
import { cachedUiLanguage } from '../../src/db/ui-settings-repo';
import { App, localeOf } from '../../src/ui/App';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';
import './style.css';

// The first render uses the language remembered in this page's localStorage (a synchronous read):
// waiting for the database first would delay every card by a round trip. App then checks the stored
// setting and switches if it differs (another device, a cleared cache).
performance.mark('keepcard:main-start');
// Opening the database overlaps with React's first render (the App reports a failure to open).
getDb()
  .open()
  .catch(() => {});
const language = cachedUiLanguage();
document.documentElement.lang = localeOf(language, navigator.language);
createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <App initialLanguage={language} />
  </ErrorBoundary>,
);
