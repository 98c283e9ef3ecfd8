import {
  compileFilter,
  contactsToVCard,
  type ListEntry,
  type SegmentFilter,
  type VCardExportContact,
} from '@keepcard/shared';
import type { KeepcardDB } from '../db/db';
import { readAllListScores } from '../db/scores-repo';
import { listEntryOf } from '../list/list-entry-of';

/**
 * The list entries of every live contact (with its company's name and stored scores), filtered by a
 * segment's filter when one is given: what the list shows for that segment, whether or not the list
 * screen has loaded.
 */
export async function entriesOf(
  db: KeepcardDB,
  filter: SegmentFilter | null,
  now: number,
): Promise<ListEntry[]> {
  const [contacts, companies, scores] = await Promise.all([
    db.contacts.filter((c) => c.deletedAt === null).toArray(),
    db.companies.toArray(),
    readAllListScores(db),
  ]);
  const companyName = new Map(companies.filter((c) => c.deletedAt === null).map((c) => [c.id, c.name]));
  const entries = contacts.map((c) =>
    listEntryOf(c, c.companyId ? companyName.get(c.companyId) : undefined, scores.get(c.id)),
  );
  const keep = filter ? compileFilter(filter, now) : null;
  return (keep ? entries.filter(keep) : entries).sort((a, b) => a.nameKey.localeCompare(b.nameKey));
}

/** The contacts with these ids as one vCard file (organisation names from their companies). */
export async function vcardOf(db: KeepcardDB, ids: readonly string[]): Promise<string> {
  const contacts = (await db.contacts.bulkGet([...ids])).filter((c) => c && c.deletedAt === null);
  const companyIds = [...new Set(contacts.flatMap((c) => (c!.companyId ? [c!.companyId] : [])))];
  const companies = new Map(
    (await db.companies.bulkGet(companyIds)).flatMap((c) => (c ? [[c.id, c.name]] : [])),
  );
  return contactsToVCard(
    contacts.map((c): VCardExportContact => {
      const organization = c!.companyId ? companies.get(c!.companyId) : undefined;
      return { ...c!, ...(organization && { organization }) };
    }),
  );
}
