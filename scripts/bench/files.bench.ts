/**
 * npm run bench:files — seed 002's landing → bronze on the native stack: `producer files --once`
 * ingests NDJSON files of GH Archive events from a landing directory into `gharchive-events`, the
 * processor (JOBS=gharchive) writes `gharchive-bronze`, and the Cassandra writer keeps it in
 * `gharchive_events`. Prints rows/s of the producer alone (its own summary: reading, parsing,
 * one transaction per file with its checkpoint) and of the whole path, from the producer's start
 * to the last row counted in the bronze table.
 *
 * The rows are the 800 real events of ../shared/data/gharchive repeated (ids suffixed, so every
 * row is a new bronze row), in files of BENCH_FILE_ROWS rows. Resets `gharchive-events`,
 * `gharchive-bronze`, `gharchive-type-counts`, `gharchive-top-repos`. Env: BENCH_ROWS (100000),
 * BENCH_FILE_ROWS (10000).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'cassandra-driver';
import { processEnv } from '@sluice/config';
import { dlqTopic } from '@sluice/contracts';
import { REPO_ROOT, resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';
import { printTable } from './bench-kit';

const env = processEnv();
const ROWS = Number(env.BENCH_ROWS ?? 100_000);
const FILE_ROWS = Number(env.BENCH_FILE_ROWS ?? 10_000);

async function main(): Promise<void> {
  const dir = path.resolve(REPO_ROOT, '../shared/data/gharchive');
  const events = ['6', '7', '8', '9'].flatMap((h) => readFileSync(path.join(dir, `2021-07-21-${h}.json`), 'utf8').split('\n').filter(Boolean));
  const landing = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-landing-'));
  for (let f = 0; f * FILE_ROWS < ROWS; f++) {
    const rows: string[] = [];
    for (let i = f * FILE_ROWS; i < Math.min(ROWS, (f + 1) * FILE_ROWS); i++) {
      const e = events[i % events.length];
      rows.push(e.replace(/^\{"id":"(\d+)"/, (_, id: string) => `{"id":"${id}-${Math.floor(i / events.length)}"`));
    }
    writeFileSync(path.join(landing, `part-${String(f).padStart(5, '0')}.json`), `${rows.join('\n')}\n`);
  }
  const run = Date.now().toString(36);
  const kafka = testKafka('bench-files');
  const topics = ['gharchive-events', 'gharchive-bronze', 'gharchive-type-counts', 'gharchive-top-repos'];
  await resetTopics(kafka, [...topics, ...topics.map(dlqTopic)]);
  const keyspace = `bench_files_${run}`;
  const services = [
    new ServiceProcess('processor', `bench-files-processor-${run}`, { PROCESSOR_GROUP_ID: `bench-files-${run}`, JOBS: 'gharchive', LOG_LEVEL: 'warn' }),
    new ServiceProcess('cassandra-writer', `bench-files-cassandra-${run}`, { CASSANDRA_KEYSPACE: keyspace, WRITER_TOPICS: 'gharchive-bronze', WRITER_GROUP_ID: `bench-files-cassandra-${run}`, LOG_LEVEL: 'warn' }),
  ];
  const cassandra = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
  try {
    await Promise.all(services.map((s) => s.start()));
    await cassandra.connect();
    const started = Date.now();
    const out = execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist/apps/producer/main.js'), 'files', '--landing', landing, '--once', '--key-field', 'id', '--checkpoint-topic', `bench-files-checkpoints-${run}`], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    const summary = JSON.parse(out.trim().split('\n').pop()!) as { records: number; files: number; seconds: number };
    const produced = Date.now();
    await waitFor(
      `${ROWS} rows in ${keyspace}.gharchive_events`,
      async () => {
        const rs = await cassandra.execute(`SELECT count(*) AS n FROM ${keyspace}.gharchive_events`, [], { readTimeout: 60000 }).catch(() => undefined);
        return rs && Number(rs.rows[0].n) >= ROWS ? true : undefined;
      },
      { timeoutMs: 900000, intervalMs: 2000 },
    );
    const done = Date.now();
    printTable(`bench:files — landing → bronze, ${ROWS.toLocaleString('en-US')} GH Archive rows in ${summary.files} files`, [
      ['producer files (its summary)', `${summary.records.toLocaleString('en-US')} rows in ${summary.seconds.toFixed(1)} s = ${Math.round(summary.records / summary.seconds).toLocaleString('en-US')} rows/s`],
      ['producer process, start to exit', `${((produced - started) / 1000).toFixed(1)} s`],
      ['landing → bronze table (Cassandra)', `${((done - started) / 1000).toFixed(1)} s = ${Math.round(ROWS / ((done - started) / 1000)).toLocaleString('en-US')} rows/s`],
    ]);
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await cassandra.shutdown();
    rmSync(landing, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
