import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { followLines } from './follow-lines';

describe(followLines.name, () => {
  let dir: string;
  let file: string;
  let stop: AbortController;
  let lines: AsyncGenerator<string[]>;
  /** The next batch, or a failure after 5 s (a missed line must fail the test, not hang it). */
  const next = async () => {
    const r = await Promise.race([lines.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no batch within 5 s')), 5000).unref())]);
    return r.done ? undefined : r.value;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'follow-'));
    file = path.join(dir, 'app.log');
    stop = new AbortController();
  });
  afterEach(async () => {
    stop.abort();
    await lines?.return(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('yields the complete lines from the start, CRLF and BOM removed, and holds a line without its end', async () => {
    writeFileSync(file, '\ufeffone\r\ntwo\nthr');
    lines = followLines(file, { pollMs: 10, signal: stop.signal });
    expect(await next()).toEqual(['one', 'two']);
    appendFileSync(file, 'ee\nfour\n');
    expect(await next()).toEqual(['three', 'four']);
  });

  it('keeps a UTF-8 character split across writes whole', async () => {
    writeFileSync(file, Buffer.from([0x61, 0xc3]));
    lines = followLines(file, { pollMs: 10, signal: stop.signal });
    const first = next();
    appendFileSync(file, Buffer.from([0xb1, 0x0a]));
    expect(await first).toEqual(['añ']);
  });

  it('follows a rotation: the rest of the old file, then the new file from its start', async () => {
    writeFileSync(file, 'a1\n');
    lines = followLines(file, { pollMs: 10, signal: stop.signal });
    expect(await next()).toEqual(['a1']);
    renameSync(file, `${file}.1`);
    appendFileSync(`${file}.1`, 'a2\npartial');
    writeFileSync(file, 'b1\nb2\n');
    const seen: string[] = [];
    while (seen.length < 4) seen.push(...((await next()) ?? []));
    expect(seen).toEqual(['a2', 'partial', 'b1', 'b2']);
  });

  it('reads a truncated file again from its start (copytruncate)', async () => {
    writeFileSync(file, 'old line 1\nold line 2\n');
    lines = followLines(file, { pollMs: 10, signal: stop.signal });
    expect(await next()).toEqual(['old line 1', 'old line 2']);
    truncateSync(file, 0);
    appendFileSync(file, 'new\n');
    expect(await next()).toEqual(['new']);
  });

  it('waits for a file missing between the rename and its successor', async () => {
    writeFileSync(file, 'x\n');
    lines = followLines(file, { pollMs: 10, signal: stop.signal });
    expect(await next()).toEqual(['x']);
    renameSync(file, `${file}.1`);
    const later = next();
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(file, 'y\n');
    expect(await later).toEqual(['y']);
  });

  it('cuts large reads into batches of maxBatch lines and returns when aborted', async () => {
    writeFileSync(file, Array.from({ length: 25 }, (_, i) => `l${i}`).join('\n') + '\n');
    lines = followLines(file, { pollMs: 10, maxBatch: 10, signal: stop.signal });
    expect((await next())?.length).toBe(10);
    expect((await next())?.length).toBe(10);
    expect(await next()).toEqual(['l20', 'l21', 'l22', 'l23', 'l24']);
    const ended = next();
    stop.abort();
    expect(await ended).toBeUndefined();
  });

  it('throws when the file does not exist at the start', async () => {
    lines = followLines(path.join(dir, 'none.log'), { signal: stop.signal });
    await expect(lines.next()).rejects.toThrow('ENOENT');
  });
});
