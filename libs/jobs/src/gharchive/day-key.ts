import { Decoded, decoded, rejected } from '@sluice/contracts';
import type { RepartitionCodec, StreamRecord } from '@sluice/streaming';

/**
 * A key of a per-day count: `<YYYY-MM-DD>|<name>` (a name may hold `|`; the day never does).
 * @example dayKey('2021-07-21', 'PushEvent') // '2021-07-21|PushEvent'
 */
export const dayKey = (day: string, name: string): string => `${day}|${name}`;

/** The day and the name of a {@link dayKey}. */
export function splitDayKey(key: string): [day: string, name: string] {
  const bar = key.indexOf('|');
  return [key.slice(0, bar), key.slice(bar + 1)];
}

/**
 * Codec of per-batch `[dayKey, count]` pairs on a repartition topic partitioned by **day** (so
 * every count of one day meets in one task, to be ranked or gathered): the record key is the day
 * (`keyOf`), so the pair's full key travels in the value, as JSON `["<day>|<name>", count]`.
 * A value that is not such a pair is rejected (`schema-invalid`): only Sluice writes these topics.
 */
export const dayCountCodec: RepartitionCodec<[string, number]> = {
  encode: (pair) => JSON.stringify(pair),
  decode: (r: StreamRecord): Decoded<[string, number]> => {
    let v: unknown;
    try {
      v = r.value === null ? null : JSON.parse(r.value.toString('utf8'));
    } catch {
      v = null;
    }
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && v[0].includes('|') && Number.isInteger(v[1]) && v[1] > 0) return decoded([v[0], v[1]]);
    return rejected('schema-invalid', 'repartition record needs a ["<day>|<name>", positive count] value');
  },
};
