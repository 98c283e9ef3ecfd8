/**
 * Delay before retry number `attempt` (0 for the first retry): exponential backoff with "equal
 * jitter", half fixed and half random, so many devices coming back online together spread out but
 * none retries at once. `random` is a number in [0, 1) (Math.random() in the extension).
 * @example setTimeout(sync, retryDelayMs(attempt, Math.random()))
 */
export function retryDelayMs(
  attempt: number,
  random: number,
  { baseMs = 1000, maxMs = 5 * 60_000 } = {},
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}
