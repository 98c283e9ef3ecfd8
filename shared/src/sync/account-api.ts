// Request and response shapes of the account, device and team endpoints (docs/sync-protocol.md §8),
// shared so the extension's settings page validates its forms with the server's own rules.
import { z } from 'zod';
import { DeviceId } from './wire';

export const Role = z.enum(['owner', 'admin', 'member', 'viewer'], {
  error: "must be 'owner', 'admin', 'member' or 'viewer'",
});
export type Role = z.infer<typeof Role>;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: 'must be at most 254 characters' })
  .pipe(z.email({ error: 'must be a valid email address' }));

export const Password = z
  .string()
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export const DeviceName = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

const uuid = z.uuid({ error: 'must be an id' });

export const SignInRequest = z.object({
  email: Email,
  password: Password,
  deviceId: DeviceId,
  deviceName: DeviceName,
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** Sign-up may carry an invite code: required when the server only admits invited people. */
export const SignUpRequest = SignInRequest.extend({ inviteCode: z.string().trim().max(40).optional() });
export type SignUpRequest = z.infer<typeof SignUpRequest>;

export const Membership = z.object({ teamId: uuid, teamName: z.string(), role: Role });
export const UserSummary = z.object({ id: uuid, email: z.string(), teams: z.array(Membership) });
export type UserSummary = z.infer<typeof UserSummary>;

export const DeviceSummary = z.object({
  id: DeviceId,
  name: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  revokedAt: z.number().nullable(),
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

/** The answer to sign-up and sign-in: the token is shown only here; keep it in extension storage. */
export const Session = z.object({ token: z.string(), user: UserSummary, deviceId: DeviceId });
export type Session = z.infer<typeof Session>;

export const TeamName = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

export const CreateTeamRequest = z.object({ name: TeamName });
export const TeamMember = z.object({ userId: uuid, email: z.string(), role: Role, joinedAt: z.number() });
export const TeamDetails = z.object({ id: uuid, name: z.string(), members: z.array(TeamMember) });
export type TeamDetails = z.infer<typeof TeamDetails>;

export const CreateInviteRequest = z.object({ role: Role.default('member') });
export const Invite = z.object({ code: z.string(), role: Role, expiresAt: z.number() });
export const JoinTeamRequest = z.object({
  code: z.string().trim().min(1, { error: 'must not be empty' }).max(40),
});
export const SetRoleRequest = z.object({ role: Role });
