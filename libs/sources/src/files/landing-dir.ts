import { copyFile, mkdir, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileIdentity, LandingFile, sameIdentity } from './landing-file';

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * The regular files directly in `dir` whose base name `matches` (no subdirectories), with their
 * size and mtime. A file removed between the listing and its stat is left out.
 * @throws the readdir error (the landing directory is missing or unreadable)
 */
export async function listLanding(dir: string, matches: (name: string) => boolean): Promise<LandingFile[]> {
  const root = path.resolve(dir);
  const names = (await readdir(root)).filter(matches);
  const files = await Promise.all(
    names.map(async (name) => {
      const file = path.join(root, name);
      try {
        const s = await stat(file);
        return s.isFile() ? { path: file, name, ...fileIdentity(s) } : undefined;
      } catch (e) {
        if (isMissing(e)) return undefined; // moved away since the listing: not this trigger's file
        throw e;
      }
    }),
  );
  return files.filter((f): f is LandingFile => f !== undefined);
}

/** A file's content when it held still, or why it is left for a later trigger. */
export type StableRead = { ok: true; text: string } | { ok: false; reason: 'gone' | 'changing'; detail: string };

/**
 * Reads a landing file (UTF-8; invalid bytes become U+FFFD) when it is not being written: its
 * size and mtime must be those of the listing before the read and again after it — two looks of
 * the same trigger — else it is left for the next trigger (`changing`), so a row half-written by
 * a slow writer is never published. Writers that cannot rename complete files into the landing
 * directory should at least not pause mid-file for longer than a trigger interval.
 * @throws a read error other than ENOENT (`gone`: moved away since the listing)
 */
export async function readStable(file: LandingFile): Promise<StableRead> {
  try {
    const before = fileIdentity(await stat(file.path));
    if (!sameIdentity(before, file)) return changing(file, before);
    const bytes = await readFile(file.path);
    const after = fileIdentity(await stat(file.path));
    if (!sameIdentity(after, file) || bytes.length !== file.size) return changing(file, after);
    return { ok: true, text: bytes.toString('utf8') };
  } catch (e) {
    if (isMissing(e)) return { ok: false, reason: 'gone', detail: `${file.path} was removed before it was read` };
    throw e;
  }
}

function changing(file: LandingFile, now: { size: number; mtimeMs: number }): StableRead {
  return { ok: false, reason: 'changing', detail: `${file.path} is being written (size ${file.size} -> ${now.size}, mtime ${file.mtimeMs} -> ${now.mtimeMs})` };
}

/**
 * Moves an ingested file into the archive directory under the same base name (Spark's
 * `cleanSource = archive`), replacing a file of that name there. A rename when both are on one
 * file system; otherwise a copy with the mtime kept, then the original removed.
 * @returns the archived path
 * @throws the rename/copy error (the file stays in landing; its checkpoint has it skipped, and archived by a later trigger)
 */
export async function archiveFile(file: string, archiveDir: string): Promise<string> {
  await mkdir(archiveDir, { recursive: true });
  const target = path.join(path.resolve(archiveDir), path.basename(file));
  try {
    await rename(file, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'EXDEV') throw e;
    const s = await stat(file);
    await copyFile(file, target);
    await utimes(target, s.atime, s.mtime);
    await unlink(file);
  }
  return target;
}
