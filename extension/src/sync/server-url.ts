// The server URL a rep types in settings: only https, except plain http to this computer
// (docs/sync-protocol.md §10), because the token and every record travel with each request.

export type ServerUrlProblem = 'empty' | 'invalid' | 'insecure';

export type ServerUrlCheck =
  | {
      ok: true;
      /** Scheme, host, port and path without a trailing slash: `https://crm.example.com/keepcard`. */
      url: string;
      /** The host permission to request for it (match patterns have no port). */
      permission: string;
    }
  | { ok: false; problem: ServerUrlProblem; message: string };

// The hosts of the extension's optional host permissions for plain http (wxt.config.ts).
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

export const SERVER_URL_MESSAGES: Record<ServerUrlProblem, string> = {
  empty: 'Server URL is empty: type the address of your Keepcard server, such as https://crm.example.com',
  invalid: 'Server URL is not a web address: type it like https://crm.example.com',
  insecure: 'Server URL must start with https:// or http://localhost',
};

const problem = (kind: ServerUrlProblem): ServerUrlCheck => ({
  ok: false,
  problem: kind,
  message: SERVER_URL_MESSAGES[kind],
});

/**
 * Checks and normalises a server URL.
 * @example parseServerUrl('https://crm.example.com/') // { ok: true, url: 'https://crm.example.com', permission: 'https://crm.example.com/*' }
 * @example parseServerUrl('http://crm.example.com').ok // false: Server URL must start with https:// or http://localhost
 */
export function parseServerUrl(input: string): ServerUrlCheck {
  const text = input.trim();
  if (!text) return problem('empty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return problem(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? 'invalid' : 'insecure');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('insecure');
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) return problem('insecure');
  if (url.username || url.password || url.search || url.hash) return problem('invalid');
  const path = url.pathname.replace(/\/+$/, '');
  return {
    ok: true,
    url: `${url.protocol}//${url.host}${path}`,
    permission: `${url.protocol}//${url.hostname}/*`,
  };
}
