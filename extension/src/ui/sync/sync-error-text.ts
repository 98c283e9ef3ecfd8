import { isSyncMessageKey, type SyncTranslate } from '../../i18n/sync-text';

export interface SyncProblem {
  code: string;
  /** The server's or the background's words, in English: the detail of codes without words of their own. */
  message: string;
  field?: string;
  params?: Record<string, string | number>;
}

/** A sync problem in the page's language: the code's own words, else the field's, else the detail. */
export function syncErrorText(t: SyncTranslate, problem: SyncProblem): string {
  const params = { detail: problem.message, ...problem.params };
  const byField = `sync.error.${problem.field}`;
  if (problem.code === 'invalid_request' && problem.field && isSyncMessageKey(byField))
    return t(byField, params);
  const byCode = `sync.error.${problem.code}`;
  if (isSyncMessageKey(byCode)) return t(byCode, params);
  if (problem.code.startsWith('storage_')) return t('sync.error.storage', params);
  return t('sync.error.other', params);
}
