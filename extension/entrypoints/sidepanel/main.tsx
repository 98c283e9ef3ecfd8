import { createRoot } from 'react-dom/client';
import { localeFor } from '../../src/i18n';
import { App } from '../../src/ui/App';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary';
import './style.css';

const locale = localeFor(navigator.language);
document.documentElement.lang = locale;
createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <App locale={locale} />
  </ErrorBoundary>,
);
