// Words that open or close a signature, in English, French, German, Spanish and Chinese:
// valedictions ("Best regards,", "Cordialement", "此致 敬礼"), mobile-client footers ("Sent from my
// iPhone", which is not a signature) and greetings (which never belong to one).

/**
 * Valedictions, lower-case, without trailing punctuation. A line that is one of these (optionally
 * followed by a comma and a short name: "Thanks, Noam") opens the sign-off block.
 */
const VALEDICTIONS = [
  // English
  'best',
  'all best',
  'all the best',
  'best regards',
  'best wishes',
  'br',
  'cheers',
  'kind regards',
  'kindest regards',
  'many thanks',
  'many thanks and best regards',
  'regards',
  'rgds',
  'respectfully',
  'sincerely',
  'sincerely yours',
  'take care',
  'talk soon',
  'thank you',
  'thank you very much',
  'thanks',
  'thanks again',
  'thanks a lot',
  'thanks and regards',
  'thanks so much',
  'thx',
  'warm regards',
  'warmest regards',
  'warmly',
  'with best regards',
  'with kind regards',
  'with thanks',
  'yours',
  'yours faithfully',
  'yours sincerely',
  'yours truly',
  // French
  'à bientôt',
  'amicalement',
  'bien à toi',
  'bien à vous',
  'bien cordialement',
  'bonne journée',
  'bonne soirée',
  'cordialement',
  'meilleures salutations',
  'merci',
  'merci beaucoup',
  "merci d'avance",
  'respectueusement',
  'salutations',
  'sincères salutations',
  'très cordialement',
  // German
  'beste grüße',
  'beste grüsse',
  'besten dank',
  'danke',
  'freundliche grüße',
  'freundliche grüsse',
  'gruß',
  'grüße',
  'herzliche grüße',
  'herzliche grüsse',
  'lg',
  'liebe grüße',
  'mfg',
  'mit besten grüßen',
  'mit freundlichen grüßen',
  'mit freundlichen grüssen',
  'schöne grüße',
  'vg',
  'viele grüße',
  'viele grüsse',
  'vielen dank',
  // Spanish
  'a su disposición',
  'atentamente',
  'cordialmente',
  'gracias',
  'muchas gracias',
  'saludos',
  'saludos cordiales',
  'un abrazo',
  'un cordial saludo',
  'un saludo',
  // Chinese (simplified and traditional)
  '此致',
  '此致敬礼',
  '此致 敬礼',
  '敬礼',
  '敬上',
  '致礼',
  '祝好',
  '祝商祺',
  '顺祝商祺',
  '順祝商祺',
  '顺颂商祺',
  '順頌商祺',
  '顺颂时祺',
  '祝工作顺利',
  '谢谢',
  '謝謝',
  '多谢',
  '感谢',
];

const VALEDICTION_SET = new Set(VALEDICTIONS);
const TRAILING_PUNCTUATION = /[\s,.;:!…，。；：！、]+$/u;

/** A name-like tail after "Thanks," on the same line: one to three words, no digits. */
const SHORT_NAME_TAIL = /^[\p{L}][\p{L}.'’ -]{0,39}$/u;

/**
 * True when the line is a valediction, alone or followed by a short name ("Thanks, Noam").
 * @example isValediction('Mit freundlichen Grüßen,') // true
 */
export function isValediction(line: string): boolean {
  const text = line.trim().toLowerCase().replace(TRAILING_PUNCTUATION, '');
  if (!text || text.length > 60) return false;
  if (VALEDICTION_SET.has(text)) return true;
  // "Thanks, Noam" / "Cheers - John": the valediction, a separator, then a short name.
  const split = /^(.+?)\s*[,，\-–—]\s*(.+)$/u.exec(text);
  if (!split) return false;
  const [, head = '', tail = ''] = split;
  return VALEDICTION_SET.has(head) && SHORT_NAME_TAIL.test(tail) && tail.split(' ').length <= 3;
}

/**
 * The name written on a valediction line after the valediction ("Thanks, Noam" → "Noam"), if any.
 */
export function nameAfterValediction(line: string): string | null {
  const split = /^(.+?)\s*[,，\-–—]\s*(.+?)[\s.!,]*$/u.exec(line.trim());
  if (!split?.[1] || !split[2]) return null;
  const head = split[1].toLowerCase().replace(TRAILING_PUNCTUATION, '');
  return VALEDICTION_SET.has(head) && SHORT_NAME_TAIL.test(split[2]) ? split[2] : null;
}

// "Sent from my iPhone", "Sent with Sparrow (http://…)", "Envoyé de mon iPhone", "Von meinem iPhone
// gesendet", "Enviado desde mi iPhone", "发自我的iPhone", "Get Outlook for Android". A comma or a
// sentence end means a real sentence ("Sent from my desk, is much easier…"), which stays.
const MOBILE_FOOTERS = [
  /^(?:sent|envoyé|enviado|gesendet)\s+(?:from|with|via|using|de|depuis|avec|desde|con|mit|von)\s+[^,;.!?]{1,50}(?:\([^)]{0,80}\))?$/iu,
  /^von meinem\s+[^,;]{1,40}\s+gesendet$/iu,
  /^(?:get|download|obtenir|télécharger|holen sie sich|obtener|descargar)\s+outlook\s+(?:for|pour|für|para)\s+(?:ios|android)$/iu,
  /^(?:发自|來自|来自|發自)\s*(?:我的)?\s*[^，。,]{1,20}$/u,
  /^(?:从|從)我的\s*[^，。,]{1,20}(?:发送|傳送|發送)$/u,
];

/**
 * True when the line is a mail client's footer, not part of anyone's signature.
 * @example isMobileFooter('Sent from my iPhone') // true
 */
export function isMobileFooter(line: string): boolean {
  const text = line.trim();
  if (text.length > 120) return false;
  const words = text.split(/\s+/).length;
  return words <= 10 && MOBILE_FOOTERS.some((re) => re.test(text));
}

/** Greetings open a message; a block that starts with one is the message, not a signature. */
const GREETING =
  /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hallo|liebe|lieber|sehr geehrte|guten tag|hola|estimado|estimada|buenos días|buenas tardes)(?![\p{L}])|您好|你好|尊敬的|亲爱的)/iu;

/** True when the line opens a message ("Hi John,", "Bonjour,", "尊敬的王总："). */
export function isGreeting(line: string): boolean {
  return GREETING.test(line.trim());
}

/**
 * Words of the legal notices mail servers append after a signature ("This e-mail is confidential…",
 * "Ce message est confidentiel…", "Diese E-Mail ist vertraulich…", "本邮件…保密…").
 */
const DISCLAIMER =
  /confidential|intended (?:solely )?(?:only )?for|intended recipient|privileged|disclaimer|virus|legally binding|confidentiel|destinataire|vertraulich|empfänger|confidencial|destinatario|保密|机密|機密|免责|免責/iu;

/** True for a paragraph of legal notice appended to a mail. */
export function isDisclaimer(paragraph: string): boolean {
  return paragraph.length >= 80 && DISCLAIMER.test(paragraph);
}

/** An attachment's name listed at the end of a mail: " - report.pdf", "<<Powrex.pdf>>", "<<...OLE_Obj...>>". */
export function isAttachmentLine(line: string): boolean {
  return (
    /^\s*(?:-\s+)?[^\s<>]{1,120}\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|txt|csv|msg|eml|html?|rtf|vcf|ics)\s*$/i.test(
      line,
    ) || /^\s*<<[^<>]{1,200}>>\s*$/.test(line)
  );
}
