// What the side panel mounts from the webmail work (see OpenMessageCard for the one-line version).
export { DraftEditor, type DraftForm, draftFromForm, formFromDraft } from './DraftEditor';
export { MessageCard } from './MessageCard';
export { OpenMessageCard } from './OpenMessageCard';
export { type OpenMessageState, useOpenMessage } from './use-open-message';
