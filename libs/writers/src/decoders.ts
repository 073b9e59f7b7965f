import { Decoded, Signal, Topics, WordCount, decodeSignal, decodeWordCount, decoded } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import type { ResultDecoder } from './store-writer';

/**
 * Decoder of `word-counts` records: the value must be a {@link WordCount} and the key, when
 * present, must equal its word.
 */
export function wordCountDecoder(maxBytes: number): ResultDecoder<WordCount> {
  return (r: StreamRecord): Decoded<{ key: string; value: WordCount }> => {
    const d = decodeWordCount(r.value, maxBytes);
    if (!d.ok) return d;
    const key = r.key?.toString('utf8');
    if (key !== undefined && key !== d.value.word) {
      return { ok: false, reason: 'schema-invalid', detail: `record key "${key}" differs from word "${d.value.word}"` };
    }
    return decoded({ key: d.value.word, value: d.value });
  };
}

export const WORD_COUNT_TOPICS = [Topics.wordCounts] as const;

/**
 * Decoder of `signals` records (every accepted form, see `decodeSignal`): one point per series and
 * event time, so the key is `<series>@<time ms>` (samples are never collapsed into each other).
 */
export function signalDecoder(maxBytes: number): ResultDecoder<Signal> {
  return (r: StreamRecord) => {
    const d = decodeSignal(r.value, r.key?.toString('utf8') ?? null, r.timestamp, maxBytes);
    return d.ok ? decoded({ key: `${d.value.series}@${d.value.time}`, value: d.value }) : d;
  };
}
