import { ageBand, type ListEntry, type ListView, responsibleId, type SegmentFilter } from '@keepcard/shared';

// The list's filters as column scans: each filterable field of every entry in a typed array (small
// integer codes), so a filter over 100,000 customers is a tight loop over numbers instead of 100,000
// calls of a general predicate over objects of varied shapes. The semantics are compileFilter's
// (shared/src/segments/segment-filter.ts); list-index.test.ts checks the two agree.

type ColumnKey =
  | 'tiers'
  | 'lifecycle'
  | 'churnLevels'
  | 'frequency'
  | 'revenueClass'
  | 'closeness'
  | 'genders'
  | 'countries'
  | 'regions'
  | 'cities'
  | 'owners';

const ENUMS: Record<ColumnKey, (e: ListEntry) => string | undefined> = {
  tiers: (e) => e.scores?.tier ?? 'prospect',
  lifecycle: (e) => e.scores?.lifecycle ?? 'prospect',
  churnLevels: (e) => e.scores?.churnLevel,
  frequency: (e) => e.scores?.frequency,
  revenueClass: (e) => e.scores?.revenueClass,
  closeness: (e) => e.scores?.closeness,
  genders: (e) => e.gender ?? 'unspecified',
  countries: (e) => e.country,
  regions: (e) => e.region,
  cities: (e) => e.city,
  owners: responsibleId,
};
const KEYS = Object.keys(ENUMS) as ColumnKey[];

const DAY = 86_400_000;

/** Columns of one version of the entries; `code` 0 means "no value". */
export class ListColumns {
  private readonly codes = new Map<string, number>([['', 0]]);
  private readonly names: string[] = [''];
  private enumCols = new Map<ColumnKey, Uint32Array>();
  private rfm = new Uint8Array(0);
  private followUp = new Float64Array(0);
  private birthMonth = new Uint8Array(0);
  private hasScores = new Uint8Array(0);
  private capacity = 0;

  private code(value: string | undefined): number {
    if (value === undefined) return 0;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.names.length;
      this.codes.set(value, c);
      this.names.push(value);
    }
    return c;
  }

  private grow(size: number) {
    if (size <= this.capacity) return;
    const capacity = Math.max(size, Math.ceil(this.capacity * 1.5), 1024);
    const copy = <A extends Uint32Array | Uint8Array | Float64Array>(a: A, make: (n: number) => A, n = 1) => {
      const b = make(capacity * n);
      b.set(a);
      return b;
    };
    for (const key of KEYS)
      this.enumCols.set(
        key,
        copy(this.enumCols.get(key) ?? new Uint32Array(0), (n) => new Uint32Array(n)),
      );
    this.rfm = copy(this.rfm, (n) => new Uint8Array(n), 3);
    this.followUp = copy(this.followUp, (n) => new Float64Array(n));
    this.birthMonth = copy(this.birthMonth, (n) => new Uint8Array(n));
    this.hasScores = copy(this.hasScores, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }

  /** Writes the columns of one slot (an undefined entry clears it). */
  set(slot: number, e: ListEntry | undefined): void {
    this.grow(slot + 1);
    for (const key of KEYS) this.enumCols.get(key)![slot] = e ? this.code(ENUMS[key](e)) : 0;
    const s = e?.scores;
    this.rfm[slot * 3] = s?.rfm.r ?? 0;
    this.rfm[slot * 3 + 1] = s?.rfm.f ?? 0;
    this.rfm[slot * 3 + 2] = s?.rfm.m ?? 0;
    this.followUp[slot] = s?.nextFollowUpAt ?? Number.NaN;
    this.birthMonth[slot] = e?.birthday ? Number(e.birthday.slice(-5, -3)) : 0;
    this.hasScores[slot] = s ? 1 : 0;
  }

  /**
   * The filter (without its search text) as a predicate over slots, or null when no criterion is set.
   * `entry` gives the entry of a slot, for the few criteria that stay per-entry (tags, age band).
   */
  compile(
    filter: SegmentFilter,
    now: number,
    entry: (slot: number) => ListEntry,
  ): ((slot: number) => boolean) | null {
    const tests: ((slot: number) => boolean)[] = [];
    for (const key of KEYS) {
      const wanted = filter[key] as readonly string[] | undefined;
      if (!wanted || wanted.length === 0) continue;
      const col = this.enumCols.get(key)!;
      const allowed = new Uint8Array(this.names.length + 1);
      for (const v of wanted) {
        const c = this.codes.get(v);
        if (c !== undefined && c !== 0) allowed[c] = 1;
      }
      tests.push((slot) => allowed[col[slot]!] === 1);
    }
    (['rfmR', 'rfmF', 'rfmM'] as const).forEach((key, i) => {
      const range = filter[key];
      if (!range) return;
      const [lo, hi] = range;
      tests.push((slot) => {
        const v = this.rfm[slot * 3 + i]!;
        return v !== 0 && v >= lo && v <= hi;
      });
    });
    if (filter.view) tests.push(this.view(filter.view, now));
    if (filter.ageBands?.length) {
      const bands = new Set(filter.ageBands);
      tests.push((slot) => bands.has(ageBand(entry(slot).birthday, now)));
    }
    if (filter.tags?.length) {
      const tags = filter.tags.map((t) => t.toLowerCase());
      tests.push((slot) => {
        const have = entry(slot).tags;
        return tags.every((t) => have.includes(t));
      });
    }
    if (filter.contactIds?.length) {
      const ids = new Set(filter.contactIds);
      tests.push((slot) => ids.has(entry(slot).id));
    }
    if (tests.length === 0) return null;
    if (tests.length === 1) return tests[0]!;
    return (slot) => {
      for (const test of tests) if (!test(slot)) return false;
      return true;
    };
  }

  private view(view: ListView, now: number): (slot: number) => boolean {
    const lifecycle = this.enumCols.get('lifecycle')!;
    const churn = this.enumCols.get('churnLevels')!;
    const tier = this.enumCols.get('tiers')!;
    const c = (v: string) => this.codes.get(v) ?? -1;
    switch (view) {
      case 'core-customers': {
        const a = c('A');
        return (slot) => this.hasScores[slot] === 1 && tier[slot] === a;
      }
      case 'at-risk-this-week': {
        const [lost, churned, atRisk, high] = [c('lost'), c('churned'), c('at-risk'), c('high')];
        return (slot) =>
          this.hasScores[slot] === 1 &&
          lifecycle[slot] !== lost &&
          lifecycle[slot] !== churned &&
          (churn[slot] === high || lifecycle[slot] === atRisk);
      }
      case 'follow-ups-due': {
        const endOfToday = Math.floor(now / DAY) * DAY + DAY;
        return (slot) => this.followUp[slot]! < endOfToday;
      }
      case 'birthdays-this-month': {
        const month = new Date(now).getUTCMonth() + 1;
        return (slot) => this.birthMonth[slot] === month;
      }
    }
  }
}
