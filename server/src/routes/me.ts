import { createRoute } from '@hono/zod-openapi';
import { DeviceId, DeviceSummary, UserSummary } from '@keepcard/shared';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { listDevices, revokeDevices, userSummary } from '../accounts/accounts';
import { bearer, errors, json, newRouter } from '../http/openapi';
import type { RouteDeps } from './route-deps';

const Me = UserSummary.extend({ deviceId: DeviceId });

/** The signed-in user and their devices. */
export function meRoutes({ storage, auth }: RouteDeps) {
  const router = newRouter();
  router.use('*', auth);
  return router
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'The signed-in user, their teams and roles, and this device',
        security: bearer,
        responses: { 200: json(Me, 'Who you are'), ...errors(401) },
      }),
      async (c) => {
        const { userId, deviceId } = c.get('principal');
        return c.json({ ...(await userSummary(storage, userId)), deviceId }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/devices',
        summary: 'Your devices, revoked ones included',
        security: bearer,
        responses: {
          200: json(z.object({ devices: z.array(DeviceSummary) }), 'Your devices'),
          ...errors(401),
        },
      }),
      async (c) => {
        const { userId, deviceId } = c.get('principal');
        const devices = (await listDevices(storage, userId)).map((d) => ({
          ...d,
          current: d.id === deviceId,
        }));
        return c.json({ devices }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/devices/{deviceId}',
        summary: 'Revoke one of your devices',
        security: bearer,
        request: { params: z.object({ deviceId: DeviceId }) },
        responses: { 200: json(z.object({ revoked: z.array(z.string()) }), 'Revoked'), ...errors(401, 404) },
      }),
      async (c) => {
        const { deviceId } = c.req.valid('param');
        const userId = c.get('principal').userId;
        const revoked = await storage.transaction((tx) => revokeDevices(tx, userId, [deviceId]));
        if (revoked.length === 0) {
          throw new HTTPException(404, { message: `You have no active device ${deviceId}` });
        }
        return c.json({ revoked }, 200);
      },
    );
}
