/**
 * Headers on every dead-letter record. The value is the original bytes, untouched.
 * `sluice-dlq-reason` is a short machine code ({@link DlqReason}); `sluice-dlq-detail` a human sentence.
 */
export const DlqHeaders = {
  reason: 'sluice-dlq-reason',
  detail: 'sluice-dlq-detail',
  sourceTopic: 'sluice-dlq-source-topic',
  sourcePartition: 'sluice-dlq-source-partition',
  sourceOffset: 'sluice-dlq-source-offset',
  service: 'sluice-dlq-service',
  failedAt: 'sluice-dlq-failed-at',
} as const;

/** Why a record was dead-lettered. */
export type DlqReason =
  | 'null-value'
  | 'too-large'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'schema-invalid'
  | 'not-writable'
  | 'late-record';
