import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { isoTimeString } from '../decode/time-schemas';

/**
 * `word-counts-windowed` value: a word's absolute count in one processing-time window.
 * Key = {@link wordWindowKey}. Bounds follow Spark's `window(length, slide)`: the window holds the
 * micro-batches with batch time in `(windowStart, windowEnd]`.
 */
export interface WordWindowCountResult {
  word: string;
  count: number;
  /** Window start, ISO-8601 (exclusive): `windowEnd - length`. */
  windowStart: string;
  /** Window end, ISO-8601 (inclusive): the slide point the window was computed at. */
  windowEnd: string;
}

export const wordWindowCountSchema = z.object({
  word: z.string().min(1),
  count: z.number().int().positive(),
  windowStart: isoTimeString,
  windowEnd: isoTimeString,
});

/** Record key of a windowed count: `<windowStart ISO>/<word>` (one row per window and word). */
export function wordWindowKey(r: Pick<WordWindowCountResult, 'word' | 'windowStart'>): string {
  return `${r.windowStart}/${r.word}`;
}

/** The `word-counts-windowed` record of a result: its key and its UTF-8 JSON value. */
export function encodeWordWindowCount(r: WordWindowCountResult): { key: string; value: Buffer } {
  return { key: wordWindowKey(r), value: Buffer.from(JSON.stringify(r)) };
}

/**
 * Decodes a `word-counts-windowed` value.
 * @returns the result, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`) for the DLQ
 */
export function decodeWordWindowCount(value: Buffer | null, maxBytes: number): Decoded<WordWindowCountResult> {
  return decodeJson(value, wordWindowCountSchema, maxBytes);
}
