// A contact's live purchases reduced to what scoring reads (time, amount, currency), packed in one
// typed array. A refit reads one such row per contact instead of every purchase row: 100,000 small
// rows instead of 1,000,000 full records (product, ids, sync stamps), which was most of a refit's time
// (bench/suites/scoring-worker.mjs). Kept current by purchase-digest-middleware.ts in the same
// transaction as every purchase write. No Dexie here: the benchmark seed packs rows with it too.
import type { PurchaseFacts } from '@keepcard/shared';

/** The digest store's name (db.ts, version 8). */
export const PURCHASE_DIGESTS = 'purchaseDigests';

/** Fields per purchase in `packed`: occurredAt, amountMinor, index into `currencies`. */
const STRIDE = 3;

/** One contact's live purchases, ascending by time. */
export interface PurchaseDigestRow {
  contactId: string;
  /** [occurredAt, amountMinor, currency index] per purchase, ascending by occurredAt. */
  packed: Float64Array;
  /** The currencies the purchases are in, each once. */
  currencies: string[];
}

/** What a digest keeps of one purchase. */
export type DigestEntry = Pick<PurchaseFacts, 'occurredAt' | 'amountMinor' | 'currency'>;

/** What the digest needs of a stored purchase row. */
export type DigestSource = DigestEntry & { contactId: string; deletedAt?: number | null };

/** Whether a purchase row belongs in its contact's digest: tombstones do not. */
export const inDigest = (row: DigestSource | undefined): row is DigestSource =>
  row !== undefined && (row.deletedAt === undefined || row.deletedAt === null);

/** Packs entries (any order) into a contact's digest row. */
export function packDigest(contactId: string, entries: readonly DigestEntry[]): PurchaseDigestRow {
  const sorted = [...entries].sort((a, b) => a.occurredAt - b.occurredAt);
  const currencies: string[] = [];
  const packed = new Float64Array(sorted.length * STRIDE);
  sorted.forEach((e, i) => {
    let c = currencies.indexOf(e.currency);
    if (c < 0) c = currencies.push(e.currency) - 1;
    packed[i * STRIDE] = e.occurredAt;
    packed[i * STRIDE + 1] = e.amountMinor;
    packed[i * STRIDE + 2] = c;
  });
  return { contactId, packed, currencies };
}

/** The purchases of a digest row, ascending by time, in the shape scoring reads. */
export function unpackDigest(row: PurchaseDigestRow): DigestEntry[] {
  const out: DigestEntry[] = new Array(row.packed.length / STRIDE);
  for (let i = 0, k = 0; k < row.packed.length; i++, k += STRIDE)
    out[i] = {
      occurredAt: row.packed[k]!,
      amountMinor: row.packed[k + 1]!,
      currency: row.currencies[row.packed[k + 2]!]!,
    };
  return out;
}

const same = (a: DigestEntry, b: DigestEntry) =>
  a.occurredAt === b.occurredAt && a.amountMinor === b.amountMinor && a.currency === b.currency;

/**
 * A digest with some purchases taken out and others added. Purchases are matched by value: two
 * purchases alike in time, amount and currency are interchangeable for scoring. Returns null when
 * a purchase to take out is not there (the digest is out of step: rebuild it from the purchases).
 */
export function reviseDigest(
  contactId: string,
  row: PurchaseDigestRow | undefined,
  removed: readonly DigestEntry[],
  added: readonly DigestEntry[],
): PurchaseDigestRow | null {
  const entries = row ? unpackDigest(row) : [];
  for (const r of removed) {
    const at = entries.findIndex((e) => same(e, r));
    if (at < 0) return null;
    entries.splice(at, 1);
  }
  return packDigest(contactId, [...entries, ...added]);
}

/** The live purchases among some purchase rows, by contact. */
export function entriesByContact(rows: Iterable<DigestSource>): Map<string, DigestEntry[]> {
  const byContact = new Map<string, DigestEntry[]>();
  for (const row of rows) {
    if (!inDigest(row)) continue;
    const entry = { occurredAt: row.occurredAt, amountMinor: row.amountMinor, currency: row.currency };
    const list = byContact.get(row.contactId);
    if (list) list.push(entry);
    else byContact.set(row.contactId, [entry]);
  }
  return byContact;
}

/** Digest rows of every contact with live purchases, from purchase rows (upgrade, benchmark seed). */
export function digestsOf(rows: Iterable<DigestSource>): PurchaseDigestRow[] {
  return [...entriesByContact(rows)].map(([id, entries]) => packDigest(id, entries));
}
