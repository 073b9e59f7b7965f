import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer, type TaskSnapshot } from '@sluice/kafka';
import { countWords, wordsTokenizer } from '@sluice/streaming';
import { countDiff, followWordCounts, produceLines, quijoteLines, resetTopics, ServiceProcess, testKafka, waitFor, WordCountTotals } from '@sluice/testing';

/**
 * Task snapshots (PROCESSOR_STATE_DIR): a processor stopped cleanly writes its tasks' state at
 * their changelog positions; the next instance loads it and restores nothing from the changelog;
 * after a SIGKILL the next one loads the older snapshot and restores only the changelog's tail;
 * a running processor also snapshots every PROCESSOR_SNAPSHOT_INTERVAL_MS, so after a SIGKILL the
 * next one starts from that recent snapshot. Throughout, the totals on `word-counts` stay equal to
 * the ground truth (exactly once).
 */
describe('processor state snapshots', () => {
  const kafka = testKafka('snapshot-test');
  const run = Date.now().toString(36);
  const groupId = `it-snap-${run}`;
  const stateDir = mkdtempSync(path.join(tmpdir(), 'sluice-state-'));
  const services: ServiceProcess[] = [];
  const lines = quijoteLines(12000);
  const moreLines = quijoteLines(14000).slice(12000);
  let producer: RecordProducer;
  let reader: WordCountTotals;

  /** A processor of the group; `snapshotIntervalMs` 0 = snapshots only at a clean stop. */
  const startProcessor = (name: string, snapshotIntervalMs: number) => {
    const p = new ServiceProcess('processor', `${groupId}-${name}`, {
      PROCESSOR_GROUP_ID: groupId,
      BATCH_INTERVAL_MS: '250',
      JOBS: 'word-counts',
      PROCESSOR_STATE_DIR: stateDir,
      PROCESSOR_SNAPSHOT_INTERVAL_MS: String(snapshotIntervalMs),
    });
    services.push(p);
    return p.start();
  };

  /** The group's snapshot files as written, by task id (temporary files of a write in flight left out). */
  const readSnapshots = () =>
    new Map(
      readdirSync(path.join(stateDir, groupId))
        .filter((f) => f.endsWith('.json'))
        .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(stateDir, groupId, f), 'utf8')) as TaskSnapshot]),
    );
  /** `writtenAt` of each task's snapshot file, by task id. */
  const snapshotTimes = () => new Map([...readSnapshots()].map(([task, snap]) => [task, snap.writtenAt]));

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

  it('restarts from the snapshot after a clean stop, from the snapshot plus the tail after a SIGKILL, and from a periodic snapshot', async () => {
    const a = await startProcessor('a', 0);
    await produceLines(producer, Topics.textLines, lines.slice(0, 6000));
    await totalsEqualTruthOf(lines.slice(0, 6000));
    await a.stop(); // SIGTERM: Nest drains the last micro-batch, then the runtime writes the snapshots
    const files = readdirSync(path.join(stateDir, groupId));
    expect(files.length).toBeGreaterThan(0);
    expect(a.logRecords('state snapshots written')[0]).toMatchObject({ tasks: files.length });
    const stateEntries = Number(a.logRecords('state snapshots written')[0].entries);
    expect(stateEntries).toBeGreaterThan(1000);

    // Clean restart: every store comes from the snapshot, no changelog record is read.
    const b = await startProcessor('b', 0);
    const loaded = b.logRecords('state loaded from snapshot');
    expect(loaded.reduce((n, l) => n + Number(l.entries), 0)).toBe(stateEntries);
    expect(b.logRecords('state restored from changelog')).toEqual([]);
    await produceLines(producer, Topics.textLines, lines.slice(6000, 9000));
    await totalsEqualTruthOf(lines.slice(0, 9000));

    // SIGKILL: b had no periodic snapshots, so the next instance loads a's and reads only what b
    // logged after it.
    expect(await b.kill()).toBeNull();
    const cStarted = Date.now();
    const c = await startProcessor('c', 1000);
    expect(c.logRecords('state loaded from snapshot').reduce((n, l) => n + Number(l.entries), 0)).toBe(stateEntries);
    const tail = c.logRecords('state restored from changelog').reduce((n, l) => n + Number(l.records), 0);
    expect(tail).toBeGreaterThan(0);
    await produceLines(producer, Topics.textLines, lines.slice(9000, 10500));
    await totalsEqualTruthOf(lines.slice(0, 10500));

    // c snapshots while it runs: once every task's file is at its changelogs' end, a SIGKILL costs
    // the next instance no changelog reading at all.
    const snapshotsAtChangelogEnd = async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        for (const snap of readSnapshots().values()) {
          if (snap.writtenAt < cStarted) return undefined;
          for (const store of snap.stores) {
            const ends = await admin.fetchTopicOffsets(store.topic);
            if (Number(ends.find((o) => o.partition === store.partition)?.high) !== store.offset) return undefined;
          }
        }
        return true;
      } finally {
        await admin.disconnect();
      }
    };
    await waitFor("c's periodic snapshots at the changelogs' end", snapshotsAtChangelogEnd, { timeoutMs: 60000, intervalMs: 500 });
    expect(await c.kill()).toBeNull();
    const d = await startProcessor('d', 0);
    const dLoaded = d.logRecords('state loaded from snapshot');
    expect(dLoaded.length).toBe(files.length);
    for (const l of dLoaded) expect(Date.parse(String(l.writtenAt))).toBeGreaterThanOrEqual(cStarted);
    expect(dLoaded.reduce((n, l) => n + Number(l.entries), 0)).toBeGreaterThan(stateEntries);
    expect(d.logRecords('state restored from changelog').reduce((n, l) => n + Number(l.records), 0)).toBe(0);
    await produceLines(producer, Topics.textLines, lines.slice(10500));
    await totalsEqualTruthOf(lines);
  });
  it('writes the snapshot of a task handed over in a rebalance, so its next owner need not restore it', async () => {
    // The first test left d running (no periodic snapshots) at its changelogs' end; change its state.
    await produceLines(producer, Topics.textLines, moreLines.slice(0, 1000));
    await totalsEqualTruthOf([...lines, ...moreLines.slice(0, 1000)]);
    const joinedAt = Date.now();
    const e = await startProcessor('e', 0);
    const handedOver = () => ((e.logRecords('assignment changed').at(-1)?.tasks as string[] | undefined) ?? []).filter((t) => snapshotTimes().has(t));
    await waitFor('e holds stateful tasks', () => (handedOver().length > 0 ? true : undefined), { timeoutMs: 60000 });
    // d wrote them when the rebalance took them away (neither instance writes periodically).
    await waitFor("d's snapshots of the tasks it handed over", () => (handedOver().every((t) => snapshotTimes().get(t)! >= joinedAt) ? true : undefined), { timeoutMs: 30000 });
    const restored = e.logRecords('state restored from changelog').reduce((n, l) => n + Number(l.records), 0);
    process.stdout.write(`handed over ${handedOver().length} stateful task(s); e restored ${restored} changelog record(s) on top of their snapshots\n`);
    await produceLines(producer, Topics.textLines, moreLines.slice(1000));
    await totalsEqualTruthOf([...lines, ...moreLines]);
  });
});
