// Keeps each contact's purchase digest (purchase-digest.ts) current in the same IndexedDB transaction
// as every write to the purchases store, whoever writes: the repositories, imports, sync pulls, backup
// restores, the sample book. A Dexie DBCore middleware (https://dexie.org/docs/Dexie/Dexie.use()) is
// the one door every write goes through, so no writer can forget the digest; it also widens every
// read-write transaction on purchases to the digest store, as dexie-cloud does for its own tables.
import type {
  DBCore,
  DBCoreAddRequest,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCorePutRequest,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import {
  type DigestSource,
  entriesByContact,
  PURCHASE_DIGESTS,
  type PurchaseDigestRow,
  packDigest,
  reviseDigest,
} from './purchase-digest';

const PURCHASES = 'purchases';
/** DBCoreRangeType.Any (a const enum in Dexie's types): the whole store, as clear() asks. */
export const ANY_RANGE = 3;

/**
 * Transactions opened before version 8 created the store (the upgrades of older versions) have no
 * digest store; version 8's upgrade then builds every digest from the purchases.
 */
const hasDigests = (trans: DBCoreTransaction) =>
  (trans as unknown as IDBTransaction).objectStoreNames.contains(PURCHASE_DIGESTS);

/** The primary keys a put or add writes (given, or taken from the values). */
export const keysOf = (purchases: DBCoreTable, req: DBCorePutRequest | DBCoreAddRequest) =>
  req.keys ?? req.values.map((v) => purchases.schema.primaryKey.extractKey!(v));

/** The purchase rows a mutation replaces or removes, read before it runs. */
async function rowsBefore(purchases: DBCoreTable, req: DBCoreMutateRequest): Promise<DigestSource[]> {
  const { trans } = req;
  if (req.type === 'deleteRange')
    return (
      await purchases.query({
        trans,
        values: true,
        query: { index: purchases.schema.primaryKey, range: req.range },
      })
    ).result as DigestSource[];
  if (req.type === 'add') return [];
  const keys = req.type === 'delete' ? req.keys : keysOf(purchases, req);
  return ((await purchases.getMany({ trans, keys })) as (DigestSource | undefined)[]).filter(
    (r): r is DigestSource => r !== undefined,
  );
}

/** A contact's digest rebuilt from its purchase rows, read through the [contactId+occurredAt] index. */
async function rebuilt(purchases: DBCoreTable, trans: DBCoreTransaction, contactId: string) {
  const index = purchases.schema.getIndexByKeyPath(['contactId', 'occurredAt'])!;
  const { result } = await purchases.query({
    trans,
    values: true,
    query: {
      index,
      range: { type: 2, lower: [contactId, -Infinity], upper: [contactId, Infinity] },
    },
  });
  return packDigest(contactId, entriesByContact(result as DigestSource[]).get(contactId) ?? []);
}

/** Applies a purchases mutation to the digests of the contacts it touched (after it succeeded). */
async function reviseDigests(
  core: DBCore,
  purchases: DBCoreTable,
  req: DBCoreMutateRequest,
  before: readonly DigestSource[],
  res: DBCoreMutateResponse,
): Promise<void> {
  const { trans } = req;
  // A failed put or delete changed nothing; its row's old value stays in the digest.
  const failedKeys = new Set<unknown>();
  if (res.numFailures > 0 && req.type !== 'deleteRange') {
    const keys = req.type === 'delete' ? req.keys : keysOf(purchases, req);
    for (const i of Object.keys(res.failures)) failedKeys.add(keys[Number(i)]);
  }
  const keyOf = purchases.schema.primaryKey.extractKey!;
  const removed = entriesByContact(before.filter((row) => !failedKeys.has(keyOf(row))));
  const added = entriesByContact(
    req.type === 'add' || req.type === 'put'
      ? (req.values as DigestSource[]).filter((_, i) => !(i in res.failures))
      : [],
  );
  const contactIds = [...new Set([...removed.keys(), ...added.keys()])];
  if (contactIds.length === 0) return;
  const digests = core.table(PURCHASE_DIGESTS);
  const current = (await digests.getMany({ trans, keys: contactIds })) as (PurchaseDigestRow | undefined)[];
  const put: PurchaseDigestRow[] = [];
  const gone: string[] = [];
  for (const [i, contactId] of contactIds.entries()) {
    const next =
      reviseDigest(contactId, current[i], removed.get(contactId) ?? [], added.get(contactId) ?? []) ??
      (await rebuilt(purchases, trans, contactId));
    if (next.packed.length === 0) gone.push(contactId);
    else put.push(next);
  }
  if (put.length) await digests.mutate({ type: 'put', trans, values: put });
  if (gone.length) await digests.mutate({ type: 'delete', trans, keys: gone });
}

/** The middleware (registered in db.ts). */
export const purchaseDigestMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'PurchaseDigests',
  create(core) {
    return {
      ...core,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes(PURCHASES) && !stores.includes(PURCHASE_DIGESTS)
            ? [...stores, PURCHASE_DIGESTS]
            : stores;
        return core.transaction(widened, mode, options);
      },
      table(name) {
        const table = core.table(name);
        if (name !== PURCHASES) return table;
        return {
          ...table,
          async mutate(req) {
            if (!hasDigests(req.trans)) return table.mutate(req);
            if (req.type === 'deleteRange' && req.range.type === ANY_RANGE) {
              // clear(): every digest goes too, without reading the purchases first.
              const res = await table.mutate(req);
              await core.table(PURCHASE_DIGESTS).mutate({ ...req, range: req.range });
              return res;
            }
            const before = await rowsBefore(table, req);
            const res = await table.mutate(req);
            await reviseDigests(core, table, req, before, res);
            return res;
          },
        };
      },
    };
  },
};
