import {
  type ContactDraft,
  type ContactIdentity,
  type FieldConflict,
  type MatchReason,
  matchContact,
  mergeContact,
  nameKey,
  organizationKey,
  phoneKey,
  type RecordSource,
} from '@keepcard/shared';
import { type CompanyRow, type ContactRow, getDb, type KeepcardDB } from './db';
import { createRecord, type NewRecord, updateRecord, type WriteContext, writeTables } from './records-repo';

const live = <R extends { deletedAt: number | null }>(r: R | undefined): r is R =>
  r !== undefined && r.deletedAt === null;

/** The live contact with this email address, if any. */
export async function findContactByEmail(
  email: string,
  db: KeepcardDB = getDb(),
): Promise<ContactRow | undefined> {
  const rows = await db.contacts.where('emailKeys').equals(email.trim().toLowerCase()).toArray();
  return rows.find(live);
}

/** The live contact with this phone number (E.164 or digits), if any. */
export async function findContactByPhone(
  number: string,
  db: KeepcardDB = getDb(),
): Promise<ContactRow | undefined> {
  const rows = await db.contacts.where('phoneKeys').equals(phoneKey({ number })).toArray();
  return rows.find(live);
}

export async function getContact(id: string, db: KeepcardDB = getDb()): Promise<ContactRow | undefined> {
  const row = await db.contacts.get(id);
  return live(row) ? row : undefined;
}

/** True when the contact's name, an email, a phone, its title or a tag contains the query. */
export function contactMatches(contact: ContactRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const digits = q.replace(/[\s()+-]/g, '');
  return (
    contact.nameKey.includes(q) ||
    contact.emailKeys.some((e) => e.includes(q)) ||
    (/^\d{3,}$/.test(digits) && contact.phoneKeys.some((p) => p.includes(digits))) ||
    (contact.title?.toLowerCase().includes(q) ?? false) ||
    contact.tags.some((t) => t.includes(q))
  );
}

/**
 * Live contacts matching the query (substring of name, email, phone, title or tag), by name.
 * A full scan with a limit: fine for the first slice; the list issue brings indexed search.
 */
export async function searchContacts(
  query: string,
  limit = 200,
  db: KeepcardDB = getDb(),
): Promise<ContactRow[]> {
  return db.contacts
    .orderBy('nameKey')
    .filter((c) => live(c) && contactMatches(c, query))
    .limit(limit)
    .toArray();
}

/** The live company with this organisation name (matched the lenient way), if any. */
export async function findCompanyByName(
  name: string,
  db: KeepcardDB = getDb(),
): Promise<CompanyRow | undefined> {
  const rows = await db.companies.where('orgKey').equals(organizationKey(name)).toArray();
  return rows.find(live);
}

/** The company of that name, created when there is none yet. Call inside a transaction for atomicity. */
export async function companyIdFor(name: string, ctx: WriteContext): Promise<string> {
  const db = ctx.db ?? getDb();
  const existing = await findCompanyByName(name, db);
  if (existing) return existing.id;
  return (await createRecord('companies', { name }, { ...ctx, db })).id;
}

/** A stored contact with its organisation's name, in the shape identity matching reads. */
async function identityOf(
  contact: ContactRow,
  db: KeepcardDB,
): Promise<ContactIdentity & { row: ContactRow }> {
  const company = contact.companyId ? await db.companies.get(contact.companyId) : undefined;
  return { ...contact, organization: live(company) ? company.name : undefined, row: contact };
}

/** Stored contacts that could be the same person as the draft: same email, phone or name. */
async function candidatesFor(draft: ContactDraft, db: KeepcardDB) {
  const found = new Map<string, ContactRow>();
  const add = (rows: ContactRow[]) => {
    for (const row of rows) if (live(row)) found.set(row.id, row);
  };
  const emails = draft.emails.map((e) => e.address.trim().toLowerCase());
  if (emails.length) add(await db.contacts.where('emailKeys').anyOf(emails).toArray());
  const phones = draft.phones.map(phoneKey);
  if (phones.length) add(await db.contacts.where('phoneKeys').anyOf(phones).toArray());
  add(await db.contacts.where('nameKey').equals(nameKey(draft.displayName)).toArray());
  return Promise.all([...found.values()].map((row) => identityOf(row, db)));
}

export interface CaptureSave {
  contact: ContactRow;
  created: boolean;
  matchedBy: MatchReason | null;
  /** Stored values the capture disagrees with: shown side by side for the rep to choose. */
  conflicts: FieldConflict[];
}

/**
 * Saves a captured contact without creating a duplicate and without losing a value: a match by
 * email, then phone, then name + organisation gains the new emails, phones, urls, tags and empty
 * fields; differing values are returned as conflicts for the rep, never overwritten here.
 */
export async function saveCapturedContact(
  draft: ContactDraft & { source: RecordSource },
  ctx: WriteContext,
): Promise<CaptureSave> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db, cause: ctx.cause ?? ('capture' as const) };
  return db.transaction('rw', writeTables(db), async () => {
    const match = matchContact(draft, await candidatesFor(draft, db));
    if (!match) {
      const { organization, ...fields } = draft;
      const companyId = organization ? await companyIdFor(organization, inner) : null;
      const contact = await createRecord('contacts', { ...fields, companyId }, inner);
      return { contact, created: true, matchedBy: null, conflicts: [] };
    }
    const { patch, conflicts } = mergeContact(match.contact, draft);
    const { organization, ...fields } = patch;
    const update: Partial<NewRecord<'contacts'>> = { ...fields };
    if (organization) update.companyId = await companyIdFor(organization, inner);
    const contact =
      Object.keys(update).length > 0
        ? await updateRecord('contacts', match.contact.id, update, inner)
        : match.contact.row;
    return { contact, created: false, matchedBy: match.by, conflicts };
  });
}
