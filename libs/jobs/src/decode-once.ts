import type { Decoded } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';

const caches = new Map<string, WeakMap<StreamRecord, Decoded<unknown>>>();

/**
 * A decoder that decodes each record once for every stream declaring the same `id`: the streams of
 * one topic (several jobs, or a job's several outputs) run as one task per partition and see the
 * same record objects, so the second decoder call returns the first one's result. `id` names the
 * decoder and every setting it depends on (`text-lines:<maxBytes>`). Weak: entries go with their records.
 */
export function decodeOnce<T>(id: string, decode: (record: StreamRecord) => Decoded<T>): (record: StreamRecord) => Decoded<T> {
  let cache = caches.get(id);
  if (!cache) caches.set(id, (cache = new WeakMap()));
  const shared = cache;
  return (record) => {
    let d = shared.get(record) as Decoded<T> | undefined;
    if (d === undefined) {
      d = decode(record);
      shared.set(record, d);
    }
    return d;
  };
}
