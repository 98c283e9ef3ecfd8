import { sameValue } from '@keepcard/shared';
import { cardDataFromIdb } from '../../db/queries/card-idb-reader';
import type { CardData } from '../../db/queries/card-queries';

/**
 * How many timeline items a card shows first, and how many more each "Show older" adds: the newest
 * activity at a glance. A first page of 50 was two thirds of the card's elements (354 of 557, in the
 * panel bench's book), all of them below the first screen, built before the card could paint.
 */
export const FIRST_TIMELINE_LIMIT = 20;

interface Primed {
  id: string;
  limit: number;
  promise: Promise<CardData>;
  value?: CardData;
}

let primed: Primed | null = null;

/**
 * Starts reading a card's rows as the panel's script starts, before React has mounted: the card's
 * own live query starts only when the card mounts, so a panel opened on a card would otherwise wait
 * for the mount and then for the database. The card renders from this snapshot first; its live query
 * then keeps it current (and renders nothing again when it read the same rows).
 */
export function primeCard(
  id: string,
  limit = FIRST_TIMELINE_LIMIT,
  read: (id: string, limit: number) => Promise<CardData> = cardDataFromIdb,
): Promise<CardData> {
  const entry: Primed = { id, limit, promise: read(id, limit) };
  entry.promise.then(
    (value) => {
      performance.mark?.('keepcard:card-primed');
      entry.value = value;
    },
    (error: unknown) => {
      // The live query reads again and shows the error; a failed snapshot is simply not used. The
      // reason is kept as a mark (a database at another version than this code's turns this path off).
      performance.mark?.('keepcard:card-primed-failed', { detail: String(error) });
      if (primed === entry) primed = null;
    },
  );
  primed = entry;
  return entry.promise;
}

/** The primed snapshot for this card and timeline length, if one was started. */
export function primedCard(id: string, limit: number): Primed | null {
  return primed && primed.id === id && primed.limit === limit ? primed : null;
}

/**
 * The live query's answer, or the primed snapshot itself when both hold the same rows: the card
 * keeps the object it already rendered, so it does not render again for nothing.
 */
export function keepPrimedIfSame(id: string, limit: number, live: CardData): CardData {
  const snapshot = primedCard(id, limit)?.value;
  // Used once: later answers come from real changes, and a card opened again reads afresh.
  primed = null;
  return snapshot !== undefined && sameValue(snapshot, live) ? snapshot : live;
}
