// The settings page's messages to the background, which alone talks to the server (STYLE 7: they join
// the one union in src/messages.ts) and what each answers.
import type { Membership } from '@keepcard/shared';
import { z } from 'zod';
import type { RejectedChange, SyncState } from '../db/sync-settings-repo';
import type { ActionResult, Teammate } from './sync-account';

export const SyncMessage = [
  /** What the settings page shows; answered with a `SyncView`. */
  z.object({ type: z.literal('sync:status') }),
  /** Saves the server URL (the page asked for the host permission first). */
  z.object({ type: z.literal('sync:set-server'), serverUrl: z.string().max(2048) }),
  z.object({
    type: z.literal('sync:sign-in'),
    mode: z.enum(['sign-in', 'sign-up']),
    email: z.string().max(300),
    password: z.string().max(300),
    deviceName: z.string().max(300),
    inviteCode: z.string().max(100).optional(),
  }),
  z.object({ type: z.literal('sync:join-team'), code: z.string().max(100) }),
  z.object({ type: z.literal('sync:sign-out') }),
  z.object({ type: z.literal('sync:set-device-name'), deviceName: z.string().max(300) }),
  /** "Sync now": skips any backoff. */
  z.object({ type: z.literal('sync:now') }),
  /** A page wrote to the outbox: sync soon (the background may have been asleep). */
  z.object({ type: z.literal('sync:nudge') }),
  /** Who customers can be assigned to: the user and their teammates (not viewers). */
  z.object({ type: z.literal('sync:teammates') }),
] as const;

/** What the settings page shows about sync. */
export interface SyncView {
  serverUrl: string | null;
  signedIn: boolean;
  email: string | null;
  teams: z.infer<typeof Membership>[];
  deviceName: string | null;
  state: SyncState;
  lastSyncAt: number | null;
  /** Changes waiting for the server. */
  pending: number;
  error: { code: string; message: string } | null;
  nextRetryAt: number | null;
  rejected: RejectedChange[];
  /** Whether the live stream is connected (a change elsewhere shows here within a second). */
  live: boolean;
}

export interface SyncReplies {
  'sync:status': SyncView;
  'sync:set-server': ActionResult;
  'sync:sign-in': ActionResult;
  'sync:join-team': ActionResult;
  'sync:sign-out': ActionResult;
  'sync:set-device-name': ActionResult;
  'sync:now': SyncView;
  'sync:nudge': undefined;
  'sync:teammates': Teammate[];
}
