import { z } from 'zod';

/**
 * The value of a checkpoint record (topic `sluice-producer-checkpoints`, key = source id): how far
 * a text feed got, committed in the same Kafka transaction as the lines it counts.
 * - `line`: lines of the feed committed so far, i.e. the 0-based index of the next line to send
 *   (a repeated source counts on: line 7 of a 3-line source is its line 7 % 3);
 * - `size`, `mtimeMs`: the file's size (bytes) and modification time (ms) when the run started,
 *   so a resume refuses a file that changed (for a built-in corpus: its line count and 0);
 * - `run`: id of the run that wrote it, so a run that lost a commit's answer tells its own
 *   checkpoint from an older run's.
 */
export const feedCheckpointSchema = z.object({
  run: z.string().min(1),
  line: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number().nonnegative(),
});
export type FeedCheckpoint = z.infer<typeof feedCheckpointSchema>;

/** Identity of the source a feed reads, as stored beside the checkpoint. */
export type SourceIdentity = Pick<FeedCheckpoint, 'size' | 'mtimeMs'>;

/** Thrown when `--resume` cannot continue: no checkpoint, or the source changed since. */
export class ResumeRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeRefusedError';
  }
}

/**
 * Parses a checkpoint record's value. @returns undefined for a tombstone
 * @throws Error naming the source when the value is not a checkpoint
 */
export function decodeFeedCheckpoint(sourceId: string, value: Buffer | string | null): FeedCheckpoint | undefined {
  if (value === null) return undefined;
  const parsed = feedCheckpointSchema.safeParse(safeJson(value.toString()));
  if (!parsed.success) throw new Error(`checkpoint of ${sourceId} is not {line,size,mtimeMs}: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Where a `--resume` run starts: the checkpoint's line, when the source is the one the checkpoint
 * was written for.
 * @returns the 0-based index of the first line to send
 * @throws ResumeRefusedError when there is no checkpoint or size/mtime differ (line numbers of a
 *   changed file would not name the same lines)
 */
export function resumeLine(sourceId: string, checkpoint: FeedCheckpoint | undefined, now: SourceIdentity): number {
  if (!checkpoint) throw new ResumeRefusedError(`--resume: no checkpoint for ${sourceId}; run without --resume to send it from the start`);
  if (checkpoint.size !== now.size || checkpoint.mtimeMs !== now.mtimeMs) {
    throw new ResumeRefusedError(
      `--resume: ${sourceId} changed since its checkpoint (size ${checkpoint.size} -> ${now.size}, mtime ${checkpoint.mtimeMs} -> ${now.mtimeMs}); run without --resume to send it from the start`,
    );
  }
  return checkpoint.line;
}

/** The checkpoint record's value (JSON). */
export const encodeFeedCheckpoint = (c: FeedCheckpoint): string => JSON.stringify(c);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
