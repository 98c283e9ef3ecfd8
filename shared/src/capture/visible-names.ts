import { isCjkName } from '../names';
import { cleanText } from './clean-values';

// Link texts and labels that name an action or a channel, not a person ("Email", "联系我们").
// English, French, German, Spanish and Chinese, the languages of the reps.
const GENERIC_LABEL =
  /^(?:e-?mail(?: (?:me|us|address))?|mail|send(?: (?:an? )?(?:e-?mail|message))?|message|write(?: to (?:us|me))?|contact(?: (?:us|me|details|info|information|sales|support))?|get in touch|call(?: (?:us|me|now))?|phone|tel(?:ephone)?|mobile|cell|fax|click here|here|more|read more|details|website|web|homepage|home page|profile|vcard|v-card|download(?: (?:vcard|v-card|contact|card))?|add to (?:contacts|address book)|save contact|courriel|écrivez-nous|téléphone|appeler|nous contacter|kontakt(?:ieren)?|anrufen|schreiben sie uns|telefon|correo(?: electrónico)?|contacto|contáctenos|llamar|teléfono|邮箱|邮件|电邮|电子邮件|发邮件|发送邮件|写信|电话|手机|致电|联系|联系我们|联系方式|下载|名片|下载名片|更多|详情)$/i;

// A verb in front of a name in link texts such as "Email Jane Doe" or "给王小明发邮件".
const LEADING_VERB =
  /^(?:e-?mail|mail|call|contact|write to|message|send (?:an? )?e-?mail to|download|save|add)\s+/i;

/**
 * True when short text reads like the name of a person or an organisation: it has a letter, is
 * not an address, a number, a url or an action label, and is short (≤ 6 words; ≤ 20 characters
 * when written in CJK, which has no spaces).
 * @example looksLikeName('王小明') // true
 * @example looksLikeName('Email us') // false
 */
export function looksLikeName(text: string | undefined): boolean {
  if (!text || text.length < 2 || text.length > 80) return false;
  if (!/\p{L}/u.test(text)) return false;
  if (/@|:\/\/|^www\.|[<>{}[\]|\\]|^[^\p{L}\p{N}]/u.test(text)) return false;
  // Digits mean a date, a time or a number ("Nov 17", "Room 301"), not a name.
  if (/\p{N}/u.test(text)) return false;
  if (GENERIC_LABEL.test(text.replace(/[.:!?…»›→>]+$/u, '').trim())) return false;
  // Sentence punctuation means prose ("密码已更改！", "Questions? Call us").
  if (/[，。！？；：!?;]/u.test(text)) return false;
  if (isCjkName(text)) return text.replace(/\s/g, '').length <= 20;
  const words = text.split(' ');
  // Names capitalise their words; a longer lower-case word means a phrase or a subject line
  // ("Google Account password changed"), except the particles of names (van, della, bin...).
  return words.length <= 6 && !words.some((w) => w.length >= 4 && /^\p{Ll}/u.test(w) && !PARTICLES.has(w));
}

const PARTICLES = new Set(['della', 'delle', 'binti', 'von', 'van', 'der', 'den', 'del', 'dos', 'das']);

/**
 * The name a link label or a heading gives, if any: cleaned, with a leading verb dropped
 * ("Email Jane Doe" → "Jane Doe").
 * @example nameFromLabel('  Email Jane Doe ') // 'Jane Doe'
 */
export function nameFromLabel(label: string | undefined): string | undefined {
  const text = cleanText(label, 120);
  if (!text) return undefined;
  const withoutVerb = text.replace(LEADING_VERB, '');
  if (withoutVerb !== text && looksLikeName(withoutVerb)) return withoutVerb;
  return looksLikeName(text) ? text : undefined;
}

// Local parts of shared role mailboxes: these belong to an organisation, not to a person.
const ROLE_MAILBOX =
  /^(?:info|information|contact|contacts|hello|hi|sales|support|help|helpdesk|service|services|customerservice|cs|kefu|admin|office|enquiries|enquiry|inquiries|inquiry|marketing|press|media|pr|jobs|careers|hr|recruiting|billing|accounts|team|general|mail|webmaster|postmaster|noreply|no-reply|business|partners|bd|shop|orders|booking|reservations)$/i;

/**
 * True for the address of a shared mailbox (info@, sales@, kefu@…), which belongs to an organisation.
 * @example isRoleMailbox('sales@acme.cn') // true
 */
export function isRoleMailbox(email: string): boolean {
  return ROLE_MAILBOX.test(email.split('@')[0] ?? '');
}
