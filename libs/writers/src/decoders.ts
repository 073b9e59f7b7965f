import {
  Decoded,
  decodeHashtagsTop,
  decodeSensorExtremes,
  decodeSignal,
  decodeSignalStats,
  decodeWordCount,
  decodeWordWindowCount,
  decoded,
  defaultEventTimeRange,
  EventTimeRange,
  HashtagsTopResult,
  SensorExtremesResult,
  Signal,
  signalStatsKey,
  Topics,
  WordCount,
  wordWindowKey,
} from '@sluice/contracts';
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
 * An event time outside `times` is refused (`time-out-of-range`) before it reaches the store.
 */
export function signalDecoder(maxBytes: number, times: EventTimeRange = defaultEventTimeRange): ResultDecoder<Signal> {
  return (r: StreamRecord) => {
    const d = decodeSignal(r.value, r.key?.toString('utf8') ?? null, r.timestamp, maxBytes, times);
    return d.ok ? decoded({ key: `${d.value.series}@${d.value.time}`, value: d.value }) : d;
  };
}

/** Decoder of a result topic whose record key is derived from the value (the key must match it when present). */
function resultDecoder<T>(decode: (value: Buffer | null, maxBytes: number) => Decoded<T>, keyOf: (value: T) => string, maxBytes: number): ResultDecoder<T> {
  return (r: StreamRecord) => {
    const d = decode(r.value, maxBytes);
    if (!d.ok) return d;
    const key = keyOf(d.value);
    const recordKey = r.key?.toString('utf8');
    if (recordKey !== undefined && recordKey !== key) return { ok: false, reason: 'schema-invalid', detail: `record key "${recordKey}" differs from "${key}"` };
    return decoded({ key, value: d.value });
  };
}

/** Decoder of a result topic from its contract: the value by the contract's schema, the key by its `keyOf`. */
export function contractDecoder<T>(contract: { decode: (value: Buffer | null, maxBytes: number) => Decoded<T>; keyOf: (value: T) => string }, maxBytes: number): ResultDecoder<T> {
  return resultDecoder(contract.decode, contract.keyOf, maxBytes);
}

/** `word-counts-windowed`: key `<windowStart>/<word>`. */
export const wordWindowCountDecoder = (maxBytes: number) => resultDecoder(decodeWordWindowCount, wordWindowKey, maxBytes);
/** `signal-stats`: key `<series>/<windowStart>`. */
export const signalStatsDecoder = (maxBytes: number) => resultDecoder(decodeSignalStats, signalStatsKey, maxBytes);
/** `sensor-extremes`: key = the sensor key. */
export const sensorExtremesDecoder = (maxBytes: number) => resultDecoder(decodeSensorExtremes, (v: SensorExtremesResult) => v.key, maxBytes);
/** `hashtags-top`: key = `windowStart`. */
export const hashtagsTopDecoder = (maxBytes: number) => resultDecoder(decodeHashtagsTop, (v: HashtagsTopResult) => v.windowStart, maxBytes);
