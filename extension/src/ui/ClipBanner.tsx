import type { ClipResult } from '../capture/clip-result';
import { useI18n } from './i18n-context';

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** What the last clip did, in one sentence. */
export function ClipBanner({ result }: { result: ClipResult }) {
  const { t } = useI18n();
  const host = hostOf(result.pageUrl);
  const text = result.error
    ? t('clip.failed', { message: result.error })
    : result.contactIds.length === 0
      ? t('clip.nothing', { host })
      : t('clip.saved', { created: result.created, updated: result.updated, host });
  const tone = result.error
    ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100'
    : 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100';
  return (
    <output data-testid="clip-banner" className={`mx-3 mt-3 block rounded border p-2 text-sm ${tone}`}>
      {text}
    </output>
  );
}
