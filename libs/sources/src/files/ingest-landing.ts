import { FileCheckpoint } from './file-checkpoint';
import { FilesSummary } from './files-summary';
import { FileIngestionOptions, ingestFile } from './ingest-file';
import { archiveFile, listLanding, readStable } from './landing-dir';
import { LandingFile } from './landing-file';
import { planTrigger } from './trigger-plan';

/** Something a run of the files source did, for its log. */
export type LandingEvent =
  | { type: 'ingested'; file: string; checkpoint: FileCheckpoint; records: number; deadLetters: number; transactions: number; resumedAfterLine?: number }
  | { type: 'skipped'; file: string; checkpoint: FileCheckpoint }
  | { type: 'changed'; file: LandingFile; checkpoint: FileCheckpoint }
  | { type: 'unstable'; file: string; detail: string }
  | { type: 'archived'; file: string; to: string }
  | { type: 'archive-failed'; file: string; error: unknown }
  | { type: 'trigger'; trigger: number; ingest: number; deferred: number };

export interface IngestLandingOptions extends FileIngestionOptions {
  /** The landing directory (its files, not its subdirectories). */
  landing: string;
  /** Which base names are landing files (see `globMatcher`). */
  matches: (name: string) => boolean;
  /** Where ingested files are moved (Spark's `cleanSource = archive`); undefined = left in place. */
  archive?: string;
  /** Most files ingested per trigger (Spark's `maxFilesPerTrigger`); Infinity = no limit. */
  maxFilesPerTrigger: number;
  /** Time between the starts of two triggers (ms), in watch mode. */
  triggerIntervalMs: number;
  /** Run triggers back to back until one finds nothing to ingest, then return (Spark's `Trigger.AvailableNow`). */
  once: boolean;
  /** The committed checkpoints by file path, read at start; updated as files are committed. */
  checkpoints: Map<string, FileCheckpoint>;
  onEvent?: (event: LandingEvent) => void;
}

/**
 * The files source: incremental ingestion of a landing directory into a topic, exactly once per
 * file, as Spark Structured Streaming's file source reads a directory.
 *
 * Each trigger lists the directory, classifies the files by their checkpoints
 * ({@link planTrigger}) and ingests the new and unfinished ones in name order, at most
 * `maxFilesPerTrigger` ({@link ingestFile}: records, dead letters and checkpoint in one
 * transaction), then archives them with `archive`. Files already ingested are skipped (and
 * archived, for those a crash between the commit and the move left in landing); a file whose size
 * or mtime changed since its checkpoint is reported once per run (event `changed`) and never read
 * again; a file whose size or mtime move while it is read is left for the next trigger (`unstable`).
 *
 * Watch mode (`once` false) starts a trigger every `triggerIntervalMs` (at once when one took
 * longer, as Spark's processing-time trigger) until `signal` aborts. `once` runs triggers back to
 * back, each within `maxFilesPerTrigger`, until one ingests nothing (every file done, or only
 * unstable ones left). Never throws: a listing, read or Kafka failure ends the run as `gave-up`
 * with the error, having committed what it counts.
 */
export async function ingestLanding(o: IngestLandingOptions): Promise<FilesSummary> {
  const started = o.scheduler.now();
  const s: FilesSummary = { status: 'done', files: 0, records: 0, deadLetters: 0, skipped: 0, changed: 0, archived: 0, unstable: 0, inDoubt: 0, triggers: 0, seconds: 0 };
  const seen = { skipped: new Set<string>(), changed: new Set<string>(), unstable: new Set<string>() };
  const end = (status: FilesSummary['status'], error?: unknown): FilesSummary => ({
    ...s,
    status,
    seconds: Math.max(0.001, (o.scheduler.now() - started) / 1000),
    ...(error !== undefined ? { error: (error as Error)?.message ?? String(error) } : {}),
  });
  const archive = async (file: string) => {
    if (o.archive === undefined) return;
    try {
      const to = await archiveFile(file, o.archive);
      s.archived++;
      o.onEvent?.({ type: 'archived', file, to });
    } catch (error) {
      // The file is committed: it stays in landing, skipped by its checkpoint, and a later trigger moves it.
      o.onEvent?.({ type: 'archive-failed', file, error });
    }
  };

  try {
    for (;;) {
      if (o.signal?.aborted) return end('stopped');
      const triggerStart = o.scheduler.now();
      const plan = planTrigger(await listLanding(o.landing, o.matches), o.checkpoints, o.maxFilesPerTrigger);
      s.triggers++;
      o.onEvent?.({ type: 'trigger', trigger: s.triggers, ingest: plan.ingest.length, deferred: plan.deferred });
      for (const { file, checkpoint } of plan.changed) {
        const id = `${file.path}\0${file.size}\0${file.mtimeMs}`;
        if (seen.changed.has(id)) continue;
        seen.changed.add(id);
        s.changed++;
        o.onEvent?.({ type: 'changed', file, checkpoint });
      }
      for (const { file, checkpoint } of plan.done) {
        if (!seen.skipped.has(file.path)) {
          seen.skipped.add(file.path);
          s.skipped++;
          o.onEvent?.({ type: 'skipped', file: file.path, checkpoint });
        }
        await archive(file.path);
      }
      let ingested = 0;
      for (const state of plan.ingest) {
        if (o.signal?.aborted) return end('stopped');
        const read = await readStable(state.file);
        if (!read.ok) {
          if (read.reason === 'changing' && !seen.unstable.has(state.file.path)) {
            seen.unstable.add(state.file.path);
            s.unstable++;
          }
          if (read.reason === 'changing') o.onEvent?.({ type: 'unstable', file: state.file.path, detail: read.detail });
          continue;
        }
        const from = state.kind === 'resume' ? state.checkpoint : undefined;
        const r = await ingestFile(state.file, read.text, from, {
          ...o,
          onCommit: (file, checkpoint) => {
            o.checkpoints.set(file, checkpoint);
            o.onCommit?.(file, checkpoint);
          },
        });
        s.records += r.records;
        s.deadLetters += r.deadLetters;
        if (r.status !== 'ingested') {
          s.inDoubt += r.inDoubt;
          return end(r.status, r.error);
        }
        s.files++;
        ingested++;
        seen.skipped.add(state.file.path); // done from now on, by this run: not one to count as skipped
        o.onEvent?.({ type: 'ingested', file: state.file.path, checkpoint: r.checkpoint, records: r.records, deadLetters: r.deadLetters, transactions: r.transactions, ...(from ? { resumedAfterLine: from.line } : {}) });
        await archive(state.file.path);
      }
      if (o.once) {
        if (ingested === 0) return end('done');
        continue;
      }
      await o.scheduler.sleep(Math.max(0, triggerStart + o.triggerIntervalMs - o.scheduler.now()), o.signal);
    }
  } catch (error) {
    return end('gave-up', error);
  }
}
