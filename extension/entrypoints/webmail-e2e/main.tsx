// End-to-end builds only (excluded from the product in wxt.config.ts): mounts the webmail card and
// the clip components the way the side panel will, until the side panel exposes a place for them.
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n, localeFor } from '../../src/i18n';
import { ClipReview, SelectionNoteForm } from '../../src/ui/clip';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';
import { I18nContext } from '../../src/ui/i18n-context';
import { OpenMessageCard } from '../../src/ui/webmail';
import '../sidepanel/style.css';

function TestPanel() {
  const i18n = useMemo(() => createI18n(localeFor(navigator.language)), []);
  return (
    <I18nContext.Provider value={i18n}>
      <main className="min-h-screen space-y-4 bg-white p-3 text-slate-900 dark:bg-slate-900 dark:text-slate-100">
        <SelectionNoteForm />
        <ClipReview />
        <OpenMessageCard />
      </main>
    </I18nContext.Provider>
  );
}

document.documentElement.lang = localeFor(navigator.language);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <TestPanel />
    </ErrorBoundary>
  </StrictMode>,
);
