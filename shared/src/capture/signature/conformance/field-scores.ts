// Test-only (used by the conformance suites, not exported from the package): the matching rules
// and precision / recall / F1 tallies the signature figures are reported with.
//
// Matching rules, the same for every corpus:
// - name, title, organization, address: normalised string equality. Both sides are NFKC-folded,
//   lower-cased, stripped of accents, every run of punctuation or spaces becomes one space. A gold
//   value written over several lines ("Finance Department\nBaylor University") also accepts any one
//   of its lines, since a card keeps one organisation. One prediction per field and signature:
//   a right one is a true positive; a wrong one is a false positive and, when the signature has a
//   gold value, a false negative too; a missing one is a false negative.
// - emails: case-insensitive equality; phones: the same last 9 digits (E.164 and "+33 0…" or
//   "(713) 853-1575" written forms of one number agree; shorter numbers compare all digits).
//   Each predicted item matches at most one gold item; unmatched predictions are false positives,
//   unmatched gold items false negatives.

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

/** Text folded for comparison: "Chargé de Clientèle" → "charge de clientele". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The forms a gold value is accepted in: the whole value, and each of its lines. */
function acceptedForms(gold: string): string[] {
  const lines = gold.split('\n').map(normaliseText).filter(Boolean);
  return [normaliseText(gold), ...(lines.length > 1 ? lines : [])];
}

/** Scores one single-valued prediction against the gold values of one signature. */
export function scoreSingle(tally: Tally, predicted: string | undefined, gold: readonly string[]): boolean {
  const goldForms = gold.flatMap(acceptedForms).filter(Boolean);
  const value = predicted ? normaliseText(predicted) : '';
  if (value && goldForms.includes(value)) {
    tally.tp++;
    return true;
  }
  if (value) tally.fp++;
  if (gold.length > 0) tally.fn++;
  return false;
}

/** The key two phone numbers are compared by: their last 9 digits. */
export function phoneDigitsKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 9 ? digits.slice(-9) : digits;
}

/** Scores a multi-valued prediction (emails, phones) item by item. */
export function scoreMulti(
  tally: Tally,
  predicted: readonly string[],
  gold: readonly string[],
  key: (value: string) => string,
): { missed: string[]; extra: string[] } {
  const goldKeys = [...new Set(gold.map(key).filter(Boolean))];
  const predictedKeys = [...new Set(predicted.map(key).filter(Boolean))];
  const remaining = new Set(goldKeys);
  const extra: string[] = [];
  for (const k of predictedKeys) {
    if (remaining.delete(k)) tally.tp++;
    else {
      tally.fp++;
      extra.push(k);
    }
  }
  tally.fn += remaining.size;
  return { missed: [...remaining], extra };
}

export interface ScoreRow {
  field: string;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Precision, recall and F1 of a tally (1 when there was nothing to find and nothing was found). */
export function scoreRow(field: string, t: Tally): ScoreRow {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { field, precision: round3(precision), recall: round3(recall), f1: round3(f1), ...t };
}
