import {
  type Company,
  type Contact,
  type Feedback,
  type Interaction,
  type Note,
  organizationKey,
  type Purchase,
  type Task,
} from '@keepcard/shared';
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';

/**
 * A contact as stored: the shared Contact plus index keys derived from it by the repository
 * (IndexedDB multi-entry indexes need arrays of plain values, not arrays of objects).
 */
export interface ContactRow extends Contact {
  /** Lower-cased email addresses. */
  emailKeys: string[];
  /** E.164 numbers, or the digits of numbers that could not be parsed. */
  phoneKeys: string[];
  /** The display name folded for matching and sorting (shared `nameKey`: case-folded, CJK without spaces). */
  nameKey: string;
  /** Local change counter (see `nextRevs`): lets the list pick up exactly the rows changed since it last looked. */
  localRev: number;
}

export interface CompanyRow extends Company {
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
  notes!: EntityTable<Note, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  purchases!: EntityTable<Purchase, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  tasks!: EntityTable<Task, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  history!: EntityTable<HistoryRow, 'seq'>;

  /** `options` lets tests pass fake-indexeddb's factory instead of the browser's. */
  constructor(name = 'keepcard', options?: DexieOptions) {
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
] as const;

let instance: KeepcardDB | undefined;

/** The shared database of this extension context, opened lazily. */
export function getDb(): KeepcardDB {
  instance ??= new KeepcardDB();
  return instance;
}

/** For tests: use a database of another name (each test its own). */
export function setDbForTesting(db: KeepcardDB | undefined): void {
  instance = db;
}
