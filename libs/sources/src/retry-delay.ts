/**
 * Capped exponential backoff: 200 ms, 400 ms, 800 ms, … at most 5 s, for the n-th retry (n >= 1),
 * the same shape as kafkajs' own retry (`initialRetryTime` 200, `maxRetryTime` 5000) without its
 * random factor, so tests on a manual clock are exact.
 */
export function retryDelayMs(attempt: number, initialMs = 200, maxMs = 5000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
}
