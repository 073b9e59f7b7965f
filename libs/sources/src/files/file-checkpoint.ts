import { z } from 'zod';

/**
 * The value of a file checkpoint (topic `sluice-file-checkpoints`, compacted, key = the file's
 * absolute path in the landing directory), committed in the same Kafka transaction as the rows
 * it counts:
 * - `size` (bytes) and `mtimeMs` (ms since the epoch, floored) of the file when it was read: a
 *   file whose size or mtime differ later has changed since (it is reported, not read again);
 * - `records`, `deadLetters`: rows of the file published to the topic and to `<topic>.dlq` so far;
 * - `topic`: where its records went; `ingestedAt`: ISO-8601 time of the commit;
 * - `line`: the last line of the file (1-based) whose row is committed: a file too large for one
 *   transaction is committed in several, and a restart continues after this line; `complete`
 *   says the whole file is in (then `line` is the end of its last row);
 * - `run`: id of the run that wrote it, so a run that lost a commit's answer knows its own entry.
 */
export const fileCheckpointSchema = z.object({
  size: z.number().int().nonnegative(),
  mtimeMs: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  deadLetters: z.number().int().nonnegative(),
  topic: z.string().min(1),
  ingestedAt: z.string().datetime(),
  line: z.number().int().nonnegative(),
  complete: z.boolean(),
  run: z.string().min(1),
});
export type FileCheckpoint = z.infer<typeof fileCheckpointSchema>;

/** What identifies the content of a file without reading it: its size (bytes) and mtime (ms, floored). */
export type FileIdentity = Pick<FileCheckpoint, 'size' | 'mtimeMs'>;

/** The checkpoint record's value (JSON, fields in the schema's order). */
export const encodeFileCheckpoint = (c: FileCheckpoint): string => JSON.stringify(fileCheckpointSchema.parse(c));

/**
 * Parses a checkpoint record's value. @returns undefined for a tombstone (the file is forgotten:
 * delete its entry to have a file ingested again)
 * @throws Error naming the file when the value is not a file checkpoint (the run stops rather than
 *   ingest a file twice; write a tombstone or a valid value for that key)
 */
export function decodeFileCheckpoint(file: string, value: Buffer | string | null): FileCheckpoint | undefined {
  if (value === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch {
    json = value.toString();
  }
  const parsed = fileCheckpointSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the file checkpoint of ${file} is not {size,mtimeMs,records,deadLetters,topic,ingestedAt,line,complete,run}: ${parsed.error.message}`);
  return parsed.data;
}

/** Whether two checkpoints are the same entry (every field equal; undefined = no entry). */
export function sameFileCheckpoint(a: FileCheckpoint | undefined, b: FileCheckpoint | undefined): boolean {
  if (!a || !b) return a === b;
  return (Object.keys(fileCheckpointSchema.shape) as Array<keyof FileCheckpoint>).every((k) => a[k] === b[k]);
}
