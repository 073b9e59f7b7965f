import type { StreamRecord } from '@sluice/streaming';
import type { ResultDecoder } from './store-writer';
import type { VersionedUpsert, WriteRejection } from './store-adapter';

/** A record that could not be decoded, with its index in the fetched batch. */
export interface PlannedRejection extends WriteRejection {
  position: number;
}

/**
 * What one fetched partition batch asks of the store: the newest upsert per (topic, key) — result
 * values are absolute, so older ones in the same batch are dropped — ordered by the index of the
 * key's first record in the batch, and the records that could not be decoded.
 *
 * The order is what lets a writer write `items` in slices and still commit offsets after any slice
 * (see {@link handledPrefix}).
 */
export interface WritePlan<T> {
  items: VersionedUpsert<T>[];
  /** `firstPositions[i]`: index in the batch of the first record of `items[i]`'s key; ascending. */
  firstPositions: number[];
  /** Undecodable records (null, not JSON, wrong schema, unknown topic), ascending by position. */
  rejected: PlannedRejection[];
}

/**
 * Decodes a fetched batch (records of one partition, in offset order) into a {@link WritePlan}.
 * `version` of an item is its record's offset. Never throws: a decode failure is a rejection.
 */
export function planWrites<T>(records: readonly StreamRecord[], decoders: ReadonlyMap<string, ResultDecoder<T>>): WritePlan<T> {
  const newest = new Map<string, { item: VersionedUpsert<T>; first: number }>();
  const rejected: PlannedRejection[] = [];
  records.forEach((record, position) => {
    const decode = decoders.get(record.topic);
    const d = decode ? decode(record) : { ok: false as const, reason: 'schema-invalid' as const, detail: `no decoder for topic ${record.topic}` };
    if (!d.ok) {
      rejected.push({ record, reason: d.reason, detail: d.detail, position });
      return;
    }
    const item = { topic: record.topic, key: d.value.key, value: d.value.value, version: Number(record.offset), record };
    const id = `${record.topic}\u0000${item.key}`;
    const prev = newest.get(id);
    if (!prev) newest.set(id, { item, first: position });
    else if (prev.item.version < item.version) prev.item = item;
  });
  // A Map iterates in insertion order, i.e. by each key's first position.
  const entries = [...newest.values()];
  return { items: entries.map((e) => e.item), firstPositions: entries.map((e) => e.first), rejected };
}

/**
 * How many leading records of the batch are fully handled once `items[0, written)` are in the
 * store: every record before the first record of the next unwritten key belongs to a key whose
 * newest value was written (or is a rejection, sent to the DLQ before the commit). Committing the
 * offset after that prefix loses nothing; the records after it are fetched again and their
 * upserts, already written or not, are idempotent.
 *
 * @param written number of leading `plan.items` written, 0..items.length
 * @param total number of records in the batch
 * @returns 0..total
 */
export function handledPrefix(plan: WritePlan<unknown>, written: number, total: number): number {
  return written < plan.items.length ? plan.firstPositions[written] : total;
}
