import { createRoot } from 'react-dom/client';
import { cachedUiLanguage } from '../../src/db/ui-settings-repo';
import { localeOf } from '../../src/i18n';
import { DashboardApp } from '../../src/ui/dashboard/DashboardApp';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';
import '../sidepanel/style.css';

// The dashboard page (opened in a tab from the side panel's "Dashboard" entry). Same first-render
// language shortcut as the side panel (entrypoints/sidepanel/main.tsx).
const language = cachedUiLanguage();
document.documentElement.lang = localeOf(language, navigator.language);
createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <DashboardApp initialLanguage={language} />
  </ErrorBoundary>,
);
