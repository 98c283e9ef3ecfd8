// Line patterns that mark where a quoted or forwarded message begins, in the languages of
// Keepcard's users (English, French, German, Spanish, Chinese) and the mail clients they use
// (Gmail, Outlook, Apple Mail, Thunderbird, Lotus Notes, Foxmail, QQ Mail, NetEase).
// All patterns are anchored and run only on lines of bounded length (see text-bounds.ts).

/**
 * The end of an attribution line: "On <date>, <name> wrote:", "Le <date>, <name> a écrit :",
 * "Am <date> schrieb <name>:", "El <date>, <name> escribió:", "在 <date>，<name> 写道：",
 * "<name> 于 <date> 写道：", "<name> writes:" (Usenet).
 */
export const ATTRIBUTION_END =
  /(?:\bwrote|\bwrites|\ba écrit|\bschrieb(?:\s+[^:]{1,80})?|\bescribió|\bescribio|\bha escrito|\bscrisse|\bschreef|\bescreveu|написал[аи]?)\s*:\s*$|(?:写道|寫道|寫了|写了)\s*[:：]?\s*$/iu;

/** Words an attribution starts with when a client wraps it over several lines. */
export const ATTRIBUTION_START = /^(?:on|le|am|el|il|op|em|в|在)(?:\s|$)|^\d{1,4}[-./年]/iu;

/**
 * Separator lines in front of a quoted or forwarded message: "-----Original Message-----",
 * "---------- Forwarded message ---------", "-----原始邮件-----", "Begin forwarded message:",
 * Lotus Notes' "----- Forwarded by Jane Doe/HOU/ECT on 11/09/2000 01:26 PM -----", cc:Mail's
 * "_____Reply Separator_____".
 */
export const ORIGINAL_MESSAGE_SEPARATOR = new RegExp(
  [
    String.raw`^\s*-{2,}\s*(?:original message|original appointment|forwarded message|forwarded by\b.*|message d'origine|message transféré|ursprüngliche nachricht|weitergeleitete nachricht|mensaje original|mensaje reenviado|原始邮件|原始郵件|原邮件|转发邮件|轉寄郵件|转发的邮件)\s*-*\s*$`,
    String.raw`^\s*_{2,}\s*reply separator\s*_{2,}\s*$`,
    String.raw`^\s*(?:begin forwarded message|début du message (?:réexpédié|transféré)|anfang der weitergeleiteten (?:nachricht|e-mail)|inicio del mensaje reenviado)\s*:\s*$`,
  ].join('|'),
  'iu',
);

/**
 * One header line of a quoted message as Outlook, Gmail or Foxmail writes it in the body:
 * "From: …", "*Sent:* …", "Envoyé : …", "Gesendet: …", "Enviado el: …", "发件人：…"; Italian,
 * Portuguese, Dutch, Russian and Japanese clients' keys too, since customers write from them.
 */
export const HEADER_LINE =
  /^\s*\*?(?:from|sent|sent by|date|to|cc|bcc|subject|reply-to|de|envoyé|envoyé par|à|a|objet|von|gesendet|an|betreff|datum|enviado|enviado el|fecha|para|asunto|发件人|發件人|寄件者|寄件人|发送时间|發送時間|寄件日期|日期|时间|收件人|收件者|抄送|副本|主题|主旨|主題|da|inviato|oggetto|enviada em|assunto|van|verzonden|aan|onderwerp|от|отправлено|дата|кому|копия|тема|差出人|送信日時|宛先|件名)\*?\s*[:：]/iu;

/** The header keys that name the sender of the quoted message. */
export const FROM_HEADER_LINE =
  /^\s*\*?(?:from|de|von|da|van|от|发件人|發件人|寄件者|寄件人|差出人)\*?\s*[:：]/iu;

/**
 * A Lotus Notes quote header writes the sender and the date on bare lines above "To:":
 * "Jane Doe\n11/09/2000 01:26 PM\nTo: …". This is the date-and-time line.
 */
export const BARE_DATE_TIME_LINE =
  /^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?\s*$/iu;

/**
 * Lotus Notes also writes the sender and the date on one line above "To:": "Jane Doe <jd@x.com> on
 * 03/27/2001 01:23:04 AM", "Carol St Clair       03/20/2001 07:45 AM".
 */
export const SENDER_DATE_TIME_LINE =
  /\S.{0,200}?\s(?:on\s+)?\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?\s*$/iu;

/** The same line wrapped before its time: "… on 01/10/2001" then "11:39:57 AM". */
export const SENDER_DATE_LINE = /\S.{0,200}?\son\s+\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*$/iu;
export const BARE_TIME_LINE = /^\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]m)?\s*$/iu;

/** The rest of a separator wrapped onto the next line: "09:22 AM ---------------------------". */
export const SEPARATOR_TAIL = /^.{0,60}-{3,}\s*$/u;

/**
 * A mailing-list footer begins with a line of underscores followed by the list's name
 * ("riak-users mailing list", a mailman listinfo url). It is the list's, not the sender's.
 */
export const LIST_FOOTER_RULE = /^\s*_{10,}\s*$/;
export const LIST_FOOTER_TEXT =
  /mailing list|listinfo|mailman|unsubscribe|se désabonner|abmelden|darse de baja|退订/iu;

/** A horizontal rule some clients put above the quoted headers ("________", "-----"). */
export const RULE_LINE = /^\s*(?:_{5,}|-{5,}|={5,})\s*$/;

/** An address or a date on a line, which makes a line ending with ':' look like an attribution. */
export const ADDRESS_OR_DATE = /@|\d{1,4}[-./年]\d{1,2}[-./月]\d{1,4}|\d{1,2}:\d{2}/u;
