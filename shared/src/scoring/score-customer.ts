// The two entry points: scoreWorkspace (fit the model, score everyone) and scoreCustomer (score one
// customer against a stored model, cheap enough to run on every change).
import { type ChurnRiskScore, churnRisk } from './churn-risk';
import {
  type Classification,
  closeness,
  potential,
  revenueContribution,
  transactionFrequency,
} from './classification';
import {
  type CustomerFacts,
  type CustomerRecords,
  daysSinceLastPurchase,
  deriveCustomerFacts,
  type FeedbackFacts,
  type InteractionFacts,
  type PurchaseFacts,
  repeatSummary,
  revenueInWindow,
  type TaskFacts,
  transactionsInWindow,
} from './customer-facts';
import { type LifecycleScore, lifecycleStage } from './lifecycle';
import { type LifetimeValueScore, lifetimeValue } from './lifetime-value';
import { reason, type ScoreReason } from './reasons';
import { type RfmScore, rfmScore } from './rfm';
import { resolveScoringSettings, type ScoringSettings, type ScoringSettingsInput } from './scoring-settings';
import { type ValueTierScore, valueTier } from './value-tier';
import { buildModelFromFacts, type WorkspaceModel, workspaceCurrency } from './workspace-model';

export interface CustomerScores {
  contactId: string;
  /** The `now` these scores were computed at. */
  scoredAt: number;
  /** builtAt of the workspace model they were computed against. */
  modelBuiltAt: number;
  currency: string;
  valueTier: ValueTierScore;
  rfm: RfmScore;
  classification: Classification;
  lifecycle: LifecycleScore;
  churnRisk: ChurnRiskScore;
  lifetimeValue: LifetimeValueScore;
  /** Notes on the data behind every score (such as purchases left out for want of an exchange rate). */
  reasons: ScoreReason[];
}

/** Scores one customer's facts against the model (the shared core of both entry points). */
export function scoreFacts(
  f: CustomerFacts,
  model: WorkspaceModel,
  settings: ScoringSettings,
): CustomerScores {
  const { currency } = model;
  const { windowDays, aShare, bShare } = settings.valueTiers;
  const summary = repeatSummary(f, settings);
  const purchased = summary !== null;
  const windowRevenue = revenueInWindow(f, windowDays);
  const windowTransactions = transactionsInWindow(f, windowDays);

  const tier = valueTier({ purchased, revenueMinor: windowRevenue }, model.thresholds.tiers, {
    currency,
    windowDays,
    aShare,
    bShare,
  });
  const rfm = rfmScore(
    {
      daysSinceLastPurchase: daysSinceLastPurchase(f),
      transactions: windowTransactions,
      revenueMinor: windowRevenue,
    },
    model.thresholds.rfm,
    { currency, windowDays },
  );
  const churn = churnRisk(
    f,
    { bgNbd: model.bgNbd, summary, workspaceGapDays: model.thresholds.typicalGapDays, settings },
    currency,
  );
  const clv = lifetimeValue(f, {
    bgNbd: model.bgNbd,
    gammaGamma: model.gammaGamma,
    summary,
    pAlive: churn.pAlive,
    gapDays: churn.typicalGapDays,
    workspaceMeanSpendMinor: model.thresholds.meanSpendMinor,
    currency,
    settings,
  });
  const horizonDays = settings.lifetimeValue.horizonDays;
  const pastHorizon = horizonDays === windowDays ? windowRevenue : revenueInWindow(f, horizonDays);
  const reasons: ScoreReason[] = [];
  if (f.skippedCurrencies.length)
    reasons.push(
      reason(
        'value.currency-skipped',
        { currencies: f.skippedCurrencies.join(', '), currency },
        () =>
          `Purchases in ${f.skippedCurrencies.join(', ')} are left out of values: no exchange rate to ${currency} is set.`,
      ),
    );
  return {
    contactId: f.contactId,
    scoredAt: f.now,
    modelBuiltAt: model.builtAt,
    currency,
    valueTier: tier,
    rfm,
    classification: {
      revenueContribution: revenueContribution(tier),
      frequency: transactionFrequency(rfm, windowTransactions, settings),
      potential: potential(
        { purchased, predictedMinor: clv.undiscountedValueMinor, pastMinor: pastHorizon },
        model.thresholds.medianHorizonRevenueMinor,
        currency,
        settings,
      ),
      closeness: closeness(f, settings),
    },
    lifecycle: lifecycleStage(f, churn, settings),
    churnRisk: churn,
    lifetimeValue: clv,
    reasons,
  };
}

/**
 * Scores one customer against a stored workspace model: what to run when a purchase, complaint,
 * interaction or task of that customer changes. The model's thresholds stay as they were at its last
 * build; `settings` must be those the model was built with.
 * @example scoreCustomer({ contactId, purchases, interactions, feedback, tasks }, model, settings, Date.now())
 */
export function scoreCustomer(
  customer: CustomerRecords,
  model: WorkspaceModel,
  settingsInput: ScoringSettingsInput | ScoringSettings,
  now: number,
): CustomerScores {
  const settings = resolveScoringSettings(settingsInput);
  return scoreFacts(
    deriveCustomerFacts(customer, { currency: model.currency, settings }, now),
    model,
    settings,
  );
}

/**
 * Fits the workspace model and scores every customer with it.
 * @example const { model, scores } = scoreWorkspace(customers, { utcOffsetMinutes: 480 }, Date.now());
 */
export function scoreWorkspace(
  customers: readonly CustomerRecords[],
  settingsInput: ScoringSettingsInput | ScoringSettings,
  now: number,
): { model: WorkspaceModel; scores: CustomerScores[] } {
  const settings = resolveScoringSettings(settingsInput);
  const currency = workspaceCurrency(customers, settings);
  const facts = customers.map((c) => deriveCustomerFacts(c, { currency, settings }, now));
  const model = buildModelFromFacts(facts, currency, settings, now);
  return { model, scores: facts.map((f) => scoreFacts(f, model, settings)) };
}

/**
 * Groups table rows into per-contact records for scoreWorkspace: one pass over each table, so the
 * worker can feed it straight from bulk reads. Rows of contacts not listed are ignored.
 * @example groupCustomerRecords({ contactIds, purchases, interactions, feedback, tasks })
 */
export function groupCustomerRecords(tables: {
  contactIds: readonly string[];
  purchases: readonly (PurchaseFacts & { contactId: string })[];
  interactions?: readonly (InteractionFacts & { contactId: string })[];
  feedback?: readonly (FeedbackFacts & { contactId: string })[];
  tasks?: readonly (TaskFacts & { contactId: string | null })[];
  /** Contacts the reps marked lost, with the recorded reason. */
  lost?: ReadonlyMap<string, { at: number; reason: string }>;
}): CustomerRecords[] {
  const byId = new Map<string, CustomerRecordsLists & Pick<CustomerRecords, 'contactId' | 'lost'>>();
  for (const id of tables.contactIds)
    byId.set(id, {
      contactId: id,
      purchases: [],
      interactions: [],
      feedback: [],
      tasks: [],
      lost: tables.lost?.get(id) ?? null,
    });
  const push = <T>(
    rows: readonly (T & { contactId: string | null })[] | undefined,
    list: (c: CustomerRecordsLists) => T[],
  ) => {
    for (const row of rows ?? []) {
      const c = row.contactId === null ? undefined : byId.get(row.contactId);
      if (c) list(c).push(row);
    }
  };
  push(tables.purchases, (c) => c.purchases);
  push(tables.interactions, (c) => c.interactions);
  push(tables.feedback, (c) => c.feedback);
  push(tables.tasks, (c) => c.tasks);
  return [...byId.values()];
}

interface CustomerRecordsLists {
  purchases: PurchaseFacts[];
  interactions: InteractionFacts[];
  feedback: FeedbackFacts[];
  tasks: TaskFacts[];
}
