import { z } from 'zod';

export { newId } from '../ids';

/** Current shape version of every persisted record; bump with a migration. */
export const SCHEMA_VERSION = 1;

/** A record id: a UUIDv7, so ids sort by creation time. */
export const recordId = z.uuidv7({ error: 'must be a UUIDv7 id' });

/** Epoch milliseconds. Numbers index and compare fast in IndexedDB and PostgreSQL alike. */
export const timestamp = z
  .number({ error: 'must be a time in epoch milliseconds' })
  .int({ error: 'must be a whole number of milliseconds' })
  .nonnegative({ error: 'must not be before 1970' });

export const visibility = z.enum(['private', 'team'], { error: "must be 'private' or 'team'" });

/** Fields every synced record carries. */
export const baseRecordShape = {
  id: recordId,
  createdAt: timestamp,
  updatedAt: timestamp,
  /** Tombstone: set when deleted, the row stays so the deletion can sync. */
  deletedAt: timestamp.nullable(),
  ownerId: z.string().min(1, { error: 'must name the owning user' }).max(200),
  teamId: z.string().min(1).max(200).nullable(),
  visibility,
  schemaVersion: z.literal(SCHEMA_VERSION, { error: `must be ${SCHEMA_VERSION}` }),
};

/** Trimmed, single-line text of bounded length. */
export const shortText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });

/** Text that must not be empty after trimming. */
export const requiredText = (max = 200) => shortText(max).min(1, { error: 'must not be empty' });

/** Only http(s) urls are kept: `javascript:` and `data:` urls are refused. */
export const webUrl = z
  .string()
  .trim()
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { error: 'must be an http:// or https:// url' },
  );

/** Tags: trimmed, lower-cased for matching, de-duplicated, order kept. */
export const tagList = z
  .array(requiredText(50), { error: 'must be a list of tags' })
  .max(100, { error: 'must have at most 100 tags' })
  .transform((tags) => [...new Set(tags.map((t) => t.toLowerCase()))]);

/** ISO 3166-1 alpha-2 country code, upper case (CN, US, DE...). */
export const countryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, { error: 'must be a two-letter ISO country code such as CN or US' }));

/** A postal address; its parts feed geographic segmentation. */
export const Address = z.object({
  country: countryCode.optional(),
  region: shortText(100).optional(),
  city: shortText(100).optional(),
  street: shortText(300).optional(),
  postalCode: shortText(20).optional(),
});
export type Address = z.infer<typeof Address>;
