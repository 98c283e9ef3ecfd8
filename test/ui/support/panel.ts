// Helpers for the side panel specs: load the demo book, and stand in for the scoring worker (issue 4)
// by scoring the book with the shared scoring code and writing score pages the way the worker does.
import type { Page } from '@playwright/test';
import { scoreDetailOf } from '../../../extension/src/db/score-detail';
import { packPages, type ScorePageRow, scoreReadOf } from '../../../extension/src/db/score-pages';
import {
  type CustomerScores,
  groupCustomerRecords,
  type ListScores,
  scoreWorkspace,
} from '../../../shared/src/index';
import { expect } from '../../support/extension';

export async function goTo(panel: Page, section: 'Customers' | 'Settings' | '客户' | '设置') {
  await panel.getByRole('navigation').getByRole('button', { name: section, exact: true }).click();
}

/** Settings → Load demo data, then back to the list, waiting until the list shows the book. */
export async function loadDemo(panel: Page) {
  await goTo(panel, 'Settings');
  await panel.getByRole('button', { name: 'Load demo data', exact: true }).click();
  await expect(panel.getByTestId('demo-loaded')).toBeVisible({ timeout: 30_000 });
  await goTo(panel, 'Customers');
  await expect(panel.getByTestId('result-count')).toHaveText('38 customers');
}

type Row = Record<string, unknown> & { id: string; contactId: string; deletedAt: number | null };

/** Every row of the given stores of the panel's database, read with plain IndexedDB. */
export async function readStores(panel: Page, stores: string[]): Promise<Record<string, Row[]>> {
  return panel.evaluate(
    (names) =>
      new Promise<Record<string, Row[]>>((resolve, reject) => {
        const open = indexedDB.open('keepcard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(names, 'readonly');
          const out: Record<string, Row[]> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => {
              out[name] = req.result as Row[];
            };
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    stores,
  );
}

/** The stored list scores of every scored contact, by contact id (read from the score pages). */
export async function storedListScores(panel: Page): Promise<Map<string, ListScores>> {
  const pages = (await readStores(panel, ['scorePages'])).scorePages as unknown as ScorePageRow[];
  return new Map(scoreReadOf(pages).rows.map((s) => [s.contactId, s.list]));
}

/** The flat list part of stored scores, as the worker derives it from the detail. */
function listScoresOf(s: CustomerScores, tasks: Row[]) {
  const open = tasks
    .filter(
      (t) =>
        t.contactId === s.contactId && t.deletedAt === null && t.doneAt === null && t.kind === 'follow-up',
    )
    .map((t) => t.dueAt as number);
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
    nextFollowUpAt: open.length ? Math.min(...open) : null,
  };
}

/**
 * Scores every contact of the panel's database with the shared scoring code (CNY workspace, USD and
 * EUR converted) and writes its score pages. The panel is reloaded: Dexie's live queries do not see
 * writes made with plain IndexedDB.
 */
export async function scoreBook(panel: Page, now = Date.now()) {
  const t = await readStores(panel, ['contacts', 'purchases', 'interactions', 'feedback', 'tasks']);
  const contacts = t.contacts!.filter((c) => c.deletedAt === null);
  const lost = new Map<string, { at: number; reason: string }>();
  for (const c of contacts) if (c.lost) lost.set(c.id, c.lost as { at: number; reason: string });
  const customers = groupCustomerRecords({
    contactIds: contacts.map((c) => c.id),
    purchases: t.purchases as never,
    interactions: t.interactions as never,
    feedback: t.feedback as never,
    tasks: t.tasks as never,
    lost,
  });
  const { scores } = scoreWorkspace(
    customers,
    { currency: 'CNY', exchangeRates: { USD: 7.1, EUR: 7.8 }, utcOffsetMinutes: 480 },
    now,
  );
  const rows = packPages(
    scores.map((s) => ({
      contactId: s.contactId,
      scoredAt: now,
      list: listScoresOf(s, t.tasks!) as ListScores,
      detail: scoreDetailOf(s),
    })),
    now,
  );
  await panel.evaluate(
    (scoreRows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keepcard');
        open.onsuccess = () => {
          const tx = open.result.transaction('scorePages', 'readwrite');
          for (const row of scoreRows) tx.objectStore('scorePages').put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    JSON.parse(JSON.stringify(rows)),
  );
  await panel.reload();
  return scores;
}
