// Names behind the contact ids a card's change history mentions (who referred whom), for the
// timeline: plain reads, apart from the upkeep queries, which need the scoring settings' schema.
import { getDb, type HistoryRow, type KeepcardDB } from '../db';

/** Contact ids among the values of history rows of fields that point at a contact (`referredById`). */
export function contactIdsIn(history: readonly HistoryRow[]): string[] {
  const ids = new Set<string>();
  for (const h of history) {
    if (h.field !== 'referredById') continue;
    for (const json of [h.oldValue, h.newValue]) {
      try {
        const value = JSON.parse(json) as unknown;
        if (typeof value === 'string') ids.add(value);
      } catch {
        // Not JSON: not a value this repository wrote; shown as it is.
      }
    }
  }
  return [...ids].sort();
}

/** Display names of some contacts (deleted ones too: history speaks of the past), by id. */
export async function contactNames(ids: readonly string[], db?: KeepcardDB): Promise<Map<string, string>> {
  // Most histories name nobody: no database to construct or open for them (a card's first paint).
  if (ids.length === 0) return new Map();
  const rows = await (db ?? getDb()).contacts.bulkGet([...ids]);
  return new Map(rows.flatMap((c) => (c?.displayName ? [[c.id, c.displayName] as const] : [])));
}
