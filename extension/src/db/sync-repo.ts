// The repository side of sync (docs/sync-protocol.md §3-§6, §11): the one door through which the
// server's rows, answers and cursor reach the local database. Each exported write is one transaction.
import {
  type Actor,
  createHlc,
  type Mutation,
  maxStampOfPage,
  type PullResponse,
  type PushPlan,
  type PushResponse,
  parseRecord,
  planPullPage,
  planPushResults,
  type RowOutcome,
  rebaseRow,
  receiveHlc,
  rowKey,
  rowsMissingAfterRefetch,
  type SyncChange,
  type TableName,
  tableNames,
  ValidationError,
} from '@keepcard/shared';
import type { Table } from 'dexie';
import type { CompanyRow, ContactRow, HistoryRow, KeepcardDB, OutboxChunk, RowSync } from './db';
import {
  compactClocks,
  type DeviceState,
  decodeChunk,
  encodeChunk,
  expandClocks,
  loadDevice,
  recordOf,
  saveDevice,
  toMutation,
} from './outbox';
import { nextRevs, replacedValues, type StoredRow, toStoredRow, writeTables } from './records-repo';
import { clearScores, scoresTable } from './scores-repo';

/** Where pulling stands: the server's opaque cursor, and the refetch under way after a 410. */
export interface PullPosition {
  /** Null: pull from the start. */
  cursor: string | null;
  /** Set while refetching everything (§6): the generation that marks the rows received again. */
  refetch: number | null;
}

export const CURSOR_KEY = 'cursor';

/** Tables whose rows carry `localRev` for the list index: a removal leaves a tombstone it can see. */
const REVISED: ReadonlySet<TableName> = new Set<TableName>(['contacts', 'companies']);

type AnyRow = StoredRow<TableName>;
const storeOf = (db: KeepcardDB, table: TableName) => db.table(table) as Table<AnyRow, string>;

export async function readPullPosition(db: KeepcardDB): Promise<PullPosition> {
  const value = (await db.syncState.get(CURSOR_KEY))?.value as PullPosition | undefined;
  return value ?? { cursor: null, refetch: null };
}

export async function readDevice(db: KeepcardDB): Promise<DeviceState> {
  return loadDevice(db.syncState);
}

/** The device's identity and clock, made and stored on first use. */
export async function ensureDevice(db: KeepcardDB): Promise<DeviceState> {
  return db.transaction('rw', db.syncState, async () => {
    const device = await loadDevice(db.syncState);
    await saveDevice(db.syncState, device);
    return device;
  });
}

/** `handOver` found changes that have not reached the server: nothing was changed. */
export class PendingChangesError extends Error {
  override readonly name = 'PendingChangesError';
}

/**
 * Local state of the previous user kept in `meta`: who writes (the actor), the demo book's manifest,
 * the last clip, and the scoring model fitted on their customers. Settings (language, region, scoring
 * settings) and the `localRev` counter belong to the browser and stay.
 */
// `reminders.checkedUntil` with the reminder ledger: the next user's first check starts afresh, so
// the previous user's snoozed or pending reminders never fire for them.
const USER_META_KEYS = ['actor', 'demoData', 'lastClip', 'scoringModel', 'reminders.checkedUntil'] as const;

/**
 * Another user takes over this browser (§3, §8): in one transaction, and only while no change waits for
 * the server (else `PendingChangesError` and nothing changes), the local replica of the previous user
 * goes: every synced row (contacts and companies leave data-free tombstones, so an open list sees them
 * go), the history of replaced values, stored scores, saved segments and the previous user's `meta`
 * keys, and the reminders this browser delivered to them. The pull cursor restarts from the beginning and the browser becomes device `deviceId` (a
 * device belongs to one user; the sequence goes on, so seq stays unique here). Returns the number of
 * synced rows removed.
 */
export async function handOver(db: KeepcardDB, deviceId: string, now: number): Promise<number> {
  return db.transaction(
    'rw',
    [...writeTables(db), scoresTable(db), db.segments, db.reminderLedger],
    async () => {
      if ((await db.outbox.count()) > 0) throw new PendingChangesError('Changes wait for the server');
      const old = await loadDevice(db.syncState);
      await saveDevice(db.syncState, {
        deviceId,
        clock: createHlc(deviceId),
        seq: old.seq,
        pending: 0,
      });
      let removed = 0;
      for (const table of tableNames) {
        const store = storeOf(db, table);
        if (!REVISED.has(table)) {
          removed += await store.count();
          await store.clear();
          continue;
        }
        const rows = await store.toArray();
        removed += rows.length;
        if (rows.length === 0) continue;
        const first = await nextRevs(db, rows.length);
        await store.bulkPut(
          rows.map((row, i) => ({ ...scrubbed(table, row, now), localRev: first + i }) as AnyRow),
        );
      }
      await db.history.clear();
      await clearScores(db);
      await db.segments.clear();
      await db.reminderLedger.clear();
      await db.meta.bulkDelete([...USER_META_KEYS]);
      await db.syncState.put({
        key: CURSOR_KEY,
        value: { cursor: null, refetch: null } satisfies PullPosition,
      });
      return removed;
    },
  );
}

/** The oldest outbox entries, in sequence order (the prefix rule, §4), as wire mutations. */
export async function oldestMutations(db: KeepcardDB, limit: number): Promise<Mutation[]> {
  const out: Mutation[] = [];
  await db.outbox
    .orderBy('seq')
    .until(() => out.length >= limit)
    .each((chunk: OutboxChunk) => {
      for (const entry of decodeChunk(chunk)) if (out.length < limit) out.push(toMutation(entry));
    });
  return out;
}

/** Changes waiting for the server. */
export async function pendingCount(db: KeepcardDB): Promise<number> {
  return (await loadDevice(db.syncState)).pending;
}

/** Pending outbox entries by row key, in seq order (§6). The outbox is small when a pull runs (§11: push first). */
async function pendingByRow(db: KeepcardDB, only?: ReadonlySet<string>): Promise<Map<string, Mutation[]>> {
  const byRow = new Map<string, Mutation[]>();
  await db.outbox.orderBy('seq').each((chunk: OutboxChunk) => {
    for (const entry of decodeChunk(chunk)) {
      const key = rowKey(entry.table, entry.rowId);
      if (only && !only.has(key)) continue;
      const list = byRow.get(key);
      if (list) list.push(toMutation(entry));
      else byRow.set(key, [toMutation(entry)]);
    }
  });
  return byRow;
}

/** A pulled record this version of Keepcard cannot store: nothing of its page was applied. */
export class PulledRecordError extends Error {
  override readonly name = 'PulledRecordError';
}

/**
 * What is left of a row that was deleted or that this user may no longer read: for contacts and
 * companies a tombstone without personal data, so the list index (which follows `localRev`) sees
 * the removal; rows of other tables go.
 */
function scrubbed(table: TableName, local: AnyRow, now: number): AnyRow {
  const base = {
    id: local.id,
    createdAt: local.createdAt,
    updatedAt: Math.max(now, local.updatedAt),
    deletedAt: local.deletedAt ?? now,
    ownerId: local.ownerId,
    teamId: local.teamId,
    visibility: local.visibility,
    schemaVersion: local.schemaVersion,
  };
  if (table === 'companies')
    return { ...base, name: '', tags: [], orgKey: '', localRev: 0 } satisfies CompanyRow;
  return {
    ...base,
    displayName: '',
    companyId: null,
    referredById: null,
    emails: [],
    phones: [],
    socials: [],
    urls: [],
    tags: [],
    preferences: { text: '', tags: [] },
    source: { kind: (local as ContactRow).source.kind },
    assigneeId: null,
    lost: null,
    emailKeys: [],
    phoneKeys: [],
    nameKey: '',
    localRev: 0,
  } satisfies ContactRow;
}

interface Outcome {
  table: TableName;
  id: string;
  outcome: RowOutcome;
  /** A revoke: the user may no longer read the row, so its past values go too. */
  revoked: boolean;
}

/**
 * Writes the outcomes of pulled rows or push answers: rows validated with the shared schema, with
 * their derived keys, the server's version and stamps, and a new `localRev`; history rows (cause
 * 'sync') for the values they replace. Call inside a transaction over `writeTables`.
 * @param locals the stored rows, by row key, if the caller has read them already.
 */
async function writeOutcomes(
  db: KeepcardDB,
  outcomes: readonly Outcome[],
  {
    now,
    seen,
    locals,
  }: { now: number; seen: number | null; locals?: ReadonlyMap<string, AnyRow | undefined> },
): Promise<void> {
  const byTable = new Map<TableName, Outcome[]>();
  for (const o of outcomes) {
    const list = byTable.get(o.table);
    if (list) list.push(o);
    else byTable.set(o.table, [o]);
  }
  const history: HistoryRow[] = [];
  for (const [table, list] of byTable) {
    const store = storeOf(db, table);
    const stored = locals
      ? list.map((o) => locals.get(rowKey(table, o.id)))
      : await store.bulkGet(list.map((o) => o.id));
    const puts: AnyRow[] = [];
    const deletes: string[] = [];
    const forgotten: string[] = [];
    list.forEach(({ id, outcome, revoked }, i) => {
      const local = stored[i];
      if (outcome.kind === 'remove') {
        if (revoked) forgotten.push(id);
        if (!local) return;
        if (REVISED.has(table)) puts.push(scrubbed(table, local, now));
        else deletes.push(id);
        return;
      }
      let row: AnyRow;
      try {
        row = toStoredRow(table, parseRecord(table, outcome.row.record));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        throw new PulledRecordError(
          `The server sent a ${table} record (${id}) that this version of Keepcard cannot store: ${error.message}. Update the extension; nothing of this page was saved.`,
        );
      }
      const meta: RowSync = { version: outcome.row.version, ...compactClocks(outcome.row.clocks) };
      if (seen !== null) meta.seen = seen;
      row.syncMeta = meta;
      // Only a live row has values worth keeping (a removed one is a tombstone without data).
      if (local && local.deletedAt === null) {
        history.push(
          ...replacedValues(table, recordOf(table, local), recordOf(table, row), { now, cause: 'sync' }),
        );
      }
      puts.push(row);
    });
    if (REVISED.has(table) && puts.length > 0) {
      const first = await nextRevs(db, puts.length);
      puts.forEach((row, i) => {
        (row as { localRev: number }).localRev = first + i;
      });
    }
    for (const id of forgotten) await db.history.where('[table+rowId]').equals([table, id]).delete();
    if (deletes.length > 0) await store.bulkDelete(deletes);
    if (puts.length > 0) await store.bulkPut(puts);
  }
  if (history.length > 0) await db.history.bulkAdd(history);
}

/** Takes the stamps of received rows into the device clock (§2: receiveHlc with maxStampOfPage). */
async function receiveStamps(db: KeepcardDB, changes: readonly SyncChange[], now: number): Promise<void> {
  const stamp = maxStampOfPage(changes);
  if (!stamp) return;
  const device = await loadDevice(db.syncState);
  await saveDevice(db.syncState, { ...device, clock: receiveHlc(device.clock, stamp, now) });
}

/**
 * The stored rows a set of changes names, by row key (undefined: not stored). One key cursor per
 * table (`anyOf`) rather than a get per id: a first sync asks about 1,000 rows that do not exist yet
 * per page, and the cursor finds that out at once.
 */
async function storedRows(db: KeepcardDB, changes: readonly { table: TableName; id: string }[]) {
  const byTable = new Map<TableName, Set<string>>();
  for (const { table, id } of changes) {
    const ids = byTable.get(table);
    if (ids) ids.add(id);
    else byTable.set(table, new Set([id]));
  }
  const rows = new Map<string, AnyRow | undefined>();
  for (const [table, ids] of byTable) {
    for (const id of ids) rows.set(rowKey(table, id), undefined);
    const found = await storeOf(db, table)
      .where(':id')
      .anyOf([...ids])
      .toArray();
    for (const row of found) rows.set(rowKey(table, row.id), row);
  }
  return rows;
}

/** Server version of a stored row: null for a row the server has not sent (yet). */
const versionOf = (row: AnyRow) => row.syncMeta?.version ?? null;

export interface PullPageResult {
  /** Rows written or removed. */
  written: number;
  /** Rows dropped at the end of a refetch because the server no longer sent them. */
  dropped: number;
}

/**
 * Applies one pulled page and its cursor in one transaction (§6, `planPullPage`): each row with this
 * device's pending edits merged on top, changes older than what the device has skipped, the device
 * clock moved past the page's stamps, and the cursor stored. At the end of a refetch, rows that came
 * from the server but were not sent again are dropped (`rowsMissingAfterRefetch`).
 */
export async function applyPullPage(
  db: KeepcardDB,
  page: PullResponse,
  now: number,
): Promise<PullPageResult> {
  return db.transaction('rw', writeTables(db), async () => {
    const position = await readPullPosition(db);
    const locals = await storedRows(db, page.changes);
    const versions = new Map<string, number | null>();
    for (const [key, row] of locals) if (row) versions.set(key, versionOf(row));
    const pending = await pendingByRow(db, new Set(locals.keys()));
    const ops = planPullPage(page.changes, { versions, pending });
    const revoked = new Set(
      page.changes.filter((c) => c.kind === 'revoke').map((c) => rowKey(c.table, c.id)),
    );
    await writeOutcomes(
      db,
      ops.map((op) => ({ table: op.table, id: op.id, outcome: op.outcome, revoked: revoked.has(op.key) })),
      { now, seen: position.refetch, locals },
    );
    if (position.refetch !== null)
      await markSeen(db, locals, new Set(ops.map((op) => op.key)), position.refetch);
    await receiveStamps(db, page.changes, now);
    let dropped = 0;
    if (!page.hasMore && position.refetch !== null) dropped = await dropMissing(db, position.refetch, now);
    await db.syncState.put({
      key: CURSOR_KEY,
      value: { cursor: page.cursor, refetch: page.hasMore ? position.refetch : null } satisfies PullPosition,
    });
    return { written: ops.length, dropped };
  });
}

/** During a refetch, rows a page named but did not change (the device had that version) count as received. */
async function markSeen(
  db: KeepcardDB,
  locals: ReadonlyMap<string, AnyRow | undefined>,
  written: ReadonlySet<string>,
  generation: number,
) {
  const byTable = new Map<TableName, AnyRow[]>();
  for (const [key, row] of locals) {
    if (!row?.syncMeta || written.has(key) || row.syncMeta.seen === generation) continue;
    const table = key.slice(0, key.indexOf('/')) as TableName;
    const list = byTable.get(table) ?? [];
    list.push({ ...row, syncMeta: { ...row.syncMeta, seen: generation } });
    byTable.set(table, list);
  }
  for (const [table, rows] of byTable) await storeOf(db, table).bulkPut(rows);
}

/** End of a refetch: removes the rows from the server that it did not send again and that wait for no push. */
async function dropMissing(db: KeepcardDB, generation: number, now: number): Promise<number> {
  const versions = new Map<string, number | null>();
  const received = new Set<string>();
  for (const table of tableNames) {
    await storeOf(db, table).each((row: AnyRow) => {
      if (!row.syncMeta) return;
      const key = rowKey(table, row.id);
      versions.set(key, row.syncMeta.version);
      if (row.syncMeta.seen === generation) received.add(key);
    });
  }
  const pending = new Set((await pendingByRow(db)).keys());
  const missing = rowsMissingAfterRefetch(versions, received, pending);
  await writeOutcomes(
    db,
    missing.map((key) => {
      const slash = key.indexOf('/');
      const outcome: RowOutcome = { kind: 'remove' };
      return { table: key.slice(0, slash) as TableName, id: key.slice(slash + 1), outcome, revoked: true };
    }),
    { now, seen: null },
  );
  return missing.length;
}

/** The server answered 410 cursor_expired: pull everything again from the start (§6). */
export async function startRefetch(db: KeepcardDB, generation: number): Promise<void> {
  await db.syncState.put({
    key: CURSOR_KEY,
    value: { cursor: null, refetch: generation } satisfies PullPosition,
  });
}

/**
 * Takes the server's answer to a push (§4, `planPushResults`) in one transaction: answered entries
 * leave the outbox; a rejected row is rebased on the server's state of it (`rebaseRow`) with the
 * edits still pending. Returns the plan, whose `rejected` list is for the rep.
 */
export async function applyPushAnswer(
  db: KeepcardDB,
  batch: readonly Mutation[],
  response: PushResponse,
  now: number,
): Promise<PushPlan> {
  const plan = planPushResults(batch, response);
  if (plan.done.length === 0) return plan;
  const done = new Set(plan.done);
  await db.transaction('rw', writeTables(db), async () => {
    let removed = 0;
    await db.outbox
      .orderBy('seq')
      .until(() => removed >= done.size)
      .modify((chunk, ref) => {
        const entries = decodeChunk(chunk);
        const left = entries.filter((e) => !done.has(e.mutationId));
        removed += entries.length - left.length;
        if (left.length === 0) delete (ref as { value?: unknown }).value;
        else if (left.length < entries.length) Object.assign(chunk, encodeChunk(left), { seq: chunk.seq });
      });
    const device = await loadDevice(db.syncState);
    await saveDevice(db.syncState, { ...device, pending: Math.max(0, device.pending - removed) });
    if (plan.resets.length === 0) return;
    const locals = await storedRows(db, plan.resets);
    const pending = await pendingByRow(db, new Set(locals.keys()));
    const outcomes: Outcome[] = [];
    for (const { table, id, current } of plan.resets) {
      const key = rowKey(table, id);
      const local = locals.get(key);
      const have = local ? versionOf(local) : null;
      // The device already has a newer state of this row than the answer carries.
      if (current && have !== null && have > current.version) continue;
      outcomes.push({
        table,
        id,
        outcome: rebaseRow(table, current, pending.get(key) ?? []),
        revoked: current?.kind === 'revoke',
      });
    }
    await writeOutcomes(db, outcomes, { now, seen: null, locals });
    await receiveStamps(
      db,
      plan.resets.flatMap((r) => (r.current ? [r.current] : [])),
      now,
    );
  });
  return plan;
}

/**
 * The first sign-in (§3): records written before it carry the local profile id as owner. Before the
 * first push, rows that never reached a server, and their outbox entries, get the signed-in user as
 * owner, and later writes are made as that user. Returns how many rows changed owner.
 */
export async function adoptLocalRecords(
  db: KeepcardDB,
  localUserId: string,
  userId: string,
): Promise<number> {
  return db.transaction('rw', writeTables(db), async () => {
    await db.meta.put({ key: 'actor', value: { userId, teamId: null } satisfies Actor });
    if (localUserId === userId) return 0;
    await db.outbox.toCollection().modify((chunk) => {
      const entries = decodeChunk(chunk);
      const mine = entries.filter((entry) => entry.set.ownerId === localUserId);
      for (const entry of mine) entry.set.ownerId = userId;
      if (mine.length > 0) Object.assign(chunk, encodeChunk(entries), { seq: chunk.seq });
    });
    let changed = 0;
    for (const table of tableNames) {
      const store = storeOf(db, table);
      const mine = await store
        .filter((row) => row.ownerId === localUserId && versionOf(row) === null)
        .toArray();
      if (mine.length === 0) continue;
      const first = REVISED.has(table) ? await nextRevs(db, mine.length) : 0;
      await store.bulkPut(
        mine.map((row, i) => ({
          ...row,
          ownerId: userId,
          ...(REVISED.has(table) && { localRev: first + i }),
        })),
      );
      changed += mine.length;
    }
    return changed;
  });
}

/** Field stamps of a stored row's server state (for tests and diagnostics). */
export function serverClocksOf(table: TableName, row: AnyRow) {
  return expandClocks(row.syncMeta, recordOf(table, row));
}
