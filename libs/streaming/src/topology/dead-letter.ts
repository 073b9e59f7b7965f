import { DlqHeaders, DlqReason, dlqTopic } from '@sluice/contracts';
import { OutputRecord, StreamRecord } from './stream-record';

/**
 * Builds the dead-letter record of `record`: the original key and value untouched on
 * `<topic>.dlq`, with the reason and the source topic/partition/offset in headers.
 *
 * @param service the service that rejected it (a header, for whoever reads the DLQ)
 * @param now time of the failure (ms since the epoch)
 */
export function deadLetter(record: StreamRecord, reason: DlqReason, detail: string, service: string, now: number): OutputRecord {
  return {
    topic: dlqTopic(record.topic),
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [DlqHeaders.reason]: reason,
      [DlqHeaders.detail]: detail.slice(0, 2000),
      [DlqHeaders.sourceTopic]: record.topic,
      [DlqHeaders.sourcePartition]: String(record.partition),
      [DlqHeaders.sourceOffset]: record.offset,
      [DlqHeaders.service]: service,
      [DlqHeaders.failedAt]: new Date(now).toISOString(),
    },
  };
}
