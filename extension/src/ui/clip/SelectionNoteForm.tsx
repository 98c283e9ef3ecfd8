import { ValidationError } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { MAX_SELECTION_CHARS, type NoteRequest, noteRequest } from '../../capture/clip-requests';
import { searchContacts } from '../../db/contacts-repo';
import type { ContactRow } from '../../db/db';
import { createRecord } from '../../db/records-repo';
import { buttonClass, inputClass, labelClass, mutedClass, primaryButtonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { issueText, useWebmailText } from '../webmail/webmail-text-context';
import { useSessionRequest } from './use-session-request';

function NoteBody({
  request,
  onDone,
}: {
  request: NoteRequest;
  onDone: (summary: string, contactId: string) => void;
}) {
  const { w } = useWebmailText();
  const [text, setText] = useState(request.text);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<ContactRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const matches = useLiveQuery(() => searchContacts(query, 8), [query]);
  const sourceUrl = /^https?:\/\//i.test(request.pageUrl) ? request.pageUrl : undefined;

  async function save() {
    if (!picked) return;
    if (!text.trim()) {
      setError(w('note.empty'));
      return;
    }
    setSaving(true);
    try {
      await createRecord(
        'notes',
        { text, contactId: picked.id, companyId: null, ...(sourceUrl && { sourceUrl }) },
        await writeContext(),
      );
      await noteRequest.setValue(null);
      onDone(w('note.saved', { name: picked.displayName }), picked.id);
    } catch (e) {
      setError(
        e instanceof ValidationError
          ? e.issues.map((i) => issueText(i, w)).join(' ')
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <section data-testid="selection-note" aria-labelledby="selection-note-heading" className="space-y-2">
      <h2 id="selection-note-heading" className="text-sm font-semibold">
        {w('note.heading')}
      </h2>
      <div>
        <label htmlFor="selection-note-text" className={labelClass}>
          {w('note.text')}
        </label>
        <textarea
          id="selection-note-text"
          className={inputClass}
          rows={4}
          maxLength={MAX_SELECTION_CHARS}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {sourceUrl && (
          <p className={`break-all text-xs ${mutedClass}`}>{w('note.from', { url: sourceUrl })}</p>
        )}
      </div>
      <div>
        <label htmlFor="selection-note-search" className={labelClass}>
          {w('note.search')}
        </label>
        <input
          id="selection-note-search"
          type="search"
          className={inputClass}
          placeholder={w('note.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="mt-1 space-y-0.5">
          {matches?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-pressed={picked?.id === c.id}
                className={`${buttonClass} w-full justify-start ${picked?.id === c.id ? 'ring-2 ring-sky-500' : ''}`}
                onClick={() => setPicked(c)}
              >
                {c.displayName}
                {c.emails[0] && <span className={`ml-1 text-xs ${mutedClass}`}>{c.emails[0].address}</span>}
              </button>
            </li>
          ))}
          {matches?.length === 0 && query && (
            <li className={`text-sm ${mutedClass}`}>{w('note.noMatch', { query })}</li>
          )}
        </ul>
      </div>
      <div className="flex gap-2">
        <button
          type="button"
          className={primaryButtonClass}
          disabled={!picked || saving}
          onClick={() => void save()}
        >
          {w('note.saveTo', { name: picked?.displayName ?? '…' })}
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={saving}
          onClick={() => void noteRequest.setValue(null)}
        >
          {w('note.cancel')}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * "Save selection as note to…": the selected text (editable), a search to pick the customer, and
 * "Save note to …", which stores a Note on that customer with the page as its source. Renders
 * nothing when no selection is waiting.
 */
export function SelectionNoteForm({ onSaved }: { onSaved?: (contactId: string) => void }) {
  const request = useSessionRequest(noteRequest);
  const [done, setDone] = useState<string | null>(null);
  if (!request) {
    return done ? (
      <output data-testid="selection-note-status" className={`block text-sm ${mutedClass}`}>
        {done}
      </output>
    ) : null;
  }
  return (
    <NoteBody
      key={request.id}
      request={request}
      onDone={(summary, id) => {
        setDone(summary);
        onSaved?.(id);
      }}
    />
  );
}
