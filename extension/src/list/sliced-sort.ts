// Sorting 100,000 entries with a locale collator takes a few hundred milliseconds: far over the 50 ms a
// main-thread task may take. This merge sort does the same work in slices and yields between them.

/** Gives the browser a turn (input, rendering) before the next slice of work. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Milliseconds of work per slice: well under a 50 ms long task, with room for a frame. */
export const SLICE_MS = 8;

/**
 * Stable bottom-up merge sort of `items` by `compare`, in slices of about `sliceMs` of work with a
 * yield between them. Returns a new array; `signal` abandons the sort (the promise then rejects).
 * @example await slicedSort(Uint32Array.from(slots), (a, b) => rank[a] - rank[b])
 */
export async function slicedSort(
  items: Uint32Array,
  compare: (a: number, b: number) => number,
  opts: { sliceMs?: number; signal?: AbortSignal; now?: () => number } = {},
): Promise<Uint32Array> {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const now = opts.now ?? (() => performance.now());
  const n = items.length;
  let src = Uint32Array.from(items);
  let dst = new Uint32Array(n);
  // First pass: insertion sort of runs of 16, cheap and cache-friendly.
  const RUN = 16;
  let deadline = now() + sliceMs;
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(start + RUN, n);
    for (let i = start + 1; i < end; i++) {
      const v = src[i]!;
      let j = i - 1;
      while (j >= start && compare(src[j]!, v) > 0) {
        src[j + 1] = src[j]!;
        j--;
      }
      src[j + 1] = v;
    }
    if ((start & 1023) === 0 && now() > deadline) {
      await yieldToMain();
      if (opts.signal?.aborted) throw opts.signal.reason;
      deadline = now() + sliceMs;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (compare(src[j]!, src[i]!) < 0) dst[k++] = src[j++]!;
        else dst[k++] = src[i++]!;
        if ((k & 4095) === 0 && now() > deadline) {
          await yieldToMain();
          if (opts.signal?.aborted) throw opts.signal.reason;
          deadline = now() + sliceMs;
        }
      }
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/**
 * Re-sorts a sorted order after a few of its items changed: drops `changed` from `order`, sorts the
 * ones `keep` accepts and inserts each at its place by binary search (k log n comparisons instead of a
 * full sort). `changed` may include items new to the order and items to drop.
 */
export function patchSortedOrder(
  order: Uint32Array,
  changed: ReadonlySet<number>,
  keep: (item: number) => boolean,
  compare: (a: number, b: number) => number,
): Uint32Array {
  let restLength = 0;
  const rest = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) if (!changed.has(order[i]!)) rest[restLength++] = order[i]!;
  const inserted = [...changed].filter(keep).sort(compare);
  const out = new Uint32Array(restLength + inserted.length);
  let from = 0;
  let k = 0;
  for (const item of inserted) {
    // First position in rest[from..] whose item sorts after `item`.
    let lo = from;
    let hi = restLength;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(rest[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.set(rest.subarray(from, lo), k);
    k += lo - from;
    out[k++] = item;
    from = lo;
  }
  out.set(rest.subarray(from, restLength), k);
  return out;
}
