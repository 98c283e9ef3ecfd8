import Dexie from 'dexie';

/** Why the local database could not do what was asked, in words a rep can act on. */
export type StorageErrorCode = 'quota' | 'blocked' | 'version' | 'invalid' | 'unknown';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

const MESSAGES: Record<Exclude<StorageErrorCode, 'invalid' | 'unknown'>, string> = {
  quota:
    'The browser refused to store more data (storage quota exceeded). Nothing was saved from this change; free disk space or remove old data, then try again.',
  blocked:
    'Keepcard is upgrading its local database but another Keepcard window still has the old one open. Close other Keepcard tabs and side panels, then try again.',
  version:
    'The local database was written by a newer version of Keepcard. Update the extension; your data is kept as it is.',
};

/** True for the quota errors of IndexedDB, whether raw or wrapped by Dexie. */
function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const inner = (error as { inner?: unknown }).inner;
  return (
    error.name === 'QuotaExceededError' ||
    error.name === Dexie.errnames.QuotaExceeded ||
    (inner !== undefined && isQuotaError(inner))
  );
}

/** Turns any failure of a database call into a StorageError with a clear message. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  if (isQuotaError(error)) return new StorageError('quota', MESSAGES.quota, error);
  if (error instanceof Error) {
    if (error.name === Dexie.errnames.Version || error.name === 'VersionError') {
      return new StorageError('version', MESSAGES.version, error);
    }
    return new StorageError('unknown', `The local database failed: ${error.message}`, error);
  }
  return new StorageError('unknown', `The local database failed: ${String(error)}`, error);
}

export const blockedUpgradeMessage = MESSAGES.blocked;
