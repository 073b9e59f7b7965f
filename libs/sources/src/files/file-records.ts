import { DlqHeaders, DlqReason, dlqTopic, SourceFileHeaders } from '@sluice/contracts';
import { SinkRecord } from '../record-sink';
import { FileRow } from './file-row';

/** A record with the topic it goes to (a transaction of the files source writes two topics). */
export interface TopicRecord extends SinkRecord {
  topic: string;
}

/** Where the records of one file go and how they are keyed. */
export interface FileRecordContext {
  /** The file's absolute path (header `sluice-source-file`). */
  file: string;
  topic: string;
  /** Dot path of the key in the row (`id`, `repo.name`); undefined = no key. */
  keyField?: string;
  /** Largest value (bytes) published; a larger row is dead-lettered as `too-large` (`MAX_RECORD_BYTES`). */
  maxRecordBytes: number;
  /** Record timestamp and the dead letters' `sluice-dlq-failed-at` (ms since the epoch). */
  now: number;
  /** `sluice-dlq-service` of the dead letters. */
  service: string;
}

/**
 * The record of one row: a good row to `topic` (value = its JSON, key = the `keyField` value),
 * a refused one to `<topic>.dlq` with its text as it was in the file, no key, and the DLQ headers
 * (`sluice-dlq-reason`, `-detail`, `-service`, `-failed-at`). Both carry `sluice-source-file` and
 * `sluice-source-line` (the line where the row starts). A row whose JSON is over
 * `maxRecordBytes` is dead-lettered as `too-large` with an empty value (it would not fit the DLQ either).
 */
export function fileRecord(row: FileRow, c: FileRecordContext): TopicRecord & { deadLetter: boolean } {
  const source = { [SourceFileHeaders.file]: c.file, [SourceFileHeaders.line]: String(row.line) };
  if (row.ok) {
    const bytes = Buffer.byteLength(row.json);
    if (bytes <= c.maxRecordBytes) {
      return { topic: c.topic, key: c.keyField === undefined ? null : keyAt(row.object, c.keyField), value: row.json, timestamp: c.now, headers: source, deadLetter: false };
    }
    return deadLetter('', 'too-large', `${c.file}: row on line ${row.line} is ${bytes} bytes as JSON, over MAX_RECORD_BYTES (${c.maxRecordBytes}); value dropped`);
  }
  return deadLetter(row.raw, row.reason, `${c.file}: ${row.detail}`);

  function deadLetter(value: string, reason: DlqReason, detail: string): TopicRecord & { deadLetter: boolean } {
    const headers = { ...source, [DlqHeaders.reason]: reason, [DlqHeaders.detail]: detail.slice(0, 2000), [DlqHeaders.service]: c.service, [DlqHeaders.failedAt]: new Date(c.now).toISOString() };
    return { topic: dlqTopic(c.topic), key: null, value, timestamp: c.now, headers, deadLetter: true };
  }
}

/**
 * The record key at a dot path of a row (`actor.login`): a string as it is, a number or boolean
 * as its text, an object or array as its JSON; null when the path is missing or null.
 */
export function keyAt(row: Record<string, unknown>, dotPath: string): string | null {
  let v: unknown = row;
  for (const part of dotPath.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}
