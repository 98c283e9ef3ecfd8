// Issue 2: bulk insert of 100,000 contacts through the repository vs a raw IndexedDB put loop.
import { median, round1, withBenchPage } from '../support.mjs';

export default async function contactsInsert() {
  const opts = { rows: 100_000, batch: 10_000, rounds: 3 };
  const { repository, raw, chromium } = await withBenchPage(async (page, chromiumVersion) => ({
    ...(await page.evaluate((o) => globalThis.keepcardBench.contactsInsert(o), opts)),
    chromium: chromiumVersion,
  }));
  const ratio = median(repository) / median(raw);
  return {
    description:
      'Insert 100,000 generated contacts through the repository layer (build + zod validation + Dexie bulkAdd, one transaction per batch) vs a raw IndexedDB put loop of the same built rows into a store with the same indexes.',
    environment: { chromium },
    parameters: opts,
    runsMs: { repository: repository.map(round1), raw: raw.map(round1) },
    medianMs: { repository: round1(median(repository)), raw: round1(median(raw)) },
    ratio: Math.round(ratio * 1000) / 1000,
    budget: { ratioAtMost: 1.3 },
    pass: ratio <= 1.3,
  };
}
