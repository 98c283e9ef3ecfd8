// Who may see and change what: the one place (docs/sync-protocol.md §8). Every record read, push,
// pull, live notification and team endpoint decides through these functions.
import type { SyncChange, TableName } from '@keepcard/shared';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller: a user on one device, with their team roles. */
export interface Principal {
  userId: string;
  email: string;
  deviceId: string;
  roles: ReadonlyMap<string, Role>;
}

/** The fields of a record access depends on. */
export interface Owned {
  ownerId: string;
  teamId: string | null;
  visibility: 'private' | 'team';
}

const isAdmin = (role: Role | undefined) => role === 'owner' || role === 'admin';

/**
 * The audience of a row: `u:<owner>`, `a:<team>` (its admins) when it has a team, and `t:<team>`
 * (all members) when it is shared with the team. Stored with the row, so pulls filter in SQL.
 */
export function audienceOf({ ownerId, teamId, visibility }: Owned): string[] {
  if (teamId === null) return [`u:${ownerId}`];
  return visibility === 'team'
    ? [`u:${ownerId}`, `a:${teamId}`, `t:${teamId}`]
    : [`u:${ownerId}`, `a:${teamId}`];
}

/** The caller's side of the same test: a row is readable iff its audience meets these tokens. */
export function tokensOf(principal: Principal): string[] {
  const tokens = [`u:${principal.userId}`];
  for (const [teamId, role] of principal.roles) {
    tokens.push(`t:${teamId}`);
    if (isAdmin(role)) tokens.push(`a:${teamId}`);
  }
  return tokens;
}

const meets = (audience: readonly string[], tokens: readonly string[]) =>
  audience.some((t) => tokens.includes(t));

/** SQL twin of `meets`, for pulls: `audience && $tokens` over the stored column. */
export const AUDIENCE_MEETS_SQL = (column: string, param: string) => `${column} && ${param}::text[]`;

export function canRead(principal: Principal, row: Owned): boolean {
  return meets(audienceOf(row), tokensOf(principal));
}

/** Readable, and: your own private record; any record of a team you run; a shared or own record of a team you are a member of. */
export function canWrite(principal: Principal, row: Owned): boolean {
  if (!canRead(principal, row)) return false;
  const own = row.ownerId === principal.userId;
  if (own && row.visibility === 'private') return true;
  const role = row.teamId === null ? undefined : principal.roles.get(row.teamId);
  return isAdmin(role) || (role === 'member' && (row.visibility === 'team' || own));
}

/**
 * Why a push may not turn `before` (null for a new row) into `after`; null when it may.
 * The caller must be able to write both states, create rows only as themselves, and move a row
 * only into a team they belong to.
 */
export function writeRefusal(principal: Principal, before: Owned | null, after: Owned): string | null {
  if (before && !canWrite(principal, before)) return 'You may not change this record';
  if (!before && after.ownerId !== principal.userId) {
    return `A new record must be owned by its creator: set ownerId to ${principal.userId}`;
  }
  const teamChanged = (before?.teamId ?? null) !== after.teamId;
  if (teamChanged && after.teamId !== null && !principal.roles.has(after.teamId)) {
    return `You are not a member of team ${after.teamId}`;
  }
  if (!canWrite(principal, after)) {
    return after.visibility === 'private' && after.ownerId !== principal.userId
      ? "Only the owner may make a record private, and viewers cannot write the team's records"
      : 'You may not write this record';
  }
  return null;
}

/** The fields the assignee rule reads: access plus who is responsible (contacts' `assigneeId`). */
export interface Assignable extends Owned {
  assigneeId?: string | null;
}

/**
 * Why `after.assigneeId` may not name that user; null when it may. The assignee (the teammate
 * responsible for a customer) must be able to read the record: its owner, or a member of its team who
 * sees it (any member when it is shared with the team, owners and admins when it is private), and not a
 * viewer, who could not act on it. Checked only when the assignee, team or visibility changes, so a
 * later edit of a row is not refused because its assignee left the team since.
 * @param assigneeRole the assignee's role in `after.teamId`, if any.
 */
export function assigneeRefusal(
  before: Assignable | null,
  after: Assignable,
  assigneeRole: Role | undefined,
): string | null {
  const assignee = after.assigneeId ?? null;
  if (assignee === null || assignee === after.ownerId) return null;
  const unchanged =
    before !== null &&
    (before.assigneeId ?? null) === assignee &&
    before.teamId === after.teamId &&
    before.visibility === after.visibility;
  if (unchanged) return null;
  if (after.teamId === null) {
    return `assigneeId: a record without a team can only be assigned to its owner ${after.ownerId}`;
  }
  if (assigneeRole === undefined)
    return `assigneeId: user ${assignee} is not a member of team ${after.teamId}`;
  if (assigneeRole === 'viewer') return `assigneeId: user ${assignee} is a viewer and cannot take customers`;
  const principal: Principal = {
    userId: assignee,
    email: '',
    deviceId: '',
    roles: new Map([[after.teamId, assigneeRole]]),
  };
  return canRead(principal, after)
    ? null
    : `assigneeId: user ${assignee} cannot see this private record; share it with the team first`;
}

/** A stored row as access sees it. */
export interface AccessRow {
  table: TableName;
  id: string;
  version: number;
  record: Record<string, unknown>;
  clocks: Record<string, string>;
  audience: readonly string[];
  pastAudience: readonly string[];
}

/**
 * How a row reaches this caller: whole (`upsert`), as a tombstone (`delete`), as `revoke` when they
 * could read an earlier state but not this one, or not at all (null).
 */
export function changeFor(principal: Principal, row: AccessRow | null): SyncChange | null {
  if (!row) return null;
  const kind = changeKindFor(tokensOf(principal), row, row.record.deletedAt != null);
  if (kind === null) return null;
  const key = { table: row.table, id: row.id, version: row.version };
  return kind === 'upsert'
    ? { kind, ...key, record: row.record as never, clocks: row.clocks }
    : { kind, ...key };
}

/**
 * The kind of change a row is for a caller holding `tokens` (see changeFor), from its audiences and
 * whether it is a tombstone; null when they may not know of it at all.
 */
export function changeKindFor(
  tokens: readonly string[],
  row: Pick<AccessRow, 'audience' | 'pastAudience'>,
  deleted: boolean,
): SyncChange['kind'] | null {
  if (meets(row.audience, tokens)) return deleted ? 'delete' : 'upsert';
  return meets(row.pastAudience, tokens) ? 'revoke' : null;
}

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

/** Owners assign any role; admins only member and viewer. */
export function canAssignRole(actor: Role | undefined, role: Role): boolean {
  return actor === 'owner' || (actor === 'admin' && RANK[role] <= RANK.member);
}

/**
 * Middleware for `/teams/{teamId}/...`: the caller must hold at least `min` in that team.
 * Not a member at all answers 404, so team ids of others are not confirmed.
 */
export function requireTeamRole(min: Role): MiddlewareHandler<{ Variables: { principal: Principal } }> {
  return async (c, next) => {
    const teamId = c.req.param('teamId') ?? '';
    const role = c.get('principal').roles.get(teamId);
    if (!role) throw new HTTPException(404, { message: `There is no team ${teamId} that you belong to` });
    if (RANK[role] < RANK[min]) {
      throw new HTTPException(403, { message: `This needs the ${min} role in the team; you are ${role}` });
    }
    await next();
  };
}
