/**
 * npm run bench:kstreams — Sluice's processor against Kafka Streams on the same word count, the
 * same topic and the same machine.
 *
 * BENCH_LINES (default 1,000,000) lines of Don Quijote are loaded once into `text-lines`; then, one
 * after the other, each contender reads them all from the beginning with a fresh consumer group:
 * - Sluice's processor (JOBS=word-counts, BATCH_INTERVAL_MS 1000), one instance and two;
 * - Kafka Streams 3.9.1 (scripts/bench/kstreams/WordCountStreams.java: the same tokenizer, a
 *   repartition by word, count() in a RocksDB store with a changelog, totals to a topic;
 *   exactly_once_v2, commit.interval.ms 1000), one stream thread and two.
 * Both are exactly-once and commit every second. For each: lines/s from process start to the
 * commit of the last line (start-up included: with several instances or threads, work begins
 * before the last member is ready, so no "after ready" figure is fair), and the time to ready
 * (Sluice: every instance's /health is 200, i.e. group joined and state restored; Kafka Streams:
 * state RUNNING). The committed offsets are polled with the admin client every 20 ms.
 *
 * Installs Kafka Streams from Maven Central into .stack/bench/kstreams once (mvn, javac).
 * Resets `text-lines` and `word-counts`. Env: BENCH_LINES, BATCH_INTERVAL_MS (1000).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '@sluice/config';
import { Topics, dlqTopic } from '@sluice/contracts';
import { ensureTopics, RecordProducer } from '@sluice/kafka';
import { produceLines, quijoteLines, REPO_ROOT, resetTopics, ServiceProcess, testKafka, TEST_BROKERS, waitFor } from '@sluice/testing';
import { committedRecords, printTable } from './bench-kit';

const env = processEnv();
const LINES = Number(env.BENCH_LINES ?? 1_000_000);
const INTERVAL_MS = Number(env.BATCH_INTERVAL_MS ?? 1000);
const SRC = path.join(REPO_ROOT, 'scripts/bench/kstreams');
const HOME = path.join(REPO_ROOT, '.stack/bench/kstreams');
const LOGS = path.join(REPO_ROOT, '.stack/logs/bench');

/** Fetches the Kafka Streams jars (once, or when the pom changed) and compiles the word count. */
function installKafkaStreams(): void {
  const libs = path.join(HOME, 'libs');
  const marker = path.join(libs, '.installed');
  const pom = path.join(SRC, 'pom.xml');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(pom).mtimeMs) {
    process.stderr.write('fetching Kafka Streams from Maven Central (once)\n');
    mkdirSync(libs, { recursive: true });
    execFileSync('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime'], { stdio: 'inherit' });
    writeFileSync(marker, '');
  }
  const classes = path.join(HOME, 'classes');
  const source = path.join(SRC, 'WordCountStreams.java');
  const compiled = path.join(classes, 'WordCountStreams.class');
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) {
    mkdirSync(classes, { recursive: true });
    execFileSync('javac', ['-encoding', 'UTF-8', '-cp', `${libs}/*`, '-d', classes, source], { stdio: 'inherit' });
  }
}

/** A running contender: stops on demand and reports its consumer group. */
interface Contender {
  group: string;
  stop(): Promise<void>;
}

async function startSluice(name: string, instances: number): Promise<Contender> {
  const group = `bench-ks-${name}`;
  const services = Array.from({ length: instances }, (_, i) =>
    new ServiceProcess('processor', `${group}-${i}`, { PROCESSOR_GROUP_ID: group, JOBS: 'word-counts', BATCH_INTERVAL_MS: String(INTERVAL_MS), LOG_LEVEL: 'warn' }),
  );
  await Promise.all(services.map((s) => s.start()));
  return { group, stop: async () => void (await Promise.all(services.map((s) => s.stop()))) };
}

async function startKafkaStreams(name: string, threads: number, output: string): Promise<Contender> {
  const group = `bench-ks-${name}`;
  mkdirSync(LOGS, { recursive: true });
  const log = createWriteStream(path.join(LOGS, `${group}.log`));
  const child: ChildProcess = spawn(
    'java',
    [
      '-Xmx1g',
      `-Dlog4j.configuration=file:${path.join(REPO_ROOT, 'scripts/stack/kafka/tools-log4j.properties')}`,
      '-cp',
      `${path.join(HOME, 'classes')}:${path.join(HOME, 'libs')}/*`,
      'WordCountStreams',
      TEST_BROKERS,
      group,
      Topics.textLines,
      output,
      String(threads),
      String(INTERVAL_MS),
      path.join(HOME, 'state', group),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let running = false;
  let exitCode: number | null | undefined;
  child.stdout!.on('data', (chunk: Buffer) => void (running ||= chunk.toString().includes('-> RUNNING')));
  const exited = new Promise<void>((resolve) => child.on('exit', (code) => resolve(void (exitCode = code))));
  await waitFor(`${group} RUNNING`, () => {
    if (exitCode !== undefined) throw new Error(`Kafka Streams exited with code ${exitCode}; see ${path.join(LOGS, `${group}.log`)}`);
    return running ? true : undefined;
  }, { timeoutMs: 120_000, intervalMs: 10 });
  return {
    group,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

async function main(): Promise<void> {
  installKafkaStreams();
  const kafka = testKafka('bench-kstreams');
  const run = Date.now().toString(36);
  const output = `bench-kstreams-word-counts-${run}`;
  await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
  await ensureTopics(kafka, [{ name: output, partitions: 6, replicationFactor: 1 }]);
  const producer = await RecordProducer.connect(kafka);
  await produceLines(producer, Topics.textLines, quijoteLines(LINES), 5000);
  await producer.disconnect();

  const admin = kafka.admin();
  await admin.connect();
  const committed = (group: string) => committedRecords(admin, group, Topics.textLines);
  const contenders: Array<[string, () => Promise<Contender>]> = [
    ['Sluice processor, 1 instance', () => startSluice(`sluice1-${run}`, 1)],
    ['Sluice processor, 2 instances', () => startSluice(`sluice2-${run}`, 2)],
    ['Kafka Streams, 1 stream thread', () => startKafkaStreams(`ks1-${run}`, 1, output)],
    ['Kafka Streams, 2 stream threads', () => startKafkaStreams(`ks2-${run}`, 2, output)],
  ];
  const rows: Array<[string, string]> = [];
  const figures: Record<string, { linesPerSecond: number; totalMs: number; readyMs: number }> = {};
  for (const [label, start] of contenders) {
    const startedAt = Date.now();
    const c = await start();
    const readyAt = Date.now();
    try {
      const last = await waitFor(`${label}: all lines committed`, async () => ((await committed(c.group)) >= LINES ? Date.now() : undefined), { intervalMs: 20, timeoutMs: 900_000 });
      const linesPerSecond = LINES / ((last - startedAt) / 1000);
      figures[label] = { linesPerSecond, totalMs: last - startedAt, readyMs: readyAt - startedAt };
      rows.push([label, `${Math.round(linesPerSecond).toLocaleString('en-US')} lines/s (all committed ${((last - startedAt) / 1000).toFixed(1)} s after start; ready after ${readyAt - startedAt} ms)`]);
    } finally {
      await c.stop();
    }
  }
  await admin.disconnect();
  printTable(`bench:kstreams (${LINES.toLocaleString('en-US')} lines, exactly-once, commit/batch interval ${INTERVAL_MS} ms)`, rows);
  process.stdout.write(JSON.stringify({ bench: 'kstreams', lines: LINES, intervalMs: INTERVAL_MS, linesPerSecond: figures }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
