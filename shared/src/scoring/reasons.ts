// Every score says why. A reason has a stable code and the numbers behind it, so the UI can render it in
// any language from code + params; `text` is the English rendering, written here once.
import { DAY_MS } from './summarize-purchases';

export interface ScoreReason {
  /** Stable, dotted code such as `churn.recency`: the UI's translation key. */
  code: string;
  /** The numbers and names the text is made of (amounts in minor units with a `currency` param). */
  params: Record<string, string | number>;
  /** English text for the reason. */
  text: string;
}

/**
 * A reason. The English text may be given as a function: it is then written only when read (once),
 * since most texts are never read: the extension stores code and params and the UI renders those in
 * the rep's language, and writing every text was a third of scoring a workspace.
 * @example reason('churn.recency', { days: 140 }, () => `No purchase for ${140} days.`)
 */
export function reason(
  code: string,
  params: ScoreReason['params'],
  text: string | (() => string),
): ScoreReason {
  if (typeof text === 'string') return { code, params, text };
  let written: string | undefined;
  return {
    code,
    params,
    get text() {
      if (written === undefined) written = text();
      return written;
    },
  };
}

/**
 * How a currency is written in English: its minor-unit digits and the text before and after the number,
 * read once per currency from Intl (formatting through Intl for every reason was the slowest step of
 * scoring a workspace).
 */
interface MoneyStyle {
  digits: number;
  prefix: string;
  suffix: string;
}
const moneyStyles = new Map<string, MoneyStyle>();

function moneyStyle(currency: string): MoneyStyle {
  let style = moneyStyles.get(currency);
  if (!style) {
    try {
      const f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
      const parts = f.formatToParts(1);
      const at = parts.findIndex((p) => p.type === 'integer');
      style = {
        digits: f.resolvedOptions().maximumFractionDigits ?? 2,
        prefix: parts
          .slice(0, at)
          .map((p) => p.value)
          .join(''),
        suffix: parts
          .slice(at + 1)
          .filter((p) => p.type !== 'decimal' && p.type !== 'fraction')
          .map((p) => p.value)
          .join(''),
      };
    } catch {
      style = { digits: 2, prefix: '', suffix: ` ${currency}` };
    }
    moneyStyles.set(currency, style);
  }
  return style;
}

/** Minor-unit exponent of a currency (2 for USD and CNY, 0 for JPY); 2 when unknown. */
export function minorUnitDigits(currency: string): number {
  return moneyStyle(currency).digits;
}

/** "CN¥1,234.50" from 123450 minor units of CNY; "-$5.00" for a refund. */
export function formatMoney(minor: number, currency: string): string {
  const { digits, prefix, suffix } = moneyStyle(currency);
  const fixed = (Math.abs(minor) / 10 ** digits).toFixed(digits);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  let grouped = whole;
  if (whole.length > 3) {
    const head = whole.length % 3 || 3;
    grouped = whole.slice(0, head);
    for (let i = head; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  }
  const sign = minor < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${prefix}${grouped}${fraction ? `.${fraction}` : ''}${suffix}`;
}

/** An ISO calendar date (YYYY-MM-DD) of an instant in the workspace's local time. */
export function formatDate(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export const wholeDays = (ms: number): number => Math.floor(ms / DAY_MS);

export const percent = (p: number): number => Math.round(p * 100);

/** "1 purchase", "3 purchases". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One decimal, without a trailing ".0": 2 → "2", 2.46 → "2.5". */
export const oneDecimal = (x: number): number => Math.round(x * 10) / 10;
