import type { FieldIssue } from '@keepcard/shared';
import { useMemo } from 'react';
import { type WebmailMessageKey, type WebmailTranslate, webmailTranslator } from '../../i18n/webmail-text';
import { useI18n } from '../i18n-context';

/** The webmail catalogs in the panel's locale (see i18n/webmail-en.ts for why they are separate). */
export function useWebmailText(): {
  w: WebmailTranslate;
  locale: string;
  formatDateTime: (ms: number) => string;
} {
  const { locale } = useI18n();
  return useMemo(() => {
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return { w: webmailTranslator(locale), locale, formatDateTime: (ms: number) => dates.format(ms) };
  }, [locale]);
}

const REASONS: [RegExp, WebmailMessageKey][] = [
  [/^must not be empty$/, 'webmail.reason.empty'],
  [/^must be a valid email address$/, 'webmail.reason.email'],
  [/^must be at most (?<max>\d+) characters$/, 'webmail.reason.tooLong'],
  [/^must be an http:\/\/ or https:\/\/ url$/, 'webmail.reason.url'],
  [/^must be a two-letter ISO country code/, 'webmail.reason.country'],
];

const FIELD_KEYS: Record<string, WebmailMessageKey> = {
  displayName: 'webmail.field.displayName',
  givenName: 'webmail.field.givenName',
  familyName: 'webmail.field.familyName',
  title: 'webmail.field.title',
  organization: 'webmail.field.organization',
  birthday: 'webmail.field.birthday',
  emails: 'webmail.field.emails',
  phones: 'webmail.field.phones',
  urls: 'webmail.field.urls',
  address: 'webmail.field.address',
  'address.street': 'webmail.field.address.street',
  'address.city': 'webmail.field.address.city',
  'address.region': 'webmail.field.address.region',
  'address.postalCode': 'webmail.field.address.postalCode',
  'address.country': 'webmail.field.address.country',
};

/** A field as the rep sees it: `emails[1].address` → "Email 2", `address.city` → "City". */
export function fieldName(field: string, w: WebmailTranslate): string {
  const match = /^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/.exec(field);
  if (!match) return field;
  const [, head = '', index, tail] = match;
  const key = FIELD_KEYS[index === undefined && tail ? `${head}.${tail}` : head];
  const base = key ? w(key) : field;
  return index !== undefined ? `${base} ${Number(index) + 1}` : base;
}

/** A schema's problem as a sentence in the panel's language that names the field. */
export function issueText(issue: FieldIssue, w: WebmailTranslate): string {
  let reason = issue.reason;
  for (const [pattern, key] of REASONS) {
    const m = pattern.exec(issue.reason);
    if (m) {
      reason = w(key, m.groups ?? {});
      break;
    }
  }
  return w('webmail.invalid', { field: fieldName(issue.field, w), reason });
}
