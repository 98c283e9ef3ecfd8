// Server, account and team actions of the settings page, run in the background (docs/sync-protocol.md
// §3, §8): each answers `{ ok }` or a code and a message for people, never throws.
import { DeviceName, Email, JoinTeamRequest, Password } from '@keepcard/shared';
import type { z } from 'zod';
import type { KeepcardDB } from '../db/db';
import { newDevice } from '../db/outbox';
import { getLocalActor } from '../db/settings-repo';
import {
  adoptLocalRecords,
  ensureDevice,
  handOver,
  PendingChangesError,
  pendingCount,
  startRefetch,
} from '../db/sync-repo';
import { readSession, updateSession, updateStatus } from '../db/sync-settings-repo';
import { ApiError, NetworkError, syncApi } from './api-client';
import { parseServerUrl } from './server-url';

/** What a settings action answers. `field` names the form field a problem is about. */
export type ActionResult =
  | { ok: true }
  | {
      ok: false;
      code: string;
      /** In English, for logs and as the detail of a code the page has no words for. */
      message: string;
      field?: 'serverUrl' | 'email' | 'password' | 'deviceName' | 'code';
      /** Values the page's own words for `code` need (pending_changes: count, email). */
      params?: Record<string, string | number>;
    };

export interface AccountDeps {
  db: KeepcardDB;
  fetch?: typeof fetch;
  now?: () => number;
}

type Refusal = Extract<ActionResult, { ok: false }>;

const refused = (code: string, message: string, field?: Refusal['field']): Refusal => ({
  ok: false,
  code,
  message,
  ...(field && { field }),
});

/** A failed call as an answer for the settings page. */
function failure(error: unknown): ActionResult {
  if (error instanceof ApiError) return refused(error.code, error.message);
  if (error instanceof NetworkError) return refused('network', error.message);
  return refused('internal', error instanceof Error ? error.message : String(error));
}

/** The first problem of a zod check, in the shared schemas' words ("Email must be a valid email address"). */
function checked<T>(
  schema: z.ZodType<T>,
  value: unknown,
  label: string,
): { ok: true; value: T } | { ok: false; message: string } {
  const result = schema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, message: `${label} ${result.error.issues[0]?.message ?? 'is not valid'}` };
}

/**
 * Saves the server URL (after the settings page obtained the host permission). Refused while signed
 * in to another server: sign out first, since the session, cursor and device belong to that server.
 */
export async function setServerUrl(
  input: string,
  { db, now = Date.now }: AccountDeps,
): Promise<ActionResult> {
  const check = parseServerUrl(input);
  if (!check.ok)
    return refused(check.problem === 'insecure' ? 'insecure_url' : 'invalid_url', check.message, 'serverUrl');
  const session = await readSession(db);
  if (session.token && session.serverUrl !== check.url) {
    return refused(
      'signed_in',
      'Sign out before changing the server: this browser is signed in to another one',
      'serverUrl',
    );
  }
  if (session.serverUrl !== check.url) {
    await updateSession({ serverUrl: check.url }, db);
    // Another server than before: pull it all, then drop what came from the old one (§6). The first
    // server needs no refetch: nothing here came from a server yet.
    if (session.serverUrl !== null) await startRefetch(db, now());
  }
  return { ok: true };
}

export interface SignInInput {
  mode: 'sign-in' | 'sign-up';
  email: string;
  password: string;
  deviceName: string;
  inviteCode?: string;
}

/**
 * Signs this browser in (or up) as a device of the account (§8). On the first sign-in, records made
 * before it become the user's (§3). Another user may take over this browser only when no change of the
 * previous one still waits for the server; then the previous user's local replica is removed
 * (`handOver`) and the new user starts with a new device id and pulls from the start.
 */
export async function signIn(
  input: SignInInput,
  { db, fetch, now = Date.now }: AccountDeps,
): Promise<ActionResult> {
  const session = await readSession(db);
  if (!session.serverUrl) return refused('no_server', 'Save the server URL first', 'serverUrl');
  const email = checked(Email, input.email, 'Email');
  if (!email.ok) return refused('invalid_request', email.message, 'email');
  const password = checked(Password, input.password, 'Password');
  if (!password.ok) return refused('invalid_request', password.message, 'password');
  const deviceName = checked(DeviceName, input.deviceName, 'Device name');
  if (!deviceName.ok) return refused('invalid_request', deviceName.message, 'deviceName');

  const switching = session.lastEmail !== null && session.lastEmail !== email.value;
  const pendingRefusal = async (): Promise<ActionResult> => {
    const pending = await pendingCount(db);
    return {
      ...refused(
        'pending_changes',
        `This browser has ${pending} change(s) by ${session.lastEmail} that have not reached the server yet. Sign in as ${session.lastEmail} to send them first.`,
        'email',
      ),
      params: { count: pending, email: session.lastEmail! },
    };
  };
  if (switching && (await pendingCount(db)) > 0) return pendingRefusal();
  // Another user gets a new device id (a device belongs to one user), taken on only once they are in.
  const deviceId = switching ? newDevice().deviceId : (await ensureDevice(db)).deviceId;
  const api = syncApi(session.serverUrl, { fetch });
  const body = {
    email: email.value,
    password: password.value,
    deviceId,
    deviceName: deviceName.value,
  };
  let answer: Awaited<ReturnType<typeof api.signIn>>;
  try {
    const code = input.inviteCode?.trim();
    answer =
      input.mode === 'sign-up'
        ? await api.signUp({ ...body, ...(code && { inviteCode: code }) })
        : await api.signIn(body);
  } catch (error) {
    return failure(error);
  }
  if (switching) {
    // Another user: the previous user's replica goes (their changes are all on the server), so the
    // two users' data never mix here. A change made while this sign-in was on its way keeps it all.
    try {
      await handOver(db, deviceId, now());
    } catch (error) {
      if (!(error instanceof PendingChangesError)) throw error;
      const token = answer.token;
      await syncApi(session.serverUrl, { token: () => token, fetch })
        .signOut()
        .catch(() => {});
      return pendingRefusal();
    }
  }
  const actor = await getLocalActor(db);
  // Only records of the local profile (never pushed) change owner; another user's stay theirs.
  await adoptLocalRecords(
    db,
    actor.userId.startsWith('local:') ? actor.userId : answer.user.id,
    answer.user.id,
  );
  if (!switching && session.lastUserId !== null && session.lastUserId !== answer.user.id) {
    await startRefetch(db, now());
  }
  await updateSession(
    {
      token: answer.token,
      user: answer.user,
      deviceName: deviceName.value,
      lastUserId: answer.user.id,
      lastEmail: answer.user.email,
    },
    db,
  );
  await updateStatus({ state: 'idle', error: null, attempt: 0, nextRetryAt: null }, db);
  return { ok: true };
}

/** Joins a team with a one-time invite code; the next pull refetches with the new rights (§8). */
export async function joinTeam(code: string, { db, fetch }: AccountDeps): Promise<ActionResult> {
  const parsed = checked(JoinTeamRequest, { code }, 'Invite code');
  if (!parsed.ok) return refused('invalid_request', parsed.message, 'code');
  const session = await readSession(db);
  if (!session.serverUrl || !session.token) return refused('unauthorized', 'Sign in before joining a team');
  const token = session.token;
  const api = syncApi(session.serverUrl, { token: () => token, fetch });
  try {
    await api.joinTeam(parsed.value.code);
    const me = await api.me();
    await updateSession({ user: { id: me.id, email: me.email, teams: me.teams } }, db);
  } catch (error) {
    return failure(error);
  }
  return { ok: true };
}

/**
 * Signs this device out: the server revokes its token (when it can be reached) and the token is
 * forgotten here. Local data and queued changes stay; they go up at the next sign-in of the same user.
 */
export async function signOut({ db, fetch }: AccountDeps): Promise<ActionResult> {
  const session = await readSession(db);
  if (session.serverUrl && session.token) {
    const token = session.token;
    try {
      await syncApi(session.serverUrl, { token: () => token, fetch }).signOut();
    } catch {
      // Offline or already revoked: forgetting the token here is what matters to the rep.
    }
  }
  await updateSession({ token: null }, db);
  await updateStatus({ state: 'signed-out', error: null, attempt: 0, nextRetryAt: null }, db);
  return { ok: true };
}

/** Renames this browser for the next sign-in (the server has no rename yet). */
export async function setDeviceName(name: string, { db }: AccountDeps): Promise<ActionResult> {
  const parsed = checked(DeviceName, name, 'Device name');
  if (!parsed.ok) return refused('invalid_request', parsed.message, 'deviceName');
  await updateSession({ deviceName: parsed.value }, db);
  return { ok: true };
}

/** Someone a customer can be assigned to: the user or a teammate who may take customers. */
export interface Teammate {
  userId: string;
  email: string;
}

const TEAMMATES_KEY = 'teammates';

/**
 * The people the signed-in user can assign customers to (docs/sync-protocol.md §8): themselves and the
 * owners, admins and members of their teams (viewers cannot take customers), each once, by email.
 * Asked of the server and kept, so the list offers the last known team offline; [] when signed out.
 */
export async function teammates({ db, fetch }: AccountDeps): Promise<Teammate[]> {
  const session = await readSession(db);
  if (!session.serverUrl || !session.token || !session.user) return [];
  const token = session.token;
  const api = syncApi(session.serverUrl, { token: () => token, fetch });
  const people = new Map<string, string>([[session.user.id, session.user.email]]);
  try {
    // The teams as the server knows them now (joined or created in another browser too).
    const me = await api.me();
    await updateSession({ user: { id: me.id, email: me.email, teams: me.teams } }, db);
    for (const { teamId } of me.teams) {
      for (const member of (await api.team(teamId)).members) {
        if (member.role !== 'viewer') people.set(member.userId, member.email);
      }
    }
  } catch {
    // Offline or refused: the last list this browser got for this user.
    const cached = (await db.syncState.get(TEAMMATES_KEY))?.value as
      | { userId: string; people: Teammate[] }
      | undefined;
    return cached?.userId === session.user.id ? cached.people : [...toTeammates(people)];
  }
  const list = [...toTeammates(people)];
  await db.syncState.put({ key: TEAMMATES_KEY, value: { userId: session.user.id, people: list } });
  return list;
}

const toTeammates = (people: Map<string, string>) =>
  [...people].map(([userId, email]) => ({ userId, email })).sort((a, b) => a.email.localeCompare(b.email));
