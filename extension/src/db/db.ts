import {
  type Company,
  type Contact,
  type CustomerScores,
  type Feedback,
  type Interaction,
  type LoyaltyEntry,
  type Note,
  organizationKey,
  type Purchase,
  type Reminder,
  type SegmentFilter,
  type TableName,
  type Task,
} from '@keepcard/shared';
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { DB_NAME } from './db-version';
import { queueExistingRows } from './outbox';
import { digestsOf, PURCHASE_DIGESTS, type PurchaseDigestRow } from './purchase-digest';
import { purchaseDigestMiddleware } from './purchase-digest-middleware';
import { RESCORE_QUEUE, type RescoreQueueRow, rescoreQueueMiddleware } from './rescore-queue-middleware';
import { type ScoreDetail, scoreDetailOf } from './score-detail';
import { type ContactScores, packPages, repackVersion9, SCORE_PAGES, type ScorePageRow } from './score-pages';

/**
 * A contact as stored: the shared Contact plus index keys derived from it by the repository
 * (IndexedDB multi-entry indexes need arrays of plain values, not arrays of objects).
 */
export interface ContactRow extends Synced<Contact> {
  /** Lower-cased email addresses. */
  emailKeys: string[];
  /** E.164 numbers, or the digits of numbers that could not be parsed. */
  phoneKeys: string[];
  /** The display name folded for matching and sorting (shared `nameKey`: case-folded, CJK without spaces). */
  nameKey: string;
  /** Local change counter (see `nextRevs`): lets the list pick up exactly the rows changed since it last looked. */
  localRev: number;
}

export interface CompanyRow extends Synced<Company> {
  /** The organisation key companies are matched by (case-folded, legal form dropped). */
  orgKey: string;
  localRev: number;
}

/**
 * A replaced value, kept so nothing a rep or a capture overwrote disappears without a trace.
 * Values are stored as JSON text, whatever the field's type.
 */
export interface HistoryRow {
  seq?: number;
  table: string;
  rowId: string;
  at: number;
  field: string;
  oldValue: string;
  newValue: string;
  /** What made the change: the rep's edit, a capture merge, an import, a sync from another device. */
  cause: 'edit' | 'capture' | 'import' | 'sync';
}

/** A saved combination of list filters, with a name (local to this browser). */
export interface SegmentRow {
  id: string;
  name: string;
  filter: SegmentFilter;
  createdAt: number;
}

/**
 * What sync keeps beside a stored row (not a record field; never sent): the server's version of the
 * row and the server's field stamps. Kept on the row itself so a pulled row is one write, not two
 * (bench/suites/sync-first-sync.mjs). The stamps of this device's unpushed edits are in the outbox;
 * the row's full clocks are both merged, which is what `rebaseRow` computes.
 */
export interface RowSync {
  /** Version of the server state this row was last rebased on; null until the server has sent it. */
  version: number | null;
  /** Compact field stamps: `base` stamps every field of the record not listed in `fields`. */
  base: string | null;
  fields: Record<string, string>;
  /** The refetch (after 410 cursor_expired) that last received this row (see sync-repo). */
  seen?: number;
  /** Never pushed: the sample book's records (see outbox.ts). */
  localOnly?: boolean;
}

/** A synced table's row as stored: the record plus what sync keeps beside it. */
export type Synced<R> = R & { syncMeta?: RowSync };

/**
 * One local change of some fields of one row (docs/sync-protocol.md §3), kept until the server has
 * answered for it. Compact: `stampChange` stamps every field of one mutation with the same tick, so
 * the stamp is kept once; `toMutation` rebuilds the wire `Mutation`.
 */
export interface OutboxEntry {
  /** The device's sequence number: push order. */
  seq: number;
  mutationId: string;
  deviceId: string;
  table: TableName;
  rowId: string;
  /** The stamp of every field of this change. */
  hlc: string;
  /** New values of the changed fields. */
  set: Record<string, unknown>;
  /** Changed fields that were cleared (a change without a value). */
  cleared: string[];
}

/**
 * Outbox entries of one write, in seq order, stored together (at most MAX_PUSH_MUTATIONS) as UTF-8
 * JSON: every IndexedDB put costs about as much as a whole contact, and one block of bytes stores
 * faster than a graph of objects, so a batch of 10,000 new contacts adds 20 small writes, not 10,000
 * (bench/suites/contacts-insert.mjs). Keyed by its first seq, so the outbox reads in push order.
 * Read and written only through `encodeChunk` / `decodeChunk` (outbox.ts).
 */
export interface OutboxChunk {
  seq: number;
  /** How many entries `data` holds. */
  count: number;
  data: Uint8Array;
}

/** Sync's own small rows: device clock and sequence, cursor, session, status (see sync-repo). */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

/**
 * One reminder at one due time, as this browser delivered it (local, never synced: each browser shows
 * its own notifications). Keyed `<reminder id>@<due time>`, which is also the notification's id, so a
 * reminder fires once per due time however many times the scheduler runs (reminder-scheduler.ts).
 */
export interface ReminderLedgerRow {
  key: string;
  reminderId: string;
  /** When it is (or was) due: the reminder's own time, or the end of a snooze. */
  dueAt: number;
  /**
   * `scheduled`: a snooze waiting for its time; `firing`: claimed, its notification not yet confirmed
   * shown; `shown`: the notification was created; `closed`: clicked, done, snoozed or dismissed.
   */
  state: 'scheduled' | 'firing' | 'shown' | 'closed';
  reminder: Reminder;
  firedAt: number | null;
}

/** Small key/value rows: settings, the local profile id. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The one Dexie instance of the extension (Dexie's own guidance: one instance in its own module).
 * Index strings: first the primary key, then secondary indexes; `*` marks multi-entry, `[a+b]` compound.
 * Every schema change is a new `version(n)` with an upgrade function, never an edit of an old one.
 */
export class KeepcardDB extends Dexie {
  contacts!: EntityTable<ContactRow, 'id'>;
  companies!: EntityTable<CompanyRow, 'id'>;
  notes!: EntityTable<Synced<Note>, 'id'>;
  interactions!: EntityTable<Synced<Interaction>, 'id'>;
  purchases!: EntityTable<Synced<Purchase>, 'id'>;
  feedback!: EntityTable<Synced<Feedback>, 'id'>;
  tasks!: EntityTable<Synced<Task>, 'id'>;
  loyalty!: EntityTable<Synced<LoyaltyEntry>, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  history!: EntityTable<HistoryRow, 'seq'>;
  scorePages!: EntityTable<ScorePageRow, 'page'>;
  segments!: EntityTable<SegmentRow, 'id'>;
  outbox!: EntityTable<OutboxChunk, 'seq'>;
  syncState!: EntityTable<SyncStateRow, 'key'>;
  reminderLedger!: EntityTable<ReminderLedgerRow, 'key'>;
  purchaseDigests!: EntityTable<PurchaseDigestRow, 'contactId'>;
  rescoreQueue!: EntityTable<RescoreQueueRow, 'contactId'>;

  /** `options` lets tests pass fake-indexeddb's factory instead of the browser's. */
  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      contacts: 'id, nameKey, companyId, updatedAt, *emailKeys, *phoneKeys, *tags, ownerId',
      companies: 'id, name, domain, updatedAt, *tags',
      notes: 'id, contactId, companyId, updatedAt',
      interactions: 'id, [contactId+occurredAt], updatedAt',
      purchases: 'id, [contactId+occurredAt], occurredAt, updatedAt',
      feedback: 'id, [contactId+occurredAt], status, updatedAt',
      tasks: 'id, contactId, dueAt, updatedAt',
      meta: 'key',
    });
    // v2: local change counters for the in-memory list index, and the history of replaced values.
    this.version(2)
      .stores({
        contacts: 'id, nameKey, companyId, updatedAt, localRev, *emailKeys, *phoneKeys, *tags, ownerId',
        companies: 'id, name, orgKey, domain, updatedAt, localRev, *tags',
        history: '++seq, [table+rowId]',
      })
      .upgrade(async (tx) => {
        let rev = 0;
        for (const table of ['contacts', 'companies'] as const) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: { localRev: number; name?: string; orgKey?: string }) => {
              row.localRev = ++rev;
              if (table === 'companies') row.orgKey = organizationKey(row.name ?? '');
            });
        }
        await tx.table('meta').put({ key: 'localRev', value: rev });
      });
    // v3: stored scores (one row per contact, read by index, never recomputed on read) and saved segments.
    this.version(3).stores({ scores: 'contactId, localRev', segments: 'id, name' });
    // v4: sync (docs/sync-protocol.md §3): the outbox, keyed by sequence number so it reads in push
    // order (no other index: pulls run after a push emptied it and read what is left whole), and
    // sync's own state. Rows written before v4 are queued for their first push.
    this.version(4)
      .stores({ outbox: 'seq', syncState: 'key' })
      .upgrade((tx) => queueExistingRows(tx, Date.now()));
    // v5: the loyalty-points ledger (append-only, read per contact in time order).
    this.version(5).stores({ loyalty: 'id, [contactId+occurredAt], updatedAt' });
    // v6: the reminders' delivery ledger (local only), read by state (snoozes and unconfirmed
    // notifications) and pruned by due time.
    this.version(6).stores({ reminderLedger: 'key, state, dueAt' });
    // v7: who a customer referred (客户推荐), by index: only referred contacts have an entry (null is
    // not an IndexedDB key), so the index costs nothing for the others.
    this.version(7).stores({
      contacts:
        'id, nameKey, companyId, updatedAt, localRev, *emailKeys, *phoneKeys, *tags, ownerId, referredById',
    });
    // v8, for scoring a large book fast (bench/suites/scoring-worker.mjs): per contact, its live
    // purchases packed (purchase-digest.ts, kept current by purchase-digest-middleware.ts), so a refit
    // reads one small row per contact, not every purchase; tombstoned and lost contacts by sparse
    // indexes (null is no IndexedDB key: live contacts cost the indexes nothing), so a refit finds the
    // live contacts from keys alone; and score rows cut to what the card shows (reasons as codes and
    // numbers, the UI writes the words), a tenth of their old size.
    this.version(8)
      .stores({
        contacts:
          'id, nameKey, companyId, updatedAt, localRev, *emailKeys, *phoneKeys, *tags, ownerId, referredById, deletedAt, lost.at',
        [PURCHASE_DIGESTS]: 'contactId',
      })
      .upgrade(async (tx) => {
        const purchases: Parameters<typeof digestsOf>[0] = await tx.table('purchases').toArray();
        await tx.table(PURCHASE_DIGESTS).bulkPut(digestsOf(purchases));
        await tx
          .table('scores')
          .toCollection()
          .modify((row: { detail: CustomerScores | ScoreDetail }) => {
            if ('classification' in row.detail) row.detail = scoreDetailOf(row.detail);
          });
      });
    // v9, for writing a refit's scores in budget (bench/suites/scoring-worker.mjs): scores in pages of
    // about 50 contacts (score-pages.ts) instead of one row per contact, since Chromium's IndexedDB
    // costs 200-300 µs per row written. The old rows move into their pages; the old store goes.
    this.version(9)
      .stores({ [SCORE_PAGES]: 'page, localRev', scores: null })
      .upgrade(async (tx) => {
        const rows: ContactScores[] = await tx.table('scores').toArray();
        const meta = tx.table('meta');
        const rev = ((await meta.get('localRev'))?.value as number | undefined) ?? 0;
        const pages = packPages(rows, rev + 1);
        await tx.table(SCORE_PAGES).bulkPut(pages);
        await meta.put({ key: 'localRev', value: rev + pages.length });
      });
    // v10, for a refit's and a rescore's write (bench/suites/scoring-worker.mjs): a contact's scores
    // stored in about 480 bytes instead of 1,215 (score-pages.ts: the list part as an array, the card's
    // detail without what the list part says). Pages keep their change counters: the list reads the
    // same values from them.
    this.version(10).upgrade((tx) =>
      tx
        .table(SCORE_PAGES)
        .toCollection()
        .modify((row: ScorePageRow) => {
          row.scores = repackVersion9(row.scores);
        }),
    );
    // v11: contacts to rescore, queued with every write to their records (rescore-queue-middleware.ts);
    // nothing to migrate: the next refit (due at the first panel open of the day) covers what is older.
    this.version(11).stores({ [RESCORE_QUEUE]: 'contactId' });
    this.use(purchaseDigestMiddleware);
    this.use(rescoreQueueMiddleware);
  }
}

/** The index definitions of the contacts store, for benchmarks that compare against raw IndexedDB. */
export const CONTACT_INDEXES = [
  { name: 'nameKey', keyPath: 'nameKey', multiEntry: false },
  { name: 'companyId', keyPath: 'companyId', multiEntry: false },
  { name: 'updatedAt', keyPath: 'updatedAt', multiEntry: false },
  { name: 'localRev', keyPath: 'localRev', multiEntry: false },
  { name: 'emailKeys', keyPath: 'emailKeys', multiEntry: true },
  { name: 'phoneKeys', keyPath: 'phoneKeys', multiEntry: true },
  { name: 'tags', keyPath: 'tags', multiEntry: true },
  { name: 'ownerId', keyPath: 'ownerId', multiEntry: false },
  { name: 'referredById', keyPath: 'referredById', multiEntry: false },
] as const;

let instance: KeepcardDB | undefined;
let blockedWhileOpening = false;

/** The shared database of this extension context, opened lazily. */
export function getDb(): KeepcardDB {
  if (!instance) {
    instance = new KeepcardDB();
    // Remembered from the start: a page that subscribes later (a panel opened on a card constructs
    // the database only once the card painted, or when the card's own read needs it) still learns
    // that an upgrade waits for another tab to close.
    instance.on('blocked', () => {
      blockedWhileOpening = true;
    });
  }
  return instance;
}

/** True when this context's database was blocked (an upgrade waiting for other tabs) and is not open yet. */
export function dbBlocked(): boolean {
  return blockedWhileOpening && !instance?.isOpen();
}

/** For tests: use a database of another name (each test its own). */
export function setDbForTesting(db: KeepcardDB | undefined): void {
  instance = db;
}
