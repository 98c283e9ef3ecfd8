import { afterEach, describe, expect, test } from 'vitest';
import { writeScores } from '../db/scores-repo';
import { freshDb } from '../db/test-db';
import { testScores } from '../db/test-scores';
import { ListLoader, WRITES_SETTLE_MS } from './list-loader';

const NOW = Date.UTC(2026, 10, 22);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loaders: ListLoader[] = [];
afterEach(() => {
  for (const l of loaders.splice(0)) l.stop();
});

/** A started loader over a fresh database, with its pulls counted. */
async function watched() {
  const { db } = freshDb(NOW);
  const loader = new ListLoader(db);
  loaders.push(loader);
  const counts = { pulls: 0 };
  const pull = loader.pull.bind(loader);
  loader.pull = () => {
    counts.pulls++;
    return pull();
  };
  // The scores each pull applies to the list, as contact id and tier.
  const applied: string[] = [];
  const apply = loader.index.apply.bind(loader.index);
  loader.index.apply = (batch) => {
    for (const s of batch.scores ?? []) applied.push(`${s.contactId}:${s.list.tier}`);
    apply(batch);
  };
  loader.start();
  // Opening the database reports every store as written (Dexie's open): that pull settles first.
  await sleep(WRITES_SETTLE_MS * 3);
  await loader.pull();
  counts.pulls = 0;
  applied.length = 0;
  return { db, loader, counts, applied };
}

describe('the list loader follows writes', () => {
  test('a burst of score writes is pulled once, after it settles, and the list shows the last', async () => {
    const { db, loader, counts, applied } = await watched();
    for (const tier of ['C', 'B', 'A'] as const)
      await writeScores(db, { put: [testScores('c-1', NOW, { tier })] });
    expect(counts.pulls).toBe(0);
    await sleep(WRITES_SETTLE_MS * 3);
    expect(counts.pulls).toBe(1);
    await loader.pull();
    expect(applied).toEqual(['c-1:A']);
  });

  test('a steady stream of writes is still pulled while it lasts', async () => {
    const { db, counts } = await watched();
    const until = performance.now() + 900;
    for (let i = 0; performance.now() < until; i++) {
      await writeScores(db, { put: [testScores(`c-${i % 5}`, NOW, { tier: i % 2 ? 'A' : 'B' })] });
      await sleep(WRITES_SETTLE_MS / 4);
    }
    expect(counts.pulls).toBeGreaterThanOrEqual(1);
  });

  test('writes to stores the list does not show start no pull', async () => {
    const { db, counts } = await watched();
    await db.notes.put({ id: 'n-1' } as never);
    await db.meta.put({ key: 'something', value: 1 });
    await sleep(WRITES_SETTLE_MS * 3);
    expect(counts.pulls).toBe(0);
  });

  test('a stopped loader pulls no more', async () => {
    const { db, loader, counts } = await watched();
    loader.stop();
    await writeScores(db, { put: [testScores('c-1', NOW)] });
    await sleep(WRITES_SETTLE_MS * 3);
    expect(counts.pulls).toBe(0);
  });
});
