import { FileIdentity } from './file-checkpoint';

/** A file of the landing directory as a listing saw it: absolute path, base name, size and mtime. */
export interface LandingFile extends FileIdentity {
  /** Absolute path: the key of its checkpoint and the `sluice-source-file` header. */
  path: string;
  /** Base name: what the glob matches and the order files are taken in. */
  name: string;
}

/** A file's size and mtime as the checkpoint keeps them (mtime floored to whole ms). */
export const fileIdentity = (stat: { size: number; mtimeMs: number }): FileIdentity => ({ size: stat.size, mtimeMs: Math.floor(stat.mtimeMs) });

/** Whether two looks at a file saw the same size and mtime. */
export const sameIdentity = (a: FileIdentity, b: FileIdentity): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs;
