/**
 * npm run bench:operators — in-process throughput of the micro-batch operators (no Kafka, no I/O).
 *
 * Every scenario drives a pipeline instance as the runtime does: `process(batch, batchTime)` per
 * micro-batch, then `drainChanges()` on every store (the changelog records the runtime would commit).
 * Timings include both; inputs are generated before the clock starts.
 *
 * 1. reduceByKey, in memory: [key, 1] pairs over 10,000 keys, batches of 100,000 (first bar: >= 1,000,000 records/s on one core).
 * 2. tokenize + count: Don Quijote (shared/data/don-quijote-pg2000.txt), batches of 5,000 lines,
 *    wordsTokenizer → [word, 1] → reduceByKey; records = lines (words/s alongside).
 * 3. windowed count, length 30 batches, slide 1 batch: batches of 50,000 pairs over 10,000 keys,
 *    with and without the inverse function (each batch emits the whole window: ~10,000 pairs).
 * 4. event-time windows: the signal-stats job (10 s tumbling, 5 s lateness) over 10,000 series.
 * 5. log-errors: the job's four pipelines (running counts per code, top URLs, both per 60 s window,
 *    slide 10 s) over the real Hadoop log (shared/data/loghub/Hadoop_2k.log) and the access log with
 *    LOG_FORMAT=access, parsed per line as the job's source does; batches of 2,000 lines; records = lines.
 * 6. memory: RSS after 1,000,000 records over 100,000 distinct keys, each operator in its own child
 *    process (fresh heap, GC forced before reading).
 *
 * Env: BENCH_PASSES (default 5) scales the number of batches of scenarios 1-4.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { logErrorCountsPipeline, logErrorWindowCountsPipeline, logTopUrlsPipeline, logTopUrlsWindowPipeline, parseAccessLine, parseSeedLine, signalStatsJob } from '@sluice/jobs';
import { BatchWindows, MicroBatchStream, Pipeline, wordsTokenizer } from '@sluice/streaming';
import type { Signal } from '@sluice/contracts';
import { fmt } from './bench-kit';

const QUIJOTE = path.resolve(__dirname, '../../../shared/data/don-quijote-pg2000.txt');
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const INTERVAL = 1000;
const sum = (a: number, b: number) => a + b;
const minus = (a: number, b: number) => a - b;

interface Figure {
  scenario: string;
  records: number;
  seconds: number;
  note: string;
}

/** Runs the batches through the pipeline, draining the stores after each, and times it. */
function drive<I>(pipeline: Pipeline<I, unknown, unknown>, batches: ReadonlyArray<readonly I[]>, firstBatch = 0): { seconds: number; outputs: number; changelog: number } {
  let outputs = 0;
  let changelog = 0;
  const start = process.hrtime.bigint();
  batches.forEach((batch, i) => {
    outputs += pipeline.process(batch, (firstBatch + i + 1) * INTERVAL).records.length;
    for (const store of pipeline.stores()) changelog += store.drainChanges().length;
  });
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, outputs, changelog };
}

/** Deterministic pseudo-random `[key, 1]` pairs (mulberry32), `count` of them drawn from `distinct` keys. */
function pairs(count: number, distinct: number, seed = 1): Array<[string, number]> {
  const names = Array.from({ length: distinct }, (_, i) => `key-${i}`);
  const out = new Array<[string, number]>(count);
  let a = seed >>> 0;
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = [names[((t ^ (t >>> 14)) >>> 0) % distinct], 1];
  }
  return out;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pairStream = () => MicroBatchStream.source<[string, number]>({ batchIntervalMs: INTERVAL });

function reduceInMemory(): Figure {
  const batches = chunk(pairs(100_000 * 10, 10_000), 100_000);
  const all = Array.from({ length: PASSES }, () => batches).flat();
  drive(pairStream().reduceByKey(sum).build(), batches); // warm-up
  const r = drive(pairStream().reduceByKey(sum).build(), all);
  return { scenario: 'reduceByKey (in memory)', records: all.length * 100_000, seconds: r.seconds, note: '10,000 keys, 100,000 records/batch' };
}

function tokenizeAndCount(): Figure[] {
  const lines = fs.readFileSync(QUIJOTE, 'utf8').split(/\r?\n/);
  const words = lines.reduce((n, l) => n + wordsTokenizer(l).length, 0);
  const job = MicroBatchStream.source<string>({ batchIntervalMs: INTERVAL }).flatMap(wordsTokenizer).mapToPair((w) => [w, 1]).reduceByKey(sum);
  const batches = chunk(lines, 5000);
  drive(job.build(), batches);
  const all = Array.from({ length: PASSES }, () => batches).flat();
  const r = drive(job.build(), all);
  const note = `${lines.length.toLocaleString('en-US')} lines × ${PASSES}, 5,000 lines/batch`;
  return [
    { scenario: 'tokenize + count (lines)', records: lines.length * PASSES, seconds: r.seconds, note },
    { scenario: 'tokenize + count (words)', records: words * PASSES, seconds: r.seconds, note: `${words.toLocaleString('en-US')} words per pass` },
  ];
}

function windowedCount(inverse: boolean): Figure {
  const batches = chunk(pairs(50_000 * 20 * PASSES, 10_000, 7), 50_000);
  const build = () => pairStream().reduceByKeyAndWindow(sum, BatchWindows.sliding(30 * INTERVAL, INTERVAL), { name: 'w', inverse: inverse ? minus : undefined }).build();
  drive(build(), batches.slice(0, 40));
  const r = drive(build(), batches);
  return {
    scenario: `windowed count, 30 batches / slide 1, ${inverse ? 'with' : 'without'} inverse`,
    records: batches.length * 50_000,
    seconds: r.seconds,
    note: `10,000 keys; ${fmt(Math.round(r.outputs / batches.length))} pairs out/batch; ${fmt(Math.round(r.changelog / batches.length))} changelog records/batch`,
  };
}

function signals(count: number, series: number): Signal[] {
  const names = Array.from({ length: series }, (_, i) => `series-${i}`);
  // One sample per series every 100 ms of event time: 10 s windows hold 100 samples per series.
  return Array.from({ length: count }, (_, i) => ({ series: names[i % series], time: 1_700_000_000_000 + Math.floor(i / series) * 100, value: (i % 97) - 48 }));
}

function eventTimeWindows(): Figure {
  const input = chunk(signals(100_000 * 8 * PASSES, 10_000), 50_000);
  drive(signalStatsJob({ batchIntervalMs: INTERVAL }).build(), input.slice(0, 20));
  const r = drive(signalStatsJob({ batchIntervalMs: INTERVAL }).build(), input);
  return {
    scenario: 'event-time windows (signal-stats)',
    records: input.length * 50_000,
    seconds: r.seconds,
    note: `10,000 series, 10 s tumbling + 5 s lateness; ${fmt(r.outputs)} final results`,
  };
}

/**
 * Memory scenarios, each run in a forked child (`rss <name>`): 1,000,000 records over 100,000 keys
 * in 10 batches of 100,000, each batch generated just before it is processed.
 */
const MEMORY: Record<string, () => { pipeline: Pipeline<any, unknown, unknown>; batch: (i: number) => unknown[] }> = {
  'reduceByKeyAndWindow + inverse (30 batches)': () => ({
    pipeline: pairStream().reduceByKeyAndWindow(sum, BatchWindows.sliding(30 * INTERVAL, INTERVAL), { name: 'w', inverse: minus }).build(),
    batch: (i) => pairs(100_000, 100_000, i + 1),
  }),
  'updateStateByKey (running sum)': () => ({
    pipeline: pairStream()
      .updateStateByKey<string, number, number>((vs, s) => vs.reduce(sum, s ?? 0), { name: 's', timeoutMs: 3_600_000 })
      .build(),
    batch: (i) => pairs(100_000, 100_000, i + 1),
  }),
  'event-time windows (signal-stats)': () => ({
    pipeline: signalStatsJob({ batchIntervalMs: INTERVAL }).build(),
    batch: (i) => signals(100_000, 100_000).map((s) => ({ ...s, time: s.time + i * 100 })),
  }),
};

function memoryChild(name: string): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const baseline = process.memoryUsage().rss;
  const { pipeline, batch } = MEMORY[name]();
  for (let i = 0; i < 10; i++) drive(pipeline, [batch(i)], i);
  gc();
  const entries = pipeline.stores().reduce((n, s) => n + s.size, 0);
  process.send!({ name, baseline, rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed, entries });
}

function memoryInChild(name: string): Promise<{ baseline: number; rss: number; heapUsed: number; entries: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['rss', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`memory scenario "${name}" exited with ${code}`))));
  });
}

function printFigures(figures: Figure[]): void {
  const rows = figures.map((f) => [f.scenario, fmt(f.records), f.seconds.toFixed(2), fmt(Math.round(f.records / f.seconds)), f.note]);
  const head = ['scenario', 'records', 'seconds', 'records/s', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  process.stdout.write(`\nbench:operators — throughput (one core, in process, stores drained every batch)\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

/** The four log-errors pipelines over a real log, parsed per line as the job's source does. */
function logErrors(file: string, parse: (line: string) => ReturnType<typeof parseSeedLine> | undefined, label: string, repeat: number): Figure {
  const lines = fs.readFileSync(path.resolve(__dirname, '../../../shared/data', file), 'utf8').split(/\r?\n/);
  const o = { batchIntervalMs: INTERVAL, windowLengthMs: 60_000, slideMs: 10_000 };
  const pipelines = () => [logErrorCountsPipeline(o), logTopUrlsPipeline(o), logErrorWindowCountsPipeline(o), logTopUrlsWindowPipeline(o)].map((p) => p.build() as Pipeline<unknown, unknown, unknown>);
  const batches = chunk(lines, 2000);
  const all = Array.from({ length: PASSES * repeat }, () => batches).flat();
  const run = (list: ReadonlyArray<readonly string[]>) => {
    const ps = pipelines();
    const start = process.hrtime.bigint();
    list.forEach((batch, i) => {
      const parsed = batch.map((l) => parse(l) ?? null);
      for (const p of ps) {
        p.process(parsed, (i + 1) * INTERVAL);
        for (const store of p.stores()) store.drainChanges();
      }
    });
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  run(batches);
  return { scenario: `log-errors, ${label} (lines)`, records: lines.length * PASSES * repeat, seconds: run(all), note: `${file}, ${lines.length.toLocaleString('en-US')} lines × ${PASSES * repeat}, 2,000 lines/batch, 4 pipelines` };
}

async function main(): Promise<void> {
  const figures = [
    reduceInMemory(),
    ...tokenizeAndCount(),
    windowedCount(false),
    windowedCount(true),
    eventTimeWindows(),
    logErrors('loghub/Hadoop_2k.log', parseSeedLine, 'seed rules', 100),
    logErrors('access-log/apache_logs', parseAccessLine, 'access log', 20),
  ];
  printFigures(figures);
  const memory: Array<{ name: string; baseline: number; rss: number; heapUsed: number; entries: number }> = [];
  for (const name of Object.keys(MEMORY)) memory.push({ name, ...(await memoryInChild(name)) });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  process.stdout.write(`\nbench:operators — memory after 1,000,000 records over 100,000 distinct keys (fresh process each, after GC)\n`);
  const width = Math.max(...memory.map((m) => m.name.length));
  process.stdout.write(`${'operator'.padEnd(width)}  ${'RSS'.padStart(7)}  ${'baseline'.padStart(8)}  ${'heap used'.padStart(9)}  store entries\n`);
  for (const m of memory) {
    process.stdout.write(`${m.name.padEnd(width)}  ${mb(m.rss).padStart(7)}  ${mb(m.baseline).padStart(8)}  ${mb(m.heapUsed).padStart(9)}  ${fmt(m.entries)}\n`);
  }
  const bar = figures[0].records / figures[0].seconds;
  process.stdout.write(`\nfirst bar (>= 1,000,000 records/s for in-memory reduce): ${bar >= 1_000_000 ? 'met' : 'NOT met'} (${fmt(Math.round(bar))} records/s)\n`);
  process.stdout.write(
    JSON.stringify({
      bench: 'operators',
      throughput: Object.fromEntries(figures.map((f) => [f.scenario, Math.round(f.records / f.seconds)])),
      memory: Object.fromEntries(memory.map((m) => [m.name, { rssBytes: m.rss, baselineRssBytes: m.baseline, heapUsedBytes: m.heapUsed, storeEntries: m.entries }])),
    }) + '\n',
  );
}

if (process.argv[2] === 'rss') memoryChild(process.argv[3]);
else
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
