/** Requests to the scoring worker (one discriminated union, see STYLE: typed messages). */
export type ScoringRequest =
  | { id: number; kind: 'refit' }
  | { id: number; kind: 'refit-if-due' }
  | { id: number; kind: 'rescore'; contactIds: string[] }
  | { id: number; kind: 'drain' };

export type ScoringResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };
