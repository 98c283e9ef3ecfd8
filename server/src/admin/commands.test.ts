import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { newId } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { expectJson, pushNewContact, signIn, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';
import {
  AdminError,
  createOwner,
  deleteAccount,
  exportTeam,
  listDevices,
  listUsers,
  purgeTombstones,
  revokeDevice,
} from './commands';

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('admin commands', backend), () => {
    const t = useTestApp(backend);

    test('create the first owner, list users and devices, revoke a device', async () => {
      const email = `boss-${newId().slice(-6)}@example.com`;
      const { teamId } = await createOwner(t.storage, email, 'correct horse battery', 'Head office');
      await expect(createOwner(t.storage, email, 'a long password', 'Again')).rejects.toThrow(
        'exists already',
      );
      await expect(createOwner(t.storage, 'not-an-email', 'a long password', 'X')).rejects.toThrow(
        'Invalid email: must be a valid email address',
      );
      expect(await listUsers(t.storage)).toContainEqual(
        expect.objectContaining({ email, teams: 'Head office (owner)', devices: 0 }),
      );
      const boss = await signIn(t.app, email);
      expect(await listDevices(t.storage, email)).toEqual([
        expect.objectContaining({ id: boss.deviceId, revokedAt: null }),
      ]);
      expect(await revokeDevice(t.storage, boss.deviceId)).toEqual({ revoked: [boss.deviceId] });
      expect((await boss.call('GET', '/v1/me')).status).toBe(401);
      await expect(revokeDevice(t.storage, boss.deviceId)).rejects.toThrow(AdminError);
      expect(teamId).toMatch(/-/);
    });

    test('export a team: its live shared and team-private records, and its members', async () => {
      const owner = await signUp(t.app);
      const team = await expectJson(owner.call('POST', '/v1/teams', { name: 'Export' }), 201);
      const shared = await pushNewContact(owner, { teamId: team.id, visibility: 'team' });
      await pushNewContact(owner, { teamId: null, visibility: 'private' });
      await pushNewContact(owner, { teamId: team.id, visibility: 'team', deletedAt: 5 });
      const exported = await exportTeam(t.storage, team.id);
      expect(exported.team.members.map((m) => m.email)).toEqual([owner.email]);
      expect(exported.records.map((r) => (r.record as { id: string }).id)).toEqual([shared]);
      await expect(exportTeam(t.storage, newId())).rejects.toThrow('There is no team');
    });

    test('delete an account: private data goes, shared data stays, admins refetch', async () => {
      const owner = await signUp(t.app);
      const team = await expectJson(owner.call('POST', '/v1/teams', { name: 'Leavers' }), 201);
      const { code } = await expectJson(
        owner.call('POST', `/v1/teams/${team.id}/invites`, { role: 'member' }),
        201,
      );
      const leaver = await signUp(t.app, { inviteCode: code });
      const privateRow = await pushNewContact(leaver, { teamId: team.id, visibility: 'private' });
      const sharedRow = await pushNewContact(leaver, { teamId: team.id, visibility: 'team' });
      const ownPull = await expectJson(owner.call('GET', '/v1/sync/pull'), 200);
      expect(ownPull.changes.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining([privateRow, sharedRow]),
      );

      await expect(deleteAccount(t.storage, owner.email)).rejects.toThrow('is the last owner of team');
      expect(await deleteAccount(t.storage, leaver.email)).toEqual({
        deletedRecords: 1,
        deletedTeams: [],
      });
      expect((await leaver.call('GET', '/v1/me')).status).toBe(401);
      expect((await owner.call('GET', `/v1/sync/pull?cursor=${ownPull.cursor}`)).status).toBe(410);
      const rows = await t.storage.query<{ id: string }>(
        'SELECT id FROM records WHERE id = ANY($1::uuid[])',
        [[privateRow, sharedRow]],
      );
      expect(rows.map((r) => r.id)).toEqual([sharedRow]);
    });

    test('purge tombstones: old deletions go, and cursors from before them must refetch', async () => {
      const owner = await signUp(t.app);
      const before = await expectJson(owner.call('GET', '/v1/sync/pull'), 200);
      const deleted = await pushNewContact(owner, { teamId: null, visibility: 'private', deletedAt: 5 });
      await pushNewContact(owner, { teamId: null, visibility: 'private' });
      const purged = await purgeTombstones(t.storage, 1000, Date.now() + 10_000);
      expect(purged).toBeGreaterThanOrEqual(1);
      expect(await t.storage.query('SELECT 1 FROM records WHERE id = $1', [deleted])).toEqual([]);
      const stale = await owner.call('GET', `/v1/sync/pull?cursor=${before.cursor}`);
      expect((await expectJson(stale, 410)).error.code).toBe('cursor_expired');
    });
  });
}

test('the admin command line runs on a PGlite data directory', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'keepcard-admin-'));
  const admin = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/admin/main.ts', ...args], {
      cwd: new URL('../../', import.meta.url),
      env: {
        ...process.env,
        KEEPCARD_DATA_DIR: dir,
        KEEPCARD_ADMIN_PASSWORD: 'a long password',
        DATABASE_URL: '',
      },
    });
  try {
    const created = JSON.parse((await admin('create-owner', 'first@example.com', 'Head', 'office')).stdout);
    expect(created).toEqual({ userId: expect.any(String), teamId: expect.any(String) });
    const users = JSON.parse((await admin('list-users')).stdout);
    expect(users).toEqual([
      expect.objectContaining({ email: 'first@example.com', teams: 'Head office (owner)' }),
    ]);
    await expect(admin('delete-account', 'first@example.com')).rejects.toMatchObject({
      stderr: 'This deletes first@example.com for good; add --yes to confirm\n',
    });
    await expect(admin('frobnicate')).rejects.toMatchObject({ stderr: expect.stringContaining('Usage:') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
