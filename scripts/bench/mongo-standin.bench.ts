/**
 * npm run bench:mongo-standin — the native Mongo stand-in alone, through the Node driver (no Kafka,
 * no writer service): what the Mongo writer's requests cost on the server.
 *
 * Starts a private stand-in (tools/mongo-java-server, compiled from this checkout, on a port in
 * 27100–27199) on a fresh MVStore file under the temp folder, creates the writer's unique
 * `{ _id: 1, version: 1 }` index, and times three phases over BENCH_DOCS distinct keys, each in
 * requests of BENCH_BATCH operations, one request at a time:
 * 1. inserts: `insertOne` of `{ _id: "w<i>", count, updatedAt, version: 1 }` in unordered `bulkWrite`s;
 * 2. version reads: `find({ _id: { $in } }, { version })` in chunks of 200 keys, the chunks of a batch
 *    concurrent (as the writer reads before it writes);
 * 3. conditional updates: `updateOne({ _id, version: 1 }, { $set: { count, updatedAt, version: 2 } })`
 *    in unordered `bulkWrite`s (the writer's compare-and-set; every one must match).
 * Rates are operations (keys) per second of wall time, client included. The server is stopped
 * (SIGTERM) and its folder removed at the end; the shared stack is not touched.
 *
 * Env: BENCH_DOCS (50000), BENCH_BATCH (5000), BENCH_MONGO_STORAGE (`h2`, default, or `memory`),
 * BENCH_MONGO_LEGACY=1 (the plain H2 backend of the older build: `--legacy-format`),
 * BENCH_MONGO_CLASSES (a folder of compiled stand-in classes to run instead of compiling this
 * checkout's, e.g. an older build's).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { processEnv } from '@sluice/config';
import { compileMongoStandIn, MongoStandIn } from '@sluice/testing';
import { printTable } from './bench-kit';

const env = processEnv();
const DOCS = Number(env.BENCH_DOCS ?? 50_000);
const BATCH = Number(env.BENCH_BATCH ?? 5_000);
const STORAGE = env.BENCH_MONGO_STORAGE ?? 'h2';
const LEGACY = env.BENCH_MONGO_LEGACY === '1';
const READ_CHUNK = 200;

interface BenchDoc {
  _id: string;
  count: number;
  updatedAt: Date;
  version: number;
}

/** Runs `op` over the key ranges [i, i + BATCH) one after the other. @returns operations per second */
async function timed(op: (from: number, to: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < DOCS; i += BATCH) await op(i, Math.min(DOCS, i + BATCH));
  return DOCS / ((performance.now() - t0) / 1000);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

async function main(): Promise<void> {
  if (STORAGE !== 'h2' && STORAGE !== 'memory') throw new Error(`BENCH_MONGO_STORAGE must be h2 or memory, got ${STORAGE}`);
  const compiled = env.BENCH_MONGO_CLASSES === undefined;
  const classes = env.BENCH_MONGO_CLASSES ?? compileMongoStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-mongo-bench-'));
  const file = path.join(dir, 'bench.mv.db');
  const server = await new MongoStandIn({ classes, storage: STORAGE === 'h2' ? file : 'memory', legacyFormat: LEGACY }).start();
  const client = new MongoClient(server.url, { retryWrites: false, directConnection: true });
  try {
    await client.connect();
    const docs = client.db('bench').collection<BenchDoc>('words');
    await docs.createIndex({ _id: 1, version: 1 }, { unique: true, name: 'sluice_id_version' });
    const now = new Date();
    const inserts = await timed(async (from, to) => {
      await docs.bulkWrite(range(from, to).map((i) => ({ insertOne: { document: { _id: `w${i}`, count: 1, updatedAt: now, version: 1 } } })), { ordered: false });
    });
    const reads = await timed(async (from, to) => {
      const keys = range(from, to).map((i) => `w${i}`);
      const chunks = range(0, Math.ceil(keys.length / READ_CHUNK)).map((c) => keys.slice(c * READ_CHUNK, (c + 1) * READ_CHUNK));
      const found = (await Promise.all(chunks.map((chunk) => docs.find({ _id: { $in: chunk } }, { projection: { version: 1 } }).toArray()))).flat();
      if (found.length !== keys.length) throw new Error(`read ${found.length} of ${keys.length} documents`);
    });
    const updates = await timed(async (from, to) => {
      const ops = range(from, to).map((i) => ({ updateOne: { filter: { _id: `w${i}`, version: 1 }, update: { $set: { count: 2, updatedAt: now, version: 2 } } } }));
      const r = await docs.bulkWrite(ops, { ordered: false });
      if (r.matchedCount !== ops.length) throw new Error(`${r.matchedCount} of ${ops.length} conditional updates matched`);
    });
    const backend = STORAGE === 'memory' ? 'in-memory backend' : LEGACY ? 'H2 file, plain H2 backend (--legacy-format)' : 'H2 file';
    const title = `bench:mongo-standin (${backend}; ${DOCS.toLocaleString('en-US')} keys, ${BATCH.toLocaleString('en-US')} per request; classes ${env.BENCH_MONGO_CLASSES ?? 'of this checkout'})`;
    printTable(title, [
      ['inserts/s', Math.round(inserts)],
      ['version reads ($in, 200 keys a chunk), keys/s', Math.round(reads)],
      ['conditional updates/s ({_id, version} filter)', Math.round(updates)],
    ]);
    const fileBytes = STORAGE === 'h2' ? statSync(file).size : 0;
    process.stdout.write(JSON.stringify({ bench: 'mongo-standin', storage: STORAGE, legacy: LEGACY, docs: DOCS, batch: BATCH, insertsPerSecond: Math.round(inserts), readKeysPerSecond: Math.round(reads), updatesPerSecond: Math.round(updates), fileBytes }) + '\n');
  } finally {
    await client.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    if (compiled) rmSync(classes, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`bench:mongo-standin failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
