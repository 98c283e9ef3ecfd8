import { SCHEMA_VERSION_HEADER } from '@keepcard/shared';
import { cors } from 'hono/cors';
import type { ServerConfig } from '../config';

/**
 * Browsers may call the API only from the extension (chrome-extension://<id>; any id unless
 * configured) and configured web origins. Auth is a bearer header, never a cookie, so this guards
 * against other sites using the API from a user's browser rather than against token theft.
 */
export function corsPolicy({ extensionIds, webOrigins }: Pick<ServerConfig, 'extensionIds' | 'webOrigins'>) {
  const allowed = (origin: string) => {
    const extension = /^chrome-extension:\/\/([a-p]{32})$/.exec(origin)?.[1];
    if (extension) return extensionIds.length === 0 || extensionIds.includes(extension);
    return webOrigins.includes(origin);
  };
  return cors({
    origin: (origin) => (allowed(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['authorization', 'content-type', SCHEMA_VERSION_HEADER],
    exposeHeaders: ['retry-after'],
    maxAge: 600,
  });
}
