// Teams, memberships and invites (docs/sync-protocol.md §8). Role checks for the caller happen in
// requireTeamRole and canAssignRole (auth/access.ts); this file keeps the team consistent.
import { newId, type Role, type TeamDetails } from '@keepcard/shared';
import { HTTPException } from 'hono/http-exception';
import { bumpAccess } from '../accounts/accounts';
import { canAssignRole, type Principal } from '../auth/access';
import { hashSecret, newInviteCode, normalizeInviteCode } from '../auth/tokens';
import type { Queryable } from '../storage/storage';

export async function createTeam(tx: Queryable, ownerId: string, name: string): Promise<string> {
  const id = newId();
  await tx.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, name]);
  await tx.query(`INSERT INTO memberships (team_id, user_id, role) VALUES ($1, $2, 'owner')`, [id, ownerId]);
  await bumpAccess(tx, [ownerId]);
  return id;
}

export async function teamDetails(db: Queryable, teamId: string): Promise<TeamDetails> {
  const [team] = await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [
    teamId,
  ]);
  if (!team) throw new HTTPException(404, { message: `There is no team ${teamId}` });
  const members = await db.query<TeamDetails['members'][number]>(
    `SELECT m.user_id AS "userId", u.email, m.role, (extract(epoch FROM m.joined_at) * 1000)::float8 AS "joinedAt"
     FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 ORDER BY m.joined_at, u.email`,
    [teamId],
  );
  return { ...team, members };
}

export async function createInvite(
  db: Queryable,
  principal: Principal,
  teamId: string,
  role: Role,
  expiresAt: number,
): Promise<string> {
  if (!canAssignRole(principal.roles.get(teamId), role)) {
    throw new HTTPException(403, { message: `Only an owner can invite someone as ${role}` });
  }
  const code = newInviteCode();
  await db.query(
    'INSERT INTO invites (code_hash, team_id, role, created_by, expires_at) VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0))',
    [hashSecret(code), teamId, role, principal.userId, expiresAt],
  );
  return code;
}

/** Uses up an invite code for `userId`; the same transaction adds the membership. */
export async function redeemInvite(tx: Queryable, userId: string, code: string, now: number) {
  const [invite] = await tx.query<{ team_id: string; role: Role }>(
    `UPDATE invites SET used_at = to_timestamp($3 / 1000.0), used_by = $2
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > to_timestamp($3 / 1000.0)
     RETURNING team_id, role`,
    [hashSecret(normalizeInviteCode(code)), userId, now],
  );
  if (!invite) {
    throw new HTTPException(409, {
      message: 'This invite code is unknown, used or expired; ask for a new one',
    });
  }
  const added = await tx.query(
    'INSERT INTO memberships (team_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING role',
    [invite.team_id, userId, invite.role],
  );
  if (added.length === 0) throw new HTTPException(409, { message: 'You are a member of this team already' });
  await bumpAccess(tx, [userId]);
  return { teamId: invite.team_id, role: invite.role };
}

async function roleOf(tx: Queryable, teamId: string, userId: string): Promise<Role> {
  const [row] = await tx.query<{ role: Role }>(
    'SELECT role FROM memberships WHERE team_id = $1 AND user_id = $2',
    [teamId, userId],
  );
  if (!row) throw new HTTPException(404, { message: `User ${userId} is not a member of this team` });
  return row.role;
}

/** A team always keeps an owner. Runs after bumpAccess took the lock, so two owners cannot both leave. */
async function keepAnOwner(tx: Queryable, teamId: string) {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships WHERE team_id = $1 AND role = 'owner'`,
    [teamId],
  );
  if (row!.n === 0) {
    throw new HTTPException(409, { message: 'A team needs an owner: make someone else owner first' });
  }
}

/** Removes `userId` from the team: leaving (themselves) or being removed by an owner or admin. */
export async function removeMember(tx: Queryable, principal: Principal, teamId: string, userId: string) {
  const target = await roleOf(tx, teamId, userId);
  if (userId !== principal.userId && !canAssignRole(principal.roles.get(teamId), target)) {
    throw new HTTPException(403, { message: `Only an owner can remove a team's ${target}` });
  }
  await bumpAccess(tx, [userId]);
  await tx.query('DELETE FROM memberships WHERE team_id = $1 AND user_id = $2', [teamId, userId]);
  await keepAnOwner(tx, teamId);
}

export async function setRole(
  tx: Queryable,
  principal: Principal,
  teamId: string,
  userId: string,
  role: Role,
) {
  const target = await roleOf(tx, teamId, userId);
  const actor = principal.roles.get(teamId);
  if (!canAssignRole(actor, target) || !canAssignRole(actor, role)) {
    throw new HTTPException(403, { message: `Only an owner can change a ${target} into a ${role}` });
  }
  await bumpAccess(tx, [userId]);
  await tx.query('UPDATE memberships SET role = $3 WHERE team_id = $1 AND user_id = $2', [
    teamId,
    userId,
    role,
  ]);
  await keepAnOwner(tx, teamId);
}
