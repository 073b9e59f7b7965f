import { z } from 'zod';

/** An ISO-8601 time kept as the string (result records carry readable times). */
export const isoTimeString = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO-8601 time' });

/**
 * An event time given as ISO-8601 or as integer epoch ms, decoded to epoch ms. Its range (not
 * before 1970, not too far ahead of the wall clock) is checked after parsing by `checkEventTime`,
 * which refuses it with its own reason (`time-out-of-range`).
 */
export const eventTimeMs = z.union([isoTimeString.transform((s) => Date.parse(s)), z.number().int()]);

let lastMs = NaN;
let lastIso = '';

/**
 * Epoch ms as the ISO-8601 string result records carry (`2026-01-01T00:00:00.000Z`). The last
 * answer is kept: the results of one batch mostly share its time (one `toISOString` per batch).
 * @throws RangeError for a time no Date holds (NaN, beyond ±8.64e15 ms)
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
