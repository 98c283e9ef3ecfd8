import type { Company, Contact, Feedback, Interaction, Note, Purchase, Task } from '@keepcard/shared';
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
  /** Lower-cased display name, for sorting and prefix search. */
  nameKey: string;
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
  companies!: EntityTable<Company, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  purchases!: EntityTable<Purchase, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  tasks!: EntityTable<Task, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;

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
  }
}

/** The index definitions of the contacts store, for benchmarks that compare against raw IndexedDB. */
export const CONTACT_INDEXES = [
  { name: 'nameKey', keyPath: 'nameKey', multiEntry: false },
  { name: 'companyId', keyPath: 'companyId', multiEntry: false },
  { name: 'updatedAt', keyPath: 'updatedAt', multiEntry: false },
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
