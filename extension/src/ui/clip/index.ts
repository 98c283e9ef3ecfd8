// What the side panel mounts for the clip menu items (see each component's doc).
export { ClipReview } from './ClipReview';
export { SelectionNoteForm } from './SelectionNoteForm';
