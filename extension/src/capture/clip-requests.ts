import type { SelectionClipProblem, SourcedDraft } from '@keepcard/shared';
import { storage } from 'wxt/utils/storage';

// What a menu click hands to the side panel: contacts to review before saving, or a selection to
// save as a note once the rep has picked the customer. Kept in session storage: a request for the
// rep's next look at the panel, gone when the browser closes, never synced or stored with the data.

/** Contacts found by a clip, for the rep to pick, edit and save (`ClipReview`). */
export interface ClipReviewRequest {
  id: string;
  at: number;
  pageUrl: string;
  origin: 'selection' | 'page';
  drafts: SourcedDraft[];
  /** Why nothing was found, when `drafts` is empty. */
  problem: SelectionClipProblem | null;
}

/** Selected text to save as a note on a customer the rep picks (`SelectionNoteForm`). */
export interface NoteRequest {
  id: string;
  at: number;
  pageUrl: string;
  text: string;
}

export const clipReviewRequest = storage.defineItem<ClipReviewRequest | null>('session:keepcard.clipReview', {
  fallback: null,
});

export const noteRequest = storage.defineItem<NoteRequest | null>('session:keepcard.noteRequest', {
  fallback: null,
});

/** Selected text kept for a note or a contact: the first 20,000 characters (a note's limit). */
export const MAX_SELECTION_CHARS = 20_000;
