import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dlqTopic, Topics } from '@sluice/contracts';
import { Kafka, RecordProducer } from '@sluice/kafka';
import { recordsWritten, REPO_ROOT, resetTopics, stackServerPid, TEST_LOG_DIR, testKafka, waitFor } from '@sluice/testing';

const LINES = 50_000;
const SENTINEL = '__end-of-test__';
/** Longer than the producer before the fix survived (it exited 1 with OUT_OF_ORDER_SEQUENCE_NUMBER after a 60 s pause). */
const PAUSE_MS = 60_000;

/** The built producer CLI as a child process, stdout kept (the summary), stderr to a log file. */
class ProducerRun {
  readonly child: ChildProcess;
  private stdout = '';
  readonly exited: Promise<number | null>;

  constructor(name: string, args: readonly string[]) {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const log = createWriteStream(path.join(TEST_LOG_DIR, `${name}.log`), { flags: 'a' });
    this.child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps/producer/main.js'), 'text', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.pipe(log);
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** The JSON summary the CLI printed last on stdout. */
  summary(): Record<string, unknown> {
    const last = this.stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as Record<string, unknown>;
  }
}

/** Numbered lines in a new temporary file. */
function numberedFile(tag: string): { file: string; lines: string[] } {
  const lines = Array.from({ length: LINES }, (_, i) => `${tag} line ${i + 1}`);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sluice-producer-')), `${tag}.txt`);
  writeFileSync(file, lines.join('\n') + '\n');
  return { file, lines };
}


/**
 * Every committed value of a topic (read_committed): a sentinel is written to each partition
 * after the feed ended, and the topic is read until every sentinel arrived, so nothing committed
 * before them can be missing from the answer.
 */
async function committedValues(kafka: Kafka, topic: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => p.partition);
  await admin.disconnect();
  const producer = await RecordProducer.connect(kafka);
  await producer.send(topic, partitions.map((partition) => ({ value: SENTINEL, partition })));
  await producer.disconnect();
  const values: string[] = [];
  let sentinels = 0;
  const consumer = kafka.consumer({ groupId: `it-producer-outage-read-${Date.now()}-${Math.random()}`, readUncommitted: false, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const v = message.value!.toString('utf8');
        if (v === SENTINEL) sentinels++;
        else values.push(v);
      },
    });
    await waitFor(`a sentinel on each of ${partitions.length} partitions of ${topic}`, () => (sentinels >= partitions.length ? true : undefined), { timeoutMs: 120000 });
    return values;
  } finally {
    await consumer.disconnect();
  }
}

/** Lines seen more than once, and lines never seen. */
function compare(expected: readonly string[], seen: readonly string[]) {
  const counts = new Map<string, number>();
  for (const v of seen) counts.set(v, (counts.get(v) ?? 0) + 1);
  const wanted = new Set(expected);
  return {
    total: seen.length,
    twice: [...counts].filter(([, n]) => n > 1).length,
    missing: expected.filter((l) => !counts.has(l)).length,
    unknown: [...counts.keys()].filter((v) => !wanted.has(v)).length,
  };
}

describe('producer text --file', () => {
  const kafka = testKafka('producer-outage');
  let run: ProducerRun | undefined;

  beforeEach(async () => {
    await resetTopics(kafka, [Topics.textLines, dlqTopic(Topics.textLines)]);
  });

  afterEach(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    run = undefined;
  });

  describe('broker paused for longer than a request timeout', () => {
    it('sends every line exactly once once the broker is back, and exits 0 with the count', async () => {
      const kafkaPid = stackServerPid('kafka');
      const { file, lines } = numberedFile(`pause-${Date.now().toString(36)}`);
      run = new ProducerRun('producer-outage-pause', ['--file', file, '--rate', '2500']);
      await waitFor('10,000 records in text-lines before the pause', async () => ((await recordsWritten(kafka, Topics.textLines)) >= 10_000 ? true : undefined), { timeoutMs: 120000 });
      process.kill(kafkaPid, 'SIGSTOP');
      try {
        // The length of the outage is what this test is about, not a wait for a condition.
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      } finally {
        process.kill(kafkaPid, 'SIGCONT');
      }
      const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('still running after 5 min'), 300000).unref())]);
      expect(code).toBe(0);
      expect(run.summary()).toMatchObject({ status: 'done', sent: LINES, notSent: 0, inDoubt: 0, committedLine: LINES });
      expect(compare(lines, await committedValues(kafka, Topics.textLines))).toEqual({ total: LINES, twice: 0, missing: 0, unknown: 0 });
    });
  });

  describe('--resume', () => {
    it('continues after kill -9 in the middle of the file without sending a line twice', async () => {
      const { file, lines } = numberedFile(`resume-${Date.now().toString(36)}`);
      run = new ProducerRun('producer-outage-resume-1', ['--file', file, '--rate', '5000']);
      await waitFor('15,000 records in text-lines', async () => ((await recordsWritten(kafka, Topics.textLines)) >= 15_000 ? true : undefined), { timeoutMs: 120000 });
      run.child.kill('SIGKILL');
      await run.exited;
      run = new ProducerRun('producer-outage-resume-2', ['--file', file, '--resume']);
      expect(await run.exited).toBe(0);
      const summary = run.summary();
      expect(summary).toMatchObject({ status: 'done', notSent: 0, committedLine: LINES });
      expect(summary.sent).toBeGreaterThan(0);
      expect(summary.sent).toBeLessThan(LINES - 10_000);
      expect(compare(lines, await committedValues(kafka, Topics.textLines))).toEqual({ total: LINES, twice: 0, missing: 0, unknown: 0 });
    });
  });
});
