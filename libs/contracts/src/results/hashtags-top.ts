import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { isoTimeString } from '../decode/time-schemas';

/**
 * `hashtags-top` value: the N most used hashtags of one processing-time window (`(windowStart,
 * windowEnd]`, as `word-counts-windowed`), by count descending, ties by tag. Key = `windowStart`
 * (one ranking per window; a later record for the same window replaces it).
 */
export interface HashtagsTopResult {
  windowStart: string;
  windowEnd: string;
  top: Array<{ tag: string; count: number }>;
}

export const hashtagsTopSchema = z.object({
  windowStart: isoTimeString,
  windowEnd: isoTimeString,
  top: z.array(z.object({ tag: z.string().min(1), count: z.number().int().positive() })),
});

/** The `hashtags-top` record of a result: its key and its UTF-8 JSON value. */
export function encodeHashtagsTop(r: HashtagsTopResult): { key: string; value: Buffer } {
  return { key: r.windowStart, value: Buffer.from(JSON.stringify(r)) };
}

/**
 * Decodes a `hashtags-top` value.
 * @returns the result, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`) for the DLQ
 */
export function decodeHashtagsTop(value: Buffer | null, maxBytes: number): Decoded<HashtagsTopResult> {
  return decodeJson(value, hashtagsTopSchema, maxBytes);
}
