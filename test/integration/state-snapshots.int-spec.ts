import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { countWords, wordsTokenizer } from '@sluice/streaming';
import { countDiff, followWordCounts, produceLines, quijoteLines, resetTopics, ServiceProcess, testKafka, waitFor, WordCountTotals } from '@sluice/testing';

/** The pino lines of a service's log with the given message. */
function logLines(service: ServiceProcess, msg: string): Array<Record<string, unknown>> {
  return readFileSync(service.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg);
}

/**
 * Task snapshots (PROCESSOR_STATE_DIR): a processor stopped cleanly writes its tasks' state at
 * their changelog positions; the next instance loads it and restores nothing from the changelog;
 * after a SIGKILL the next one loads the older snapshot and restores only the changelog's tail.
 * Through all three the totals on `word-counts` stay equal to the ground truth (exactly once).
 */
describe('processor state snapshots', () => {
  const kafka = testKafka('snapshot-test');
  const run = Date.now().toString(36);
  const groupId = `it-snap-${run}`;
  const stateDir = mkdtempSync(path.join(tmpdir(), 'sluice-state-'));
  const services: ServiceProcess[] = [];
  const lines = quijoteLines(12000);
  let producer: RecordProducer;
  let reader: WordCountTotals;

  const startProcessor = (name: string) => {
    const p = new ServiceProcess('processor', `${groupId}-${name}`, { PROCESSOR_GROUP_ID: groupId, BATCH_INTERVAL_MS: '250', JOBS: 'word-counts', PROCESSOR_STATE_DIR: stateDir });
    services.push(p);
    return p.start();
  };

  const totalsEqualTruthOf = async (fed: readonly string[]) => {
    const truth = countWords(fed, wordsTokenizer);
    try {
      await waitFor('word-counts totals equal to the ground truth', () => (countDiff(truth, reader.totals).length === 0 ? true : undefined), { timeoutMs: 120000, intervalMs: 250 });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${countDiff(truth, reader.totals).join('\n')}`);
    }
    expect(reader.totals.size).toBe(truth.size);
  };

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    producer = await RecordProducer.connect(kafka);
    reader = await followWordCounts(kafka, `${groupId}-reader`);
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    await reader?.stop();
  });

  it('restarts from the snapshot after a clean stop, and from the snapshot plus the tail after a SIGKILL', async () => {
    const a = await startProcessor('a');
    await produceLines(producer, Topics.textLines, lines.slice(0, 6000));
    await totalsEqualTruthOf(lines.slice(0, 6000));
    await a.stop(); // SIGTERM: Nest drains the last micro-batch, then the runtime writes the snapshots
    const files = readdirSync(path.join(stateDir, groupId));
    expect(files.length).toBeGreaterThan(0);
    expect(logLines(a, 'state snapshots written')[0]).toMatchObject({ tasks: files.length });
    const stateEntries = Number(logLines(a, 'state snapshots written')[0].entries);
    expect(stateEntries).toBeGreaterThan(1000);

    // Clean restart: every store comes from the snapshot, no changelog record is read.
    const b = await startProcessor('b');
    const loaded = logLines(b, 'state loaded from snapshot');
    expect(loaded.reduce((n, l) => n + Number(l.entries), 0)).toBe(stateEntries);
    expect(logLines(b, 'state restored from changelog')).toEqual([]);
    await produceLines(producer, Topics.textLines, lines.slice(6000, 9000));
    await totalsEqualTruthOf(lines.slice(0, 9000));

    // SIGKILL: no new snapshot; the next instance loads a's and reads only what b logged after it.
    expect(await b.kill()).toBeNull();
    const c = await startProcessor('c');
    expect(logLines(c, 'state loaded from snapshot').reduce((n, l) => n + Number(l.entries), 0)).toBe(stateEntries);
    const tail = logLines(c, 'state restored from changelog').reduce((n, l) => n + Number(l.records), 0);
    expect(tail).toBeGreaterThan(0);
    await produceLines(producer, Topics.textLines, lines.slice(9000));
    await totalsEqualTruthOf(lines);
  });
});
