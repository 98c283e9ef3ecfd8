import { normalizePhone } from '../phone';
import { ContactEmail, type ContactPhone } from '../schemas/contact';
import { emailsFromMailto } from './link-candidates';

// C0/C1 controls, bidi overrides and zero-width characters: invisible in a UI, but they can
// disguise a name ("evil\u202Egnp.exe") or split an address so it no longer matches.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Plain, single-line text: invisible characters removed, whitespace collapsed, cut to `max`
 * characters (at a character boundary). Never decodes entities: what comes in as text stays text.
 * @example cleanText('  Jane\n  Doe\u200b ') // 'Jane Doe'
 */
export function cleanText(text: string | undefined | null, max = 200): string | undefined {
  if (!text) return undefined;
  let out = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (out.length > max) out = Array.from(out).slice(0, max).join('').slice(0, max).trim();
  return out || undefined;
}

/**
 * An absolute http(s) url, resolved against `base`; `javascript:`, `data:` and every other scheme
 * give `undefined`, as do urls longer than 2048 characters. Tabs and newlines inside are removed,
 * as browsers do ("java\nscript:" is `javascript:` to a browser).
 * @example resolveWebUrl('/team/li', 'https://acme.cn/about') // 'https://acme.cn/team/li'
 */
export function resolveWebUrl(raw: string | undefined | null, base?: string): string | undefined {
  if (!raw) return undefined;
  const text = raw.replace(/[\t\n\r]/g, '').trim();
  if (!text || text.length > 2048) return undefined;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.href.length <= 2048 ? url.href : undefined;
}

/**
 * Valid email addresses in a value that may be a bare address or a `mailto:` href (several,
 * comma-separated), lower-cased; anything the Contact schema would refuse is left out.
 * @example emailsIn('mailto:Jane@Example.com') // ['jane@example.com']
 */
export function emailsIn(value: string): string[] {
  return emailsFromMailto(value.trim()).filter((address) => ContactEmail.safeParse({ address }).success);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A phone from a `tel:` href or from text, normalised to E.164 where possible; text with fewer
 * than five digits or too long to be a number gives `undefined`. A `tel:` uri's `;ext=` is kept as
 * an extension.
 * @example phoneIn('tel:+86-10-6552-9988;ext=12', 'CN') // { number: '+861065529988', raw: '+86-10-6552-9988 ext. 12', label: 'work' }
 */
export function phoneIn(
  value: string,
  defaultRegion: string,
  label: ContactPhone['label'] = 'work',
): ContactPhone | undefined {
  let raw = value;
  if (/^tel:/i.test(value.trim())) {
    // Not phoneFromTel: it wants three digits in a row, and "tel:+33-1-23-45-67" has none.
    const [number = '', ...params] = value.trim().slice(4).split(/[;?]/);
    const ext = params.map((p) => /^ext=([\d#*]+)$/i.exec(p)?.[1]).find(Boolean);
    raw = safeDecode(number) + (ext ? ` ext. ${ext}` : '');
  }
  const text = cleanText(raw, 200);
  const digits = text?.replace(/\D/g, '').length ?? 0;
  // Fewer than five digits is a short code or a fragment; more than twenty is not one number.
  if (!text || text.length > 80 || digits < 5 || digits > 20) return undefined;
  // Letters mean prose, not a number ("call 555 before noon"), except extension words.
  if (/\p{L}/u.test(text.replace(/\b(?:ext|extension|x)\b\.?|转|轉|分机|分機/giu, ''))) return undefined;
  return normalizePhone(text, defaultRegion, label);
}
