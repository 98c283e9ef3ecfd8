import { ValidationError } from '@keepcard/shared';
import { BatchValidationError } from '../../db/record-reads';
import { StorageError } from '../../db/storage-errors';
import { type I18n, isMessageKey, type MessageKey } from '../../i18n';

/** The English reasons the shared schemas give, with their catalog messages (numbers become params). */
const REASONS: [RegExp, MessageKey][] = [
  [/^is required$/, 'validation.required'],
  [/^must not be empty$/, 'validation.empty'],
  [/^must be at most (?<max>\d+) characters$/, 'validation.tooLong'],
  [/^must be a valid email address$/, 'validation.email'],
  [/^must be an http:\/\/ or https:\/\/ url$/, 'validation.url'],
  [/^must be YYYY-MM-DD or --MM-DD$/, 'validation.birthdayFormat'],
  [/^must be a real calendar date$/, 'validation.realDate'],
  [/^must be a two-letter ISO country code/, 'validation.country'],
  [/^must be a three-letter ISO 4217 currency code/, 'validation.currency'],
  [/^must be more than zero$/, 'validation.positive'],
  [/^must be a whole number/, 'validation.whole'],
  [/^must be from 1 to 5/, 'validation.csat'],
  [/^must be from 0 to 10/, 'validation.nps'],
  [/^must be a number/, 'validation.number'],
  // List limits (shared/src/schemas/common.ts and contact.ts; "items" is the schemas' text for a list without its own).
  [/^must have at most (?<max>\d+) tags$/, 'validation.tooManyTags'],
  [/^must have at most (?<max>\d+) emails$/, 'validation.tooManyEmails'],
  [/^must have at most (?<max>\d+) phones$/, 'validation.tooManyPhones'],
  [/^must have at most (?<max>\d+) items$/, 'validation.tooManyItems'],
  // An enum of three or more values (shared/src/schemas/validation.ts); the values are codes, kept as written.
  [/^must be one of (?<values>.+)$/, 'validation.oneOf'],
  [/^must name a user$/, 'validation.user'],
  [/^must not be more than the balance of (?<balance>-?\d+) points$/, 'feedback.validation.overBalance'],
  [/^must not be the customer themselves$/, 'feedback.validation.selfReferral'],
  [/^must not be a customer this one referred/, 'feedback.validation.referralCycle'],
  [/^must be an existing customer$/, 'feedback.validation.unknownContact'],
  [/^is only for complaints$/, 'feedback.validation.complaintsOnly'],
];

/** A field's name as the rep sees it: `emails[0].address` → "Email 1". */
export function fieldLabel(field: string, i18n: I18n): string {
  const match = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(field);
  if (!match) return field;
  const [, head, index, tail] = match;
  const key = `field.${head}${tail && !index ? `.${tail}` : ''}`;
  // Feature catalogs name their own fields (`feedback.field.points`), so parallel work merges cleanly.
  const feature = `feedback.field.${head}`;
  const base = isMessageKey(key)
    ? i18n.t(key)
    : isMessageKey(`field.${head}`)
      ? i18n.t(`field.${head}` as MessageKey)
      : isMessageKey(feature)
        ? i18n.t(feature)
        : field;
  return index !== undefined ? `${base} ${Number(index) + 1}` : base;
}

/** A schema's reason in the UI's language, or as written when it is not one of the known texts. */
export function validationReason(reason: string, i18n: I18n): string {
  for (const [pattern, key] of REASONS) {
    const match = pattern.exec(reason);
    if (match) return i18n.t(key, match.groups ?? {});
  }
  return reason;
}

/** Every way a write can fail, as sentences that name the field and the fix. */
export function errorLines(error: unknown, i18n: I18n): { field?: string; text: string }[] {
  if (error instanceof ValidationError) {
    return error.issues.map((issue) => ({
      field: issue.field,
      text: issue.field
        ? i18n.t('validation.field', {
            field: fieldLabel(issue.field, i18n),
            reason: validationReason(issue.reason, i18n),
          })
        : validationReason(issue.reason, i18n),
    }));
  }
  if (error instanceof BatchValidationError) return error.failures.flatMap((f) => errorLines(f.error, i18n));
  if (error instanceof StorageError)
    return [{ text: i18n.t(`storage.${error.code}` as MessageKey, { message: error.message }) }];
  return [{ text: error instanceof Error ? error.message : String(error) }];
}
