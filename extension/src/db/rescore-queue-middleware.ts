// Queues for rescoring, in the same IndexedDB transaction as the write, every contact whose scoring
// records change: its contact row, purchases, interactions, feedback or tasks, whoever writes them
// (the panel, the background's captures and sync pulls, imports, backup restores), and whether the
// side panel (where the scoring worker lives) is open or not. The worker empties the queue as it
// rescores (scoring-engine.ts `drainRescoreQueue`, asked by use-scoring.ts whenever the queue is not
// empty). Before it, the panel looked for rows by `updatedAt` from the time it opened: it missed
// changes made while it was closed, and rows that sync pulled with another device's older time.
// Same door as purchase-digest-middleware.ts: a Dexie DBCore middleware that widens each read-write
// transaction on those stores to the queue's store.
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import { ANY_RANGE, keysOf } from './purchase-digest-middleware';

/** The queue's store: one row per contact to rescore (db.ts version 11). */
export const RESCORE_QUEUE = 'rescoreQueue';

/** A queued contact. `contactId` is EVERYONE when a store was cleared: the whole book is rescored. */
export interface RescoreQueueRow {
  contactId: string;
  /** When it was queued (for a reader's curiosity; the queue is drained in key order). */
  at: number;
}

/** The queue row that stands for every contact (a cleared store): the worker refits instead. */
export const EVERYONE = '*';

/** Stores whose rows are scoring records, and how a row names its contact. */
const SCORED: Record<string, 'key' | 'contactId'> = {
  contacts: 'key',
  purchases: 'contactId',
  interactions: 'contactId',
  feedback: 'contactId',
  tasks: 'contactId',
};

/** Transactions of the upgrades before version 11 have no queue store (and need none). */
const hasQueue = (trans: DBCoreTransaction) =>
  (trans as unknown as IDBTransaction).objectStoreNames.contains(RESCORE_QUEUE);

const contactOf = (row: unknown): string | null => {
  const id = (row as { contactId?: unknown } | undefined)?.contactId;
  return typeof id === 'string' ? id : null;
};

/**
 * The contacts whose records a mutation of `table` touches, before it runs: the rows it replaces or
 * removes are read (a purchase moved to another contact changes both), added rows name theirs.
 * EVERYONE for a cleared store. Dexie promises throughout, no async functions: Dexie's layers below
 * (hooks, observability) read the transaction's zone, which a native await loses.
 */
function touchedContacts(
  table: DBCoreTable,
  req: DBCoreMutateRequest,
  by: 'key' | 'contactId',
): PromiseLike<(string | null)[]> {
  const { trans } = req;
  if (req.type === 'deleteRange') {
    if (req.range.type === ANY_RANGE) return Dexie.Promise.resolve([EVERYONE]);
    return table
      .query({
        trans,
        values: by === 'contactId',
        query: { index: table.schema.primaryKey, range: req.range },
      })
      .then(({ result }) => (by === 'key' ? (result as string[]) : result.map(contactOf)));
  }
  const keys = req.type === 'delete' ? req.keys : keysOf(table, req);
  if (by === 'key') return Dexie.Promise.resolve(keys as string[]);
  const values = req.type === 'delete' ? [] : req.values;
  const added = values.map(contactOf);
  if (req.type === 'add') return Dexie.Promise.resolve(added);
  return table.getMany({ trans, keys }).then((before) => [...before.map(contactOf), ...added]);
}

/** Puts the touched contacts in the queue, when the mutation changed anything. */
function enqueue(
  core: DBCore,
  trans: DBCoreTransaction,
  contacts: readonly (string | null)[],
  res: DBCoreMutateResponse,
  count: number,
): PromiseLike<unknown> {
  const ids = [...new Set(contacts.filter((id): id is string => id !== null))];
  if (ids.length === 0 || (count > 0 && res.numFailures >= count)) return Dexie.Promise.resolve();
  const at = Date.now();
  return core.table(RESCORE_QUEUE).mutate({
    type: 'put',
    trans,
    values: ids.map((contactId): RescoreQueueRow => ({ contactId, at })),
  });
}

/** The middleware (registered in db.ts). */
export const rescoreQueueMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'RescoreQueue',
  // Below Dexie's hooks (level 2): the queue's own write needs no hooks, and the hooks layer reads the
  // calling transaction from its zone, which an implicit transaction's write does not always carry
  // down here. Above Observability (level 0), so live queries see the queue change.
  level: 1,
  create(core) {
    const queued = core.schema.tables.some((t) => t.name === RESCORE_QUEUE);
    return {
      ...core,
      transaction(stores, mode, options) {
        const widened =
          queued && mode === 'readwrite' && stores.some((s) => s in SCORED) && !stores.includes(RESCORE_QUEUE)
            ? [...stores, RESCORE_QUEUE]
            : stores;
        return core.transaction(widened, mode, options);
      },
      table(name) {
        const table = core.table(name);
        const by = SCORED[name];
        if (!by) return table;
        return {
          ...table,
          mutate(req) {
            if (!hasQueue(req.trans)) return table.mutate(req);
            const count =
              req.type === 'deleteRange' ? 0 : req.type === 'delete' ? req.keys.length : req.values.length;
            return touchedContacts(table, req, by).then((contacts) =>
              table.mutate(req).then((res) => enqueue(core, req.trans, contacts, res, count).then(() => res)),
            ) as Promise<DBCoreMutateResponse>;
          },
        };
      },
    };
  },
};
