import { domainLabels } from './contact-spans';
import { GENERIC_DOMAINS } from './field-lexicon';
import { fold } from './person-name';

// The sender's employer is often named in their email or web domain: "Teleworm France" and
// teleworm.france.com, "The Happy Bear" and happybearhealth.com, "Jackpot Consultant" and
// jackpoconsultant.com. Free-mail and social-network domains say nothing and are left out.

/**
 * The sender's organisation domains, compacted: "clinique.deparose.com" → "cliniquedeparose".
 * @example employerDomains(['anna@acme-labs.de'], ['gmail.com']) // ['acmelabs']
 */
export function employerDomains(emails: readonly string[], urls: readonly string[]): string[] {
  const keys = [...emails.map((e) => e.split('@')[1] ?? ''), ...urls]
    .map(domainLabels)
    .filter((labels) => labels.length > 0 && !GENERIC_DOMAINS.has(labels.at(-1) ?? ''))
    .map((labels) => labels.join('').replace(/[^\p{L}\p{N}]/gu, ''));
  return [...new Set(keys)].filter((k) => k.length >= 3);
}

/** Articles and conjunctions a company name may carry that its domain usually drops. */
const STOP_WORDS = new Set([
  'the',
  'les',
  'le',
  'la',
  'der',
  'die',
  'das',
  'el',
  'los',
  'las',
  'and',
  'et',
  'und',
  'y',
]);

/** Sørensen–Dice coefficient of two strings' letter pairs (1 = same pairs). */
function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const p = a.slice(i, i + 2);
    pairs.set(p, (pairs.get(p) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const p = b.slice(i, i + 2);
    const n = pairs.get(p) ?? 0;
    if (n > 0) {
      shared++;
      pairs.set(p, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/**
 * True when a piece of text names the organisation behind one of the domains: its words, run
 * together, contain the domain or are contained in it, or nearly spell it (a letter dropped or
 * changed: "Gaming Trainers" ~ gamintrainers).
 */
export function matchesEmployerDomain(text: string, domains: readonly string[]): boolean {
  if (domains.length === 0 || text.length > 80) return false;
  const words = fold(text)
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  // With and without articles: "The Happy Bear" ~ happybear, "Résidence La Sucrière" ~ lasucriere.
  const forms = [words.join(''), words.filter((w) => !STOP_WORDS.has(w)).join('')];
  return forms.some((compact) => compact.length >= 3 && nearlySpells(compact, domains));
}

function nearlySpells(compact: string, domains: readonly string[]): boolean {
  return domains.some(
    (d) =>
      (d.includes(compact) && (compact.length >= 5 || compact.length * 2 >= d.length)) ||
      (d.length >= 4 && compact.includes(d)) ||
      (compact.length >= 6 && dice(compact, d) >= 0.8),
  );
}
