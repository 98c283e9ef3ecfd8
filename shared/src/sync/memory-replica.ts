// A complete device replica in memory: the reference for the extension's Dexie engine
// (docs/sync-protocol.md §11) and the simulated device of the server's convergence test. It does no
// I/O: it makes request bodies and takes responses, so any transport (or none) can drive it.
import { newId } from '../schemas/common';
import type { TableName } from '../schemas/tables';
import { parseRecord } from '../schemas/validation';
import { createHlc, type HlcClock, receiveHlc } from './hlc';
import { type LocalRow, nextPushBatch, planPushResults, stampChange } from './local-changes';
import {
  type LocalSyncState,
  maxStampOfPage,
  planPullPage,
  type RowOutcome,
  rebaseRow,
  rowKey,
  rowsMissingAfterRefetch,
} from './pulled-rows';
import type { Mutation, PullQuery, PullResponse, PushRequest, PushResponse, SyncChange } from './wire';

interface StoredRow extends LocalRow {
  table: TableName;
  id: string;
}

export class MemoryReplica {
  clock: HlcClock;
  /** Last sequence number used. */
  seq = 0;
  /** Unanswered mutations, in seq order. */
  outbox: Mutation[] = [];
  cursor: string | undefined;
  readonly rows = new Map<string, StoredRow>();
  /** During a refetch from the start: the rows received so far. */
  #refetched: Set<string> | null = null;

  constructor(readonly deviceId: string) {
    this.clock = createHlc(deviceId);
  }

  /**
   * A local edit: `edit` gets the current record (null for a new row) and returns the whole new
   * record (its id is `id`). The record is validated, then the row and its outbox entry are written
   * together.
   * @returns the outbox entry, or null when nothing changed.
   */
  write(
    table: TableName,
    id: string,
    edit: (current: Readonly<Record<string, unknown>> | null) => Record<string, unknown>,
    now: number,
  ): Mutation | null {
    const key = rowKey(table, id);
    const before = this.rows.get(key) ?? null;
    const after = parseRecord(table, { ...edit(before?.record ?? null), id }) as Record<string, unknown>;
    const stamped = stampChange({
      table,
      before,
      after,
      clock: this.clock,
      now,
      seq: this.seq + 1,
      mutationId: newId(),
    });
    if (!stamped) return null;
    this.seq += 1;
    this.clock = stamped.clock;
    this.outbox.push(stamped.mutation);
    this.rows.set(key, { table, id, ...stamped.row });
    return stamped.mutation;
  }

  /** The next push body, or null when the outbox is empty. */
  pushRequest(options?: Parameters<typeof nextPushBatch>[1]): PushRequest | null {
    const mutations = nextPushBatch(this.outbox, options);
    return mutations.length > 0 ? { mutations } : null;
  }

  /** Takes the server's answer to `request`. */
  applyPushResponse(request: PushRequest, response: PushResponse, now: number): void {
    const plan = planPushResults(request.mutations, response);
    const done = new Set(plan.done);
    this.outbox = this.outbox.filter((m) => !done.has(m.mutationId));
    for (const { table, id, current } of plan.resets) {
      const key = rowKey(table, id);
      if (current && (this.rows.get(key)?.version ?? -1) > current.version) continue;
      this.#apply(table, id, rebaseRow(table, current, this.#pendingFor(key)));
    }
    this.#receive(
      plan.resets.flatMap((r) => (r.current ? [r.current] : [])),
      now,
    );
  }

  pullQuery(limit?: number): PullQuery {
    return { ...(this.cursor !== undefined && { cursor: this.cursor }), ...(limit && { limit }) };
  }

  /** Takes one pulled page and its cursor (one local transaction in a real engine). */
  applyPullResponse(page: PullResponse, now: number): void {
    const local: LocalSyncState = {
      versions: new Map([...this.rows].map(([key, row]) => [key, row.version])),
      pending: this.#pendingByRow(),
    };
    for (const op of planPullPage(page.changes, local)) this.#apply(op.table, op.id, op.outcome);
    for (const change of page.changes) this.#refetched?.add(rowKey(change.table, change.id));
    this.#receive(page.changes, now);
    this.cursor = page.cursor;
    if (!page.hasMore && this.#refetched) {
      const versions = new Map([...this.rows].map(([key, row]) => [key, row.version]));
      const pending = new Set(this.#pendingByRow().keys());
      for (const key of rowsMissingAfterRefetch(versions, this.#refetched, pending)) this.rows.delete(key);
      this.#refetched = null;
    }
  }

  /** The server answered 410 cursor_expired: pull everything again from the start. */
  cursorExpired(): void {
    this.cursor = undefined;
    this.#refetched = new Set();
  }

  /** The records a user of this device sees: every row that is not deleted, by rowKey. */
  liveRecords(): Map<string, Record<string, unknown>> {
    return new Map(
      [...this.rows].filter(([, row]) => row.record.deletedAt == null).map(([key, row]) => [key, row.record]),
    );
  }

  #pendingFor(key: string): Mutation[] {
    return this.outbox.filter((m) => rowKey(m.table, m.rowId) === key);
  }

  #pendingByRow(): Map<string, Mutation[]> {
    const byRow = new Map<string, Mutation[]>();
    for (const m of this.outbox) {
      const key = rowKey(m.table, m.rowId);
      byRow.set(key, [...(byRow.get(key) ?? []), m]);
    }
    return byRow;
  }

  #apply(table: TableName, id: string, outcome: RowOutcome): void {
    const key = rowKey(table, id);
    if (outcome.kind === 'remove') this.rows.delete(key);
    else this.rows.set(key, { table, id, ...outcome.row });
  }

  #receive(changes: readonly SyncChange[], now: number): void {
    const stamp = maxStampOfPage(changes);
    if (stamp) this.clock = receiveHlc(this.clock, stamp, now);
  }
}
