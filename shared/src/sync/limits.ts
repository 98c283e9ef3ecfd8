/** Limits and names both ends of sync agree on (docs/sync-protocol.md §10). */

/** Mutations in one push; clients split bigger outboxes (nextPushBatch). */
export const MAX_PUSH_MUTATIONS = 500;
/** Fields in one mutation: more than any table has, so only a broken client reaches it. */
export const MAX_FIELDS_PER_MUTATION = 64;
/** JSON size a client aims a push body at; the server refuses bodies over 5 MB. */
export const PUSH_BODY_TARGET_BYTES = 4 * 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/** Stamps further ahead of the server's clock than this are clamped (docs/sync-protocol.md §2). */
export const MAX_CLOCK_AHEAD_MS = 60_000;
/** Live (SSE) streams one device may hold open at once. */
export const MAX_LIVE_STREAMS_PER_DEVICE = 4;
/** Oldest client data schema the server still accepts; raise it when old clients can no longer be served. */
export const MIN_CLIENT_SCHEMA_VERSION = 1;
/** Request header carrying the client's SCHEMA_VERSION on every /v1/sync request. */
export const SCHEMA_VERSION_HEADER = 'keepcard-schema-version';
