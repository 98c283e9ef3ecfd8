// Customer scoring: value tier, RFM, classification, lifecycle, churn risk and lifetime value, each
// with its reasons; and the BG/NBD and Gamma-Gamma models underneath, validated on CDNOW.
export {
  type BgNbdFit,
  type BgNbdParams,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesAt,
  bgNbdExpectedPurchasesNew,
  bgNbdLogLikelihood,
  bgNbdMedianTimeToNextPurchase,
  bgNbdPAlive,
  bgNbdProbabilityOfPurchase,
  fitBgNbd,
  type RepeatSummary,
} from './bg-nbd';
export { type ChurnLevel, type ChurnRiskScore, fallbackPAlive } from './churn-risk';
export type { Classification, Dimension } from './classification';
export {
  type CustomerFacts,
  type CustomerRecords,
  deriveCustomerFacts,
  type FactsContext,
  type FeedbackFacts,
  type InteractionFacts,
  type PurchaseFacts,
  type TaskFacts,
} from './customer-facts';
export {
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaExpectedValue,
  gammaGammaLogLikelihood,
  type SpendSummary,
} from './gamma-gamma';
export type { LifecycleScore, LifecycleStage } from './lifecycle';
export type { LifetimeValueScore } from './lifetime-value';
export type { ScoreReason } from './reasons';
export { quintileCuts, quintileScore, type RfmCuts, type RfmScore } from './rfm';
export {
  type CustomerScores,
  groupCustomerRecords,
  scoreCustomer,
  scoreFacts,
  scoreWorkspace,
} from './score-customer';
export {
  DEFAULT_SCORING_SETTINGS,
  rateToCurrency,
  resolveScoringSettings,
  ScoringSettings,
  type ScoringSettingsInput,
} from './scoring-settings';
export {
  type PurchaseEvent,
  type PurchaseSummary,
  type SummarizeOptions,
  summarizePurchases,
} from './summarize-purchases';
export { type TierCutoffs, tierCutoffs, type ValueTier, type ValueTierScore } from './value-tier';
export {
  buildModelFromFacts,
  buildWorkspaceModel,
  WORKSPACE_MODEL_VERSION,
  type WorkspaceModel,
  workspaceCurrency,
} from './workspace-model';
