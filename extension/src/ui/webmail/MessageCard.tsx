import {
  type ConflictChoices,
  type ConflictField,
  captureFromOpenMessage,
  checkContactDraft,
  type FieldIssue,
  type MessageCapture,
  mergeContact,
  type OpenMessage,
} from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { getSettings } from '../../db/settings-repo';
import type { WebmailReport } from '../../messages';
import {
  type EmailCaptureSave,
  findContactForDraft,
  findLoggedEmail,
  interactionSummary,
  type StoredIdentity,
  saveEmailCapture,
} from '../../webmail/email-capture-store';
import { Badge, buttonClass, mutedClass, primaryButtonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { DraftEditor, type DraftForm, draftFromForm, formFromDraft } from './DraftEditor';
import { fieldName, useWebmailText } from './webmail-text-context';

type Outcome = { kind: 'saved'; save: EmailCaptureSave } | { kind: 'error'; message: string } | null;

function PathNote({ message, capture }: { message: OpenMessage; capture: MessageCapture }) {
  const { w } = useWebmailText();
  const site = w(`webmail.site.${message.site}`);
  const notes = capture.notes.filter((n) => n !== 'fallback-path');
  return (
    <div className="mb-2 space-y-1 text-xs">
      {message.path === 'fallback' ? (
        <p
          data-testid="read-path"
          data-path="fallback"
          className="rounded border border-amber-300 bg-amber-50 p-1.5 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {w('webmail.path.fallback', { site })}
        </p>
      ) : (
        <p data-testid="read-path" data-path="attributes" className={mutedClass}>
          {w('webmail.path.attributes', { site })}
        </p>
      )}
      {notes.map((note) => (
        <p key={note} className={mutedClass}>
          {w(`webmail.note.${note}`)}
        </p>
      ))}
    </div>
  );
}

/** What saving would add to a known card, and the differing values for the rep to settle. */
function KnownCard({
  stored,
  capture,
  choices,
  onChoose,
}: {
  stored: StoredIdentity;
  capture: MessageCapture;
  choices: ConflictChoices;
  onChoose: (field: ConflictField, choice: 'current' | 'incoming') => void;
}) {
  const { w } = useWebmailText();
  const merge = useMemo(() => mergeContact(stored, capture.draft!), [stored, capture.draft]);
  const adds = [
    ...merge.added.emails.map((e) => e.address),
    ...merge.added.phones.map((p) => p.raw),
    ...merge.added.urls,
    ...merge.added.fields.map(
      (f) => `${fieldName(f, w)}: ${String(capture.draft?.[f as keyof typeof capture.draft] ?? '')}`,
    ),
  ];
  return (
    <div>
      <h3 className="text-base font-semibold" data-testid="card-name">
        {stored.displayName}
      </h3>
      {(stored.title || stored.organization) && (
        <p className={`text-sm ${mutedClass}`}>
          {[stored.title, stored.organization].filter(Boolean).join(' · ')}
        </p>
      )}
      <ul className="mt-1 text-sm">
        {stored.emails.map((e) => (
          <li key={e.address}>{e.address}</li>
        ))}
        {stored.phones.map((p) => (
          <li key={p.number}>{p.number.startsWith('+') ? p.number : p.raw}</li>
        ))}
      </ul>
      {adds.length > 0 && (
        <div className="mt-2 text-sm" data-testid="card-adds">
          <p className="text-xs font-medium text-slate-600 dark:text-slate-300">{w('webmail.adds')}</p>
          <ul className="list-inside list-disc">
            {adds.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
      )}
      {merge.conflicts.length > 0 && (
        <fieldset
          className="mt-2 rounded border border-slate-200 p-2 dark:border-slate-700"
          data-testid="card-conflicts"
        >
          <legend className="px-1 text-xs font-medium text-slate-600 dark:text-slate-300">
            {w('webmail.conflicts')}
          </legend>
          {merge.conflicts.map((c) => (
            <div key={c.field} className="mb-1.5" role="radiogroup" aria-label={fieldName(c.field, w)}>
              <p className="text-xs font-medium">{fieldName(c.field, w)}</p>
              <div className="grid grid-cols-2 gap-1 text-sm">
                {(['current', 'incoming'] as const).map((choice) => (
                  <label
                    key={choice}
                    className="flex items-start gap-1 rounded border border-slate-200 p-1 dark:border-slate-700"
                  >
                    <input
                      type="radio"
                      name={`conflict-${c.field}`}
                      checked={(choices[c.field] ?? 'current') === choice}
                      onChange={() => onChoose(c.field, choice)}
                    />
                    <span>
                      {choice === 'current'
                        ? w('webmail.keepCurrent', { value: c.current })
                        : w('webmail.takeIncoming', { value: c.incoming })}
                    </span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

function MessageCardBody({
  message,
  capture,
  defaultRegion,
  onOpenContact,
}: {
  message: OpenMessage;
  capture: MessageCapture;
  defaultRegion: string;
  onOpenContact?: (contactId: string) => void;
}) {
  const { w, formatDateTime } = useWebmailText();
  const draft = capture.draft!;
  const match = useLiveQuery(async () => (await findContactForDraft(draft)) ?? null, [draft]);
  const contactId = match?.contact.id;
  const logged = useLiveQuery(
    async () =>
      contactId ? ((await findLoggedEmail(contactId, capture.interaction.emailMessageId)) ?? null) : null,
    [contactId, capture.interaction.emailMessageId],
  );
  const summary = useLiveQuery(async () => (contactId ? interactionSummary(contactId) : null), [contactId]);
  const [form, setForm] = useState<DraftForm>(() => formFromDraft(draft));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [tried, setTried] = useState(false);
  const [choices, setChoices] = useState<ConflictChoices>({});
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  if (match === undefined)
    return <div data-testid="message-card" data-state="loading" className="min-h-24" />;
  const known = match !== null;
  const edited = known ? draft : draftFromForm(form, draft, defaultRegion);
  const onForm = (next: DraftForm) => {
    setForm(next);
    if (tried) setIssues(checkContactDraft(draftFromForm(next, draft, defaultRegion)));
  };

  async function save() {
    setTried(true);
    const problems = checkContactDraft(edited);
    setIssues(problems);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      const save = await saveEmailCapture(edited, capture.interaction, choices, await writeContext());
      setOutcome({ kind: 'saved', save });
    } catch (error) {
      setOutcome({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  }

  const when = w(capture.direction === 'outbound' ? 'webmail.sent' : 'webmail.received', {
    date: formatDateTime(capture.interaction.occurredAt),
  });
  return (
    <article
      data-testid="message-card"
      data-state={known ? 'known' : 'unknown'}
      data-message-key={capture.interaction.emailMessageId}
      aria-label={w('webmail.region')}
      className="space-y-2"
    >
      <div className="flex flex-wrap items-center gap-2">
        {known ? (
          <Badge tone="green">{w('webmail.known')}</Badge>
        ) : (
          <Badge tone="sky">{w('webmail.unknown')}</Badge>
        )}
        {known && <span className={`text-xs ${mutedClass}`}>{w(`webmail.matchedBy.${match.by}`)}</span>}
      </div>
      <p className={`text-xs ${mutedClass}`}>
        {when}
        {capture.interaction.subject && (
          <>
            {' · '}
            <span className="sr-only">{w('webmail.field.subject')}: </span>
            <span data-testid="message-subject">{capture.interaction.subject}</span>
          </>
        )}
      </p>
      <PathNote message={message} capture={capture} />
      {known ? (
        <KnownCard
          stored={match.contact}
          capture={capture}
          choices={choices}
          onChoose={(field, choice) => setChoices((c) => ({ ...c, [field]: choice }))}
        />
      ) : (
        <DraftEditor
          form={form}
          onChange={onForm}
          issues={issues}
          idPrefix="message-draft"
          disabled={saving}
        />
      )}
      {known && (
        <p className="text-sm" data-testid="logged-state" data-logged={logged ? 'yes' : 'no'}>
          {logged ? w('webmail.logged') : w('webmail.notLogged')}{' '}
          {summary && (
            <span className={`text-xs ${mutedClass}`}>
              {w('webmail.interactions', { count: summary.count })}
            </span>
          )}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={primaryButtonClass} disabled={saving} onClick={() => void save()}>
          {saving ? w('webmail.saving') : known ? w('webmail.saveKnown') : w('webmail.save')}
        </button>
        {known && onOpenContact && (
          <button type="button" className={buttonClass} onClick={() => onOpenContact(match.contact.id)}>
            {w('webmail.openCard')}
          </button>
        )}
      </div>
      {outcome?.kind === 'saved' && (
        <output
          data-testid="message-card-status"
          className="block text-sm text-emerald-800 dark:text-emerald-200"
        >
          {w(
            outcome.save.created
              ? 'webmail.saved.created'
              : outcome.save.logged
                ? 'webmail.saved.logged'
                : 'webmail.saved.already',
            { name: outcome.save.contact.displayName },
          )}
        </output>
      )}
      {outcome?.kind === 'error' && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {w('webmail.error', { message: outcome.message })}
        </p>
      )}
    </article>
  );
}

/**
 * The card of the person an open webmail message is about (the sender of a received message, the
 * first other recipient of a sent one). A known customer (matched by the shared identity rules)
 * shows their card, what the message would add, and any differing values side by side to choose
 * from; an unknown one shows a pre-filled card to edit, checked by the shared schemas. "Save" stores
 * the contact (never a duplicate) and logs the email once (by its message id).
 */
export function MessageCard({
  report,
  onOpenContact,
}: {
  report: WebmailReport;
  onOpenContact?: (contactId: string) => void;
}) {
  const { w } = useWebmailText();
  const settings = useLiveQuery(() => getSettings(), []);
  const message = report.message;
  const capture = useMemo(
    () =>
      message && settings
        ? captureFromOpenMessage(message, { defaultRegion: settings.defaultRegion, now: report.readAt })
        : null,
    [message, settings, report.readAt],
  );
  if (!message) return null;
  if (!capture || !settings)
    return <div data-testid="message-card" data-state="loading" className="min-h-24" />;
  if (!capture.draft) {
    return (
      <div data-testid="message-card" data-state="none">
        <PathNote message={message} capture={capture} />
      </div>
    );
  }
  return (
    <section aria-label={w('webmail.region')}>
      <MessageCardBody
        key={capture.interaction.emailMessageId}
        message={message}
        capture={capture}
        defaultRegion={settings.defaultRegion}
        onOpenContact={onOpenContact}
      />
    </section>
  );
}
