// The outcome of a clip as the side panel reads it, apart from the clipping code (which brings the
// extractors and the repository writers): the panel shows it on every load.

/** The outcome of the last clip, kept in the meta table so the side panel can show it live. */
export interface ClipResult {
  at: number;
  pageUrl: string;
  created: number;
  updated: number;
  contactIds: string[];
  error?: string;
}

export const LAST_CLIP_KEY = 'lastClip';
