import { uuidv7 } from 'uuidv7';

/**
 * Creates a new UUIDv7 record id. In its own module, without the schemas: a caller that only needs
 * ids (the extension's database layer, opened on every side-panel load) does not evaluate zod.
 */
export function newId(): string {
  return uuidv7();
}
