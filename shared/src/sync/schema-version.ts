/** The server's answer to a client's data schema version (docs/sync-protocol.md §9). */
export type SchemaVerdict =
  | { ok: true }
  | { ok: false; code: 'schema_too_old' | 'schema_too_new'; message: string };

/**
 * Whether a client speaking schema `client` may sync with a server accepting `min` to `max`.
 * The server answers 426 with this message; the extension checks /v1/info the same way first.
 * @example checkSchemaVersion(SCHEMA_VERSION, { min: info.minClientSchemaVersion, max: info.schemaVersion })
 */
export function checkSchemaVersion(
  client: number,
  { min, max }: { min: number; max: number },
): SchemaVerdict {
  if (client < min) {
    return {
      ok: false,
      code: 'schema_too_old',
      message: `This extension speaks data schema ${client} but the server needs ${min} or newer: update the extension. Nothing was read or written.`,
    };
  }
  if (client > max) {
    return {
      ok: false,
      code: 'schema_too_new',
      message: `This extension speaks data schema ${client} but the server only knows up to ${max}: ask the server's admin to update the Keepcard server. Nothing was read or written.`,
    };
  }
  return { ok: true };
}
