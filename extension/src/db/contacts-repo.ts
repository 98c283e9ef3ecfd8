import { phoneKey } from '@keepcard/shared';
import { type ContactRow, getDb, type KeepcardDB } from './db';
import { createRecord, type NewRecord, updateRecord, type WriteContext } from './records-repo';

const live = (c: ContactRow) => c.deletedAt === null;

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
  return row && live(row) ? row : undefined;
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

/**
 * Saves a captured contact without creating a duplicate: an existing contact with the same email
 * (then the same phone) gains the new emails and phones; otherwise a new contact is created.
 * Nothing already stored is dropped.
 */
export async function saveCapturedContact(
  input: NewRecord<'contacts'>,
  ctx: WriteContext,
): Promise<{ contact: ContactRow; created: boolean }> {
  const db = ctx.db ?? getDb();
  return db.transaction('rw', db.contacts, async () => {
    let existing: ContactRow | undefined;
    for (const e of input.emails ?? []) existing ??= await findContactByEmail(e.address, db);
    for (const p of input.phones ?? []) existing ??= await findContactByPhone(p.number, db);
    if (!existing) return { contact: await createRecord('contacts', input, { ...ctx, db }), created: true };
    const emails: NonNullable<NewRecord<'contacts'>['emails']> = [...existing.emails];
    for (const e of input.emails ?? []) {
      if (!existing.emailKeys.includes(e.address.trim().toLowerCase())) emails.push(e);
    }
    const phones: NonNullable<NewRecord<'contacts'>['phones']> = [...existing.phones];
    for (const p of input.phones ?? []) {
      if (!existing.phoneKeys.includes(phoneKey(p))) phones.push(p);
    }
    const contact = await updateRecord('contacts', existing.id, { emails, phones }, { ...ctx, db });
    return { contact, created: false };
  });
}
