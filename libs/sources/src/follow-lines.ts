import { open, stat, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { realScheduler, type Scheduler } from './record-sink';

/** Options of {@link followLines}. */
export interface FollowLinesOptions {
  /** How often to look for new data when the file has none (ms). Default 250. */
  pollMs?: number;
  /** Most lines per yielded batch. Default 1,000. */
  maxBatch?: number;
  /** Stops following (the generator returns after the current poll). */
  signal?: AbortSignal;
  scheduler?: Scheduler;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * The lines of a growing file, in batches, as `tail -n +1 -F` follows it: every complete line
 * from the start, then the lines appended later, surviving rotation.
 *
 * Semantics:
 * - A line ends at `\n`; a trailing `\r` is dropped (CRLF logs) and so is a BOM at the start of a
 *   file. A last line without its `\n` is held until its end arrives (a writer mid-line), or
 *   yielded when the file is rotated away.
 * - **Rotation** (the path now names another file: renamed and recreated, as logrotate does): the
 *   rest of the old file is read, then the new one from its start. **Truncation** (the same file,
 *   now shorter than what was read, as `copytruncate` does): read again from the start. A path that
 *   is missing for a while (between the rename and the new file) is waited for.
 * - Each batch holds the complete lines available at once (at most `maxBatch`); the generator
 *   waits `pollMs` between looks when there are none. UTF-8 characters split across reads are kept whole.
 *
 * @throws the open error when the file does not exist when following starts
 */
export async function* followLines(file: string, o: FollowLinesOptions = {}): AsyncGenerator<string[]> {
  const pollMs = o.pollMs ?? 250;
  const maxBatch = o.maxBatch ?? 1000;
  const scheduler = o.scheduler ?? realScheduler;
  let handle: FileHandle = await open(file, 'r');
  let ino = (await handle.stat()).ino;
  let position = 0;
  let decoder = new StringDecoder('utf8');
  let pending = '';
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const take = (text: string): string[] => {
    const parts = (pending + text).split('\n');
    pending = parts.pop() ?? '';
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  };
  const stripBom = (text: string) => (position === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    while (!o.signal?.aborted) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead > 0) {
        const text = stripBom(decoder.write(buffer.subarray(0, bytesRead)));
        position += bytesRead;
        const lines = take(text);
        for (let i = 0; i < lines.length; i += maxBatch) yield lines.slice(i, i + maxBatch);
        continue;
      }
      const now = await stat(file).catch(() => undefined);
      if (now && now.ino !== ino) {
        const rest = take(decoder.end() + '\n').filter((l, i, all) => l !== '' || i < all.length - 1);
        if (rest.length) yield rest;
        await handle.close();
        handle = await open(file, 'r');
        ino = (await handle.stat()).ino;
        position = 0;
        decoder = new StringDecoder('utf8');
        pending = '';
        continue;
      }
      if (now && now.size < position) {
        position = 0;
        decoder = new StringDecoder('utf8');
        pending = '';
        continue;
      }
      await scheduler.sleep(pollMs, o.signal);
    }
  } finally {
    await handle.close();
  }
}
