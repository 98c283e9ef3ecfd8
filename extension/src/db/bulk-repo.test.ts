import { compileFilter, responsibleId } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { listEntryOf } from '../list/list-entry-of';
import { assignContacts, tagContacts } from './bulk-repo';
import { createRecords } from './records-repo';
import { oldestMutations } from './sync-repo';
import { freshDb } from './test-db';

const people = (...names: string[]) =>
  names.map((displayName) => ({ displayName, source: { kind: 'manual' as const } }));

describe('assignContacts', () => {
  test('sets who is responsible (assigneeId) and never the owner; the outbox carries only assigneeId', async () => {
    const { db, ctx } = freshDb();
    const [wang, li] = await createRecords('contacts', people('王伟', '李娜'), ctx);
    const before = (await oldestMutations(db, 100)).length;

    expect(await assignContacts([wang!.id, li!.id, 'missing-id'], ' user-2 ', ctx)).toBe(2);
    const stored = await db.contacts.get(wang!.id);
    expect(stored).toMatchObject({ ownerId: 'user-1', assigneeId: 'user-2' });

    const sent = (await oldestMutations(db, 100)).slice(before);
    expect(sent).toHaveLength(2);
    for (const m of sent) {
      expect(Object.keys(m.fields)).toContain('assigneeId');
      expect(m.fields).not.toHaveProperty('ownerId');
      expect(m.fields.assigneeId?.value).toBe('user-2');
    }
    // The list's owner filter and facet follow the assignee, not the owner.
    const entry = listEntryOf(stored!);
    expect(responsibleId(entry)).toBe('user-2');
    expect(compileFilter({ owners: ['user-2'] }, ctx.now)(entry)).toBe(true);
    expect(compileFilter({ owners: ['user-1'] }, ctx.now)(entry)).toBe(false);
  });

  test('assigning back to the owner clears assigneeId; assigning again to the same person changes nothing', async () => {
    const { db, ctx } = freshDb();
    const [wang] = await createRecords('contacts', people('王伟'), ctx);
    await assignContacts([wang!.id], 'user-2', ctx);
    expect(await assignContacts([wang!.id], 'user-2', ctx)).toBe(0);
    expect(await assignContacts([wang!.id], 'user-1', ctx)).toBe(1);
    const stored = await db.contacts.get(wang!.id);
    expect(stored?.assigneeId).toBeNull();
    expect(responsibleId(listEntryOf(stored!))).toBe('user-1');
    expect(await assignContacts([wang!.id], 'user-1', ctx)).toBe(0);
  });

  test('a bad assignee names the field, and the batch is all or nothing', async () => {
    const { db, ctx } = freshDb();
    const [wang, li] = await createRecords('contacts', people('王伟', '李娜'), ctx);
    await expect(assignContacts([wang!.id, li!.id], 'x'.repeat(201), ctx)).rejects.toThrow(/assigneeId/);
    expect((await db.contacts.get(wang!.id))?.assigneeId).toBeNull();
    expect((await db.contacts.get(li!.id))?.assigneeId).toBeNull();
  });
});

describe('tagContacts', () => {
  test('adds the tag, lower-cased, only where missing', async () => {
    const { db, ctx } = freshDb();
    const [wang, li] = await createRecords('contacts', people('王伟', '李娜'), ctx);
    expect(await tagContacts([wang!.id], 'VIP', ctx)).toBe(1);
    expect(await tagContacts([wang!.id, li!.id], 'vip', ctx)).toBe(1);
    expect((await db.contacts.get(li!.id))?.tags).toEqual(['vip']);
  });
});
