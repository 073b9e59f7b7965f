import { DlqHeaders, DLQ_SUFFIX, dlqTopic } from '@sluice/contracts';
import type { OutputRecord } from '@sluice/streaming';

/** Longest key (bytes) kept on the dead-letter record of an oversize result. */
export const OVERSIZE_KEY_BYTES = 1024;

/** Where the oversize record came from: the task's input partition and the service. */
export interface OversizeSource {
  topic: string;
  partition: number;
  service: string;
  /** Time of the refusal (ms since the epoch). */
  now: number;
}

/**
 * The dead-letter record of a result record that no record batch of its topic can carry: on
 * `<output>.dlq` (a DLQ record already: on its own topic) with reason `too-large`, the original
 * headers, the key (cut at 1 KiB) and no value, since a value that did not fit its topic would not
 * fit the DLQ either. The detail header gives the sizes so the record can be found and the limit raised.
 *
 * @param bytes the record's size in a record batch (bytes); `limit` its topic's `max.message.bytes`
 */
export function oversizeDeadLetter(record: OutputRecord, bytes: number, limit: number, source: OversizeSource): OutputRecord {
  const key = record.key === null ? null : Buffer.from(record.key);
  return {
    topic: record.topic.endsWith(DLQ_SUFFIX) ? record.topic : dlqTopic(record.topic),
    key: key && key.length > OVERSIZE_KEY_BYTES ? key.subarray(0, OVERSIZE_KEY_BYTES) : key,
    value: null,
    headers: {
      ...record.headers,
      [DlqHeaders.reason]: 'too-large',
      [DlqHeaders.detail]: `a ${record.topic} record of ${bytes} bytes exceeds the topic's max.message.bytes (${limit} bytes); value dropped`,
      [DlqHeaders.sourceTopic]: source.topic,
      [DlqHeaders.sourcePartition]: String(source.partition),
      [DlqHeaders.service]: source.service,
      [DlqHeaders.failedAt]: new Date(source.now).toISOString(),
    },
  };
}
