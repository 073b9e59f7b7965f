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

/**
 * Why a record was dead-lettered.
 * - `null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`: refused at decoding;
 * - `time-out-of-range`: an event time outside the accepted range (see `MAX_EVENT_TIME_SKEW_MS`);
 * - `processing-error`: decoding passed but processing or encoding the record threw;
 * - `not-writable`: a store refused this one value (a record-level refusal, not an outage);
 * - `late-record`: behind the event-time watermark;
 * - `not-an-object`, `csv-column-count`, `csv-type`, `csv-malformed`: a row of a landing file the
 *   producer's `files` source refused (an NDJSON line that is JSON but no object; a CSV row whose
 *   field count differs from the header's, whose value does not parse as its schema type, or
 *   whose quoting is broken); `invalid-json` and `too-large` apply to those rows too.
 */
export type DlqReason =
  | 'null-value'
  | 'too-large'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'schema-invalid'
  | 'time-out-of-range'
  | 'processing-error'
  | 'not-writable'
  | 'late-record'
  | 'not-an-object'
  | 'csv-column-count'
  | 'csv-type'
  | 'csv-malformed';
