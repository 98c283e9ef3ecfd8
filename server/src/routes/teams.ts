import { createRoute } from '@hono/zod-openapi';
import {
  CreateInviteRequest,
  CreateTeamRequest,
  Invite,
  JoinTeamRequest,
  Role,
  SetRoleRequest,
  TeamDetails,
} from '@keepcard/shared';
import { z } from 'zod';
import { requireTeamRole } from '../auth/access';
import { bearer, errors, json, jsonBody, newRouter } from '../http/openapi';
import { createInvite, createTeam, redeemInvite, removeMember, setRole, teamDetails } from '../teams/teams';
import type { RouteDeps } from './route-deps';

const TeamParam = z.object({ teamId: z.uuid({ error: 'must be a team id' }) });
const MemberParam = TeamParam.extend({ userId: z.uuid({ error: 'must be a user id' }) });

/** Team administration; who may do what is decided by requireTeamRole and canAssignRole. */
export function teamRoutes({ storage, config, now, auth }: RouteDeps) {
  const router = newRouter();
  router.use('*', auth);
  return router
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Create a team; you become its owner',
        security: bearer,
        request: { body: jsonBody(CreateTeamRequest) },
        responses: { 201: json(TeamDetails, 'The new team'), ...errors(400, 401) },
      }),
      async (c) => {
        const { name } = c.req.valid('json');
        const teamId = await storage.transaction((tx) => createTeam(tx, c.get('principal').userId, name));
        return c.json(await teamDetails(storage, teamId), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/join',
        summary: 'Join a team with a one-time invite code',
        security: bearer,
        request: { body: jsonBody(JoinTeamRequest) },
        responses: {
          200: json(z.object({ teamId: z.string(), role: Role }), 'Joined'),
          ...errors(400, 401, 409),
        },
      }),
      async (c) => {
        const { code } = c.req.valid('json');
        const joined = await storage.transaction((tx) =>
          redeemInvite(tx, c.get('principal').userId, code, now()),
        );
        return c.json(joined, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{teamId}',
        summary: 'A team and its members (any member)',
        security: bearer,
        middleware: requireTeamRole('viewer'),
        request: { params: TeamParam },
        responses: { 200: json(TeamDetails, 'The team'), ...errors(401, 404) },
      }),
      async (c) => c.json(await teamDetails(storage, c.req.valid('param').teamId), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{teamId}/invites',
        summary: 'Make a one-time invite code (admins: member or viewer; owners: any role)',
        security: bearer,
        middleware: requireTeamRole('admin'),
        request: { params: TeamParam, body: jsonBody(CreateInviteRequest) },
        responses: { 201: json(Invite, 'The code; show it once'), ...errors(400, 401, 403, 404) },
      }),
      async (c) => {
        const { role } = c.req.valid('json');
        const expiresAt = now() + config.inviteTtlMs;
        const code = await createInvite(
          storage,
          c.get('principal'),
          c.req.valid('param').teamId,
          role,
          expiresAt,
        );
        return c.json({ code, role, expiresAt }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{teamId}/leave',
        summary: 'Leave a team (its last owner cannot)',
        security: bearer,
        middleware: requireTeamRole('viewer'),
        request: { params: TeamParam },
        responses: { 200: json(z.object({ left: z.string() }), 'Left'), ...errors(401, 404, 409) },
      }),
      async (c) => {
        const { teamId } = c.req.valid('param');
        const principal = c.get('principal');
        await storage.transaction((tx) => removeMember(tx, principal, teamId, principal.userId));
        return c.json({ left: teamId }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{teamId}/members/{userId}',
        summary: 'Remove a member (admins: members and viewers; owners: anyone)',
        security: bearer,
        middleware: requireTeamRole('admin'),
        request: { params: MemberParam },
        responses: { 200: json(TeamDetails, 'The team now'), ...errors(401, 403, 404, 409) },
      }),
      async (c) => {
        const { teamId, userId } = c.req.valid('param');
        await storage.transaction((tx) => removeMember(tx, c.get('principal'), teamId, userId));
        return c.json(await teamDetails(storage, teamId), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{teamId}/members/{userId}',
        summary: "Change a member's role (admins: between member and viewer; owners: any)",
        security: bearer,
        middleware: requireTeamRole('admin'),
        request: { params: MemberParam, body: jsonBody(SetRoleRequest) },
        responses: { 200: json(TeamDetails, 'The team now'), ...errors(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { teamId, userId } = c.req.valid('param');
        const { role } = c.req.valid('json');
        await storage.transaction((tx) => setRole(tx, c.get('principal'), teamId, userId, role));
        return c.json(await teamDetails(storage, teamId), 200);
      },
    );
}
