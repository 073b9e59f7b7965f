import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PipelineTestDriver } from '@sluice/streaming';
import type { LogLine } from './app-logs.source';
import { logErrorCountsPipeline, logErrorWindowCountsPipeline, logTopUrlsPipeline } from './log-errors.pipeline';
import { parseAccessLine, parseSeedLine } from './log-line.parser';

/**
 * Golden tests of `log-errors`: the job's pipelines, fed in micro-batches, against the seed's
 * definition computed here on the whole input at once (seed 004, `detector.py`):
 * `filter("ERROR" in line)`, `split(" ")`, first token starting with ERROR / http(s)://, counts
 * per code, URL counts without UNKNOWN_URL sorted by count descending, top 10.
 */
const DATA = path.resolve(__dirname, '../../../../../shared/data');
const linesOf = (file: string) => readFileSync(path.join(DATA, file), 'utf8').split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);

/** The seed's definition, written out again (not the job's parser). */
function seedDefinition(lines: readonly string[]) {
  const codes = new Map<string, number>();
  const urls = new Map<string, number>();
  for (const line of lines) {
    if (line.indexOf('ERROR') < 0) continue;
    const parts = line.split(' ');
    let code = 'UNKNOWN_ERROR';
    let url = 'UNKNOWN_URL';
    for (const p of parts) if (p.slice(0, 5) === 'ERROR') { code = p; break; }
    for (const p of parts) if (p.slice(0, 7) === 'http://' || p.slice(0, 8) === 'https://') { url = p; break; }
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (url !== 'UNKNOWN_URL') urls.set(url, (urls.get(url) ?? 0) + 1);
  }
  const top = [...urls].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, 10).map(([url, count]) => ({ url, count }));
  return { codes, top };
}

/** Runs a pipeline over the lines in batches of `size`, returning every committed batch's records. */
function run<O>(build: () => { build(): import('@sluice/streaming').Pipeline<LogLine, O, never> }, lines: readonly LogLine[], size: number): O[] {
  const d = new PipelineTestDriver(() => build().build(), { batchIntervalMs: 1000 });
  const out: O[] = [];
  for (let i = 0; i < lines.length; i += size) out.push(...d.runBatch(lines.slice(i, i + size)).records);
  return out;
}
const latest = <O extends { code: string; count: number }>(records: readonly O[]) => new Map(records.map((r) => [r.code, r.count]));

const hadoop = 'loghub/Hadoop_2k.log';
const haveData = existsSync(path.join(DATA, hadoop));

(haveData ? describe : describe.skip)('log-errors on real logs (../shared/data)', () => {
  const o = { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 10_000 };

  it('counts the Hadoop log’s error codes as the seed does, whatever the batching', () => {
    const lines = linesOf(hadoop);
    const truth = seedDefinition(lines);
    expect(truth.codes.get('ERROR')).toBeGreaterThan(100);
    const parsed = lines.map(parseSeedLine);
    for (const size of [1, 37, 500]) expect(latest(run(() => logErrorCountsPipeline(o), parsed, size))).toEqual(truth.codes);
  });

  it('ranks no URL for the Hadoop log: its lines with an http:// URL say "Error:" or FATAL, not ERROR, as the seed finds', () => {
    const lines = linesOf(hadoop);
    const withUrl = lines.filter((l) => /https?:\/\//.test(l));
    expect(withUrl.length).toBeGreaterThan(0);
    expect(withUrl.filter((l) => l.includes('ERROR'))).toEqual([]);
    expect(seedDefinition(lines).top).toEqual([]);
    expect(run(() => logTopUrlsPipeline(o), lines.map(parseSeedLine), 100)).toEqual([]);
  });

  it('finds the ZooKeeper log’s 13 ERROR lines, and nothing in the Apache error log, whose [error] is lower case', () => {
    const zk = linesOf('loghub/Zookeeper_2k.log');
    const counts = latest(run(() => logErrorCountsPipeline(o), zk.map(parseSeedLine), 250));
    expect(counts).toEqual(seedDefinition(zk).codes);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(13);
    expect(run(() => logErrorCountsPipeline(o), linesOf('loghub/Apache_2k.log').map(parseSeedLine), 250)).toEqual([]);
  });

  it('counts the access log’s three 500s with LOG_FORMAT=access, and windows hold the batches of the last 60 s', () => {
    const lines = linesOf('access-log/apache_logs');
    const parsed = lines.map((l) => parseAccessLine(l) ?? null);
    const fives = lines.filter((l) => / 500 /.test(l.split('"')[2] ?? ''));
    expect(fives).toHaveLength(3);
    expect(latest(run(() => logErrorCountsPipeline(o), parsed, 1000))).toEqual(new Map([['500', 3]]));
    const paths = new Map<string, number>();
    for (const l of fives) paths.set(l.split('"')[1].split(' ')[1], (paths.get(l.split('"')[1].split(' ')[1]) ?? 0) + 1);
    const expected = [...paths].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([url, count]) => ({ url, count }));
    const rankings = run(() => logTopUrlsPipeline(o), parsed, 1000);
    expect(rankings[rankings.length - 1].top).toEqual(expected);
    // 10 batches of 1,000 lines (10 s): the window at 10 s holds all of them.
    const windows = run(() => logErrorWindowCountsPipeline(o), parsed, 1000);
    expect(windows.filter((w) => w.windowEnd === 10_000).map((w) => [w.code, w.count])).toEqual([['500', 3]]);
  });
});

describe('log-errors on hand-written lines', () => {
  const o = { batchIntervalMs: 1000, topN: 2 };
  const lines = [
    'a ERROR_DB ERROR_IO http://x/1',
    'b ERROR_DB https://x/2 http://x/1',
    'c ERROR no url',
    'd WARN http://x/3',
    'e ERROR_IO http://x/2',
    'f ERROR_IO https://x/2',
  ];

  it('counts by the first ERROR token, lines without one as UNKNOWN_ERROR', () => {
    expect(latest(run(() => logErrorCountsPipeline(o), [...lines, 'g xERROR'].map(parseSeedLine), 2))).toEqual(new Map([['ERROR_DB', 2], ['ERROR', 1], ['ERROR_IO', 2], ['UNKNOWN_ERROR', 1]]));
  });

  it('ranks URLs by count, ties by URL, UNKNOWN_URL and non-error lines left out, top N only', () => {
    const rankings = run(() => logTopUrlsPipeline(o), lines.map(parseSeedLine), 6);
    // http://x/1 ×1, https://x/2 ×2, http://x/2 ×1 (http:// and https:// are different URLs)
    expect(rankings).toEqual([{ top: [{ url: 'https://x/2', count: 2 }, { url: 'http://x/1', count: 1 }], updatedAtMs: 1000 }]);
  });
});
