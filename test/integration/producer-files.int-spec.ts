import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kafkaConfig, loadConfig } from '@sluice/config';
import { DlqHeaders, dlqTopic, SourceFileHeaders } from '@sluice/contracts';
import { ensureTopics, readLatestValues } from '@sluice/kafka';
import { decodeFileCheckpoint, encodeFileCheckpoint } from '@sluice/sources';
import { CommittedRecord, readCommitted, recordsWritten, REPO_ROOT, TEST_LOG_DIR, testKafka, waitFor } from '@sluice/testing';
import { filesTransactionalId } from '../../apps/producer/src/files-feed';

const GHARCHIVE = path.resolve(REPO_ROOT, '../shared/data/gharchive');
const HOURS = ['2021-07-21-6.json', '2021-07-21-7.json'];

/** The built producer CLI's `files` command as a child process: stdout (the summary) and stderr (the log) kept. */
class FilesRun {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(name: string, args: readonly string[]) {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const log = createWriteStream(path.join(TEST_LOG_DIR, `producer-files-${name}.log`), { flags: 'a' });
    this.child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps/producer/main.js'), 'files', ...args], { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      log.write(d);
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => (log.end(), resolve(code))));
  }

  /** The JSON summary printed last on stdout. */
  summary(): Record<string, unknown> {
    return JSON.parse(this.stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
  }
}

/** The lines of a GH Archive file, 1-based as the header `sluice-source-line` counts them. */
const linesOf = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

/** How many times each value was seen. */
const counts = (records: readonly CommittedRecord[]) => {
  const m = new Map<string, number>();
  for (const r of records) m.set(r.value!, (m.get(r.value!) ?? 0) + 1);
  return m;
};

describe('producer files', () => {
  const kafka = testKafka('producer-files');
  const created: string[] = [];
  let dir: string;
  let landing: string;
  let topic: string;
  let checkpoints: string;
  let runs: FilesRun[] = [];

  /** Runs `files --landing <landing> --topic <topic> --checkpoint-topic <checkpoints> --once <args>` to its end. */
  async function ingest(name: string, args: readonly string[] = []): Promise<FilesRun> {
    const run = start(name, args);
    expect(await run.exited).toBe(0);
    return run;
  }
  function start(name: string, args: readonly string[]): FilesRun {
    const run = new FilesRun(name, ['--landing', landing, '--topic', topic, '--checkpoint-topic', checkpoints, '--key-field', 'id', '--once', ...args]);
    runs.push(run);
    return run;
  }
  const land = (...names: string[]) => names.map((n) => (copyFileSync(path.join(GHARCHIVE, n), path.join(landing, n)), path.join(landing, n)));
  const expectedEvents = () => HOURS.flatMap((h) => linesOf(path.join(GHARCHIVE, h)));
  /** The committed checkpoint entries, once `files` all have one (their commit markers may land a moment after the run ends: see readCommitted). */
  const committedCheckpoints = (...files: string[]) =>
    waitFor(`checkpoints of ${files.join(', ')}`, async () => {
      const entries = await readLatestValues(kafka, checkpoints, 60000);
      return files.every((f) => entries.has(f)) ? entries : undefined;
    });

  beforeEach(() => {
    const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    topic = `it-files-${suffix}`;
    checkpoints = `it-files-${suffix}-checkpoints`;
    created.push(topic, dlqTopic(topic), checkpoints);
    dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-producer-files-'));
    landing = path.join(dir, 'landing');
    mkdirSync(landing);
  });

  afterEach(async () => {
    for (const run of runs) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await Promise.all(runs.map((r) => r.exited));
    runs = [];
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    // Only this spec's own topics (it-files-<suffix>...), never another test's.
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const mine = created.filter((t) => t.startsWith('it-files-') && existing.has(t));
      if (mine.length) await admin.deleteTopics({ topics: mine, timeout: 30000 });
    } finally {
      await admin.disconnect();
    }
  });

  it('ingests two real GH Archive hours and a CSV with a bad row: every row once, with its file and line; the bad row on the DLQ', async () => {
    const [six, seven] = land(...HOURS);
    const csv = path.join(landing, 'extra.csv');
    writeFileSync(csv, 'id,type,count,public,created_at\r\nc1,"Push, ""big""\nEvent",3,true,2021-07-21T06:00:00Z\r\nc2,WatchEvent,many,true,2021-07-21T06:01:00Z\r\nc3,ForkEvent,,false,2021-07-21T06:02:00Z\r\nc4,IssuesEvent,1,TRUE,2021-07-21 06:03:00\r\n');
    const json = await ingest('gharchive', ['--glob', '*.json']);
    expect(json.summary()).toMatchObject({ status: 'done', files: 2, records: 400, deadLetters: 0, skipped: 0, changed: 0 });
    const csvRun = await ingest('csv', ['--glob', '*.csv', '--format', 'csv', '--csv-schema', 'count:int,public:bool,created_at:timestamp']);
    expect(csvRun.summary()).toMatchObject({ status: 'done', files: 1, records: 3, deadLetters: 1 });

    const records = await readCommitted(kafka, topic, { atLeast: 403 });
    expect(records).toHaveLength(403);
    for (const [file, lines] of [six, seven].map((f) => [f, linesOf(f)] as const)) {
      const fromFile = records.filter((r) => r.headers[SourceFileHeaders.file] === file);
      expect(fromFile).toHaveLength(200);
      // Each record is the line its header names, byte for byte, keyed by the event id.
      for (const r of fromFile) {
        expect(r.value).toBe(lines[Number(r.headers[SourceFileHeaders.line]) - 1]);
        expect(r.key).toBe(JSON.parse(r.value!).id);
      }
    }
    expect([...counts(records.filter((r) => r.headers[SourceFileHeaders.file] !== csv)).values()].every((n) => n === 1)).toBe(true);
    const csvRows = records.filter((r) => r.headers[SourceFileHeaders.file] === csv).sort((a, b) => Number(a.headers[SourceFileHeaders.line]) - Number(b.headers[SourceFileHeaders.line]));
    expect(csvRows.map((r) => [r.headers[SourceFileHeaders.line], r.key, JSON.parse(r.value!)])).toEqual([
      ['2', 'c1', { id: 'c1', type: 'Push, "big"\nEvent', count: 3, public: true, created_at: '2021-07-21T06:00:00.000Z' }],
      ['5', 'c3', { id: 'c3', type: 'ForkEvent', count: null, public: false, created_at: '2021-07-21T06:02:00.000Z' }],
      ['6', 'c4', { id: 'c4', type: 'IssuesEvent', count: 1, public: true, created_at: '2021-07-21T06:03:00.000Z' }],
    ]);

    const dead = await readCommitted(kafka, dlqTopic(topic), { atLeast: 1 });
    expect(dead).toHaveLength(1);
    expect(dead[0].value).toBe('c2,WatchEvent,many,true,2021-07-21T06:01:00Z');
    expect(dead[0].headers).toMatchObject({ [DlqHeaders.reason]: 'csv-type', [SourceFileHeaders.file]: csv, [SourceFileHeaders.line]: '4', [DlqHeaders.service]: 'producer' });
    expect(dead[0].headers[DlqHeaders.detail]).toMatch(/column count \(int\): "many" is not an int/);

    const entries = await committedCheckpoints(six, seven, csv);
    expect([...entries.keys()].sort()).toEqual([six, seven, csv].sort());
    expect(decodeFileCheckpoint(six, entries.get(six)!)).toMatchObject({ size: statSync(six).size, mtimeMs: Math.floor(statSync(six).mtimeMs), records: 200, deadLetters: 0, topic, complete: true, line: 200 });
    expect(decodeFileCheckpoint(csv, entries.get(csv)!)).toMatchObject({ records: 3, deadLetters: 1, complete: true, line: 6 });
  });

  it('skips on a second run what the first ingested, and reports a file changed since without reading it again', async () => {
    const [six] = land(...HOURS);
    await ingest('first');
    const again = await ingest('again');
    expect(again.summary()).toMatchObject({ status: 'done', files: 0, records: 0, skipped: 2, changed: 0 });

    appendFileSync(six, `${linesOf(six)[0]}\n`);
    const changed = await ingest('changed');
    expect(changed.summary()).toMatchObject({ status: 'done', files: 0, records: 0, skipped: 1, changed: 1 });
    const warning = changed.stderr.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l) as Record<string, unknown>; } catch { return {}; } }).find((l) => l.msg?.toString().startsWith('file changed after it was ingested'));
    expect(warning).toMatchObject({ level: 40, file: six });
    expect(await readCommitted(kafka, topic, { atLeast: 400 })).toHaveLength(400);
  });

  it('archives committed files; a file a crash left in landing after its commit is skipped and archived, not read again', async () => {
    land(...HOURS);
    const archive = path.join(dir, 'archive');
    const first = await ingest('archive', ['--archive', archive, '--max-files-per-trigger', '1']);
    expect(first.summary()).toMatchObject({ files: 2, records: 400, archived: 2, triggers: 3 });
    expect(readdirSync(landing)).toEqual([]);
    expect(readdirSync(archive).sort()).toEqual(HOURS);

    // The crash window: committed, not yet moved. The same file (size and mtime) is back in landing.
    const back = path.join(landing, HOURS[0]);
    // Moved back, not copied: a rename keeps the mtime to the nanosecond, as a file never moved has
    // it (utimes from a Date rounds it to the millisecond, which can read back 1 ms earlier).
    renameSync(path.join(archive, HOURS[0]), back);
    const second = await ingest('archive-again', ['--archive', archive]);
    expect(second.summary()).toMatchObject({ files: 0, records: 0, skipped: 1, archived: 1 });
    expect(readdirSync(landing)).toEqual([]);
    expect(await readCommitted(kafka, topic, { atLeast: 400 })).toHaveLength(400);
  });

  it('after kill -9 in the middle of files committed in many transactions, the next run leaves every row exactly once', async () => {
    land(...HOURS);
    const killed = start('kill-9', ['--transaction-rows', '1']);
    await waitFor('the first transactions of the run to be written', async () => ((await recordsWritten(kafka, topic).catch(() => 0)) >= 20 ? true : undefined), { timeoutMs: 120000, intervalMs: 20 });
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(killed.stdout).toBe(''); // killed before its summary: in the middle of the run, most likely inside a transaction

    const rerun = await ingest('after-kill-9');
    const s = rerun.summary();
    expect(s).toMatchObject({ status: 'done', deadLetters: 0, changed: 0 });
    expect(s.records).toBeGreaterThan(0);
    expect(s.records).toBeLessThan(400); // it went on after the checkpoint the killed run committed
    const records = await readCommitted(kafka, topic, { atLeast: 400 });
    expect(records).toHaveLength(400);
    expect([...counts(records)].filter(([, n]) => n !== 1)).toEqual([]);
    expect(records.map((r) => r.value).sort()).toEqual(expectedEvents().sort());
  });

  it('aborts the open transaction of a crashed run (records and a checkpoint saying done) and ingests the file once', async () => {
    const [six] = land(HOURS[0]);
    const config = loadConfig({ kafka: kafkaConfig }).kafka;
    await ensureTopics(kafka, [{ name: topic, partitions: 6, replicationFactor: 1 }, { name: checkpoints, partitions: 1, replicationFactor: 1, cleanupPolicy: 'compact' }]);
    // A run that died mid-transaction: half the file and a checkpoint claiming it complete, never committed.
    // Set-up only, so a send that fails (kafkajs's idempotent retry can answer OUT_OF_ORDER_SEQUENCE_NUMBER
    // right after topic creation) is redone by a fresh producer of the same transactional id, which fences
    // and aborts the failed attempt's transaction.
    const stat = statSync(six);
    await waitFor('a crashed run\'s open transaction', async () => {
      const crashed = kafka.producer({ transactionalId: filesTransactionalId(config, landing), idempotent: true, maxInFlightRequests: 1, transactionTimeout: 300000 });
      try {
        await crashed.connect();
        const txn = await crashed.transaction();
        await txn.send({ topic, messages: linesOf(six).slice(0, 100).map((value) => ({ value, partition: 0 })) });
        await txn.send({
          topic: checkpoints,
          messages: [{ key: six, value: encodeFileCheckpoint({ size: stat.size, mtimeMs: Math.floor(stat.mtimeMs), records: 200, deadLetters: 0, topic, ingestedAt: new Date().toISOString(), line: 200, complete: true, run: 'crashed' }) }],
        });
        return true; // disconnected below without abort: the transaction stays open, as after kill -9
      } catch {
        return undefined;
      } finally {
        await crashed.disconnect().catch(() => undefined);
      }
    }, { timeoutMs: 60000, intervalMs: 500 });

    const run = await ingest('open-transaction');
    expect(run.summary()).toMatchObject({ status: 'done', files: 1, records: 200, skipped: 0 });
    const records = await readCommitted(kafka, topic, { atLeast: 200 });
    expect(records.map((r) => r.value).sort()).toEqual(linesOf(six).sort());
    const entry = decodeFileCheckpoint(six, (await committedCheckpoints(six)).get(six)!);
    expect(entry).toMatchObject({ records: 200, complete: true });
    expect(entry?.run).not.toBe('crashed');
  });
});
