import { describe, expect, test } from 'vitest';
import { type Actor, newRecordBase } from './records';
import { recordId, SCHEMA_VERSION } from './schemas/common';
import { sampleRows } from './schemas/sample-rows';
import { tableNames } from './schemas/tables';
import { parseRecord } from './schemas/validation';

const NOW = 1_717_200_000_000;

describe('newRecordBase', () => {
  test.each<[string, Actor]>([
    ['a signed-in user in a team', { userId: 'user-1', teamId: 'team-1' }],
    ['a local profile without a team', { userId: 'local-profile-7', teamId: null }],
  ])('%s', (_, actor) => {
    const base = newRecordBase(actor, NOW);
    expect(base).toEqual({
      id: expect.any(String),
      createdAt: NOW,
      updatedAt: NOW,
      deletedAt: null,
      ownerId: actor.userId,
      teamId: actor.teamId,
      visibility: 'private',
      schemaVersion: SCHEMA_VERSION,
    });
    expect(recordId.safeParse(base.id).success).toBe(true);
  });

  test('each call makes a new id', () => {
    const actor = { userId: 'user-1', teamId: null };
    expect(newRecordBase(actor, NOW).id).not.toBe(newRecordBase(actor, NOW).id);
  });

  // The base fields satisfy every table's schema, so a new record needs only its own fields.
  test.each(tableNames)('is a valid base for %s', (table) => {
    const base = newRecordBase({ userId: 'user-1', teamId: 'team-1' }, NOW);
    expect(parseRecord(table, { ...sampleRows[table], ...base })).toMatchObject(base);
  });
});
