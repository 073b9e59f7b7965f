import { BATCH_TIME_HEADER, SourceHeaders } from './topology';
import type { StreamRecord } from './stream-record';

/** The {@link SourceHeaders} of a record: its topic, partition and offset, for a repartitioned copy. */
export function sourceHeaders(r: StreamRecord): Record<string, string> {
  return { [SourceHeaders.topic]: r.topic, [SourceHeaders.partition]: String(r.partition), [SourceHeaders.offset]: r.offset };
}

/**
 * The record as it was at its source, for a dead letter: a repartitioned record with its
 * {@link SourceHeaders} becomes its source topic/partition/offset (value: the forwarded canonical
 * form); any other record is returned as is.
 */
export function originOf(r: StreamRecord): StreamRecord {
  const topic = r.headers[SourceHeaders.topic];
  if (!topic) return r;
  const headers = { ...r.headers };
  for (const h of [BATCH_TIME_HEADER, SourceHeaders.topic, SourceHeaders.partition, SourceHeaders.offset]) delete headers[h];
  return { ...r, topic, partition: Number(r.headers[SourceHeaders.partition] ?? r.partition), offset: r.headers[SourceHeaders.offset] ?? r.offset, headers };
}
