import { phoneKey } from '../../phone';
import { findEmails, findUrls } from './contact-spans';
import { employerDomains, matchesEmployerDomain } from './employer-domain';
import { DEPARTMENT_WORDS, LEGAL_FORM } from './field-lexicon';
import { readLine, type TextPiece } from './line-segments';
import { cleanNameLine, isPersonName, nameMatchesEmail } from './person-name';
import { toE164 } from './phone-spans';
import { addressPieces, hasOrgCue, isProsePiece, isTitleText, PROFESSION_ENDING } from './piece-kinds';
import { isMobileFooter, isValediction, nameAfterValediction } from './sign-off-lexicon';
import {
  cleanLine,
  isSeparatorLine,
  MAX_SIGNATURE_CHARS,
  MAX_SIGNATURE_LINES,
  splitLines,
} from './text-bounds';

/** The fields read from a signature block or a selection. */
export interface ParsedSignature {
  name?: string;
  title?: string;
  organization?: string;
  /** Lower-cased, de-duplicated. */
  emails: string[];
  /** E.164 where libphonenumber can parse them (with the default region), else as written. Never a fax. */
  phones: string[];
  /** http(s) and scheme-less web addresses, as written. */
  urls: string[];
  /** Address lines joined with ", ". */
  address?: string;
}

export interface ParseSignatureOptions {
  /** ISO 3166-1 code used for phone numbers written without a country code ("CN", "FR", "US"). */
  defaultRegion?: string;
}

/** Lines of the block worth reading: no valediction, delimiter, client footer or empty line. */
function signatureLines(text: string): { lines: string[]; nameHint: string | null } {
  let nameHint: string | null = null;
  const lines: string[] = [];
  let afterValediction = false;
  for (const raw of splitLines(text.slice(0, MAX_SIGNATURE_CHARS))) {
    const line = cleanLine(raw);
    if (!line || isSeparatorLine(line) || isMobileFooter(line)) continue;
    if (isValediction(line)) {
      nameHint = nameAfterValediction(line) ?? nameHint;
      afterValediction = true;
      continue;
    }
    // The first line after a valediction may be a lone given name ("Thanks,\nNoam").
    if (afterValediction && lines.length === 0 && isPersonName(line, true)) nameHint = cleanNameLine(line);
    afterValediction = false;
    lines.push(line);
    if (lines.length >= MAX_SIGNATURE_LINES * 2) break;
  }
  return { lines, nameHint };
}

/**
 * Reads the fields of a signature block or of text a user selected: name, job title, organisation,
 * emails, phones (never a fax), web addresses and postal address, in English, French, German,
 * Spanish and Chinese. Phones are E.164 where parseable with `defaultRegion`, else as written.
 * Bounded: only the first 8,000 characters and 60 non-empty lines are read.
 * @example
 * parseSignature('张伟\n销售经理\n北京某某科技有限公司\n手机：138 0013 8000\n传真：010-6552 9989', { defaultRegion: 'CN' })
 * // { name: '张伟', title: '销售经理', organization: '北京某某科技有限公司', phones: ['+8613800138000'], emails: [], urls: [] }
 */
export function parseSignature(text: string, opts: ParseSignatureOptions = {}): ParsedSignature {
  const region = opts.defaultRegion?.trim().toUpperCase() || undefined;
  const { lines, nameHint } = signatureLines(text);

  // First pass: the sender's domains, which help tell the employer from a project or a title.
  const domains = employerDomains(
    lines.flatMap((l) => findEmails(l).map((e) => e.value)),
    lines.flatMap((l) => findUrls(l).map((u) => u.value)),
  );
  const domainMatch = (t: string) => matchesEmployerDomain(t, domains);

  const emails: string[] = [];
  const phones: string[] = [];
  const urls: string[] = [];
  const pieces: TextPiece[] = [];
  const context = { isTitle: isTitleText, region, matchesDomain: domainMatch };
  lines.forEach((line, index) => {
    const fields = readLine(line, index, context);
    for (const e of fields.emails) if (!emails.includes(e.value)) emails.push(e.value);
    for (const u of fields.urls) if (!urls.includes(u.value)) urls.push(u.value);
    for (const n of fields.numbers) {
      if (n.kind === 'fax') continue;
      const number = toE164(n.raw, region);
      if (!phones.some((p) => phoneKey({ number: p }) === phoneKey({ number }))) phones.push(number);
    }
    pieces.push(...fields.pieces);
  });

  const address = addressPieces(pieces);
  const used = new Set<TextPiece>(address);
  const candidates = pieces.filter((p) => !used.has(p) && !isProsePiece(p.text));
  const free = (p: TextPiece) => !used.has(p);
  const unlabelled = (p: TextPiece) => free(p) && !p.label;
  const take = (piece: TextPiece | undefined): string | undefined => {
    if (!piece) return undefined;
    used.add(piece);
    return piece.text;
  };

  // Name: labelled, written after a valediction, else the first name-like piece near the top
  // (one whose words are in the email address first).
  let name = take(candidates.find((p) => free(p) && p.label === 'name'));
  const nameLike = candidates.filter((p) => unlabelled(p) && isPersonName(p.text)).slice(0, 3);
  const namePiece = nameLike.find((p) => nameMatchesEmail(p.text, emails)) ?? nameLike[0];
  if (!name && nameHint) {
    name = nameHint;
    const same = candidates.find((p) => cleanNameLine(p.text) === nameHint);
    if (same) used.add(same);
  }
  if (!name && namePiece) name = cleanNameLine(take(namePiece) ?? '');
  const nameLine = namePiece && used.has(namePiece) ? namePiece.line : -1;

  // Organisation by a strong cue: a label, a legal form, the sender's domain, an organisation word.
  const strongOrg =
    candidates.find((p) => free(p) && p.label === 'org') ??
    candidates.find((p) => unlabelled(p) && LEGAL_FORM.test(p.text)) ??
    candidates.find((p) => unlabelled(p) && domainMatch(p.text)) ??
    candidates.find((p) => unlabelled(p) && hasOrgCue(p.text) && !isTitleText(p.text));
  let organization = take(strongOrg);

  const shortPiece = (p: TextPiece, words: number) =>
    unlabelled(p) && p.text.split(/\s+/).length <= words && !/\d/.test(p.text);
  const titlePiece =
    candidates.find((p) => free(p) && p.label === 'title') ??
    // A title word.
    candidates.find((p) => unlabelled(p) && isTitleText(p.text)) ??
    // A French profession word opening a short piece below the name ("Sophrologue", "Serrurier").
    candidates.find(
      (p) =>
        shortPiece(p, 4) &&
        p.line > nameLine &&
        p.index === 0 &&
        PROFESSION_ENDING.test(p.text.split(' ')[0] ?? '') &&
        !hasOrgCue(p.text),
    ) ??
    // "Title - Employer": the half beside the employer.
    candidates.find(
      (p) =>
        shortPiece(p, 6) &&
        p.count === 2 &&
        p.index === 0 &&
        p.line > nameLine &&
        !hasOrgCue(p.text) &&
        pieces.some((q) => q.line === p.line && q.index === 1 && (q === strongOrg || domainMatch(q.text))),
    ) ??
    // A department standing for the position ("Trading Support", "Transaction Management").
    candidates.find((p) => shortPiece(p, 4) && DEPARTMENT_WORDS.test(p.text) && !hasOrgCue(p.text)) ??
    // The employer is known: the short piece left between the name and the employer's line.
    (strongOrg
      ? candidates.find(
          (p) =>
            shortPiece(p, 6) &&
            p.index === 0 &&
            p.line > nameLine &&
            p.line <= strongOrg.line &&
            p !== strongOrg &&
            !hasOrgCue(p.text),
        )
      : undefined);
  const title = take(titlePiece);

  // Still no organisation: the employer half of a "Title - Employer" line, else the first short
  // piece left below the name.
  if (!organization) {
    const besideTitle = titlePiece
      ? candidates.find((p) => free(p) && p.line === titlePiece.line && p.index === titlePiece.index + 1)
      : undefined;
    organization = take(
      besideTitle ??
        candidates.find(
          (p) =>
            shortPiece(p, 8) &&
            p.line > nameLine &&
            /^[\p{Lu}\p{Script=Han}]/u.test(p.text) &&
            (name !== undefined || !isPersonName(p.text)),
        ),
    );
  }

  const addressText = pieces
    .filter((p) => address.has(p))
    .map((p) => p.text)
    .join(', ');
  return {
    ...(name && { name }),
    ...(title && { title }),
    ...(organization && { organization }),
    emails,
    phones,
    urls,
    ...(addressText && { address: addressText }),
  };
}
