import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Contact } from './contact';
import { ids, rowOf, sampleRows } from './sample-rows';
import { isTableName, type TableName, tableNames } from './tables';
import { fieldPath, parseRecord, ValidationError } from './validation';

/** The message parseRecord throws for `row`, or a failure if it does not throw a ValidationError. */
function messageOf(table: TableName, row: unknown): string {
  try {
    parseRecord(table, row);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error(`expected the ${table} row to be refused`);
}

describe('fieldPath', () => {
  test.each<[PropertyKey[], string]>([
    [[], ''],
    [['displayName'], 'displayName'],
    [['address', 'country'], 'address.country'],
    [['emails', 0, 'address'], 'emails[0].address'],
    [['tags', 12], 'tags[12]'],
    [['recurrence', 'every'], 'recurrence.every'],
    [[0], '[0]'],
  ])('%j → %j', (path, expected) => {
    expect(fieldPath(path)).toBe(expected);
  });
});

describe('ValidationError', () => {
  test.each<[string, { field: string; reason: string }[], string]>([
    [
      'contacts',
      [{ field: 'emails[0].address', reason: 'must be a valid email address' }],
      'Invalid contacts: emails[0].address must be a valid email address',
    ],
    [
      'notes',
      [
        { field: 'text', reason: 'must not be empty' },
        { field: 'contactId', reason: 'must belong to a contact or a company' },
      ],
      'Invalid notes: text must not be empty; contactId must belong to a contact or a company',
    ],
    ['tasks', [{ field: '', reason: 'must be an object' }], 'Invalid tasks: must be an object'],
  ])('%s %j', (entity, issues, message) => {
    const error = new ValidationError(entity, issues);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.entity).toBe(entity);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe(message);
  });

  test.each<[string, z.ZodType, unknown, string]>([
    // Errors from a parse without reportInput still read "is required" (zod's own text is matched).
    ['a plain zod object', z.object({ name: z.string() }), {}, 'Invalid thing: name is required'],
    [
      'a shared schema',
      Contact,
      rowOf('contacts', { displayName: undefined }),
      'Invalid thing: displayName is required',
    ],
    [
      'unknown keys of a strict object',
      z.strictObject({ name: z.string() }),
      { name: 'x', nickname: 'y', age: 3 },
      'Invalid thing: has unknown field(s) nickname, age',
    ],
  ])('fromZod: %s', (_, schema, input, message) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(ValidationError.fromZod('thing', result.error!).message).toBe(message);
  });
});

describe('parseRecord', () => {
  test.each(tableNames)('accepts the sample %s row', (table) => {
    expect(parseRecord(table, sampleRows[table])).toMatchObject(sampleRows[table]);
  });

  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', '王小明'],
    ['an array', []],
  ])('refuses %s instead of a record', (_, input) => {
    expect(messageOf('contacts', input)).toBe('Invalid contacts: must be an object');
  });

  // Every table carries the same synced base fields, so every table refuses them the same way.
  const baseFaults: [string, Record<string, unknown>, string][] = [
    ['a v4 uuid id', { id: ids.v4 }, 'id must be a UUIDv7 id'],
    ['a non-uuid id', { id: 'contact-1' }, 'id must be a UUIDv7 id'],
    ['a missing id', { id: undefined }, 'id is required'],
    ['a newer schemaVersion', { schemaVersion: 2 }, 'schemaVersion must be 1'],
    ['schemaVersion 0', { schemaVersion: 0 }, 'schemaVersion must be 1'],
    ['schemaVersion as text', { schemaVersion: '1' }, 'schemaVersion must be 1'],
    ['a missing schemaVersion', { schemaVersion: undefined }, 'schemaVersion is required'],
    ['createdAt before 1970', { createdAt: -1 }, 'createdAt must not be before 1970'],
    [
      'createdAt as a date string',
      { createdAt: '2024-06-01' },
      'createdAt must be a time in epoch milliseconds',
    ],
    ['fractional updatedAt', { updatedAt: 1.5 }, 'updatedAt must be a whole number of milliseconds'],
    ['a missing updatedAt', { updatedAt: undefined }, 'updatedAt is required'],
    ['a missing deletedAt (nullable, not optional)', { deletedAt: undefined }, 'deletedAt is required'],
    ['an empty ownerId', { ownerId: '' }, 'ownerId must name the owning user'],
    ['an over-long ownerId', { ownerId: 'u'.repeat(201) }, 'ownerId must be at most 200 characters'],
    ['an empty teamId', { teamId: '' }, 'teamId must not be empty'],
    ['visibility public', { visibility: 'public' }, "visibility must be 'private' or 'team'"],
  ];
  test.each(
    tableNames.flatMap((table) =>
      baseFaults.map(([what, changes, reason]) => [table, what, changes, reason]),
    ),
  )('%s: refuses %s', (table, _, changes, reason) => {
    const name = table as TableName;
    expect(messageOf(name, rowOf(name, changes as Record<string, unknown>))).toBe(
      `Invalid ${name}: ${reason}`,
    );
  });

  test.each(tableNames)('%s: accepts a team-visible, deleted row', (table) => {
    const row = rowOf(table, {
      teamId: 'team-1',
      visibility: 'team',
      deletedAt: sampleRows[table].createdAt + 1,
    });
    expect(parseRecord(table, row)).toMatchObject({ teamId: 'team-1', visibility: 'team' });
  });

  // Unknown keys are dropped silently (zod's default `strip`), not refused: the stored record never
  // carries them, and nothing tells the caller they were there.
  test.each(tableNames)('%s: drops unknown fields instead of refusing them', (table) => {
    const record = parseRecord(table, rowOf(table, { legacyScore: 42, 备注: '老客户' }));
    expect(record).not.toHaveProperty('legacyScore');
    expect(record).not.toHaveProperty('备注');
  });

  test('lists every bad field, in schema order, in one message', () => {
    const row = rowOf('contacts', {
      displayName: ' ',
      emails: [{ address: 'wang@example.com' }, { address: 'not an email' }],
      urls: ['https://example.com', 'javascript:alert(1)'],
    });
    expect(messageOf('contacts', row)).toBe(
      'Invalid contacts: displayName must not be empty; emails[1].address must be a valid email address; ' +
        'urls[1] must be an http:// or https:// url',
    );
  });

  test('the issues name each field and reason separately', () => {
    try {
      parseRecord('contacts', rowOf('contacts', { emails: [{ address: 'nope' }], gender: 'x' }));
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { field: 'gender', reason: "must be one of 'female', 'male', 'other', 'unspecified'" },
        { field: 'emails[0].address', reason: 'must be a valid email address' },
      ]);
    }
  });
});

describe('isTableName', () => {
  test.each([
    ['contacts', true],
    ['companies', true],
    ['notes', true],
    ['interactions', true],
    ['purchases', true],
    ['feedback', true],
    ['tasks', true],
    ['contact', false],
    ['users', false],
    ['toString', false],
    ['__proto__', false],
    ['', false],
  ])('%j → %s', (name, expected) => {
    expect(isTableName(name)).toBe(expected);
  });
});
