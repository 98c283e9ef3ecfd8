import { createHash, randomBytes } from 'node:crypto';

/**
 * Device tokens: 256 random bits, so a fast hash is enough to store them (unlike passwords there is
 * nothing to guess); the database only ever holds the SHA-256.
 */
export function newDeviceToken(): string {
  return `kc_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Crockford's base32 alphabet: no I, L, O or U to misread when a code is typed from a chat message. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time invite code like `K7QH-2M9D-XW4P` (60 bits); stored hashed like tokens. */
export function newInviteCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Invite codes are typed by people: case, spaces and dashes do not matter. */
export function normalizeInviteCode(code: string): string {
  const chars = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
