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
import {
  createRecord,
  createRecords,
  type NewRecord,
  updateRecord,
  type WriteContext,
  writeTables,
} from './records-repo';

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

/** One contact of a batch: the identity draft, and fields that only fill empty values (an import's gender). */
export interface BatchContact {
  draft: ContactDraft & { source: RecordSource };
  fill?: Partial<Pick<NewRecord<'contacts'>, 'gender' | 'preferences'>>;
}

/** What became of one contact of a batch. */
export interface BatchSave {
  contactId: string;
  /** 'created': a new contact; 'merged': added to a stored contact; 'unchanged': a stored contact already had it all. */
  outcome: 'created' | 'merged' | 'unchanged';
  matchedBy: MatchReason | null;
  /** The index of an earlier item of the batch this one was the same person as (merged into it first). */
  sameAs: number | null;
  conflicts: FieldConflict[];
}

type DraftGroup = {
  draft: ContactDraft & { source: RecordSource };
  fill: BatchContact['fill'];
  first: number;
};

const phoneKeysOf = (draft: ContactDraft) => draft.phones.map(phoneKey).filter((k) => k.length >= 5);
const nameOrgKey = (draft: ContactDraft) =>
  draft.organization ? `${nameKey(draft.displayName)}\u0001${organizationKey(draft.organization)}` : null;

/**
 * The batch form of `saveCapturedContact`, for imports: the same identity rules (matchContact:
 * email, then phone, then name + organisation) and the same lossless merge (mergeContact), applied
 * first among the batch's own items (a file that lists a person twice gives one contact) and then
 * against the stored contacts, which are looked up with three indexed queries for the whole batch
 * instead of three per item. New contacts and new companies are written with `createRecords` (one
 * validated bulk write each); merges with `updateRecord`, keeping replaced values in the history.
 * Everything happens in one transaction: if any write fails, nothing of the batch is stored.
 * Conflicting values are returned, never overwritten (the stored value stays).
 */
export async function saveCapturedContacts(
  items: readonly BatchContact[],
  ctx: WriteContext,
): Promise<BatchSave[]> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db, cause: ctx.cause ?? ('import' as const) };
  const results: BatchSave[] = items.map(() => ({
    contactId: '',
    outcome: 'created',
    matchedBy: null,
    sameAs: null,
    conflicts: [],
  }));

  // 1. The batch's own duplicates, through maps of its emails, phones and name + organisation.
  const groups: DraftGroup[] = [];
  const byKey = new Map<string, DraftGroup>();
  const keysOf = (draft: ContactDraft) => [
    ...draft.emails.map((e) => `e:${e.address.trim().toLowerCase()}`),
    ...phoneKeysOf(draft).map((p) => `p:${p}`),
    ...(nameOrgKey(draft) ? [`n:${nameOrgKey(draft)}`] : []),
  ];
  const groupOf: DraftGroup[] = [];
  items.forEach((item, index) => {
    const keys = keysOf(item.draft);
    const near = [...new Set(keys.flatMap((k) => byKey.get(k) ?? []))];
    const match = matchContact(
      item.draft,
      near.map((g) => ({ ...g.draft, id: String(g.first), tags: g.draft.tags ?? [], group: g })),
    );
    let group: DraftGroup;
    if (match) {
      group = match.contact.group;
      const { patch, conflicts } = mergeContact(match.contact, item.draft);
      Object.assign(group.draft, patch);
      group.fill = { ...item.fill, ...group.fill };
      results[index] = { ...results[index]!, sameAs: group.first, matchedBy: match.by, conflicts };
    } else {
      group = { draft: { ...item.draft }, fill: item.fill, first: index };
      groups.push(group);
    }
    groupOf[index] = group;
    // The group's keys are its items' keys: a merge only adds the item's values.
    for (const key of keys) if (!byKey.has(key)) byKey.set(key, group);
  });

  return db.transaction('rw', writeTables(db), async () => {
    // 2. Stored contacts that could be any group's person: three indexed queries for the batch.
    const emails = [
      ...new Set(groups.flatMap((g) => g.draft.emails.map((e) => e.address.trim().toLowerCase()))),
    ];
    const phones = [...new Set(groups.flatMap((g) => phoneKeysOf(g.draft)))];
    const names = [...new Set(groups.map((g) => nameKey(g.draft.displayName)))];
    const stored = new Map<string, ContactRow>();
    const index = new Map<string, ContactRow[]>();
    const note = (key: string, row: ContactRow) => index.set(key, [...(index.get(key) ?? []), row]);
    for (const [field, keys] of [
      ['emailKeys', emails],
      ['phoneKeys', phones],
      ['nameKey', names],
    ] as const) {
      if (keys.length === 0) continue;
      for (const row of await db.contacts.where(field).anyOf(keys).toArray()) {
        if (!live(row)) continue;
        stored.set(row.id, row);
      }
    }
    for (const row of stored.values()) {
      for (const e of row.emailKeys) note(`e:${e}`, row);
      for (const p of row.phoneKeys) note(`p:${p}`, row);
      note(`n:${row.nameKey}`, row);
    }
    const identities = new Map(
      await Promise.all(
        [...stored.values()].map(async (row) => [row.id, await identityOf(row, db)] as const),
      ),
    );

    // 3. Match each group against them; several groups may be the same stored person.
    const creates: DraftGroup[] = [];
    const merges = new Map<string, { group: DraftGroup; by: MatchReason }[]>();
    for (const group of groups) {
      const keys = [
        ...group.draft.emails.map((e) => `e:${e.address.trim().toLowerCase()}`),
        ...phoneKeysOf(group.draft).map((p) => `p:${p}`),
        `n:${nameKey(group.draft.displayName)}`,
      ];
      const near = [...new Set(keys.flatMap((k) => index.get(k) ?? []))].map(
        (row) => identities.get(row.id)!,
      );
      const match = matchContact(group.draft, near);
      if (!match) creates.push(group);
      else merges.set(match.contact.id, [...(merges.get(match.contact.id) ?? []), { group, by: match.by }]);
    }

    // 4. Companies by name: found by organisation key, the missing ones created in one bulk write.
    const orgNames = new Map<string, string>();
    for (const group of [...creates, ...[...merges.values()].flat().map((m) => m.group)])
      if (group.draft.organization)
        orgNames.set(organizationKey(group.draft.organization), group.draft.organization);
    const companyIds = new Map<string, string>();
    if (orgNames.size > 0) {
      for (const company of await db.companies
        .where('orgKey')
        .anyOf([...orgNames.keys()])
        .toArray())
        if (live(company) && !companyIds.has(company.orgKey)) companyIds.set(company.orgKey, company.id);
      const missing = [...orgNames].filter(([key]) => !companyIds.has(key));
      const made = await createRecords(
        'companies',
        missing.map(([, name]) => ({ name })),
        inner,
      );
      for (const [i, [key]] of missing.entries()) companyIds.set(key, made[i]!.id);
    }
    const companyOf = (name: string | undefined) =>
      name ? (companyIds.get(organizationKey(name)) ?? null) : null;

    // 5. New contacts in one validated bulk write.
    const created = await createRecords(
      'contacts',
      creates.map(({ draft, fill }) => {
        const { organization, ...fields } = draft;
        return { ...fill, ...fields, companyId: companyOf(organization) };
      }),
      inner,
    );
    const idOfGroup = new Map<
      DraftGroup,
      { id: string; outcome: BatchSave['outcome']; by: MatchReason | null; conflicts: FieldConflict[] }
    >();
    for (const [i, group] of creates.entries())
      idOfGroup.set(group, { id: created[i]!.id, outcome: 'created', by: null, conflicts: [] });

    // 6. Merges into stored contacts, one person at a time, each seeing the previous merge's result.
    for (const [id, matched] of merges) {
      let identity = identities.get(id)!;
      for (const { group, by } of matched) {
        const { patch, conflicts } = mergeContact(identity, group.draft);
        const { organization, ...fields } = patch;
        const update: Partial<NewRecord<'contacts'>> = { ...fields };
        if (organization) update.companyId = companyOf(organization);
        const row = identity.row;
        if (group.fill?.gender && !row.gender) update.gender = group.fill.gender;
        if (group.fill?.preferences?.text && !row.preferences.text)
          update.preferences = { ...row.preferences, text: group.fill.preferences.text };
        let outcome: BatchSave['outcome'] = 'unchanged';
        if (Object.keys(update).length > 0) {
          const saved = await updateRecord('contacts', id, update, inner);
          if (saved !== row) outcome = 'merged';
          identity = await identityOf(saved, db);
        }
        idOfGroup.set(group, { id, outcome, by, conflicts });
      }
    }

    return results.map((result, i) => {
      const group = groupOf[i]!;
      const saved = idOfGroup.get(group)!;
      if (result.sameAs !== null) return { ...result, contactId: saved.id };
      return {
        ...result,
        contactId: saved.id,
        outcome: saved.outcome,
        matchedBy: saved.by,
        conflicts: saved.conflicts,
      };
    });
  });
}
