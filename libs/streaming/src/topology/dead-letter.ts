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

/**
 * The dead letter of a record whose decoding, processing or encoding threw: reason
 * `processing-error`, the error (name, message and causes) in the detail header.
 */
export function processingFailure(record: StreamRecord, error: unknown, service: string, now: number): OutputRecord {
  return deadLetter(record, 'processing-error', `processing the record threw ${describeError(error)}`, service, now);
}

/** `Name: message`, followed by `(cause: ...)` for each wrapped cause. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' (cause: ') + ')'.repeat(parts.length - 1);
}
