import { checkContactDraft, type FieldIssue, type SourcedDraft } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { type ClipReviewRequest, clipReviewRequest } from '../../capture/clip-requests';
import { saveCapturedContact } from '../../db/contacts-repo';
import { getSettings } from '../../db/settings-repo';
import { buttonClass, mutedClass, primaryButtonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { DraftEditor, type DraftForm, draftFromForm, formFromDraft } from '../webmail/DraftEditor';
import { useWebmailText } from '../webmail/webmail-text-context';
import { useSessionRequest } from './use-session-request';

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

interface Row {
  base: SourcedDraft;
  include: boolean;
  form: DraftForm;
  issues: FieldIssue[];
}

function ReviewBody({
  request,
  defaultRegion,
  onDone,
}: {
  request: ClipReviewRequest;
  defaultRegion: string;
  onDone: (summary: string, contactIds: string[]) => void;
}) {
  const { w } = useWebmailText();
  const [rows, setRows] = useState<Row[]>(() =>
    request.drafts.map((base) => ({ base, include: true, form: formFromDraft(base), issues: [] })),
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const host = hostOf(request.pageUrl);
  const included = rows.filter((r) => r.include);
  const update = (index: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  async function save() {
    const checked = rows.map((r) => ({
      ...r,
      issues: r.include ? checkContactDraft(draftFromForm(r.form, r.base, defaultRegion)) : [],
    }));
    setRows(checked);
    if (checked.some((r) => r.issues.length > 0)) return;
    setSaving(true);
    try {
      const ctx = await writeContext();
      let created = 0;
      let updated = 0;
      const ids: string[] = [];
      for (const row of checked.filter((r) => r.include)) {
        const saved = await saveCapturedContact(draftFromForm(row.form, row.base, defaultRegion), ctx);
        ids.push(saved.contact.id);
        if (saved.created) created++;
        else updated++;
      }
      await clipReviewRequest.setValue(null);
      onDone(w('clip.review.saved', { created, updated }), ids);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section data-testid="clip-review" aria-labelledby="clip-review-heading" className="space-y-2">
      <h2 id="clip-review-heading" className="text-sm font-semibold">
        {w(request.origin === 'selection' ? 'clip.review.selection' : 'clip.review.page', { host })}
      </h2>
      {request.problem && (
        <p role="alert" className="text-sm text-amber-900 dark:text-amber-100">
          {w(`clip.review.${request.problem}`)}
        </p>
      )}
      {rows.map((row, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for the life of a request.
          key={index}
          className="rounded border border-slate-200 p-2 dark:border-slate-700"
          data-testid="clip-review-row"
        >
          {rows.length > 1 ? (
            <>
              <label className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={row.include}
                  onChange={(e) => update(index, { include: e.target.checked })}
                />
                <span className="sr-only">{w('clip.review.include')}: </span>
                <span className="font-medium">{row.form.displayName}</span>
                <span className={`truncate text-xs ${mutedClass}`}>
                  {row.form.emails.split('\n')[0] || row.form.phones.split('\n')[0]}
                </span>
              </label>
              {/* Opened by the rep to edit, and by a problem to show it. */}
              <details open={row.issues.length > 0 ? true : undefined} className="mt-1">
                <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-300">
                  {w('clip.review.edit')}
                </summary>
                <DraftEditor
                  form={row.form}
                  onChange={(form) => update(index, { form })}
                  issues={row.issues}
                  idPrefix={`clip-${index}`}
                  disabled={saving || !row.include}
                />
              </details>
            </>
          ) : (
            <DraftEditor
              form={row.form}
              onChange={(form) => update(index, { form })}
              issues={row.issues}
              idPrefix={`clip-${index}`}
              disabled={saving}
            />
          )}
        </div>
      ))}
      <div className="flex gap-2">
        {rows.length > 0 && (
          <button
            type="button"
            className={primaryButtonClass}
            disabled={saving || included.length === 0}
            onClick={() => void save()}
          >
            {w('clip.review.save', { count: included.length })}
          </button>
        )}
        <button
          type="button"
          className={buttonClass}
          disabled={saving}
          onClick={() => void clipReviewRequest.setValue(null)}
        >
          {w('clip.review.discard')}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {w('webmail.error', { message: error })}
        </p>
      )}
    </section>
  );
}

/**
 * The contacts a clip found ("Clip selection as contact", or a page clip made with review), for the
 * rep to pick, edit (checked by the shared schemas) and save; saving goes through the repository's
 * identity rules, so a known person is updated, never duplicated. Renders nothing when there is
 * nothing to review.
 */
export function ClipReview({ onSaved }: { onSaved?: (contactIds: string[]) => void }) {
  const request = useSessionRequest(clipReviewRequest);
  const settings = useLiveQuery(() => getSettings(), []);
  const [done, setDone] = useState<string | null>(null);
  if (!request || !settings) {
    return done ? (
      <output data-testid="clip-review-status" className={`block text-sm ${mutedClass}`}>
        {done}
      </output>
    ) : null;
  }
  return (
    <ReviewBody
      key={request.id}
      request={request}
      defaultRegion={settings.defaultRegion}
      onDone={(summary, ids) => {
        setDone(summary);
        onSaved?.(ids);
      }}
    />
  );
}
