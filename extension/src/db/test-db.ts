import type { Actor } from '@keepcard/shared';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { KeepcardDB } from './db';
import type { WriteContext } from './records-repo';

let counter = 0;

/** A fresh, empty database in fake-indexeddb, and a write context using it. */
export function freshDb(now = Date.UTC(2026, 10, 22)): { db: KeepcardDB; ctx: WriteContext; actor: Actor } {
  const db = new KeepcardDB(`keepcard-test-${++counter}`, { indexedDB, IDBKeyRange });
  const actor: Actor = { userId: 'user-1', teamId: null };
  return { db, actor, ctx: { actor, now, db } };
}
