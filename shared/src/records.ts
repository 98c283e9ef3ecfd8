import { newId, SCHEMA_VERSION } from './schemas/common';

export interface Actor {
  /** The signed-in user, or the local profile's id when not signed in. */
  userId: string;
  teamId: string | null;
}

/**
 * The common fields of a new record, owned by `actor` and private to them.
 * @example { ...newRecordBase(actor, Date.now()), displayName: '王伟' }
 */
export function newRecordBase(actor: Actor, now: number) {
  return {
    id: newId(),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    ownerId: actor.userId,
    teamId: actor.teamId,
    visibility: 'private' as const,
    schemaVersion: SCHEMA_VERSION as typeof SCHEMA_VERSION,
  };
}
