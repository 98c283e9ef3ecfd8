// Precision / recall / F1 per field for the corpus-driven conformance suites. Values are compared
// as sets per document (a page or a file), after the normalisation each suite chooses: merging
// several cards of one person into one contact is by design, so a repeated value counts once.

export interface FieldTally {
  expected: number;
  found: number;
  correct: number;
}

export interface FieldScore extends FieldTally {
  field: string;
  precision: number;
  recall: number;
  f1: number;
}

/** Per-field tallies, added to document by document. */
export class FieldScores {
  readonly tallies = new Map<string, FieldTally>();

  /** Compares one document's expected and found values of a field (each de-duplicated). */
  add(
    field: string,
    expected: Iterable<string>,
    found: Iterable<string>,
  ): { missed: string[]; extra: string[] } {
    const want = new Set([...expected].filter(Boolean));
    const got = new Set([...found].filter(Boolean));
    const tally = this.tallies.get(field) ?? { expected: 0, found: 0, correct: 0 };
    const missed = [...want].filter((v) => !got.has(v));
    const extra = [...got].filter((v) => !want.has(v));
    tally.expected += want.size;
    tally.found += got.size;
    tally.correct += want.size - missed.length;
    this.tallies.set(field, tally);
    return { missed, extra };
  }

  /** One row per field; precision and recall are 1 when there was nothing to find or nothing found. */
  rows(): FieldScore[] {
    return [...this.tallies].map(([field, t]) => {
      const precision = t.found ? t.correct / t.found : 1;
      const recall = t.expected ? t.correct / t.expected : 1;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { field, ...t, precision, recall, f1 };
    });
  }

  /** Rows rounded to three decimals, for console.table. */
  table(): Record<string, string | number>[] {
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return this.rows().map((s) => ({
      field: s.field,
      expected: s.expected,
      found: s.found,
      correct: s.correct,
      precision: r(s.precision),
      recall: r(s.recall),
      f1: r(s.f1),
    }));
  }

  score(field: string): FieldScore | undefined {
    return this.rows().find((r) => r.field === field);
  }
}
