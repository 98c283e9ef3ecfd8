// Users and their devices (docs/sync-protocol.md §8): the SQL behind sign-up, sign-in, tokens and
// access versions.
import { newId, type Role, type UserSummary } from '@keepcard/shared';
import { HTTPException } from 'hono/http-exception';
import type { Principal } from '../auth/access';
import { hashSecret, newDeviceToken } from '../auth/tokens';
import type { Queryable } from '../storage/storage';
import { notify, takeVersions } from '../storage/sync-state';

/** Creates a user; 409 when the email is taken (ON CONFLICT, so two sign-ups at once cannot both win). */
export async function createUser(tx: Queryable, email: string, passwordHash: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id',
    [newId(), email, passwordHash],
  );
  if (!row)
    throw new HTTPException(409, { message: `An account for ${email} exists already; sign in instead` });
  return row.id;
}

export async function findUserByEmail(db: Queryable, email: string) {
  const [row] = await db.query<{ id: string; password_hash: string }>(
    'SELECT id, password_hash FROM users WHERE email = $1',
    [email],
  );
  return row ?? null;
}

/**
 * Gives `deviceId` a new token for `userId`, creating or reviving the device; the old token of the
 * device stops working. A device id that belongs to another user is refused: ids come from clients.
 * @returns the token, the only time it exists in clear.
 */
export async function registerDevice(
  tx: Queryable,
  userId: string,
  deviceId: string,
  name: string,
): Promise<string> {
  const token = newDeviceToken();
  const [row] = await tx.query(
    `INSERT INTO devices (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash,
       revoked_at = NULL, last_seen_at = now()
     WHERE devices.user_id = excluded.user_id
     RETURNING id`,
    [deviceId, userId, name, hashSecret(token)],
  );
  if (!row) {
    throw new HTTPException(409, {
      message:
        'This device id belongs to another account; sign out there, or let the extension make a new device id',
    });
  }
  return token;
}

/** Seen-at is refreshed at most this often, so reading a principal is not a write on every request. */
const TOUCH_AFTER_MS = 60_000;

/** The caller behind a token, or null for an unknown or revoked one. */
export async function loadPrincipal(db: Queryable, token: string): Promise<Principal | null> {
  const [row] = await db.query<{
    device_id: string;
    user_id: string;
    email: string;
    stale: boolean;
    roles: { teamId: string; role: Role }[];
  }>(
    `SELECT d.id AS device_id, u.id AS user_id, u.email,
            d.last_seen_at < now() - make_interval(secs => $2) AS stale,
            COALESCE((SELECT json_agg(json_build_object('teamId', m.team_id, 'role', m.role))
                      FROM memberships m WHERE m.user_id = u.id), '[]') AS roles
     FROM devices d JOIN users u ON u.id = d.user_id
     WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
    [hashSecret(token), TOUCH_AFTER_MS / 1000],
  );
  if (!row) return null;
  if (row.stale) await db.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [row.device_id]);
  return {
    userId: row.user_id,
    email: row.email,
    deviceId: row.device_id,
    roles: new Map(row.roles.map((m) => [m.teamId, m.role])),
  };
}

export async function userSummary(db: Queryable, userId: string): Promise<UserSummary> {
  const [row] = await db.query<UserSummary>(
    `SELECT u.id, u.email,
            COALESCE((SELECT json_agg(json_build_object('teamId', t.id, 'teamName', t.name, 'role', m.role) ORDER BY t.name)
                      FROM memberships m JOIN teams t ON t.id = m.team_id WHERE m.user_id = u.id), '[]') AS teams
     FROM users u WHERE u.id = $1`,
    [userId],
  );
  if (!row) throw new HTTPException(404, { message: `There is no user ${userId}` });
  return row;
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

export async function listDevices(db: Queryable, userId: string) {
  return db.query<{
    id: string;
    name: string;
    createdAt: number;
    lastSeenAt: number;
    revokedAt: number | null;
  }>(
    `SELECT id, name, ${ms('created_at')} AS "createdAt", ${ms('last_seen_at')} AS "lastSeenAt",
            ${ms('revoked_at')} AS "revokedAt"
     FROM devices WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
}

/**
 * Revokes devices of a user (all of them when `deviceIds` is omitted) and closes their live
 * streams. Returns the ids revoked; a device of another user is never touched.
 */
export async function revokeDevices(
  tx: Queryable,
  userId: string,
  deviceIds?: readonly string[],
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE devices SET revoked_at = now(), token_hash = NULL
     WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
     RETURNING id`,
    [userId, deviceIds ?? null],
  );
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) await notify(tx, { kind: 'access', users: [], devices: ids });
  return ids;
}

/**
 * After a change of these users' team memberships or roles: their access version becomes a new
 * version, so their older cursors get 410 and refetch with the new rights (§6), and their live
 * streams close. Takes the sync_state lock, which also serialises membership changes.
 */
export async function bumpAccess(tx: Queryable, userIds: readonly string[]): Promise<void> {
  const version = await takeVersions(tx, 1);
  await tx.query('UPDATE users SET access_version = $1 WHERE id = ANY($2::uuid[])', [version, userIds]);
  await notify(tx, { kind: 'access', users: [...userIds], devices: [] });
}
