// The server API as the extension calls it: the server's own typed client (Hono RPC, `hc<AppType>`,
// server/src/client.ts) for the calls, the shared zod schemas for what comes back, and one error
// type whose status and code the engine decides on (docs/sync-protocol.md §10-§11).
import {
  DEFAULT_PULL_LIMIT,
  DeviceId,
  PullResponse,
  type PushRequest,
  PushResponse,
  Role,
  Session,
  type SignUpRequest,
  SyncChange,
  TeamDetails,
  UserSummary,
} from '@keepcard/shared';
import { z } from 'zod';
import { createKeepcardClient } from '../../../server/src/client';

/** The server answered with an error (`{ error: { code, message } }`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After (429), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** The request never got an answer: offline, DNS, refused connection, TLS, CORS. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The shared PullResponse, except that an upsert's record is only checked to be an object and its
 * stamps to be strings, with plain loops rather than zod's record walk: `applyPullPage` validates
 * every record with its table's schema (stricter than the wire's generic JSON check) and parses the
 * page's greatest stamp, and walking 1,000 records twice cost a fifth of a first sync
 * (bench/suites/sync-first-sync.mjs).
 */
const [WireUpsert, WireDelete, WireRevoke] = SyncChange.options;
const PulledPage = PullResponse.extend({
  changes: z.array(
    z.discriminatedUnion('kind', [
      WireUpsert.extend({
        record: z.custom<Record<string, unknown>>(isPlainObject, { error: 'must be an object' }),
        clocks: z.custom<Record<string, string>>(
          (value) => isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string'),
          { error: 'must be an object of clock stamps' },
        ),
      }),
      WireDelete,
      WireRevoke,
    ]),
  ),
}) as unknown as z.ZodType<PullResponse>;
const Info = z.object({ version: z.string(), schemaVersion: z.number(), minClientSchemaVersion: z.number() });
export type ServerInfo = z.infer<typeof Info>;
const Me = UserSummary.extend({ deviceId: DeviceId });
const Joined = z.object({ teamId: z.string(), role: Role });

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: z.infer<typeof ErrorBody> | null = null;
  try {
    body = ErrorBody.parse(JSON.parse(text));
  } catch {
    body = null;
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    body?.error.code ?? (res.status >= 500 ? 'internal' : 'invalid_request'),
    body?.error.message ?? `The server answered ${res.status} ${res.statusText}`.trim(),
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  );
}

/** Sends, and turns every failure into an ApiError or NetworkError; parses the answer with `schema`. */
async function answer<T>(send: () => Promise<Response>, schema: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await send();
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError(`Could not reach the server: ${(error as Error).message}`);
  }
  if (!res.ok) throw await errorOf(res);
  let json: unknown;
  try {
    json = await res.json();
  } catch (error) {
    // The body was cut off: the connection dropped mid-answer.
    throw new NetworkError(`The server's answer was cut off: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      res.status,
      'invalid_response',
      `The server sent an answer this extension does not understand: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

export interface ApiOptions {
  /** The device token, read on every request. */
  token?: () => string | undefined;
  /** Tests pass the app in-process (`app.request`); the extension the browser's fetch. */
  fetch?: typeof fetch;
}

/**
 * The calls the extension makes, each answering parsed data or throwing ApiError / NetworkError.
 * @example const api = syncApi('https://crm.example.com', { token: () => session.token })
 */
export function syncApi(serverUrl: string, { token, fetch }: ApiOptions = {}) {
  // A bound fetch: service workers throw "Illegal invocation" for an unbound one.
  const client = createKeepcardClient(serverUrl, {
    token,
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });
  const v1 = client.v1;
  return {
    info: () => answer(() => v1.info.$get(), Info),
    signUp: (body: SignUpRequest) => answer(() => v1.auth.signup.$post({ json: body }), Session),
    signIn: (body: Omit<SignUpRequest, 'inviteCode'>) =>
      answer(() => v1.auth.login.$post({ json: body }), Session),
    signOut: () => answer(() => v1.auth.logout.$post(), z.object({ revoked: z.array(z.string()) })),
    me: () => answer(() => v1.me.$get(), Me),
    joinTeam: (code: string) => answer(() => v1.teams.join.$post({ json: { code } }), Joined),
    team: (teamId: string) => answer(() => v1.teams[':teamId'].$get({ param: { teamId } }), TeamDetails),
    push: (body: PushRequest) => answer(() => v1.sync.push.$post({ json: body }), PushResponse),
    pull: (cursor: string | null, limit = DEFAULT_PULL_LIMIT, signal?: AbortSignal) =>
      answer(
        () =>
          v1.sync.pull.$get(
            { query: { ...(cursor !== null && { cursor }), limit: String(limit) } },
            signal ? { init: { signal } } : undefined,
          ),
        PulledPage,
      ),
    /** The live stream's response (read its body with SseParser); throws ApiError when refused. */
    live: async (signal: AbortSignal): Promise<Response> => {
      let res: Response;
      try {
        res = await v1.sync.live.$get(undefined, { init: { signal } });
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        throw new NetworkError(`Could not reach the server: ${(error as Error).message}`);
      }
      if (!res.ok) throw await errorOf(res);
      return res;
    },
  };
}

export type SyncApi = ReturnType<typeof syncApi>;
