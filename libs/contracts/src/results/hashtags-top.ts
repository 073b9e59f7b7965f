import { z } from 'zod';
import { isoTimeString } from '../decode/time-schemas';
import { Topics } from '../topics';
import { resultContract } from './result-contract';

/**
 * `hashtags-top` value: the N most used hashtags of one processing-time window (`(windowStart,
 * windowEnd]`, as `word-counts-windowed`), by count descending, ties by tag. Key = `windowStart`
 * (one ranking per window; a later record for the same window replaces it).
 */
export const hashtagsTopSchema = z.object({
  windowStart: isoTimeString,
  windowEnd: isoTimeString,
  top: z.array(z.object({ tag: z.string().min(1), count: z.number().int().positive() })),
});
export type HashtagsTopResult = z.infer<typeof hashtagsTopSchema>;

/** The `hashtags-top` contract: key = `windowStart`. */
export const hashtagsTopContract = resultContract({ topic: Topics.hashtagsTop, schema: hashtagsTopSchema, keyOf: (r) => r.windowStart, cleanup: 'compact,delete' });
export const encodeHashtagsTop = hashtagsTopContract.encode;
export const decodeHashtagsTop = hashtagsTopContract.decode;
