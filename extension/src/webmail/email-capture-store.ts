import {
  type ConflictChoices,
  type ContactDraft,
  type ContactIdentity,
  type EmailInteractionDraft,
  type FieldConflict,
  type Interaction,
  type MatchReason,
  matchContact,
  nameKey,
  phoneKey,
  type RecordSource,
  type ReplacedValue,
  resolveConflicts,
} from '@keepcard/shared';
import Dexie from 'dexie';
import { companyIdFor, saveCapturedContact } from '../db/contacts-repo';
import { type ContactRow, getDb, type KeepcardDB } from '../db/db';
import { followUpTables, moveNextFollowUp } from '../db/follow-up-repo';
import { createRecord, type NewRecord, updateRecord, type WriteContext } from '../db/records-repo';

// Saving what a webmail message gives: the contact (through the repository's identity rules, so
// never a duplicate) and the email Interaction (once per message). Reads go through indexes; every
// write goes through contacts-repo / records-repo, which validate and keep the history.

const live = <R extends { deletedAt: number | null }>(r: R | undefined): r is R =>
  r !== undefined && r.deletedAt === null;

/** A stored contact as identity matching reads it: with its company's name. */
export type StoredIdentity = ContactIdentity & { row: ContactRow };

async function identityOf(row: ContactRow, db: KeepcardDB): Promise<StoredIdentity> {
  const company = row.companyId ? await db.companies.get(row.companyId) : undefined;
  return { ...row, organization: live(company) ? company.name : undefined, row };
}

/**
 * The stored contact a draft is about, by the shared identity rules (`matchContact`: email, then
 * phone, then name + organisation), looked up through the same indexes `saveCapturedContact` uses.
 * Read-only; use inside `useLiveQuery` to follow saves.
 */
export async function findContactForDraft(
  draft: ContactDraft,
  db: KeepcardDB = getDb(),
): Promise<{ contact: StoredIdentity; by: MatchReason } | null> {
  const found = new Map<string, ContactRow>();
  const add = (rows: ContactRow[]) => {
    for (const row of rows) if (live(row)) found.set(row.id, row);
  };
  const emails = draft.emails.map((e) => e.address.trim().toLowerCase());
  if (emails.length) add(await db.contacts.where('emailKeys').anyOf(emails).toArray());
  const phones = draft.phones.map(phoneKey);
  if (phones.length) add(await db.contacts.where('phoneKeys').anyOf(phones).toArray());
  add(await db.contacts.where('nameKey').equals(nameKey(draft.displayName)).toArray());
  const candidates = await Promise.all([...found.values()].map((row) => identityOf(row, db)));
  return matchContact(draft, candidates);
}

/** The email Interaction already logged on the contact for this message, if any. */
export async function findLoggedEmail(
  contactId: string,
  emailMessageId: string,
  db: KeepcardDB = getDb(),
): Promise<Interaction | undefined> {
  return db.interactions
    .where('[contactId+occurredAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .filter((i) => i.deletedAt === null && i.emailMessageId === emailMessageId)
    .first();
}

/** A contact's logged interactions: how many, and the latest. */
export async function interactionSummary(
  contactId: string,
  db: KeepcardDB = getDb(),
): Promise<{ count: number; latest: Interaction | undefined }> {
  const rows = await db.interactions
    .where('[contactId+occurredAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .filter((i) => i.deletedAt === null)
    .toArray();
  return { count: rows.length, latest: rows.at(-1) };
}

export interface EmailCaptureSave {
  contact: ContactRow;
  created: boolean;
  matchedBy: MatchReason | null;
  /** Differing values left as they were stored (the rep did not choose the message's). */
  conflicts: FieldConflict[];
  /** Stored values the rep chose to replace (kept in the contact's history). */
  replaced: ReplacedValue[];
  interaction: Interaction;
  /** False when this message was already logged on the contact: nothing was added. */
  logged: boolean;
}

/**
 * Saves the contact of a webmail message and logs the email, in one transaction: the contact is
 * matched and merged by `saveCapturedContact` (no duplicate, nothing lost); the conflicts the rep
 * settled with `choices` are applied through `resolveConflicts` (replaced values go to history);
 * the Interaction is added unless one with the same `emailMessageId` is already on the contact.
 */
export async function saveEmailCapture(
  draft: ContactDraft & { source: RecordSource },
  interaction: EmailInteractionDraft,
  choices: ConflictChoices,
  ctx: WriteContext,
): Promise<EmailCaptureSave> {
  const db = ctx.db ?? getDb();
  const inner: WriteContext = { ...ctx, db, cause: 'capture' };
  return db.transaction('rw', followUpTables(db), async () => {
    const saved = await saveCapturedContact(draft, inner);
    let contact = saved.contact;
    let replaced: ReplacedValue[] = [];
    let conflicts = saved.conflicts;
    if (conflicts.length > 0 && Object.values(choices).includes('incoming')) {
      const resolved = resolveConflicts(
        await identityOf(contact, db),
        { patch: {}, added: { emails: [], phones: [], urls: [], tags: [], fields: [] }, conflicts },
        choices,
      );
      replaced = resolved.replaced;
      const { organization, ...fields } = resolved.patch;
      const update: Partial<NewRecord<'contacts'>> = { ...fields };
      if (organization) update.companyId = await companyIdFor(organization, inner);
      contact = await updateRecord('contacts', contact.id, update, inner);
      conflicts = conflicts.filter((c) => choices[c.field] !== 'incoming');
    }
    const already = await findLoggedEmail(contact.id, interaction.emailMessageId, db);
    const logged =
      already ?? (await createRecord('interactions', { contactId: contact.id, ...interaction }, inner));
    // A logged email is a touch: the next follow-up moves to after it (定期回访).
    if (!already) await moveNextFollowUp(contact.id, logged.occurredAt, inner);
    return {
      contact,
      created: saved.created,
      matchedBy: saved.matchedBy,
      conflicts,
      replaced,
      interaction: logged,
      logged: already === undefined,
    };
  });
}
