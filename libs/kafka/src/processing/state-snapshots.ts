import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * How old a snapshot may be and still be used (ms): half of Kafka's default `delete.retention.ms`
 * (24 h), which the changelog topics keep. A tombstone written to a changelog after the snapshot
 * is kept at least that long, so restoring the changelog's tail on top of a younger snapshot
 * still sees every delete; an older snapshot could miss one and is ignored.
 */
export const SNAPSHOT_MAX_AGE_MS = 12 * 3600 * 1000;

const StoreSnapshotSchema = z.object({
  /** Store name (stable: it names the changelog topic). */
  name: z.string().min(1),
  /** The store's changelog topic and partition (= the task's input partition). */
  topic: z.string().min(1),
  partition: z.number().int().min(0),
  /**
   * The changelog offset the entries are the state of: every committed changelog record below
   * it is reflected, none at or above it. Restoring resumes reading the changelog here.
   */
  offset: z.number().int().min(0),
  /** `[key, value]` pairs, values as the store holds them (JSON). */
  entries: z.array(z.tuple([z.string(), z.unknown()])),
});

/**
 * A task's state stores at a known changelog position, written by the processor when it stops
 * cleanly: the local state and `.checkpoint` file of Kafka Streams, in one JSON file per task.
 * Unlike Kafka Streams' RocksDB directory it is never modified in place, so it stays true after
 * the task runs on (the changelog's tail after `offset` is what changed), and any instance of the
 * group that finds it can use it.
 */
export const TaskSnapshotSchema = z.object({
  format: z.literal(1),
  applicationId: z.string().min(1),
  /** Task id `<input topic>-<partition>`. */
  task: z.string().min(1),
  /** When it was written (epoch ms). */
  writtenAt: z.number().int(),
  stores: z.array(StoreSnapshotSchema),
});
export type TaskSnapshot = z.infer<typeof TaskSnapshotSchema>;
export type StoreSnapshot = z.infer<typeof StoreSnapshotSchema>;

/** Writes started by this process (names the temporary files). */
let writeCount = 0;

/** What {@link StateSnapshots.read} found. */
export type SnapshotRead = { snapshot: TaskSnapshot } | { missing: true } | { rejected: string };

/**
 * The directory of task snapshots of one processor (`PROCESSOR_STATE_DIR`):
 * `<dir>/<applicationId>/<task>.json`. Writes go to a temporary file renamed over the old one,
 * so a reader sees a whole snapshot or the previous one, never half of one.
 */
export class StateSnapshots {
  /**
   * @param dir the state directory (created when missing)
   * @param clock epoch ms, for the age check
   * @param maxAgeMs older snapshots are rejected (see {@link SNAPSHOT_MAX_AGE_MS})
   */
  constructor(
    readonly dir: string,
    private readonly clock: () => number = Date.now,
    private readonly maxAgeMs = SNAPSHOT_MAX_AGE_MS,
  ) {}

  /** Path of a task's snapshot file (ids made file-name safe, so it stays inside {@link dir}). */
  pathOf(applicationId: string, task: string): string {
    return path.join(this.dir, safeName(applicationId), `${safeName(task)}.json`);
  }

  /**
   * Writes (replaces) a task's snapshot. The snapshot is serialised synchronously, before this
   * returns its promise, so the caller may let the stores change at once.
   * @throws on a file-system error (the caller logs it: a missing snapshot only costs a longer restore)
   */
  async write(snapshot: TaskSnapshot): Promise<void> {
    // Serialised before the first await: the stores go on changing once the caller returns.
    const text = JSON.stringify(snapshot);
    const file = this.pathOf(snapshot.applicationId, snapshot.task);
    await mkdir(path.dirname(file), { recursive: true });
    // Unique per write: two writes of one task (a periodic one and the one at revocation) never share it.
    const tmp = `${file}.${process.pid}.${++writeCount}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, file);
  }

  /**
   * Reads a task's snapshot. A file that does not parse, is not a snapshot of this task, or is
   * older than the age limit is rejected (with the reason) and deleted.
   */
  async read(applicationId: string, task: string): Promise<SnapshotRead> {
    const file = this.pathOf(applicationId, task);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
      throw err;
    }
    const reason = rejection(text, applicationId, task, this.clock(), this.maxAgeMs);
    if (typeof reason === 'string') {
      await rm(file, { force: true });
      return { rejected: reason };
    }
    return { snapshot: reason };
  }

  /** Deletes a task's snapshot (no error when there is none). */
  async remove(applicationId: string, task: string): Promise<void> {
    await rm(this.pathOf(applicationId, task), { force: true });
  }
}

/** The parsed snapshot, or why it cannot be used. */
function rejection(text: string, applicationId: string, task: string, now: number, maxAgeMs: number): TaskSnapshot | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return `not JSON (${(err as Error).message})`;
  }
  const parsed = TaskSnapshotSchema.safeParse(json);
  if (!parsed.success) return `not a task snapshot (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`;
  const s = parsed.data;
  if (s.applicationId !== applicationId || s.task !== task) return `written for ${s.applicationId}/${s.task}`;
  if (now - s.writtenAt > maxAgeMs) return `older than ${maxAgeMs} ms (written ${new Date(s.writtenAt).toISOString()})`;
  return s;
}

/** A file name for an id: characters outside `[a-zA-Z0-9._-]` and leading dots become `_`. */
function safeName(id: string): string {
  return id.replace(/[^a-zA-Z0-9._-]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
}
