import { groupCustomerRecords, type ListScores, scoreWorkspace } from '@keepcard/shared';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { ListLoader } from '../list/list-loader';
import { contactScoresOf } from '../scoring/scoring-store';
import { KeepcardDB } from './db';
import type { ScoreDetail } from './score-detail';
import {
  type ContactScores,
  packScore,
  SCORE_PAGE_COUNT,
  type ScorePageRow,
  samePagedScore,
  scoresOnPage,
} from './score-pages';
import {
  clearScores,
  readAllListScores,
  readListScores,
  readScores,
  replaceScorePages,
  scorePageOf,
  writeScores,
} from './scores-repo';
import { freshDb } from './test-db';

const NOW = Date.UTC(2026, 10, 22);
const DAY = 86_400_000;

const list = (tier: ListScores['tier'], churnRisk = 0.1): ListScores => ({
  tier,
  lifecycle: 'repeat',
  churnLevel: 'low',
  churnRisk,
  lifetimeValueMinor: 1000,
  revenueInWindowMinor: 5000,
  currency: 'CNY',
  rfm: { r: 3, f: 2, m: 4 },
  frequency: 'high',
  revenueClass: 'mid',
  potential: 'mid',
  closeness: 'close',
  lastPurchaseAt: NOW - DAY,
  lastContactAt: null,
  nextFollowUpAt: null,
});

const detail = (tier: ListScores['tier'], nextPurchaseAt: number | null = NOW + 10 * DAY): ScoreDetail => ({
  currency: 'CNY',
  valueTier: {
    tier,
    revenueMinor: 5000,
    currency: 'CNY',
    windowDays: 365,
    reasons: [{ code: 'tier.share', params: { share: 80 } }],
  },
  lifecycle: { stage: 'repeat', reasons: [] },
  churnRisk: { level: 'low', percent: 10, reasons: [], moreReasons: [] },
  rfm: { recency: 3, frequency: 2, monetary: 4 },
  closeness: 'close',
  lifetimeValue: {
    valueMinor: 1000,
    currency: 'CNY',
    horizonDays: 365,
    expectedPurchases: 2,
    nextPurchaseAt,
  },
});

const scored = (contactId: string, tier: ListScores['tier'] = 'A', next?: number | null): ContactScores => ({
  contactId,
  scoredAt: NOW,
  list: list(tier),
  detail: detail(tier, next),
});

/** Contact ids that share a page, and one on another page. */
function idsOnOnePage(count: number): { same: string[]; other: string } {
  const byPage = new Map<number, string[]>();
  for (let i = 0; ; i++) {
    const id = `c-${i}`;
    const page = scorePageOf(id);
    const ids = byPage.get(page) ?? [];
    ids.push(id);
    byPage.set(page, ids);
    if (ids.length === count) {
      const other = [...byPage.entries()].find(([p]) => p !== page)![1][0]!;
      return { same: ids, other };
    }
  }
}

/** The refit's input for the pages of these scores: every page concerned, complete. */
const pagesOf = (scores: ContactScores[], also: number[] = []) => {
  const pages = new Map<number, ContactScores[]>(also.map((p) => [p, []]));
  for (const s of scores) {
    const page = scorePageOf(s.contactId);
    pages.set(page, [...(pages.get(page) ?? []), s]);
  }
  return pages;
};

describe('score pages', () => {
  test('a contact’s page is a stable hash of its id, within the page count', () => {
    expect(scorePageOf('0195f2c4-7b1a-7c3e-9a51-3f0e2d1c4b5a')).toBe(
      scorePageOf('0195f2c4-7b1a-7c3e-9a51-3f0e2d1c4b5a'),
    );
    const pages = new Set(Array.from({ length: 10_000 }, (_, i) => scorePageOf(`contact-${i}`)));
    for (const p of pages) expect(p >= 0 && p < SCORE_PAGE_COUNT).toBe(true);
    // 10,000 ids spread over nearly all 2,048 pages (a poor hash would bunch them).
    expect(pages.size).toBeGreaterThan(SCORE_PAGE_COUNT * 0.95);
  });

  test.each([
    ['the same scores', NOW + 10 * DAY, 'A', true],
    ['next purchase moved by less than half a day', NOW + 10 * DAY + 43_199_999, 'A', true],
    ['next purchase moved by half a day', NOW + 10 * DAY + 43_200_000, 'A', false],
    ['next purchase gone', null, 'A', false],
    ['another tier', NOW + 10 * DAY, 'B', false],
  ] as const)('samePagedScore: %s → %s', (_, next, tier, same) => {
    const stored = packScore(scored('a', 'A'));
    expect(samePagedScore(stored, packScore(scored('a', tier, next)))).toBe(same);
  });

  test('a changed list value (here the last contact) is a changed score', () => {
    const stored = packScore(scored('a'));
    const contacted = scored('a');
    contacted.list = { ...contacted.list, lastContactAt: NOW };
    expect(samePagedScore(stored, packScore(contacted))).toBe(false);
  });

  test('every scoring result reads back from its page as it was stored, in well under half the old bytes', () => {
    const now = NOW;
    const contactIds = Array.from({ length: 300 }, (_, i) => `c-${i}`);
    const purchases = contactIds.flatMap((contactId, i) =>
      Array.from({ length: i % 13 }, (_, k) => ({
        contactId,
        occurredAt: now - ((i * 37 + k * 53) % 700) * DAY,
        amountMinor: 1000 + ((i * 7919 + k * 104_729) % 300_000),
        currency: i % 10 === 0 ? 'JPY' : i % 5 === 0 ? 'USD' : 'CNY',
      })),
    );
    const interactions = contactIds.flatMap((contactId, i) =>
      Array.from({ length: i % 4 }, (_, k) => ({ contactId, occurredAt: now - (k * 40 + i) * DAY })),
    );
    const lost = new Map([[contactIds[7]!, { at: now - DAY, reason: '价格太高，转向竞争对手' }]]);
    const records = groupCustomerRecords({ contactIds, purchases, interactions, lost });
    const { scores } = scoreWorkspace(records, { currency: 'CNY', exchangeRates: { USD: 7.1 } }, now);
    let packedBytes = 0;
    let version9Bytes = 0;
    scores.forEach((s, i) => {
      const stored = contactScoresOf({ scores: s, records: records[i]! });
      const page: ScorePageRow = { page: 0, localRev: 1, scores: { [s.contactId]: packScore(stored) } };
      expect(scoresOnPage(page, s.contactId)).toEqual(stored);
      packedBytes += JSON.stringify(page.scores).length;
      version9Bytes += JSON.stringify({
        [s.contactId]: { ...stored, detail: JSON.stringify(stored.detail) },
      }).length;
    });
    // A reason the UI's catalog has no message for keeps its English text.
    const withText = scored('t');
    withText.detail.churnRisk.moreReasons = [
      { code: 'churn.future-signal', params: { n: 1 }, text: 'A new signal.' },
    ];
    const page: ScorePageRow = { page: 0, localRev: 1, scores: { t: packScore(withText) } };
    expect(scoresOnPage(page, 't')).toEqual(withText);
    expect(packedBytes / version9Bytes).toBeLessThan(0.5);
  });

  test('writes, reads back (with the expected next purchase) and removes one contact’s scores', async () => {
    const { db } = freshDb(NOW);
    const { same, other } = idsOnOnePage(2);
    await writeScores(db, { put: [scored(same[0]!), scored(same[1]!, 'B'), scored(other, 'C')] });
    expect(await db.scorePages.count()).toBe(2);
    expect(await readScores(db, same[1]!)).toEqual(scored(same[1]!, 'B'));
    expect((await readListScores(db, other))?.tier).toBe('C');
    expect(await readScores(db, 'never-scored')).toBeNull();

    const before = (await db.scorePages.get(scorePageOf(other)))!.localRev;
    await writeScores(db, { remove: [same[0]!] });
    expect(await readScores(db, same[0]!)).toBeNull();
    expect(await readScores(db, same[1]!)).toEqual(scored(same[1]!, 'B'));
    // The other page was not touched.
    expect((await db.scorePages.get(scorePageOf(other)))!.localRev).toBe(before);
    // The last contact of a page leaves no empty page behind.
    await writeScores(db, { remove: [other] });
    expect(await db.scorePages.get(scorePageOf(other))).toBeUndefined();
    expect([...(await readAllListScores(db)).keys()]).toEqual([same[1]]);
  });

  test('a rescore rewrites one page, with a newer change counter, and keeps its neighbours', async () => {
    const { db } = freshDb(NOW);
    const { same } = idsOnOnePage(3);
    await writeScores(db, { put: same.map((id) => scored(id)) });
    const page = scorePageOf(same[0]!);
    const rev = (await db.scorePages.get(page))!.localRev;
    expect(await writeScores(db, { put: [scored(same[1]!, 'C')] })).toBe(1);
    expect((await db.scorePages.get(page))!.localRev).toBeGreaterThan(rev);
    expect((await readListScores(db, same[1]!))?.tier).toBe('C');
    expect(await readScores(db, same[0]!)).toEqual(scored(same[0]!));
    expect(await readScores(db, same[2]!)).toEqual(scored(same[2]!));
  });

  test('a refit writes only the pages where some contact’s scores changed, appeared or went', async () => {
    const { db } = freshDb(NOW);
    const { same, other } = idsOnOnePage(2);
    const all = [scored(same[0]!), scored(same[1]!), scored(other)];
    expect(await replaceScorePages(db, pagesOf(all))).toEqual({ pages: 2, contacts: 3 });
    const revs = async () => (await db.scorePages.toArray()).map((p) => [p.page, p.localRev]);
    const first = await revs();

    // Same scores, the next purchase a few hours on: nothing written.
    const later = all.map((s) => scored(s.contactId, 'A', NOW + 10 * DAY + 3_600_000));
    expect(await replaceScorePages(db, pagesOf(later))).toEqual({ pages: 0, contacts: 0 });
    expect(await revs()).toEqual(first);

    // One contact changed: only its page is written; its neighbour keeps its stored form.
    const changed = [scored(same[0]!, 'B'), later[1]!, later[2]!];
    expect(await replaceScorePages(db, pagesOf(changed))).toEqual({ pages: 1, contacts: 1 });
    expect((await readListScores(db, same[0]!))?.tier).toBe('B');
    expect(await readScores(db, same[1]!)).toEqual(all[1]);
    expect((await db.scorePages.get(scorePageOf(other)))!.localRev).toBe(
      first.find(([p]) => p === scorePageOf(other))![1],
    );

    // A contact gone: its page is rewritten without it, or deleted when nobody is left.
    const otherPage = scorePageOf(other);
    expect(await replaceScorePages(db, pagesOf([changed[0]!], [otherPage]))).toEqual({
      pages: 2,
      contacts: 2,
    });
    expect(await readScores(db, same[1]!)).toBeNull();
    expect(await db.scorePages.get(otherPage)).toBeUndefined();
    await clearScores(db);
    expect(await db.scorePages.count()).toBe(0);
  });

  test('the list loader picks up exactly the pages changed since it last read', async () => {
    const { db } = freshDb(NOW);
    const { same, other } = idsOnOnePage(2);
    await writeScores(db, { put: [scored(same[0]!), scored(same[1]!), scored(other)] });
    const loader = new ListLoader(db);
    const applied: string[][] = [];
    const apply = loader.index.apply.bind(loader.index);
    loader.index.apply = (batch) => {
      if (batch.scores) applied.push(batch.scores.map((s) => s.contactId).sort());
      apply(batch);
    };
    await loader.pull();
    expect(applied.flat().sort()).toEqual([...same, other].sort());
    applied.length = 0;
    await writeScores(db, { put: [scored(other, 'C')] });
    await loader.pull();
    expect(applied).toEqual([[other]]);
    applied.length = 0;
    await loader.pull();
    expect(applied).toEqual([]);
  });

  test('the version 10 upgrade repacks a version 9 database’s pages and keeps their change counters', async () => {
    const name = `keepcard-v9-${Math.random()}`;
    const v9 = new Dexie(name, { indexedDB, IDBKeyRange });
    v9.version(9).stores({ contacts: 'id', scorePages: 'page, localRev', meta: 'key' });
    const { same, other } = idsOnOnePage(2);
    const rows = [scored(same[0]!), scored(same[1]!, 'B', null), scored(other, 'C')];
    // Version 9's form: the list scores as an object, the whole detail as JSON (next purchase apart).
    const version9 = (s: ContactScores) => ({
      scoredAt: s.scoredAt,
      list: s.list,
      detail: JSON.stringify({
        ...s.detail,
        lifetimeValue: { ...s.detail.lifetimeValue, nextPurchaseAt: null },
      }),
      nextPurchaseAt: s.detail.lifetimeValue.nextPurchaseAt,
    });
    const pages = new Map<number, Record<string, unknown>>();
    for (const r of rows)
      pages.set(scorePageOf(r.contactId), {
        ...pages.get(scorePageOf(r.contactId)),
        [r.contactId]: version9(r),
      });
    await v9
      .table('scorePages')
      .bulkAdd([...pages].map(([page, scores], i) => ({ page, localRev: 7 + i, scores })));
    v9.close();

    const db = new KeepcardDB(name, { indexedDB, IDBKeyRange });
    await db.open();
    for (const r of rows) expect(await readScores(db, r.contactId)).toEqual(r);
    expect((await readAllListScores(db)).get(other)).toEqual(rows[2]!.list);
    expect((await db.scorePages.toArray()).map((p) => p.localRev).sort()).toEqual([7, 8]);
    db.close();
  });

  test('the version 9 upgrade moves a version 8 database’s score rows into pages and drops the store', async () => {
    const name = `keepcard-v8-${Math.random()}`;
    const v8 = new Dexie(name, { indexedDB, IDBKeyRange });
    v8.version(8).stores({ contacts: 'id', scores: 'contactId, localRev', meta: 'key' });
    const { same, other } = idsOnOnePage(2);
    const rows = [scored(same[0]!), scored(same[1]!, 'B'), scored(other, 'C', null)];
    await v8.table('scores').bulkAdd(rows.map((r, i) => ({ ...r, localRev: i + 1 })));
    await v8.table('meta').put({ key: 'localRev', value: 3 });
    v8.close();

    const db = new KeepcardDB(name, { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('scores');
    expect(await db.scorePages.count()).toBe(2);
    for (const r of rows) expect(await readScores(db, r.contactId)).toEqual(r);
    // The pages took fresh change counters, so an open list reloads them.
    const revs = (await db.scorePages.toArray()).map((p) => p.localRev).sort();
    expect(revs).toEqual([4, 5]);
    expect((await db.meta.get('localRev'))?.value).toBe(5);
    db.close();
  });
});
