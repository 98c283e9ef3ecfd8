// Read-only queries behind the card's feedback, loyalty and referral sections (relationship upkeep).
import {
  DEFAULT_SCORING_SETTINGS,
  type Feedback,
  type LatestAnswers,
  type LedgerLine,
  type LoyaltyEntry,
  latestAnswers,
  ledgerLines,
  nameKey,
  type Purchase,
  referredRevenue,
  resolveScoringSettings,
  type ScoringSettings,
  workspaceCurrency,
} from '@keepcard/shared';
import Dexie from 'dexie';
import { MODEL_KEY, SCORING_SETTINGS_KEY, type StoredModel } from '../../scoring/scoring-keys';
import { type ContactRow, getDb, type HistoryRow, type KeepcardDB } from '../db';
import { historyOf, loyaltyEntriesOf } from '../record-reads';

const live = <R extends { deletedAt: number | null }>(r: R | undefined): r is R =>
  r !== undefined && r.deletedAt === null;

/** A complaint, praise or suggestion with the earlier values of its status and resolution. */
export interface FeedbackItem {
  row: Feedback;
  /** Replaced values of this feedback row, newest first (earlier resolutions of a reopened complaint). */
  history: HistoryRow[];
}

export interface FeedbackData {
  /** Complaints, praise and suggestions, open complaints first, then newest first. */
  items: FeedbackItem[];
  answers: LatestAnswers;
  /** Survey answers, newest first. */
  surveys: Feedback[];
}

/** A customer's feedback for the card, read by the `[contactId+occurredAt]` index. */
export async function feedbackDataOf(
  contactId: string,
  now: number,
  db: KeepcardDB = getDb(),
): Promise<FeedbackData> {
  const rows = (
    await db.feedback
      .where('[contactId+occurredAt]')
      .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
      .reverse()
      .toArray()
  ).filter(live);
  const notes = rows.filter((r) => r.kind !== 'survey');
  const histories = await Promise.all(notes.map((r) => historyOf('feedback', r.id, db)));
  const open = (r: Feedback) => (r.kind === 'complaint' && r.status === 'open' ? 0 : 1);
  const items = notes
    .map((row, i) => ({ row, history: histories[i]! }))
    .sort((a, b) => open(a.row) - open(b.row) || b.row.occurredAt - a.row.occurredAt);
  return {
    items,
    answers: latestAnswers(rows, now),
    surveys: rows.filter((r) => r.kind === 'survey'),
  };
}

export interface LoyaltyData {
  balance: number;
  /** Ledger lines with the running balance, newest first. */
  lines: LedgerLine<LoyaltyEntry>[];
}

export async function loyaltyDataOf(contactId: string, db: KeepcardDB = getDb()): Promise<LoyaltyData> {
  const lines = ledgerLines(await loyaltyEntriesOf(contactId, db)).reverse();
  return { balance: lines[0]?.balanceAfter ?? 0, lines };
}

export interface ContactRef {
  id: string;
  displayName: string;
}

export interface ReferralData {
  /** Who referred this customer (null: nobody recorded, or that contact was deleted). */
  referrer: ContactRef | null;
  /** Customers this one referred, with their net revenue in `currency`, highest first. */
  referred: (ContactRef & { revenueMinor: number })[];
  totalMinor: number;
  currency: string;
  skippedCurrencies: string[];
}

/**
 * The workspace currency and exchange rates the scores use: the fitted model's currency, else the
 * rep's setting, else the most common currency among `purchases`.
 */
async function valuation(db: KeepcardDB, purchases: readonly Purchase[]) {
  const [settingsRow, modelRow] = await Promise.all([
    db.meta.get(SCORING_SETTINGS_KEY),
    db.meta.get(MODEL_KEY),
  ]);
  let settings: ScoringSettings;
  try {
    settings = resolveScoringSettings((settingsRow?.value ?? {}) as object);
  } catch {
    // Settings the scoring screen would refuse: value with the defaults (no rates) rather than fail the card.
    settings = DEFAULT_SCORING_SETTINGS;
  }
  const model = modelRow?.value as StoredModel | undefined;
  const currency = model?.model.currency ?? workspaceCurrency([{ contactId: '', purchases }], settings);
  return { currency, settings };
}

/**
 * The referrer and the referred customers of a contact (the referred through the `referredById`
 * index). It runs in its own live query, apart from the card's first render.
 */
export async function referralDataOf(contactId: string, db: KeepcardDB = getDb()): Promise<ReferralData> {
  const contact = await db.contacts.get(contactId);
  const referrerRow = contact?.referredById ? await db.contacts.get(contact.referredById) : undefined;
  const referredRows = (await db.contacts.where('referredById').equals(contactId).toArray()).filter(
    (c) => c.deletedAt === null,
  );
  const purchases = (
    await Promise.all(
      referredRows.map((c) =>
        db.purchases
          .where('[contactId+occurredAt]')
          .between([c.id, Dexie.minKey], [c.id, Dexie.maxKey])
          .toArray(),
      ),
    )
  ).flat();
  const { currency, settings } = await valuation(db, purchases);
  const revenue = referredRevenue(purchases, currency, settings);
  return {
    referrer: live(referrerRow) ? { id: referrerRow.id, displayName: referrerRow.displayName } : null,
    referred: referredRows
      .map((c) => ({ id: c.id, displayName: c.displayName, revenueMinor: revenue.byContact.get(c.id) ?? 0 }))
      .sort((a, b) => b.revenueMinor - a.revenueMinor || a.displayName.localeCompare(b.displayName)),
    totalMinor: revenue.totalMinor,
    currency,
    skippedCurrencies: revenue.skippedCurrencies,
  };
}

/**
 * Customers whose name starts with (or else contains) `query`, for the "referred by" picker; at most
 * `limit`, never `exceptId` itself.
 */
export async function findContactsByName(
  query: string,
  exceptId: string,
  limit = 8,
  db: KeepcardDB = getDb(),
): Promise<ContactRef[]> {
  const key = nameKey(query);
  if (!key) return [];
  const wanted = (c: ContactRow) => c.deletedAt === null && c.id !== exceptId;
  const found = await db.contacts.where('nameKey').startsWith(key).filter(wanted).limit(limit).toArray();
  if (found.length < limit) {
    const seen = new Set(found.map((c) => c.id));
    const more = await db.contacts
      .filter((c) => wanted(c) && !seen.has(c.id) && c.nameKey.includes(key))
      .limit(limit - found.length)
      .toArray();
    found.push(...more);
  }
  return found.map((c) => ({ id: c.id, displayName: c.displayName }));
}

export { contactIdsIn, contactNames } from './history-names';
