import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { isoTimeString } from '../decode/time-schemas';

/**
 * `word-counts` value: the absolute running total of a word (never a delta), so any writer
 * can upsert idempotently. Key = the word (UTF-8).
 */
export interface WordCount {
  word: string;
  /** Absolute total since the beginning of the stream. */
  count: number;
  /** When the processor updated the total (ISO-8601, the micro-batch time). */
  updatedAt: string;
}

export const wordCountSchema = z.object({
  word: z.string().min(1),
  count: z.number().int().nonnegative(),
  updatedAt: isoTimeString,
});

export function decodeWordCount(value: Buffer | null, maxBytes: number): Decoded<WordCount> {
  return decodeJson(value, wordCountSchema, maxBytes);
}

export function encodeWordCount(wc: WordCount): { key: string; value: Buffer } {
  return { key: wc.word, value: Buffer.from(JSON.stringify(wc)) };
}
