import { z } from 'zod';
import { isoTimeString } from '../decode/time-schemas';
import { Topics } from '../topics';
import { resultContract } from './result-contract';

/**
 * `word-counts-windowed` value: a word's absolute count in one processing-time window.
 * Key = {@link wordWindowKey}. Bounds follow Spark's `window(length, slide)`: the window holds the
 * micro-batches with batch time in `(windowStart, windowEnd]`.
 */
export const wordWindowCountSchema = z.object({
  word: z.string().min(1),
  count: z.number().int().positive(),
  /** Window start, ISO-8601 (exclusive): `windowEnd - length`. */
  windowStart: isoTimeString,
  /** Window end, ISO-8601 (inclusive): the slide point the window was computed at. */
  windowEnd: isoTimeString,
});
export type WordWindowCountResult = z.infer<typeof wordWindowCountSchema>;

/** Record key of a windowed count: `<windowStart ISO>/<word>` (one row per window and word). */
export function wordWindowKey(r: Pick<WordWindowCountResult, 'word' | 'windowStart'>): string {
  return `${r.windowStart}/${r.word}`;
}

/** The `word-counts-windowed` contract. */
export const wordWindowCountContract = resultContract({ topic: Topics.wordCountsWindowed, schema: wordWindowCountSchema, keyOf: wordWindowKey, cleanup: 'compact,delete' });
export const encodeWordWindowCount = wordWindowCountContract.encode;
export const decodeWordWindowCount = wordWindowCountContract.decode;
