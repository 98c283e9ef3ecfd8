import { z } from 'zod';
import {
  Address,
  baseRecordShape,
  recordId,
  requiredText,
  shortText,
  tagList,
  timestamp,
  webUrl,
} from './common';

export const EmailLabel = z.enum(['work', 'home', 'other']);
export const PhoneLabel = z.enum(['work', 'home', 'mobile', 'fax', 'other']);

/** An email address, trimmed and lower-cased so it matches across sources. */
export const ContactEmail = z.object({
  address: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'must be a valid email address' })),
  label: EmailLabel.default('work'),
});
export type ContactEmail = z.infer<typeof ContactEmail>;

/**
 * A phone number. `number` is E.164 (`+8613800138000`) when the raw text could be parsed,
 * otherwise the raw text itself; `raw` always keeps what was captured.
 */
export const ContactPhone = z.object({
  number: requiredText(40),
  raw: requiredText(80),
  label: PhoneLabel.default('work'),
});
export type ContactPhone = z.infer<typeof ContactPhone>;

export const SocialProfile = z.object({
  network: requiredText(40),
  handle: shortText(100).optional(),
  url: webUrl.optional(),
});

/** A birthday as YYYY-MM-DD, or --MM-DD when the year is unknown (as in vCard). */
export const Birthday = z
  .string()
  // abort: a malformed string gets one message, not also "must be a real calendar date".
  .regex(/^(\d{4}|-)-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD or --MM-DD', abort: true })
  .refine(
    (s) => {
      const [y, m, d] = s.replace(/^--/, '2000-').split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: 'must be a real calendar date' },
  );

/** How and where a record was captured. */
export const RecordSource = z.object({
  kind: z.enum(['manual', 'page', 'email', 'import', 'demo']),
  url: webUrl.optional(),
  emailMessageId: shortText(500).optional(),
  importFile: shortText(300).optional(),
  capturedAt: timestamp.optional(),
});
export type RecordSource = z.infer<typeof RecordSource>;

/** The customer card of a person (客户管理卡). */
export const Contact = z.object({
  ...baseRecordShape,
  displayName: requiredText(200),
  givenName: shortText(100).optional(),
  familyName: shortText(100).optional(),
  gender: z.enum(['female', 'male', 'other', 'unspecified']).optional(),
  birthday: Birthday.optional(),
  title: shortText(200).optional(),
  companyId: recordId.nullable().default(null),
  /**
   * The customer who referred this one (客户推荐), or null. Added after the first rows were stored:
   * defaulted, so older rows stay valid. Self-referral and cycles are refused where it is set
   * (`referralIssue`), since a row alone cannot see the chain.
   */
  referredById: recordId.nullable().default(null),
  emails: z.array(ContactEmail).max(50, { error: 'must have at most 50 emails' }).default([]),
  phones: z.array(ContactPhone).max(50, { error: 'must have at most 50 phones' }).default([]),
  socials: z.array(SocialProfile).max(50).default([]),
  urls: z.array(webUrl).max(50).default([]),
  address: Address.optional(),
  tags: tagList.default([]),
  preferences: z
    .object({ text: shortText(5000).default(''), tags: tagList.default([]) })
    .default({ text: '', tags: [] }),
  source: RecordSource,
  consentNote: shortText(1000).optional(),
  /** A photo of the person (http/https only). */
  photoUrl: webUrl.optional(),
  /**
   * The teammate responsible for this customer (负责人), or null: then the record's owner is. Unlike
   * `ownerId`, which is access control and never changes (docs/sync-protocol.md §4), this is an
   * ordinary last-writer-wins field; the server accepts only the owner or a team member who can read
   * the record (§8).
   */
  assigneeId: z
    .string()
    .trim()
    .min(1, { error: 'must name a user' })
    .max(200, { error: 'must be at most 200 characters' })
    .nullable()
    .default(null),
  /** Set when the rep marks the customer lost, with the churn reason they record (流失原因). */
  lost: z
    .object({ at: timestamp, reason: requiredText(1000) })
    .nullable()
    .default(null),
});
export type Contact = z.infer<typeof Contact>;
export type ContactInput = z.input<typeof Contact>;
