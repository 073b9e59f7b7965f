import { FileCheckpoint } from './file-checkpoint';
import { LandingFile, sameIdentity } from './landing-file';

/**
 * What a file of the landing directory is to the source, from its checkpoint:
 * - `new`: no checkpoint — to ingest from its first line;
 * - `resume`: a checkpoint of a file not complete (a run stopped between two of its transactions)
 *   and the same size and mtime — to ingest after the checkpoint's line;
 * - `done`: complete, same size and mtime — skipped (and archived with `--archive`);
 * - `changed`: a checkpoint whose size or mtime differ — the file was modified or replaced after
 *   (part of) it was ingested; it is reported, never read again (its rows would be duplicates).
 */
export type FileState = { kind: 'new'; file: LandingFile } | Checkpointed<'resume'> | Checkpointed<'done'> | Checkpointed<'changed'>;

/** A file that has a checkpoint, in state `K`. */
export interface Checkpointed<K extends string> {
  kind: K;
  file: LandingFile;
  checkpoint: FileCheckpoint;
}

/** Classifies one file by its checkpoint (see {@link FileState}). */
export function fileState(file: LandingFile, checkpoint: FileCheckpoint | undefined): FileState {
  if (!checkpoint) return { kind: 'new', file };
  if (!sameIdentity(file, checkpoint)) return { kind: 'changed', file, checkpoint };
  return checkpoint.complete ? { kind: 'done', file, checkpoint } : { kind: 'resume', file, checkpoint };
}

/** The files of one trigger: those to ingest now, and those skipped or reported. */
export interface TriggerPlan {
  /** New and unfinished files, by name, at most `maxFilesPerTrigger`. */
  ingest: Array<Extract<FileState, { kind: 'new' | 'resume' }>>;
  /** New and unfinished files left for a later trigger by `maxFilesPerTrigger`. */
  deferred: number;
  done: Array<Extract<FileState, { kind: 'done' }>>;
  changed: Array<Extract<FileState, { kind: 'changed' }>>;
}

/**
 * Plans one trigger of the files source over a listing of the landing directory, as Spark's file
 * source plans a micro-batch: the files not yet (completely) ingested, oldest first, at most
 * `maxFilesPerTrigger` of them (Spark's `maxFilesPerTrigger`; `latestFirst = false`).
 *
 * "Oldest" is the **name** order (plain code-unit order of the base names), where Spark uses the
 * modification time: landing files are named by their time (GH Archive's `2021-07-21-6.json`),
 * while the mtimes of files copied into landing need not follow it. Ties cannot occur (one
 * directory). Pure: the listing and the checkpoints are its only inputs.
 *
 * @param maxFilesPerTrigger at least 1 (Infinity = no limit)
 */
export function planTrigger(listing: readonly LandingFile[], checkpoints: ReadonlyMap<string, FileCheckpoint>, maxFilesPerTrigger: number): TriggerPlan {
  const plan: TriggerPlan = { ingest: [], deferred: 0, done: [], changed: [] };
  const byName = [...listing].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of byName) {
    const state = fileState(file, checkpoints.get(file.path));
    if (state.kind === 'done') plan.done.push(state);
    else if (state.kind === 'changed') plan.changed.push(state);
    else if (plan.ingest.length < maxFilesPerTrigger) plan.ingest.push(state);
    else plan.deferred++;
  }
  return plan;
}
