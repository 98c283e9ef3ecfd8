// Where scoring keeps its settings and model (the meta table), apart from the store's writers, so
// read paths such as the customer card can find them without loading the repository (and its schemas).
import type { ScoringSettingsInput, WorkspaceModel } from '@keepcard/shared';

/** The rep's scoring settings (currency, exchange rates, thresholds) in the meta table. */
export const SCORING_SETTINGS_KEY = 'scoringSettings';

/** Where the fitted workspace model lives (meta table), with the settings it was built with. */
export const MODEL_KEY = 'scoringModel';

export interface StoredModel {
  model: WorkspaceModel;
  settings: ScoringSettingsInput;
  /** Live contacts when the model was built: a large change makes a refit worthwhile. */
  contacts: number;
}
