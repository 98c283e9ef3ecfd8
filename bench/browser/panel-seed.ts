// Seeds the extension's own database (run inside a page of the e2e extension) with a large book:
// contacts, companies, purchases, notes, tasks and stored scores. Rows are built with the product's own
// derived keys (nameKey, phoneKey) and written with plain IndexedDB in large transactions, because
// going through the repository for 1.4 million rows would take longer than the benchmark itself. What
// the repository keeps beside the rows is written too, with the product's own code: each contact's
// purchase digest (purchase-digest.ts) and score pages as the scoring worker stores them (score-pages.ts).

import { type DigestSource, digestsOf, PURCHASE_DIGESTS } from '../../extension/src/db/purchase-digest';
import { scoreDetailOf } from '../../extension/src/db/score-detail';
import { packPages, SCORE_PAGES } from '../../extension/src/db/score-pages';
import {
  type CustomerScores,
  groupCustomerRecords,
  nameKey,
  newId,
  phoneKey,
  SCHEMA_VERSION,
  scoreWorkspace,
  type WorkspaceModel,
} from '../../shared/src/index';
import { generateContacts, prng } from './generate-contacts';

export interface PanelSeedOptions {
  contacts: number;
  purchases: number;
  notes: number;
  companies: number;
  now: number;
  /**
   * Store every contact's scores and a fitted model, as a panel opened today finds them (default).
   * false leaves both out, so the panel's scoring worker refits and scores the whole book on open.
   */
  scores?: boolean;
}

export interface PanelSeedResult {
  ms: number;
  knownContactIds: string[];
  counts: Record<string, number>;
}

const DAY = 86_400_000;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('keepcard');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function put(db: IDBDatabase, store: string, rows: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite', { durability: 'relaxed' });
    const os = tx.objectStore(store);
    for (const row of rows) os.put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const base = (now: number, owner: string) => ({
  createdAt: now,
  updatedAt: now,
  deletedAt: null,
  ownerId: owner,
  teamId: null,
  visibility: 'private' as const,
  schemaVersion: SCHEMA_VERSION,
});

/**
 * Score details of realistic shape and size: the shared scoring run over a sample of generated
 * customers, reused (with the contact id replaced) for every contact of the book.
 */
function sampleScores(now: number, rand: () => number): { model: WorkspaceModel; scores: CustomerScores[] } {
  const contactIds = Array.from({ length: 400 }, (_, i) => `sample-${i}`);
  const purchases = contactIds.flatMap((contactId, i) =>
    Array.from({ length: i % 9 }, () => ({
      contactId,
      occurredAt: Math.round(now - rand() * 720 * DAY),
      amountMinor: Math.round(1000 + rand() * 200_000),
      currency: 'CNY',
    })),
  );
  const interactions = contactIds.flatMap((contactId, i) =>
    Array.from({ length: i % 4 }, () => ({ contactId, occurredAt: Math.round(now - rand() * 300 * DAY) })),
  );
  return scoreWorkspace(
    groupCustomerRecords({ contactIds, purchases, interactions }),
    { currency: 'CNY', utcOffsetMinutes: 480 },
    now,
  );
}

function listScores(s: CustomerScores, nextFollowUpAt: number | null) {
  return {
    tier: s.valueTier.tier,
    lifecycle: s.lifecycle.stage,
    churnLevel: s.churnRisk.level,
    churnRisk: s.churnRisk.percent / 100,
    lifetimeValueMinor: s.lifetimeValue.valueMinor,
    revenueInWindowMinor: s.valueTier.revenueMinor,
    currency: s.currency,
    rfm: { r: s.rfm.recency ?? 0, f: s.rfm.frequency ?? 0, m: s.rfm.monetary ?? 0 },
    frequency: s.classification.frequency.label,
    revenueClass: s.classification.revenueContribution.label,
    potential: s.classification.potential.label,
    closeness: s.classification.closeness.label,
    lastPurchaseAt: null,
    lastContactAt: null,
    nextFollowUpAt,
  };
}

const PRODUCTS = [
  '明前龙井 500g',
  'Porcelain tea set',
  '真丝围巾',
  'Oolong 1 kg',
  '青花瓷茶具',
  'Silk scarf',
];
const NOTES = [
  '电话沟通了新一季报价，客户考虑增加订单。',
  'Discussed next season prices.',
  '客户询问中秋礼盒定制。',
  'Asked for samples.',
];

export async function seedPanelBook(o: PanelSeedOptions): Promise<PanelSeedResult> {
  const started = performance.now();
  const rand = prng(7);
  const db = await openDb();
  const owner = 'local:bench';
  const BATCH = 10_000;
  let rev = 0;

  const companies = Array.from({ length: o.companies }, (_, i) => {
    const name = i % 2 ? `深圳华强电子贸易有限公司 ${i}` : `Harbor Trading ${i} Inc.`;
    return {
      id: newId(),
      ...base(o.now, owner),
      name,
      tags: [],
      orgKey: name.toLowerCase(),
      localRev: ++rev,
    };
  });
  await put(db, 'companies', companies);

  const contactIds: string[] = [];
  for (let start = 0; start < o.contacts; start += BATCH) {
    const inputs = generateContacts(Math.min(BATCH, o.contacts - start), 1000 + start);
    const rows = inputs.map((c, i) => {
      const n = start + i;
      const id = newId();
      contactIds.push(id);
      const emails = (c.emails ?? []).map((e) => ({
        address: e.address.replace('@', `.${n}@`),
        label: e.label ?? 'work',
      }));
      const phones = (c.phones ?? []).map((p) => ({
        number: p.number,
        raw: p.raw,
        label: p.label ?? 'mobile',
      }));
      return {
        id,
        ...base(o.now - n * 1000, owner),
        displayName: c.displayName,
        givenName: c.givenName,
        familyName: c.familyName,
        title: c.title,
        gender: rand() < 0.5 ? 'female' : 'male',
        birthday: `${1950 + Math.floor(rand() * 50)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        companyId: companies[n % companies.length]!.id,
        emails,
        phones,
        socials: [],
        urls: [],
        address: c.address,
        tags: c.tags ?? [],
        preferences: { text: '', tags: [] },
        source: c.source,
        lost: null,
        emailKeys: emails.map((e) => e.address),
        phoneKeys: phones.map(phoneKey),
        nameKey: nameKey(c.displayName),
        localRev: ++rev,
      };
    });
    await put(db, 'contacts', rows);
  }

  // Purchases: a skewed number per customer (a few heavy buyers, many light ones), two years back.
  const known = contactIds.slice(0, 5);
  let purchases = 0;
  let batch: (DigestSource & Record<string, unknown>)[] = [];
  const digestSources: DigestSource[] = [];
  const perContact = o.purchases / o.contacts;
  for (let n = 0; n < o.contacts && purchases < o.purchases; n++) {
    const count =
      n < known.length ? 60 : Math.min(o.purchases - purchases, Math.floor(rand() * rand() * perContact * 4));
    for (let k = 0; k < count; k++) {
      batch.push({
        id: newId(),
        ...base(o.now, owner),
        contactId: contactIds[n]!,
        occurredAt: Math.round(o.now - rand() * 730 * DAY),
        product: PRODUCTS[k % PRODUCTS.length]!,
        quantity: 1,
        amountMinor: Math.round(1000 + rand() * 300_000),
        currency: n % 5 === 0 ? 'USD' : n % 7 === 0 ? 'EUR' : 'CNY',
      });
      purchases++;
      if (batch.length >= BATCH) {
        await put(db, 'purchases', batch);
        digestSources.push(...batch);
        batch = [];
      }
    }
  }
  // Whatever the skew left over goes to the rest, so the total is exact.
  for (let n = known.length; purchases < o.purchases; n = n + 1 >= o.contacts ? known.length : n + 1) {
    batch.push({
      id: newId(),
      ...base(o.now, owner),
      contactId: contactIds[n]!,
      occurredAt: Math.round(o.now - rand() * 730 * DAY),
      product: PRODUCTS[n % PRODUCTS.length]!,
      quantity: 1,
      amountMinor: Math.round(1000 + rand() * 300_000),
      currency: 'CNY',
    });
    purchases++;
    if (batch.length >= BATCH) {
      await put(db, 'purchases', batch);
      digestSources.push(...batch);
      batch = [];
    }
  }
  if (batch.length) await put(db, 'purchases', batch);
  digestSources.push(...batch);
  const digests = digestsOf(digestSources);
  for (let start = 0; start < digests.length; start += BATCH)
    await put(db, PURCHASE_DIGESTS, digests.slice(start, start + BATCH));
  digestSources.length = 0;
  batch = [];

  const notes: unknown[] = [];
  for (let k = 0; k < o.notes; k++) {
    const contactId = k < 100 ? known[k % known.length]! : contactIds[Math.floor(rand() * o.contacts)]!;
    const at = Math.round(o.now - rand() * 700 * DAY);
    notes.push({
      id: newId(),
      ...base(at, owner),
      text: NOTES[k % NOTES.length]!,
      contactId,
      companyId: null,
    });
    if (notes.length >= BATCH) await put(db, 'notes', notes.splice(0));
  }
  if (notes.length) await put(db, 'notes', notes);

  const tasks = known.flatMap((contactId, i) => [
    {
      id: newId(),
      ...base(o.now, owner),
      kind: 'follow-up',
      title: 'Follow up',
      dueAt: o.now + (i - 2) * DAY,
      doneAt: null,
      contactId,
      recurrence: null,
    },
  ]);
  await put(db, 'tasks', tasks);

  // Stored scores, as the scoring worker writes them (in pages of the contacts hashed together).
  const withScores = o.scores !== false;
  const sample = withScores ? sampleScores(o.now, rand) : null;
  const samples = sample?.scores ?? [];
  const pageRows = packPages(
    (withScores ? contactIds : []).map((contactId, i) => {
      const detail = { ...samples[i % samples.length]!, contactId };
      const follow = rand() < 0.3 ? Math.round(o.now + (rand() - 0.3) * 60 * DAY) : null;
      return { contactId, scoredAt: o.now, list: listScores(detail, follow), detail: scoreDetailOf(detail) };
    }),
    rev + 1,
  );
  rev += pageRows.length;
  for (let start = 0; start < pageRows.length; start += 256)
    await put(db, SCORE_PAGES, pageRows.slice(start, start + 256));
  // With scores, the fitted model of today too (scoring-store's StoredModel): a panel opened on a
  // scored book does not refit (refitDue), so the panel benchmarks measure the panel, not a refit.
  const meta: { key: string; value: unknown }[] = [{ key: 'localRev', value: rev }];
  if (sample)
    meta.push({ key: 'scoringModel', value: { model: sample.model, settings: {}, contacts: o.contacts } });
  await put(db, 'meta', meta);
  db.close();
  return {
    ms: performance.now() - started,
    knownContactIds: known,
    counts: {
      contacts: o.contacts,
      companies: o.companies,
      purchases,
      notes: o.notes,
      scores: withScores ? o.contacts : 0,
    },
  };
}

Object.assign(globalThis, { keepcardPanelSeed: seedPanelBook });
