import {
  buildModelFromFacts,
  deriveCustomerFacts,
  resolveScoringSettings,
  type ScoringSettingsInput,
  scoreCustomer,
  scoreFacts,
  workspaceCurrency,
} from '@keepcard/shared';
import type { KeepcardDB } from '../db/db';
import {
  MODEL_KEY,
  readAllCustomerRecords,
  readCustomerRecords,
  SCORING_SETTINGS_KEY,
  type ScoredRecords,
  type StoredModel,
  storeScores,
} from './scoring-store';

const DAY_MS = 86_400_000;
const WRITE_CHUNK = 5_000;

/**
 * Scoring settings of this browser: the stored ones (currency, exchange rates...) over the defaults,
 * with days counted in the rep's own time zone.
 */
export async function localScoringSettings(db: KeepcardDB, now: number): Promise<ScoringSettingsInput> {
  const stored = (await db.meta.get(SCORING_SETTINGS_KEY))?.value as ScoringSettingsInput | undefined;
  return { ...stored, utcOffsetMinutes: -new Date(now).getTimezoneOffset() };
}

export async function loadModel(db: KeepcardDB): Promise<StoredModel | undefined> {
  return (await db.meta.get(MODEL_KEY))?.value as StoredModel | undefined;
}

/** A refit is due at most daily, or when the book of customers grew or shrank by a tenth. */
export function refitDue(stored: StoredModel | undefined, liveContacts: number, now: number): boolean {
  if (!stored) return true;
  if (now - stored.model.builtAt >= DAY_MS) return true;
  return Math.abs(liveContacts - stored.contacts) > Math.max(10, stored.contacts * 0.1);
}

/**
 * Fits the workspace model on every live contact's records and stores everyone's scores.
 * Scores of contacts that are gone are removed; rows whose scores did not change are not rewritten.
 * Each customer's facts are derived once, for the fit and for their scores; a chunk is scored while
 * the one before it is being written.
 */
export async function refitAll(db: KeepcardDB, now: number) {
  const started = performance.now();
  const settingsInput = await localScoringSettings(db, now);
  const settings = resolveScoringSettings(settingsInput);
  const records = await readAllCustomerRecords(db);
  const read = performance.now();
  const currency = workspaceCurrency(records, settings);
  const facts = records.map((r) => deriveCustomerFacts(r, { currency, settings }, now));
  const model = buildModelFromFacts(facts, currency, settings, now);
  const fitted = performance.now();
  await db.meta.put({
    key: MODEL_KEY,
    value: { model, settings: settingsInput, contacts: records.length } satisfies StoredModel,
  });
  let scoringMs = 0;
  let writingMs = 0;
  let written = 0;
  let writing: Promise<number> = Promise.resolve(0);
  for (let i = 0; i < records.length; i += WRITE_CHUNK) {
    const t0 = performance.now();
    const chunk: ScoredRecords[] = [];
    for (let k = i; k < Math.min(i + WRITE_CHUNK, records.length); k++)
      chunk.push({ scores: scoreFacts(facts[k]!, model, settings), records: records[k]! });
    const t1 = performance.now();
    scoringMs += t1 - t0;
    written += await writing;
    writingMs += performance.now() - t1;
    writing = storeScores(db, chunk, { skipUnchanged: true });
  }
  const t2 = performance.now();
  written += await writing;
  const live = new Set(records.map((r) => r.contactId));
  const stale = (await db.scores.toCollection().primaryKeys()).filter((id) => !live.has(id));
  await db.scores.bulkDelete(stale);
  writingMs += performance.now() - t2;
  return {
    contacts: records.length,
    /** Score rows written: those whose scores changed. */
    written,
    ms: {
      read: read - started,
      fit: fitted - read,
      score: scoringMs,
      // Time spent waiting for writes beyond the scoring they overlap with.
      write: writingMs,
      total: performance.now() - started,
    },
  };
}

/**
 * Rescores some contacts against the stored model (what runs after a purchase, complaint, interaction
 * or task changes): index reads only, no refit. Fits the model first when there is none yet.
 */
export async function rescore(db: KeepcardDB, contactIds: readonly string[], now: number) {
  const stored = await loadModel(db);
  if (await refitNeeded(db, stored, now)) return refitAll(db, now);
  const started = performance.now();
  const settings = resolveScoringSettings(stored!.settings);
  const records = await readCustomerRecords(db, contactIds);
  await storeScores(
    db,
    records.map((r) => ({ scores: scoreCustomer(r, stored!.model, settings, now), records: r })),
  );
  const live = new Set(records.map((r) => r.contactId));
  await db.scores.bulkDelete(contactIds.filter((id) => !live.has(id)));
  return { contacts: records.length, ms: { total: performance.now() - started } };
}

/**
 * A refit is needed when refitDue says so, or when the rep changed the scoring settings since the
 * model was built. Counting all contact rows (tombstones too) is an O(1) count, not a scan.
 */
async function refitNeeded(db: KeepcardDB, stored: StoredModel | undefined, now: number): Promise<boolean> {
  if (!stored) return true;
  const current = await localScoringSettings(db, now);
  if (
    JSON.stringify({ ...stored.settings, utcOffsetMinutes: 0 }) !==
    JSON.stringify({ ...current, utcOffsetMinutes: 0 })
  )
    return true;
  return refitDue(stored, await db.contacts.count(), now);
}

/** Refits when due (see refitNeeded); otherwise does nothing. */
export async function refitIfDue(db: KeepcardDB, now: number) {
  return (await refitNeeded(db, await loadModel(db), now)) ? refitAll(db, now) : null;
}
