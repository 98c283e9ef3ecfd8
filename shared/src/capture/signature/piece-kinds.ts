import {
  ADDRESS_LINE,
  CJK_ADDRESS_PART,
  CJK_ORG_WORDS,
  CJK_TITLE_WORDS,
  COUNTRY,
  LEGAL_FORM,
  ORG_WORDS,
  POSTAL_LINE,
  TITLE_WORDS,
} from './field-lexicon';
import type { TextPiece } from './line-segments';

// What a text piece of a signature reads as on its own: a job title, an organisation, an address,
// or a sentence. parseSignature weighs these with the piece's position to fill the fields.

/** A job title: a title word (any of five languages), and no legal form at its end. */
export function isTitleText(text: string): boolean {
  return (TITLE_WORDS.test(text) || CJK_TITLE_WORDS.test(text)) && !LEGAL_FORM.test(text);
}

/** Profession endings of French job words (Sophrologue, Serrurier, Machiniste, Sous-titreur, Hôtesse). */
export const PROFESSION_ENDING =
  /^[\p{L}-]+(?:eur|euse|rice|ier|ière|iste|logue|ien|ienne|aire|esse|graphe|thérapeute)$/iu;

/** True when the piece names an organisation by a legal form or an organisation word. */
export function hasOrgCue(text: string): boolean {
  return LEGAL_FORM.test(text) || ORG_WORDS.test(text) || CJK_ORG_WORDS.test(text);
}

/** A piece that reads as a sentence rather than a field (a title may have many small words). */
export function isProsePiece(text: string): boolean {
  const words = text.split(/\s+/).length;
  return words > 12 || (words >= 6 && /[.!?。！？]$/u.test(text));
}

const COUNTRY_ALONE = new RegExp(`^(?:${COUNTRY.source})$`, 'iu');
const COUNTRY_AFTER_CITY = new RegExp(
  `^[\\p{L}' .-]{2,40}(?:,\\s*|\\s*\\(\\s*)(?:${COUNTRY.source})\\)?$`,
  'iu',
);

function looksLikeAddress(piece: TextPiece): boolean {
  if (piece.label === 'address') return true;
  if (ADDRESS_LINE.test(piece.text) || POSTAL_LINE.test(piece.text)) return true;
  // A country alone or after a city ("France", "Marseille, France", "Wattrelos (France)"), but not
  // a company or a person named after one ("Crafts Canada", "France Sicard").
  if (COUNTRY_ALONE.test(piece.text) || COUNTRY_AFTER_CITY.test(piece.text)) return true;
  const cjkParts = piece.text.match(CJK_ADDRESS_PART)?.length ?? 0;
  return cjkParts >= 2 || (cjkParts === 1 && /\d/.test(piece.text) && !CJK_TITLE_WORDS.test(piece.text));
}

/**
 * The address pieces: those that read as an address, and the short cue-less pieces that share a
 * line with one ("41 rue Goya 72100 Le Mans - France", "Wattrelos (France) - 69 Rue Bonnet").
 */
export function addressPieces(pieces: readonly TextPiece[]): Set<TextPiece> {
  const found = new Set(pieces.filter(looksLikeAddress));
  const addressLines = new Set([...found].map((p) => p.line));
  for (const p of pieces) {
    if (!addressLines.has(p.line) || found.has(p) || p.label) continue;
    if (p.text.split(/\s+/).length <= 3 && !hasOrgCue(p.text) && !isTitleText(p.text)) found.add(p);
  }
  return found;
}
