import { z } from 'zod';

const share = z.number().gt(0, { error: 'must be more than 0' }).lt(1, { error: 'must be less than 1' });
const probability = z.number().min(0, { error: 'must be at least 0' }).max(1, { error: 'must be at most 1' });
const days = z.number().positive({ error: 'must be a positive number of days' }).max(36_500);
const count = z.number().int({ error: 'must be a whole number' }).min(0);

/**
 * Workspace scoring settings. Every field has a default, so `ScoringSettings.parse({})` is a complete,
 * sensible configuration; the extension stores what the user changed and parses it through here.
 * Changing a setting means rebuilding the workspace model (thresholds depend on it).
 */
export const ScoringSettings = z.object({
  /**
   * Currency of all values (ISO 4217). Null: the workspace's most common purchase currency.
   * Purchases in other currencies count as transactions but add to values only through `exchangeRates`.
   */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'must be a three-letter ISO 4217 currency code such as CNY' })
    .nullable()
    .default(null),
  /** Minor units of the base currency per minor unit of another currency: base CNY, { USD: 7.1 }. */
  exchangeRates: z.record(z.string(), z.number().positive({ error: 'must be a positive rate' })).default({}),
  /** Local time's offset from UTC in minutes (UTC+8 → 480): "same day" and dates are local days. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),

  valueTiers: z
    .object({
      /** Trailing window for revenue contribution (tiers), RFM frequency and monetary value. */
      windowDays: days.default(365),
      /** Tier A: the smallest set of customers producing this share of revenue (Pareto 80%). */
      aShare: share.default(0.8),
      /** Tier B: customers up to this cumulative share (the next 15%); the rest is C. */
      bShare: share.default(0.95),
    })
    .prefault({})
    .refine((t) => t.aShare < t.bShare, { error: 'aShare must be less than bShare', path: ['bShare'] }),

  model: z
    .object({
      /** The BG/NBD time unit in days (7: weeks, as in the published fits). Only α depends on it. */
      periodDays: days.default(7),
      /** Fewer customers than this (or repeat customers, below) and churn uses the fallback. */
      minCustomers: count.default(50),
      minRepeatCustomers: count.default(20),
      /** Fewer repeat customers with positive spend than this and spend uses plain averages. */
      minSpendCustomers: count.default(20),
    })
    .prefault({}),

  churn: z
    .object({
      /** Risk at or above this is medium; at or above `highFrom` it is high. */
      mediumFrom: probability.default(0.3),
      highFrom: probability.default(0.6),
      /** How many reasons the card shows (the model's or fallback's reason is always one of them). */
      topReasons: count.min(1).default(3),
      /** Fallback: prior chance a customer stops after any purchase (δ). */
      fallbackDropoutPerPurchase: share.default(0.1),
      /**
       * Fallback: how many purchases' worth of evidence that prior counts as (κ): each repeat purchase
       * the customer made lowers their own dropout estimate to κδ / (κ + x).
       */
      fallbackPriorPurchases: z.number().positive().max(1000).default(10),
      /** Fallback gap for one-time buyers when the workspace has no repeat buyer to learn from. */
      fallbackGapDays: days.default(90),
    })
    .prefault({})
    .refine((c) => c.mediumFrom < c.highFrom, {
      error: 'mediumFrom must be less than highFrom',
      path: ['highFrom'],
    }),

  signals: z
    .object({
      /** The recent window compared against the customer's own earlier baseline. */
      recentWindowDays: days.default(90),
      /** A falling rate counts only when the baseline expects at least this many events in the window. */
      minExpected: z.number().positive().default(2),
      /** Purchases in the window at or below (1 − this) × expected: "purchases falling". */
      purchaseDrop: share.default(0.5),
      /** Mean spend in the window at or below (1 − this) × earlier mean: "spend falling". */
      amountDrop: share.default(0.3),
      /** Interactions in the window at or below (1 − this) × expected: "interactions falling". */
      interactionDrop: share.default(0.5),
      /** Satisfaction answers older than this are ignored. */
      satisfactionLookbackDays: days.default(180),
      /** CSAT (1-5) at or below this, NPS (0-10) at or below `lowNpsAtMost` (a detractor), is low. */
      lowCsatAtMost: z.number().int().min(1).max(5).default(2),
      lowNpsAtMost: z.number().int().min(0).max(10).default(6),
      /** How much each signal adds to churn risk (noisy-OR with the model's churn probability). */
      weights: z
        .object({
          purchaseFrequencyFalling: probability.default(0.2),
          purchaseAmountFalling: probability.default(0.1),
          interactionsFalling: probability.default(0.1),
          /** Per open complaint, counted up to three. */
          openComplaint: probability.default(0.15),
          lowSatisfaction: probability.default(0.2),
          followUpOverdue: probability.default(0.1),
        })
        .prefault({}),
    })
    .prefault({}),

  lifecycle: z
    .object({
      /** P(alive) below this: churned. */
      churnedBelow: probability.default(0.15),
      /** Loyal: at least this many purchases (transaction days) over at least `loyalMinTenureDays`. */
      loyalMinTransactions: count.min(2).default(5),
      loyalMinTenureDays: days.default(365),
    })
    .prefault({}),

  lifetimeValue: z
    .object({
      horizonDays: days.default(365),
      /** Yearly discount rate applied to future purchases (0.1 = 10% a year). */
      annualDiscountRate: z.number().min(0).max(10).default(0.1),
      /** Purchases are discounted at the end of each step (default a month). */
      stepDays: days.default(365.25 / 12),
    })
    .prefault({}),

  classification: z
    .object({
      /** Transaction frequency is high from this RFM frequency score (1-5). */
      frequencyHighFromScore: z.number().int().min(1).max(5).default(4),
      /** Potential: predicted value over the horizon ÷ value over the same past span. */
      potentialHighFrom: z.number().positive().default(1.2),
      potentialLowBelow: z.number().positive().default(0.8),
      /** Close relationship: an interaction within `closeWithinDays` and ≥ `closeMinInteractions` in `closeWindowDays`. */
      closeWithinDays: days.default(30),
      closeMinInteractions: count.min(1).default(2),
      closeWindowDays: days.default(90),
    })
    .prefault({})
    .refine((c) => c.potentialLowBelow <= c.potentialHighFrom, {
      error: 'potentialLowBelow must not exceed potentialHighFrom',
      path: ['potentialLowBelow'],
    }),
});
export type ScoringSettings = z.infer<typeof ScoringSettings>;
export type ScoringSettingsInput = z.input<typeof ScoringSettings>;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * Minor units of `base` per minor unit of `currency`: 1 for the base itself, the setting's exchange
 * rate otherwise, undefined when none is set (such amounts are left out of values, never guessed).
 * @example rateToCurrency('USD', 'CNY', { exchangeRates: { USD: 7.1 } }) // 7.1
 */
export function rateToCurrency(
  currency: string,
  base: string,
  settings: Pick<ScoringSettings, 'exchangeRates'>,
): number | undefined {
  return currency === base ? 1 : settings.exchangeRates[currency];
}

/** The defaults, as a complete settings object. */
export const DEFAULT_SCORING_SETTINGS: ScoringSettings = deepFreeze(ScoringSettings.parse({}));

// Settings objects this module produced: passing one back in costs nothing (scoring one customer at a
// time would otherwise spend more time validating settings than scoring).
const resolved = new WeakSet<object>();
resolved.add(DEFAULT_SCORING_SETTINGS);

/**
 * Settings from partial input, with the defaults filled in; throws a ZodError naming any bad field.
 * Resolve once and pass the result to the scoring functions: an already resolved (frozen) object is
 * returned as is.
 * @example resolveScoringSettings({ currency: 'CNY', utcOffsetMinutes: 480 })
 */
export function resolveScoringSettings(input: ScoringSettingsInput | ScoringSettings = {}): ScoringSettings {
  if (resolved.has(input)) return input as ScoringSettings;
  const out = deepFreeze(ScoringSettings.parse(input));
  resolved.add(out);
  return out;
}
