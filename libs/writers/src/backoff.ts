/**
 * Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): a uniform delay in [0, min(max, initial · 2^attempt)].
 *
 * @param attempt 0 for the first retry
 * @param initialMs base delay (ms)
 * @param maxMs cap (ms)
 * @param random a source of uniform numbers in [0, 1) (injected for tests)
 * @returns the delay in ms, at least 1
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.max(1, Math.floor(random() * ceiling));
}
