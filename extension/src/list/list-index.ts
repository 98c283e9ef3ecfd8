import {
  compileFilter,
  foldSearch,
  isEmptyFilter,
  type ListEntry,
  type ListScores,
  responsibleId,
  type SegmentFilter,
  type SortDirection,
  type SortKey,
  sortValue,
} from '@keepcard/shared';
import type { ContactRow } from '../db/db';
import { ListColumns } from './list-columns';
import { listEntryOf } from './list-entry-of';
import { patchSortedOrder, slicedSort } from './sliced-sort';

/** A sort as the list applies it. */
export interface ListSort {
  key: SortKey;
  dir: SortDirection;
}

/** The customers a filter and sort select: slots of the index, in order. */
export interface ListResult {
  slots: Uint32Array;
  /** The index version the result was computed at. */
  version: number;
}

/** How many customers a filter selects and their revenue in the window, per currency (minor units). */
export interface SegmentStats {
  count: number;
  revenue: { currency: string; minor: number }[];
}

/** What changed in one batch applied to the index. */
export interface IndexBatch {
  contacts?: readonly ContactRow[];
  companies?: readonly { id: string; name: string; deletedAt: number | null }[];
  scores?: readonly { contactId: string; list: ListScores }[];
}

interface CachedOrder {
  order: Uint32Array;
  version: number;
  /** The sort values of every slot at `version` (NaN: no value, sorts last). */
  values: Float64Array;
}

/**
 * The other direction of a sorted order in one pass: runs of equal value swap places, the order inside
 * a run (by name, then id) and the customers without a value (always last) stay as they are. Matches
 * compareEntries, whose ties sort by name ascending whatever the direction.
 */
export function reverseGroups(order: Uint32Array, values: Float64Array): Uint32Array {
  const out = new Uint32Array(order.length);
  let end = order.length;
  while (end > 0 && Number.isNaN(values[order[end - 1]!]!)) end--;
  out.set(order.subarray(end), end);
  let k = 0;
  let hi = end;
  while (hi > 0) {
    let lo = hi - 1;
    const v = values[order[lo]!]!;
    while (lo > 0 && values[order[lo - 1]!] === v) lo--;
    out.set(order.subarray(lo, hi), k);
    k += hi - lo;
    hi = lo;
  }
  return out;
}

/** Above this many changed slots an order is sorted again rather than patched. */
const PATCH_LIMIT = 4096;

/** Slots changed per version, newest last, kept up to PATCH_LIMIT slots, for patching cached orders. */
class ChangeLog {
  private entries: { version: number; slots: number[] }[] = [];
  private size = 0;

  push(version: number, slots: number[]) {
    this.entries.push({ version, slots });
    this.size += slots.length;
    while (this.size > PATCH_LIMIT && this.entries.length > 0)
      this.size -= this.entries.shift()!.slots.length;
  }

  /** Slots changed after `version` up to `current`, or null when the log no longer reaches back that far. */
  since(version: number, current: number): Set<number> | null {
    if (version === current) return new Set();
    const first = this.entries[0];
    if (!first || first.version > version + 1) return null;
    const out = new Set<number>();
    for (const change of this.entries) if (change.version > version) for (const s of change.slots) out.add(s);
    return out.size > PATCH_LIMIT ? null : out;
  }
}

const collator = new Intl.Collator(['zh-Hans-CN', 'en'], { numeric: true });

/**
 * From how many candidates a search scans the one text blob instead of each entry's text. The blob
 * costs about 5 ms whatever the candidates (100,000 customers' text, a short needle matching most
 * of them); an entry about 0.7 µs. At 30,000 the second letter of "vip" (29,570 candidates) took
 * 17-33 ms per entry, 4-6 ms through the blob (measured in the side panel with the panel bench's
 * book, `keepcard:list-query`).
 */
export const BLOB_SEARCH_MIN = 5_000;

/**
 * The customer list in memory: every live contact as a flat ListEntry (contact + company name + list
 * scores), kept current from batches of changed rows, with cached sort orders so a filter or a
 * keystroke costs one pass over a sorted array. Slots are stable indexes into the entries array; a
 * deleted contact leaves an empty slot.
 */
export class ListIndex {
  private entries: (ListEntry | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly companyNames = new Map<string, string>();
  private readonly companyOf = new Map<string, string>();
  private readonly contactsOfCompany = new Map<string, Set<string>>();
  private readonly pendingScores = new Map<string, ListScores>();
  /** Where the company name begins in an entry's search text (so a rename rewrites only that part). */
  private readonly companyStart = new Map<number, number>();
  private liveCount = 0;
  /** Live entries per responsible person (assignee, else owner): the owner menu without a scan. */
  private readonly responsibleCount = new Map<string, number>();
  private versionNo = 0;
  /** Bumped when any entry's search text changes (a rescore does not): the search blob depends on it. */
  private textVersion = 0;
  private blob:
    | { textVersion: number; text: string; starts: Int32Array; ends: Int32Array; slots: Uint32Array }
    | undefined;
  /** Slots changed per version, newest last, for patching cached orders. */
  private readonly changeLog = new ChangeLog();
  /**
   * Bumped when contact or company rows changed an entry (a rescore does not): the name order, and
   * whatever depends on contact fields only, hold while only scores arrive (a refit rescores everyone).
   */
  private rowsVersionNo = 0;
  /** Slots changed by contact and company rows, per rows version. */
  private readonly rowChangeLog = new ChangeLog();
  private nameOrder: { order: Uint32Array; rowsVersion: number } | undefined;
  private rank = new Float64Array(0);
  private readonly orders = new Map<string, CachedOrder>();
  private readonly listeners = new Set<() => void>();
  private readonly columns = new ListColumns();
  /** Sorts in progress, by order key: concurrent queries share one sort instead of each starting one. */
  private readonly inFlight = new Map<string, { version: number; promise: Promise<Uint32Array> }>();
  private lastQuery:
    | { structure: string; text: string; sortKey: string; version: number; now: number; result: Uint32Array }
    | undefined;
  /**
   * Reused by every query, so a keystroke allocates no buffer the size of the book (with 100,000
   * customers those made the garbage collector run on most keystrokes): text matches are stamped
   * by slot with a generation number instead of a fresh array of marks, and results are built in
   * `scratch` and copied out at their own length.
   */
  private matchStamps = new Uint32Array(0);
  private matchGeneration = 0;
  private scratch = new Uint32Array(0);

  get version(): number {
    return this.versionNo;
  }

  /** Changes when contact or company rows changed the index, not when only scores did. */
  get rowsVersion(): number {
    return this.rowsVersionNo;
  }

  /** Live customers in the index. */
  get size(): number {
    return this.liveCount;
  }

  entry(slot: number): ListEntry | undefined {
    return this.entries[slot];
  }

  entryById(id: string): ListEntry | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.entries[slot];
  }

  slotById(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  /** Every live entry (for facets such as the owners and countries present). */
  *allEntries(): IterableIterator<ListEntry> {
    for (const e of this.entries) if (e) yield e;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies changed rows; one new version when anything changed. */
  apply(batch: IndexBatch): void {
    const changed = new Set<number>();
    for (const company of batch.companies ?? []) this.applyCompany(company, changed);
    for (const contact of batch.contacts ?? []) this.applyContact(contact, changed);
    if (changed.size > 0) this.rowChangeLog.push(++this.rowsVersionNo, [...changed]);
    for (const score of batch.scores ?? []) this.applyScore(score.contactId, score.list, changed);
    if (changed.size === 0) return;
    for (const slot of changed) this.columns.set(slot, this.entries[slot]);
    this.changeLog.push(++this.versionNo, [...changed]);
    for (const listener of this.listeners) listener();
  }

  private applyCompany(
    company: { id: string; name: string; deletedAt: number | null },
    changed: Set<number>,
  ) {
    const name = company.deletedAt === null ? company.name : undefined;
    if (this.companyNames.get(company.id) === name) return;
    if (name === undefined) this.companyNames.delete(company.id);
    else this.companyNames.set(company.id, name);
    for (const contactId of this.contactsOfCompany.get(company.id) ?? []) {
      const slot = this.slotOf.get(contactId);
      const entry = slot === undefined ? undefined : this.entries[slot];
      if (slot === undefined || !entry) continue;
      const start = this.companyStart.get(slot) ?? entry.searchText.length;
      const base = entry.searchText.slice(0, start);
      const next: ListEntry = { ...entry, searchText: name ? `${base}\u0001${foldSearch(name)}` : base };
      if (name) next.companyName = name;
      else delete next.companyName;
      this.companyStart.set(slot, start);
      this.entries[slot] = next;
      this.textVersion++;
      changed.add(slot);
    }
  }

  private applyContact(contact: ContactRow, changed: Set<number>) {
    let slot = this.slotOf.get(contact.id);
    const previousCompany = this.companyOf.get(contact.id);
    if (previousCompany !== undefined && previousCompany !== contact.companyId) {
      this.contactsOfCompany.get(previousCompany)?.delete(contact.id);
      this.companyOf.delete(contact.id);
    }
    if (contact.deletedAt !== null) {
      if (slot !== undefined && this.entries[slot]) {
        this.countResponsible(this.entries[slot]!, -1);
        this.textVersion++;
        this.entries[slot] = undefined;
        this.companyStart.delete(slot);
        this.liveCount--;
        changed.add(slot);
      }
      return;
    }
    if (contact.companyId) {
      this.companyOf.set(contact.id, contact.companyId);
      let set = this.contactsOfCompany.get(contact.companyId);
      if (!set) {
        set = new Set();
        this.contactsOfCompany.set(contact.companyId, set);
      }
      set.add(contact.id);
    }
    const companyName = contact.companyId ? this.companyNames.get(contact.companyId) : undefined;
    if (slot === undefined) {
      slot = this.entries.length;
      this.slotOf.set(contact.id, slot);
      this.entries.push(undefined);
    }
    const previous = this.entries[slot];
    const scores = previous?.scores ?? this.pendingScores.get(contact.id);
    this.pendingScores.delete(contact.id);
    const entry = listEntryOf(contact, undefined, scores);
    this.companyStart.set(slot, entry.searchText.length);
    if (companyName) {
      entry.companyName = companyName;
      entry.searchText += `\u0001${foldSearch(companyName)}`;
    }
    if (!previous) this.liveCount++;
    else this.countResponsible(previous, -1);
    this.countResponsible(entry, 1);
    if (previous?.searchText !== entry.searchText) this.textVersion++;
    this.entries[slot] = entry;
    changed.add(slot);
  }

  private countResponsible(entry: ListEntry, delta: number) {
    const id = responsibleId(entry);
    const count = (this.responsibleCount.get(id) ?? 0) + delta;
    if (count > 0) this.responsibleCount.set(id, count);
    else this.responsibleCount.delete(id);
  }

  /** Who is responsible for at least one live customer (assignee, else owner), first seen first. */
  responsibleIds(): string[] {
    return [...this.responsibleCount.keys()];
  }

  private applyScore(contactId: string, list: ListScores, changed: Set<number>) {
    const slot = this.slotOf.get(contactId);
    const entry = slot === undefined ? undefined : this.entries[slot];
    if (slot === undefined || !entry) {
      this.pendingScores.set(contactId, list);
      return;
    }
    this.entries[slot] = { ...entry, scores: list };
    changed.add(slot);
  }

  private compareNames = (a: number, b: number): number => {
    const ea = this.entries[a]!;
    const eb = this.entries[b]!;
    return collator.compare(ea.nameKey, eb.nameKey) || (ea.id < eb.id ? -1 : ea.id > eb.id ? 1 : 0);
  };

  private liveSlots(): Uint32Array {
    const slots = new Uint32Array(this.liveCount);
    let k = 0;
    this.entries.forEach((e, slot) => {
      if (e) slots[k++] = slot;
    });
    return slots;
  }

  /** Runs `work` once per order key and version, however many queries wait for it. */
  private shared(key: string, work: () => Promise<Uint32Array>): Promise<Uint32Array> {
    const version = key === 'name' ? this.rowsVersionNo : this.versionNo;
    const running = this.inFlight.get(key);
    if (running && running.version === version) return running.promise;
    const promise = work().finally(() => {
      if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, { version, promise });
    return promise;
  }

  /**
   * Names in collation order, patched or sorted again (in slices) as contact and company rows change;
   * scores arriving leave it as it is.
   */
  private ensureNameOrder(): Promise<Uint32Array> {
    const cached = this.nameOrder;
    if (cached?.rowsVersion === this.rowsVersionNo) return Promise.resolve(cached.order);
    return this.shared('name', () => this.buildNameOrder());
  }

  private async buildNameOrder(): Promise<Uint32Array> {
    const version = this.rowsVersionNo;
    const cached = this.nameOrder;
    if (cached?.rowsVersion === version) return cached.order;
    const changes = cached ? this.rowChangeLog.since(cached.rowsVersion, version) : null;
    const live = (slot: number) => this.entries[slot] !== undefined;
    const order =
      cached && changes
        ? patchSortedOrder(cached.order, changes, live, this.compareNames)
        : await slicedSort(this.liveSlots(), this.compareNames);
    if (version !== this.rowsVersionNo) return this.buildNameOrder();
    // Dense ranks: equal names share a rank, so other sorts break ties by name the way compareEntries does.
    const rank = new Float64Array(this.entries.length);
    let r = 0;
    let previous: string | undefined;
    for (let i = 0; i < order.length; i++) {
      const slot = order[i]!;
      const key = this.entries[slot]!.nameKey;
      if (key !== previous) r++;
      rank[slot] = r;
      previous = key;
    }
    this.rank = rank;
    this.nameOrder = { order, rowsVersion: version };
    return order;
  }

  private comparator(key: SortKey, dir: SortDirection, values: Float64Array) {
    const sign = dir === 'asc' ? 1 : -1;
    const rank = this.rank;
    const entries = this.entries;
    const byId = (a: number, b: number) => {
      const ia = entries[a]!.id;
      const ib = entries[b]!.id;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
    if (key === 'name') return (a: number, b: number) => sign * (rank[a]! - rank[b]!) || byId(a, b);
    return (a: number, b: number) => {
      const va = values[a]!;
      const vb = values[b]!;
      if (va !== vb) {
        const na = Number.isNaN(va);
        const nb = Number.isNaN(vb);
        if (na !== nb) return na ? 1 : -1;
        if (!na) return sign * (va - vb);
      }
      return rank[a]! - rank[b]! || byId(a, b);
    };
  }

  private valueOf(slot: number, key: SortKey): number {
    const entry = this.entries[slot];
    if (!entry || key === 'name') return Number.NaN;
    const v = sortValue(entry, key);
    return v === null ? Number.NaN : (v as number);
  }

  /** The whole index in the order of `sort`, from cache, patched, or sorted again in slices. */
  async sortedSlots(sort: ListSort): Promise<Uint32Array> {
    const nameOrder = await this.ensureNameOrder();
    if (sort.key === 'name' && sort.dir === 'asc') return nameOrder;
    const cacheKey = `${sort.key}:${sort.dir}`;
    const cached = this.orders.get(cacheKey);
    if (cached?.version === this.versionNo) return cached.order;
    return this.shared(cacheKey, () => this.buildOrder(sort, nameOrder));
  }

  private async buildOrder(sort: ListSort, nameOrder: Uint32Array): Promise<Uint32Array> {
    const version = this.versionNo;
    const cacheKey = `${sort.key}:${sort.dir}`;
    const cached = this.orders.get(cacheKey);
    const changes = cached ? this.changeLog.since(cached.version, version) : null;
    const patching = cached !== undefined && changes !== null;
    // The other direction of the same key, current: its values are this one's, its order reversed.
    const opposite = this.orders.get(`${sort.key}:${sort.dir === 'asc' ? 'desc' : 'asc'}`);
    const fromOpposite =
      !patching && opposite?.version === version && opposite.values.length === this.entries.length;
    let values: Float64Array;
    if (patching && cached.values.length === this.entries.length) {
      values = cached.values;
      for (const slot of changes) values[slot] = this.valueOf(slot, sort.key);
    } else if (fromOpposite) {
      values = opposite.values.slice();
    } else {
      values = new Float64Array(this.entries.length);
      for (let slot = 0; slot < this.entries.length; slot++) values[slot] = this.valueOf(slot, sort.key);
      if (patching) {
        // The entries array grew: carry the old values over, then refresh the changed ones.
        for (const slot of changes) values[slot] = this.valueOf(slot, sort.key);
      }
    }
    const compare = this.comparator(sort.key, sort.dir, values);
    const live = (slot: number) => this.entries[slot] !== undefined;
    // Names that changed move other sorts' ties too: those slots are patched along with the rest.
    // Names descending are the name order's groups of equal names reversed (ties stay by id).
    const order = patching
      ? patchSortedOrder(cached.order, changes, live, compare)
      : sort.key === 'name'
        ? reverseGroups(nameOrder, this.rank)
        : fromOpposite
          ? reverseGroups(opposite.order, values)
          : await slicedSort(nameOrder, compare);
    if (version !== this.versionNo) return this.sortedSlots(sort);
    this.orders.set(cacheKey, { order, version, values });
    return order;
  }

  /**
   * Sorts the index by every key (in its default direction, then the other) ahead of need, in slices:
   * the first switch to a sort then costs a pass over a ready order, not a sort of the whole book.
   */
  async warmSorts(keys: readonly SortKey[], direction: (key: SortKey) => SortDirection): Promise<void> {
    for (const key of keys) await this.sortedSlots({ key, dir: direction(key) });
    this.searchBlob();
    // Then the other directions: each is its sorted direction's groups reversed, a pass, not a sort.
    for (const key of keys) await this.sortedSlots({ key, dir: direction(key) === 'asc' ? 'desc' : 'asc' });
  }

  /**
   * Every entry's search text in one string (with a separator no query contains), and where each
   * starts: one `indexOf` sweep over it finds a needle far faster than 100,000 `includes` calls.
   */
  private searchBlob() {
    if (this.blob?.textVersion === this.textVersion) return this.blob;
    const parts: string[] = [];
    const starts = new Int32Array(this.liveCount);
    const ends = new Int32Array(this.liveCount);
    const slots = new Uint32Array(this.liveCount);
    let pos = 0;
    let k = 0;
    this.entries.forEach((e, slot) => {
      if (!e) return;
      parts.push(e.searchText);
      starts[k] = pos;
      ends[k] = pos + e.searchText.length;
      slots[k++] = slot;
      pos += e.searchText.length + 1;
    });
    this.blob = { textVersion: this.textVersion, text: parts.join('\u0002'), starts, ends, slots };
    return this.blob;
  }

  /**
   * Stamps (by slot) the entries whose search text contains any of the needles: after the call,
   * `stamps[slot] === generation` for exactly those. Matches come in text order, so the entry holding
   * each is found by galloping forward from the previous one: a short query matching most of a large
   * book costs one pass over the starts, not a binary search per match.
   */
  private textMatches(needles: string[]): { stamps: Uint32Array; generation: number } {
    const { text, starts, ends, slots } = this.searchBlob();
    if (this.matchStamps.length < this.entries.length)
      this.matchStamps = new Uint32Array(Math.max(this.entries.length, this.matchStamps.length * 2));
    if (this.matchGeneration === 0xffff_ffff) {
      this.matchStamps.fill(0);
      this.matchGeneration = 0;
    }
    const stamps = this.matchStamps;
    const generation = ++this.matchGeneration;
    const last = starts.length - 1;
    for (const needle of needles) {
      let lo = 0;
      let at = text.indexOf(needle);
      while (at !== -1) {
        // The entry holding position `at`: the last start at or before it, at or after `lo`.
        let step = 1;
        let hi = lo;
        while (hi < last && starts[hi + 1]! <= at) {
          lo = hi + 1;
          hi = Math.min(last, hi + step);
          step *= 2;
          if (starts[hi]! > at) {
            hi--;
            break;
          }
          lo = hi;
        }
        // starts[lo] <= at; the answer lies in [lo, hi]: finish with a binary search.
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (starts[mid]! <= at) lo = mid;
          else hi = mid - 1;
        }
        stamps[slots[lo]!] = generation;
        at = text.indexOf(needle, ends[lo]! + 1);
      }
    }
    return { stamps, generation };
  }

  /** A buffer at least `size` long for building a result (copied out before it is returned). */
  private scratchOf(size: number): Uint32Array {
    if (this.scratch.length < size) this.scratch = new Uint32Array(Math.max(size, this.scratch.length * 2));
    return this.scratch;
  }

  /**
   * The slots a filter selects, in sort order. Typing more of the same search narrows the previous
   * result instead of scanning everything again.
   */
  async query(filter: SegmentFilter, sort: ListSort, now: number): Promise<ListResult> {
    const order = await this.sortedSlots(sort);
    const version = this.versionNo;
    const { text: rawText, ...rest } = filter;
    const text = rawText ? foldSearch(rawText) : '';
    const structure = JSON.stringify(rest);
    const sortKey = `${sort.key}:${sort.dir}`;
    const day = Math.floor(now / 86_400_000);
    if (isEmptyFilter(filter)) {
      this.lastQuery = { structure, text, sortKey, version, now: day, result: order };
      return { slots: order, version };
    }
    const last = this.lastQuery;
    const base =
      last &&
      last.version === version &&
      last.structure === structure &&
      last.sortKey === sortKey &&
      last.now === day &&
      text.startsWith(last.text) &&
      // A phone-like query is matched by its digits: narrowing by prefix holds for plain text only.
      !/\d[\s()+-]|[\s()+-]\d/.test(text)
        ? last.result
        : order;
    const out = this.scratchOf(base.length);
    let k = 0;
    // Everything but the text as column tests; the text through the blob (large scans) or per entry.
    const others = this.columns.compile(rest, now, (slot) => this.entries[slot]!);
    if (text && base.length > BLOB_SEARCH_MIN) {
      const digits = text.replace(/[\s()+-]/g, '');
      const phoneLike = /^\d{3,}$/.test(digits) && digits !== text;
      const { stamps, generation } = this.textMatches(phoneLike ? [text, digits] : [text]);
      // Indexed loops over the typed arrays: `for…of` allocated an iterator result per customer,
      // megabytes per keystroke for the garbage collector.
      for (let i = 0; i < base.length; i++) {
        const slot = base[i]!;
        if (stamps[slot] === generation && (!others || others(slot))) out[k++] = slot;
      }
    } else {
      const textMatches = text ? compileFilter({ text }, now) : null;
      for (let i = 0; i < base.length; i++) {
        const slot = base[i]!;
        const entry = this.entries[slot];
        if (entry && (!others || others(slot)) && (!textMatches || textMatches(entry))) out[k++] = slot;
      }
    }
    // Every customer of the narrowed result still matches: it is the answer as it is.
    const result = k === base.length ? base : out.slice(0, k);
    this.lastQuery = { structure, text, sortKey, version, now: day, result };
    return { slots: result, version };
  }

  /** Size and window revenue of the customers a filter selects (for saved segments). */
  stats(filter: SegmentFilter, now: number): SegmentStats {
    const { text: rawText, ...rest } = filter;
    const text = rawText ? foldSearch(rawText) : '';
    const others = this.columns.compile(rest, now, (slot) => this.entries[slot]!);
    const digits = text.replace(/[\s()+-]/g, '');
    const phoneLike = /^\d{3,}$/.test(digits) && digits !== text;
    const marks = text ? this.textMatches(phoneLike ? [text, digits] : [text]) : null;
    let count = 0;
    const revenue = new Map<string, number>();
    this.entries.forEach((entry, slot) => {
      if (!entry || (marks && marks.stamps[slot] !== marks.generation) || (others && !others(slot))) return;
      count++;
      const s = entry.scores;
      if (s) revenue.set(s.currency, (revenue.get(s.currency) ?? 0) + s.revenueInWindowMinor);
    });
    return { count, revenue: [...revenue].map(([currency, minor]) => ({ currency, minor })) };
  }
}
