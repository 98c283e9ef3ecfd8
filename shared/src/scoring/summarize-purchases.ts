// From a purchase log to the (x, t_x, T, mean value) summaries the BG/NBD and Gamma-Gamma models take,
// prepared the standard way (Fader, Hardie & Lee 2005): purchases on the same day are one transaction,
// time runs from each customer's first purchase, x counts repeat transactions only.

export const DAY_MS = 86_400_000;

export interface PurchaseEvent {
  customerId: string;
  /**
   * Epoch ms, a Date, an ISO 8601 string, or a compact yyyymmdd date. A date without a time is UTC
   * midnight and a date-time without an offset is UTC too, whatever the machine's time zone (see toEpochMs).
   */
  at: string | number | Date;
  /** The purchase's amount; a refund is negative. */
  amount: number;
}

export interface SummarizeOptions {
  /** Last instant of the calibration period; purchases on later days are left out. */
  calibrationEnd: Date | number;
  /** Length of the model's time unit in days (7 for weeks). */
  periodDays: number;
  /** Offset of local time from UTC in minutes (UTC+8 → 480), so "same day" means the local day. Default 0. */
  utcOffsetMinutes?: number;
}

export interface PurchaseSummary {
  customerId: string;
  /** Repeat transactions (transaction days after the first) up to the calibration end. */
  x: number;
  /** Time of the last transaction since the first, in periods. */
  tx: number;
  /** Time from the first transaction to the calibration end, in periods. */
  T: number;
  /** Mean spend of the repeat transactions (a transaction's spend is its day's total); 0 when x = 0. */
  meanValue: number;
}

// An ISO 8601 date-time with no offset: yyyy-mm-ddThh:mm, optional seconds and fraction (T or a space).
const OFFSETLESS_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * Reads a purchase time as epoch ms. Strings are read as UTC unless they carry an offset: a yyyymmdd or
 * yyyy-mm-dd date is UTC midnight, and a date-time without an offset ('2024-01-01T00:30:00') is UTC as
 * well (Date.parse would read it in the machine's time zone, so results would depend on where the
 * code runs). Local days are the caller's choice, through utcOffsetMinutes, not the machine's.
 * @example toEpochMs('2024-01-01T00:30:00') // Date.UTC(2024, 0, 1, 0, 30), in any time zone
 */
export function toEpochMs(at: string | number | Date): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  const text = at.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return Date.UTC(Number(compact[1]), Number(compact[2]) - 1, Number(compact[3]));
  const offsetless = OFFSETLESS_DATE_TIME.exec(text);
  if (offsetless) return Date.parse(`${offsetless[1]}T${offsetless[2]}Z`);
  return Date.parse(text);
}

/** The local day number (days since 1970-01-01 in local time) of an instant. */
export const localDay = (ms: number, utcOffsetMinutes: number): number =>
  Math.floor((ms + utcOffsetMinutes * 60_000) / DAY_MS);

/**
 * The model summary of one customer's transaction days (ascending local day numbers, with each day's
 * spend), cut at the calibration end. Undefined when the first transaction is after it.
 */
export function summarizeTransactionDays(
  days: readonly number[],
  spend: readonly number[],
  calibrationEndMs: number,
  periodDays: number,
  utcOffsetMinutes: number,
): Omit<PurchaseSummary, 'customerId'> | undefined {
  const lastIncludedDay = localDay(calibrationEndMs, utcOffsetMinutes);
  let n = 0;
  while (n < days.length && days[n]! <= lastIncludedDay) n++;
  if (n === 0) return undefined;
  const first = days[0]!;
  const periodMs = periodDays * DAY_MS;
  let repeatSpend = 0;
  for (let i = 1; i < n; i++) repeatSpend += spend[i]!;
  return {
    x: n - 1,
    tx: ((days[n - 1]! - first) * DAY_MS) / periodMs,
    T: (calibrationEndMs + utcOffsetMinutes * 60_000 - first * DAY_MS) / periodMs,
    meanValue: n > 1 ? repeatSpend / (n - 1) : 0,
  };
}

/**
 * Summarises a purchase log per customer for fitBgNbd and fitGammaGamma. Customers whose first
 * purchase is after the calibration end are left out; the order is that of first appearance.
 *
 * Refunds follow the in-app rule (deriveCustomerFacts in customer-facts.ts): a day is a transaction
 * only if at least one of its purchases has an amount ≥ 0, and its spend is the net of all that day's
 * amounts, refunds included. A day of refunds alone is no transaction: it neither counts in x or t_x
 * nor enters meanValue (a customer with nothing but refunds is left out). Days +15, −20, +30 give
 * x = 1 and meanValue 30; days +15, (+10 and −20), +30 give x = 2 and meanValue 10.
 * @example summarizePurchases(rows, { calibrationEnd: new Date('1997-09-30'), periodDays: 7 })
 *   // [{ customerId: '00004', x: 2, tx: 30.43, T: 38.86, meanValue: 22.35 }, ...]
 */
export function summarizePurchases(
  purchases: readonly PurchaseEvent[],
  opts: SummarizeOptions,
): PurchaseSummary[] {
  const offset = opts.utcOffsetMinutes ?? 0;
  const endMs = typeof opts.calibrationEnd === 'number' ? opts.calibrationEnd : opts.calibrationEnd.getTime();
  if (!Number.isFinite(endMs))
    throw new RangeError('summarizePurchases: calibrationEnd must be a valid date');
  if (!(opts.periodDays > 0)) throw new RangeError('summarizePurchases: periodDays must be more than zero');
  // Per customer and local day: the net amount, and whether any purchase that day was not a refund.
  const byCustomer = new Map<string, Map<number, { net: number; counts: boolean }>>();
  purchases.forEach((p, i) => {
    const ms = toEpochMs(p.at);
    if (!Number.isFinite(ms))
      throw new RangeError(`summarizePurchases: purchases[${i}].at (${String(p.at)}) is not a readable date`);
    if (!Number.isFinite(p.amount))
      throw new RangeError(`summarizePurchases: purchases[${i}].amount must be a finite number`);
    let days = byCustomer.get(p.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(p.customerId, days);
    }
    const day = localDay(ms, offset);
    const d = days.get(day);
    if (d) {
      d.net += p.amount;
      d.counts ||= p.amount >= 0;
    } else days.set(day, { net: p.amount, counts: p.amount >= 0 });
  });
  const out: PurchaseSummary[] = [];
  for (const [customerId, dayMap] of byCustomer) {
    const days = [...dayMap.keys()].filter((d) => dayMap.get(d)!.counts).sort((a, b) => a - b);
    const spend = days.map((d) => dayMap.get(d)!.net);
    const s = summarizeTransactionDays(days, spend, endMs, opts.periodDays, offset);
    if (s) out.push({ customerId, ...s });
  }
  return out;
}
