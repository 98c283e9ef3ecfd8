// Bulk actions on a selection of customers from the list: each runs in one transaction, so a
// selection is changed entirely or not at all.
import { getDb } from './db';
import { createRecords, updateRecord, type WriteContext, writeTables } from './records-repo';

/** Adds a tag to every listed contact that lacks it; returns how many changed. */
export async function tagContacts(ids: readonly string[], tag: string, ctx: WriteContext): Promise<number> {
  const db = ctx.db ?? getDb();
  const wanted = tag.trim().toLowerCase();
  return db.transaction('rw', writeTables(db), async () => {
    let changed = 0;
    for (const id of ids) {
      const contact = await db.contacts.get(id);
      if (!contact || contact.deletedAt !== null || contact.tags.includes(wanted)) continue;
      await updateRecord('contacts', id, { tags: [...contact.tags, wanted] }, { ...ctx, db });
      changed++;
    }
    return changed;
  });
}

/**
 * Makes `userId` responsible for every listed contact (负责人): sets `assigneeId`, or clears it when
 * `userId` is the contact's owner. Ownership (`ownerId`) is access control and never changes
 * (docs/sync-protocol.md §4); the server checks that the assignee may read the record (§8) and
 * rejects the change otherwise, which reverts it here. Returns how many contacts changed.
 */
export async function assignContacts(
  ids: readonly string[],
  userId: string,
  ctx: WriteContext,
): Promise<number> {
  const db = ctx.db ?? getDb();
  const assignee = userId.trim();
  return db.transaction('rw', writeTables(db), async () => {
    let changed = 0;
    for (const id of ids) {
      const contact = await db.contacts.get(id);
      if (!contact || contact.deletedAt !== null) continue;
      const assigneeId = assignee === contact.ownerId ? null : assignee;
      if ((contact.assigneeId ?? null) === assigneeId) continue;
      await updateRecord('contacts', id, { assigneeId }, { ...ctx, db });
      changed++;
    }
    return changed;
  });
}

/** One follow-up task per listed contact, all due at `dueAt`. */
export async function createFollowUps(
  ids: readonly string[],
  input: { title: string; dueAt: number },
  ctx: WriteContext,
): Promise<number> {
  const rows = await createRecords(
    'tasks',
    ids.map((contactId) => ({
      contactId,
      kind: 'follow-up' as const,
      title: input.title,
      dueAt: input.dueAt,
    })),
    ctx,
  );
  return rows.length;
}
