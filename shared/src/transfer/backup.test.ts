import { describe, expect, test } from 'vitest';
import { ids, NOW, sampleRows } from '../schemas/sample-rows';
import { tableNames } from '../schemas/tables';
import { BackupError, validateBackup } from './backup';

const backupOf = (over: Record<string, unknown> = {}) => ({
  format: 'keepcard-backup',
  version: 1,
  createdAt: NOW,
  tables: Object.fromEntries(tableNames.map((t) => [t, [sampleRows[t]]])),
  segments: [{ id: 's1', name: 'VIP 杭州', filter: { tiers: ['A'], cities: ['杭州'] }, createdAt: NOW }],
  history: [
    {
      table: 'contacts',
      rowId: ids.record,
      at: NOW,
      field: 'title',
      oldValue: '"Buyer"',
      newValue: '"CEO"',
      cause: 'edit',
    },
  ],
  settings: { settings: { defaultRegion: 'CN' } },
  profile: { actor: { userId: 'local:abc', teamId: null } },
  ...over,
});

describe('validateBackup', () => {
  test('accepts a whole backup and returns normalised records', () => {
    const backup = validateBackup(backupOf());
    expect(backup.tables.contacts[0]).toMatchObject({ displayName: '王小明', emails: [], tags: [] });
    expect(backup.segments[0]!.name).toBe('VIP 杭州');
    expect(backup.profile.actor?.userId).toBe('local:abc');
    for (const t of tableNames) expect(backup.tables[t]).toHaveLength(1);
  });

  test('a bad row anywhere refuses the whole backup, naming table, row and field', () => {
    const good = sampleRows.purchases;
    const input = backupOf();
    (input.tables as Record<string, unknown[]>).purchases = [
      good,
      { ...good, id: ids.contact, currency: 'yuan' },
    ];
    (input.tables as Record<string, unknown[]>).contacts = [
      { ...sampleRows.contacts, emails: [{ address: 'x' }] },
    ];
    const error = (() => {
      try {
        validateBackup(input);
      } catch (e) {
        return e;
      }
    })() as BackupError;
    expect(error).toBeInstanceOf(BackupError);
    expect(error.issues).toEqual([
      { table: 'contacts', row: 1, field: 'emails[0].address', reason: 'must be a valid email address' },
      {
        table: 'purchases',
        row: 2,
        field: 'currency',
        reason: 'must be a three-letter ISO 4217 currency code such as CNY',
      },
    ]);
    expect(error.message).toContain('contacts row 1 emails[0].address: must be a valid email address');
  });

  test('repeated ids, unknown tables, bad segments and files that are no backup are refused', () => {
    const input = backupOf({ segments: [{ id: 's', name: '', filter: {}, createdAt: NOW }] });
    (input.tables as Record<string, unknown[]>).notes = [sampleRows.notes, sampleRows.notes];
    (input.tables as Record<string, unknown[]>).spaceships = [];
    expect(() => validateBackup(input)).toThrow(BackupError);
    try {
      validateBackup(input);
    } catch (e) {
      expect((e as BackupError).issues.map((i) => [i.table, i.row, i.field])).toEqual([
        ['spaceships', null, ''],
        ['notes', 2, 'id'],
        ['segments', 1, 'name'],
      ]);
    }
    expect(() => validateBackup({ hello: 'world' })).toThrow(/format/);
    expect(() => validateBackup(backupOf({ version: 2 }))).toThrow(/another version/);
  });
});
