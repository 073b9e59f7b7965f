import { Scheduler } from '../record-sink';
import { commitWithRecovery } from '../commit-with-recovery';
import { CsvSchema } from './csv-schema';
import { FileCheckpoint, sameFileCheckpoint } from './file-checkpoint';
import { FileFormat, FileRow } from './file-row';
import { fileRecord } from './file-records';
import { fileRows } from './file-rows';
import { FileTransactionSink } from './file-transaction-sink';
import { LandingFile } from './landing-file';

/** How the rows of a file are read, published and committed. */
export interface FileIngestionOptions {
  format: FileFormat;
  /** Column types of CSV files (none: every column a string). */
  csvSchema?: CsvSchema;
  topic: string;
  /** Dot path of the record key in a row; undefined = records without key. */
  keyField?: string;
  /** Largest record value (bytes); larger rows are dead-lettered as `too-large`. */
  maxRecordBytes: number;
  /** Most rows (records and dead letters) in one transaction; a longer file takes several. */
  transactionRows: number;
  /** Id of this run, written into every checkpoint. */
  run: string;
  /** `sluice-dlq-service` of the dead letters. */
  service: string;
  sink: FileTransactionSink;
  scheduler: Scheduler;
  /** How long one transaction may take, retries included, before the run gives up (ms). */
  deliveryTimeoutMs: number;
  /** The reason an error cannot be cured by retrying, or undefined. */
  permanentError: (error: unknown) => string | undefined;
  signal?: AbortSignal;
  onRetry?: (info: { file: string; attempt: number; error: unknown; remainingMs: number }) => void;
  /** After each committed transaction of a file. */
  onCommit?: (file: string, checkpoint: FileCheckpoint) => void;
}

/** How the ingestion of one file ended. `records` and `deadLetters` count this run's rows only. */
export type FileIngestion =
  | { status: 'ingested'; checkpoint: FileCheckpoint; records: number; deadLetters: number; transactions: number }
  | { status: 'gave-up' | 'stopped'; checkpoint?: FileCheckpoint; records: number; deadLetters: number; transactions: number; inDoubt: number; error?: unknown };

/**
 * Ingests the rows of one landing file in Kafka transactions, each carrying the file's checkpoint
 * (see {@link FileCheckpoint}), so a read_committed consumer sees each row once, whatever crashes
 * or outages happen: the file's records, its dead letters and its checkpoint entry are committed
 * together, in one transaction when the file has at most `transactionRows` rows. A longer file is
 * committed in several transactions of `transactionRows` rows, in order; a run that stops between
 * them leaves a checkpoint with `complete: false` and the last committed line, and the next run
 * continues after that line (`from`) — the topic then holds a prefix of the file for a while, but
 * never a row twice. An empty file still commits its checkpoint (so it is not read again).
 *
 * A failed transaction is cured by {@link commitWithRecovery} (a new producer fences the old one,
 * the committed checkpoint tells whether the lost answer was a commit). Gives up when the file's
 * checkpoint holds an entry this run did not write nor expect (another producer ingests the same
 * landing directory).
 *
 * @param text the file's content, read while its size and mtime held still
 * @param from the file's unfinished checkpoint to continue after, if any
 */
export async function ingestFile(file: LandingFile, text: string, from: FileCheckpoint | undefined, o: FileIngestionOptions): Promise<FileIngestion> {
  const rows = fileRows(text, o.format, o.csvSchema)[Symbol.iterator]();
  let next = rows.next();
  while (!next.done && from && next.value.endLine <= from.line) next = rows.next();
  let committed = from;
  let records = 0;
  let deadLetters = 0;
  let transactions = 0;
  const progress = () => ({ records, deadLetters, transactions });
  do {
    if (o.signal?.aborted) return { status: 'stopped', checkpoint: committed, ...progress(), inDoubt: 0 };
    const batch: FileRow[] = [];
    while (!next.done && batch.length < o.transactionRows) {
      batch.push(next.value);
      next = rows.next();
    }
    const now = o.scheduler.now();
    const out = batch.map((row) => fileRecord(row, { file: file.path, topic: o.topic, keyField: o.keyField, maxRecordBytes: o.maxRecordBytes, now, service: o.service }));
    const letters = out.filter((r) => r.deadLetter).length;
    const previous = committed;
    const checkpoint: FileCheckpoint = {
      size: file.size,
      mtimeMs: file.mtimeMs,
      records: (previous?.records ?? 0) + out.length - letters,
      deadLetters: (previous?.deadLetters ?? 0) + letters,
      topic: o.topic,
      ingestedAt: new Date(now).toISOString(),
      line: batch.length ? batch[batch.length - 1].endLine : (previous?.line ?? 0),
      complete: next.done === true,
      run: o.run,
    };
    const recordsOut = out.map(({ deadLetter: _, ...r }) => r);
    const outcome = await commitWithRecovery({
      commit: (deadline) => o.sink.commit(file.path, recordsOut, checkpoint, deadline),
      recover: async (deadline) => {
        const found = await o.sink.recover(file.path, deadline);
        if (sameFileCheckpoint(found, checkpoint)) return 'committed';
        if (sameFileCheckpoint(found, previous)) return 'not-committed';
        return { conflict: `the checkpoint of ${file.path} is ${describe(found)}, expected ${describe(previous)} or ${describe(checkpoint)}: another producer ingests the same landing directory` };
      },
      deliveryTimeoutMs: o.deliveryTimeoutMs,
      scheduler: o.scheduler,
      permanentError: o.permanentError,
      signal: o.signal,
      onRetry: (info) => o.onRetry?.({ file: file.path, ...info }),
    });
    if (outcome.status === 'conflict') return { status: 'gave-up', checkpoint: committed, ...progress(), inDoubt: 0, error: outcome.error };
    if (outcome.status !== 'committed') return { status: outcome.status, checkpoint: committed, ...progress(), inDoubt: out.length, error: outcome.error };
    committed = checkpoint;
    records += out.length - letters;
    deadLetters += letters;
    transactions++;
    o.onCommit?.(file.path, checkpoint);
  } while (!next.done);
  return { status: 'ingested', checkpoint: committed!, ...progress() };
}

function describe(c: FileCheckpoint | undefined): string {
  return c ? `{run ${c.run}, line ${c.line}${c.complete ? ', complete' : ''}}` : 'absent';
}
