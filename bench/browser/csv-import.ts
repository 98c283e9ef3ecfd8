import { KeepcardDB } from '../../extension/src/db/db';
import { checkRows, guessKind, readCsvFile, runImport } from '../../extension/src/transfer/file-import';
import { guessMapping, toCsv } from '../../shared/src/index';
import { generateContacts, prng } from './generate-contacts';

const actor = { userId: 'bench-user', teamId: null };

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

const COMPANIES = [
  '杭州茶叶贸易有限公司',
  '深圳华强电子有限公司',
  '北京字节跳动科技有限公司',
  '上海丝绸进出口公司',
  'Acme GmbH',
  'Tea House Inc.',
  'Maison Dubois SARL',
  'Rossi & Figli S.p.A.',
];

/**
 * A contacts export as a Chinese CRM or Excel writes it: Chinese headers, local phone numbers
 * ("138 1000 0001", normalised to E.164 on import), companies, provinces, tags; UTF-8 with BOM.
 */
export function contactsCsv(rows: number): Uint8Array {
  const rand = prng(7);
  const contacts = generateContacts(rows);
  const body = contacts.map((c, i) => {
    const phone = c.phones?.[0]?.number ?? '';
    const local = phone.startsWith('+86')
      ? `${phone.slice(3, 6)} ${phone.slice(6, 10)} ${phone.slice(10)}`
      : phone;
    return [
      c.displayName,
      local,
      c.emails?.[0]?.address,
      // 2,500 companies of four people each (a name repeated at one company is one person: merged).
      `${COMPANIES[Math.floor(rand() * COMPANIES.length)]} ${Math.floor(i / 4) + 1}`,
      c.title,
      c.address?.region,
      c.address?.city,
      c.address?.country,
      (c.tags ?? []).join(','),
    ];
  });
  return new TextEncoder().encode(
    toCsv(['姓名', '手机', '邮箱', '公司', '职位', '省份', '城市', '国家', '标签'], body),
  );
}

/**
 * Imports the file into a fresh Keepcard database through the Import screen's own steps (decode,
 * parse, guess the mapping, check every row, batch write through the repository in one
 * transaction), `rounds` times; returns the milliseconds of each whole import and of its write part.
 */
export async function benchCsvImport(opts: { rows: number; rounds: number }) {
  const bytes = contactsCsv(opts.rows);
  const totalMs: number[] = [];
  const writeMs: number[] = [];
  let summary: unknown = null;
  for (let round = 0; round < opts.rounds; round++) {
    await deleteDatabase('bench-csv-import');
    const db = new KeepcardDB('bench-csv-import');
    await db.open();
    const started = performance.now();
    const file = readCsvFile(bytes, 'customers.csv');
    const kind = guessKind(file.table.headers);
    const mapping = guessMapping(file.table.headers, kind);
    const now = Date.now();
    const checked = checkRows(file, kind, mapping, {
      defaultRegion: 'CN',
      defaultCurrency: 'CNY',
      utcOffsetMinutes: 480,
      dayFirst: false,
      now,
    });
    const writeStarted = performance.now();
    const outcome = await runImport(checked, { actor, now, db });
    const ended = performance.now();
    const stored = await db.contacts.count();
    const c = outcome.contacts;
    // Every row is either a new contact or the same person as an earlier row (name at the same company).
    if (kind !== 'contacts' || checked.errors.length > 0 || !c || stored !== c.created)
      throw new Error(`import stored ${stored} contacts (${checked.errors.length} bad rows, kind ${kind})`);
    if (c.created + c.sameAsEarlierRow !== opts.rows)
      throw new Error(`rows unaccounted for: ${JSON.stringify(c)}`);
    totalMs.push(ended - started);
    writeMs.push(ended - writeStarted);
    summary = { ...outcome.contacts, contactIds: undefined, encoding: file.encoding, bytes: bytes.length };
    db.close();
    await deleteDatabase('bench-csv-import');
  }
  return { totalMs, writeMs, summary };
}
