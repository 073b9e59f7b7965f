import { Decoded, decoded, rejected } from '@sluice/contracts';
import type { StreamRecord } from '../topology/stream-record';
import type { RepartitionCodec } from './repartition';

/**
 * Codec of per-batch counts `[key, count]` on a repartition topic (a combiner's output, as Spark's
 * map-side `reduceByKey`): record key = the key (UTF-8), value = the count as a decimal string.
 * A record without a key or with a count that is not a positive integer is rejected
 * (`schema-invalid`): only Sluice writes these topics.
 *
 * @example countCodec.encode(['la', 3]) // '3' (the record key 'la' comes from `keyOf`)
 */
export const countCodec: RepartitionCodec<[string, number]> = {
  encode: ([, n]) => String(n),
  decode: decodeCount,
};

function decodeCount(r: StreamRecord): Decoded<[string, number]> {
  const key = r.key?.toString('utf8');
  const n = r.value === null ? NaN : Number(r.value.toString('utf8'));
  if (!key || !Number.isInteger(n) || n <= 0) return rejected('schema-invalid', 'repartition record needs a key and a positive integer count');
  return decoded([key, n]);
}
