// Bulk actions on a selection of customers from the list: each runs in one transaction, so a
// selection is changed entirely or not at all.
import { getDb } from './db';
import { createRecords, type NewRecord, updateRecord, type WriteContext, writeTables } from './records-repo';

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
 * Makes `ownerId` the owner of every listed contact. The repository's patch type leaves ownership out
 * (new records are owned by their author); assigning is the one place a rep changes it on purpose.
 */
export async function assignOwner(
  ids: readonly string[],
  ownerId: string,
  ctx: WriteContext,
): Promise<number> {
  const db = ctx.db ?? getDb();
  const owner = ownerId.trim();
  return db.transaction('rw', writeTables(db), async () => {
    let changed = 0;
    for (const id of ids) {
      const contact = await db.contacts.get(id);
      if (!contact || contact.deletedAt !== null || contact.ownerId === owner) continue;
      await updateRecord('contacts', id, { ownerId: owner } as Partial<NewRecord<'contacts'>>, {
        ...ctx,
        db,
      });
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
