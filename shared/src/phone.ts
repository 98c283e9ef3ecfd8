import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { ContactPhone } from './schemas/contact';

/**
 * Normalises a captured phone number: E.164 when libphonenumber can parse it as a valid number
 * (using `defaultRegion` for numbers written without a country code), otherwise the trimmed raw text.
 * An extension (`ext. 8001`, `转 8001`) is left out of `number` and kept in `raw`.
 * @example normalizePhone('138 0013 8000', 'CN') // { number: '+8613800138000', raw: '138 0013 8000' }
 */
export function normalizePhone(
  raw: string,
  defaultRegion: string,
  label: ContactPhone['label'] = 'work',
): ContactPhone {
  const text = raw.trim().replace(/\s+/g, ' ');
  const region = defaultRegion.toUpperCase();
  const key = `${region} ${text}`;
  let number = parsedNumbers.get(key);
  if (number === undefined) {
    // libphonenumber knows "ext."/"x" but not the Chinese 转 / 分机 ("010-6552 9988 转 8001"),
    // which otherwise left the whole number unparsed.
    const parsed = parsePhoneNumberFromString(text.replace(/\s*(?:转|轉|分机|分機)\s*(?=\d)/g, ' ext. '), {
      defaultCountry: region as CountryCode,
      extract: true,
    });
    number = parsed?.isValid() ? parsed.number : text;
    if (parsedNumbers.size >= PARSE_CACHE_SIZE) parsedNumbers.delete(parsedNumbers.keys().next().value!);
    parsedNumbers.set(key, number);
  }
  return { number, raw: text, label };
}

/**
 * Parsing is the costly part (libphonenumber walks a country's patterns on every call) and pages,
 * imports and re-captures repeat the same numbers: a bounded memo of text → E.164, oldest out first.
 */
const PARSE_CACHE_SIZE = 5_000;
const parsedNumbers = new Map<string, string>();

/**
 * The key two phone numbers are matched by: E.164, or the digits of an unparseable number.
 * Text without a digit ("ask reception") is keyed by itself, lower-cased: an empty key would match
 * every other digitless phone and merge unrelated contacts.
 * @example phoneKey({ number: '(0571) 8502-2088' }) // '057185022088'
 */
export function phoneKey(phone: Pick<ContactPhone, 'number'>): string {
  if (phone.number.startsWith('+')) return phone.number;
  const digits = phone.number.replace(/\D/g, '');
  return digits || phone.number.trim().toLowerCase();
}
