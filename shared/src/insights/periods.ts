// Calendar periods (months, quarters) for statistics over time. Periods are local to the workspace's
// UTC offset (the scoring setting `utcOffsetMinutes`), so a complaint at 00:30 in Shanghai on 1 March
// counts in March, not February. No clock: the last period is the one holding `now`, a parameter.

export type PeriodUnit = 'month' | 'quarter';

/** One calendar period: `key` sorts in time order ("2026-03", "2026-Q1"). */
export interface Period {
  key: string;
  year: number;
  /** 1-12 for a month, 1-4 for a quarter. */
  index: number;
  /** First instant of the period (epoch ms, UTC instant of local midnight). */
  start: number;
  /** First instant after the period. */
  end: number;
}

const MINUTE = 60_000;

/** The period number since year 0 (months or quarters), a simple integer to step through ranges. */
function ordinalOf(ms: number, unit: PeriodUnit, utcOffsetMinutes: number): number {
  const local = new Date(ms + utcOffsetMinutes * MINUTE);
  const month = local.getUTCFullYear() * 12 + local.getUTCMonth();
  return unit === 'month' ? month : Math.floor(month / 3);
}

function periodOfOrdinal(ordinal: number, unit: PeriodUnit, utcOffsetMinutes: number): Period {
  const firstMonth = unit === 'month' ? ordinal : ordinal * 3;
  const months = unit === 'month' ? 1 : 3;
  const year = Math.floor(firstMonth / 12);
  const startOf = (m: number) => Date.UTC(Math.floor(m / 12), m % 12, 1) - utcOffsetMinutes * MINUTE;
  const index = unit === 'month' ? (firstMonth % 12) + 1 : Math.floor((firstMonth % 12) / 3) + 1;
  const key = unit === 'month' ? `${year}-${String(index).padStart(2, '0')}` : `${year}-Q${index}`;
  return { key, year, index, start: startOf(firstMonth), end: startOf(firstMonth + months) };
}

/**
 * The period holding an instant.
 * @example periodOf(Date.UTC(2026, 2, 31, 20), 'month', 480).key // '2026-04' (04:00 on 1 April in UTC+8)
 */
export function periodOf(ms: number, unit: PeriodUnit, utcOffsetMinutes = 0): Period {
  return periodOfOrdinal(ordinalOf(ms, unit, utcOffsetMinutes), unit, utcOffsetMinutes);
}

/**
 * Every period from the one holding `from` to the one holding `to`, both included, oldest first;
 * at most `max` periods (the latest ones) so a stray old record cannot make a chart of decades.
 * @example periodRange(Date.UTC(2026, 0, 5), Date.UTC(2026, 2, 1), 'month').map((p) => p.key) // ['2026-01', '2026-02', '2026-03']
 */
export function periodRange(
  from: number,
  to: number,
  unit: PeriodUnit,
  utcOffsetMinutes = 0,
  max = 120,
): Period[] {
  const last = ordinalOf(to, unit, utcOffsetMinutes);
  const first = Math.max(ordinalOf(from, unit, utcOffsetMinutes), last - max + 1);
  const out: Period[] = [];
  for (let o = first; o <= last; o++) out.push(periodOfOrdinal(o, unit, utcOffsetMinutes));
  return out;
}
