import { z } from 'zod';
import { isoTimeString } from '../decode/time-schemas';
import { resultContract } from '../results/result-contract';
import { Topics } from '../topics';

/**
 * `word-counts` value: the absolute running total of a word (never a delta), so any writer
 * can upsert idempotently. Key = the word (UTF-8).
 */
export const wordCountSchema = z.object({
  word: z.string().min(1),
  /** Absolute total since the beginning of the stream. */
  count: z.number().int().nonnegative(),
  /** When the processor updated the total (ISO-8601, the micro-batch time). */
  updatedAt: isoTimeString,
});
export type WordCount = z.infer<typeof wordCountSchema>;

/** The `word-counts` contract: key = the word. */
export const wordCountContract = resultContract({ topic: Topics.wordCounts, schema: wordCountSchema, keyOf: (w) => w.word, cleanup: 'compact' });
export const encodeWordCount = wordCountContract.encode;
export const decodeWordCount = wordCountContract.decode;
