// What `pnpm --filter @keepcard/server admin <command>` does (main.ts parses and prints). Each takes
// the storage and returns plain data, so tests call them directly.
import { Email, Password, TeamName, ValidationError } from '@keepcard/shared';
import type { z } from 'zod';
import { bumpAccess, createUser, findUserByEmail, revokeDevices, userSummary } from '../accounts/accounts';
import { hashPassword } from '../auth/passwords';
import type { Queryable, Storage } from '../storage/storage';
import { purgeTombstones } from '../sync/pull';
import { createTeam, teamDetails } from '../teams/teams';

/** A command's expected failure: printed as is, exit code 1. */
export class AdminError extends Error {}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminError(ValidationError.fromZod(what, result.error).message);
  return result.data;
}

async function userId(db: Queryable, email: string): Promise<string> {
  const user = await findUserByEmail(db, check(Email, email, 'email'));
  if (!user) throw new AdminError(`There is no account for ${email}; see list-users`);
  return user.id;
}

/** The first account of a server: a user and a team they own. */
export async function createOwner(storage: Storage, email: string, password: string, teamName: string) {
  const checked = {
    email: check(Email, email, 'email'),
    password: check(Password, password, 'password'),
    teamName: check(TeamName, teamName, 'team name'),
  };
  const passwordHash = await hashPassword(checked.password);
  return storage.transaction(async (tx) => {
    const id = await createUser(tx, checked.email, passwordHash);
    const teamId = await createTeam(tx, id, checked.teamName);
    return { userId: id, teamId };
  });
}

export function listUsers(storage: Storage) {
  return storage.query<{ id: string; email: string; createdAt: string; teams: string; devices: number }>(
    `SELECT u.id, u.email, u.created_at::text AS "createdAt",
            COALESCE((SELECT string_agg(t.name || ' (' || m.role || ')', ', ' ORDER BY t.name)
                      FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.user_id = u.id), '') AS teams,
            (SELECT count(*)::int FROM devices d WHERE d.user_id = u.id AND d.revoked_at IS NULL) AS devices
     FROM users u ORDER BY u.created_at`,
  );
}

export async function listDevices(storage: Storage, email?: string) {
  const only = email ? await userId(storage, email) : null;
  return storage.query<{
    id: string;
    email: string;
    name: string;
    lastSeenAt: string;
    revokedAt: string | null;
  }>(
    `SELECT d.id, u.email, d.name, d.last_seen_at::text AS "lastSeenAt", d.revoked_at::text AS "revokedAt"
     FROM devices d JOIN users u ON u.id = d.user_id
     WHERE $1::uuid IS NULL OR d.user_id = $1 ORDER BY u.email, d.created_at`,
    [only],
  );
}

export async function revokeDevice(storage: Storage, deviceId: string) {
  const [device] = await storage.query<{ user_id: string }>(
    'SELECT user_id FROM devices WHERE id::text = $1',
    [deviceId],
  );
  if (!device) throw new AdminError(`There is no device ${deviceId}; see list-devices`);
  const revoked = await storage.transaction((tx) => revokeDevices(tx, device.user_id, [deviceId]));
  if (revoked.length === 0) throw new AdminError(`Device ${deviceId} was revoked already`);
  return { revoked };
}

/** Everything the team shares (tombstones left out), with its members: a backup or a move elsewhere. */
export async function exportTeam(storage: Storage, teamId: string) {
  const [known] = await storage.query('SELECT 1 FROM teams WHERE id::text = $1', [teamId]);
  if (!known) throw new AdminError(`There is no team ${teamId}; see list-users for the teams`);
  const records = await storage.query<{ table: string; record: unknown }>(
    `SELECT table_name AS "table", data AS record FROM records
     WHERE team_id = $1 AND deleted_at IS NULL ORDER BY table_name, version`,
    [teamId],
  );
  return { format: 'keepcard-team-export/1', team: await teamDetails(storage, teamId), records };
}

/**
 * Deletes an account and its private data: the user, their devices, memberships, private records
 * (and their conflict log), and teams of which they were the only member together with those
 * teams' records. Records they shared with a team that goes on stay with the team. Refused while
 * they are the last owner of a team with other members.
 */
export async function deleteAccount(storage: Storage, email: string) {
  const id = await userId(storage, email);
  return storage.transaction(async (tx) => {
    const teams = await tx.query<{ team_id: string; role: string; members: number; owners: number }>(
      `SELECT m.team_id, m.role,
              (SELECT count(*)::int FROM memberships x WHERE x.team_id = m.team_id) AS members,
              (SELECT count(*)::int FROM memberships x WHERE x.team_id = m.team_id AND x.role = 'owner') AS owners
       FROM memberships m WHERE m.user_id = $1`,
      [id],
    );
    const stranded = teams.find((t) => t.role === 'owner' && t.owners === 1 && t.members > 1);
    if (stranded) {
      throw new AdminError(
        `${email} is the last owner of team ${stranded.team_id}: make someone else owner first`,
      );
    }
    const alone = teams.filter((t) => t.members === 1).map((t) => t.team_id);
    const removed = await tx.query<{ table_name: string; id: string; team_id: string | null }>(
      `DELETE FROM records WHERE (owner_id = $1 AND visibility = 'private') OR team_id = ANY($2::text[])
       RETURNING table_name, id, team_id`,
      [id, alone],
    );
    await tx.query(
      `DELETE FROM sync_conflicts WHERE (table_name, row_id) IN
         (SELECT r->>'table_name', (r->>'id')::uuid FROM jsonb_array_elements($1::jsonb) AS r)`,
      [JSON.stringify(removed)],
    );
    // Admins of the teams could read those rows: their devices refetch and drop them (§6).
    const admins = await tx.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM memberships WHERE role IN ('owner', 'admin') AND user_id <> $1
       AND team_id::text = ANY($2::text[])`,
      [id, [...new Set(removed.flatMap((r) => (r.team_id ? [r.team_id] : [])))]],
    );
    await bumpAccess(tx, [id, ...admins.map((a) => a.user_id)]);
    await tx.query(
      'DELETE FROM sync_mutations WHERE device_id IN (SELECT id FROM devices WHERE user_id = $1)',
      [id],
    );
    await tx.query('DELETE FROM teams WHERE id = ANY($1::uuid[])', [alone]);
    await tx.query('DELETE FROM users WHERE id = $1', [id]);
    return { deletedRecords: removed.length, deletedTeams: alone };
  });
}

export { purgeTombstones, userSummary };
