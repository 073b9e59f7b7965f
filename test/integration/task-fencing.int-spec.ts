import { dlqTopic, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { countWords, wordsTokenizer } from '@sluice/streaming';
import { countDiff, followWordCounts, produceLines, quijoteLines, resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';
import type { WordCountTotals } from '@sluice/testing';

/**
 * A fenced task recovers by itself: while the processor runs, the test initialises a transactional
 * producer with the transactional id of the `text-lines-0` task, which fences the task's producer
 * (its next transaction fails with INVALID_PRODUCER_EPOCH). The task must reopen within seconds
 * while the partition stays assigned (no rebalance happens) and the lines sent after the fence
 * must be counted exactly once (running totals on `word-counts`, read read_committed).
 */
describe('processor task fenced by its own transactional id', () => {
  const kafka = testKafka('task-fencing');
  const run = Date.now().toString(36);
  const groupId = `it-fence-${run}`;
  let totals = new Map<string, number>();
  const services: ServiceProcess[] = [];
  let producer: RecordProducer;
  let reader: WordCountTotals | undefined;

  // Lines over a small vocabulary: every word's total grows with each line that has it.
  const vocabulary = ['fence', 'epoch', 'sluice', 'kafka', 'offset', 'quijote', 'sancho', 'rocinante', 'molino', 'gigante', 'ínsula', 'dulcinea'];
  const linesOf = (count: number) => Array.from({ length: count }, (_, i) => [0, 1, 2].map((k) => vocabulary[(i * 7 + k * 5) % vocabulary.length]).join(' ') + ` line${i % 97}`);
  const sendToPartition0 = (lines: readonly string[]) => producer.send(Topics.textLines, lines.map((value) => ({ value, partition: 0 })));
  const waitForTotals = async (truth: Map<string, number>, what: string, timeoutMs: number) => {
    try {
      await waitFor(what, () => (countDiff(truth, totals).length === 0 ? true : undefined), { timeoutMs, intervalMs: 250 });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${countDiff(truth, totals).join('\n')}`);
    }
  };

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, dlqTopic(Topics.textLines), Topics.wordCounts, dlqTopic(Topics.wordCounts)]);
    producer = await RecordProducer.connect(kafka);
    reader = await followWordCounts(kafka, `${groupId}-reader`);
    totals = reader.totals;
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    await reader?.stop();
  });

  it('reopens the task within seconds and counts the input sent after the fence exactly once', async () => {
    const processor = new ServiceProcess('processor', `${groupId}-a`, { PROCESSOR_GROUP_ID: groupId, JOBS: 'word-counts', BATCH_INTERVAL_MS: '250' });
    services.push(processor);
    await processor.start();
    const lines = linesOf(2000);
    const before = lines.slice(0, 1000);
    await sendToPartition0(before);
    await waitForTotals(countWords(before, wordsTokenizer), 'totals of the lines before the fence', 60000);

    // InitProducerId on the task's transactional id bumps its epoch: the running task is fenced.
    const intruder = kafka.producer({ transactionalId: `${groupId}-${Topics.textLines}-0`, idempotent: true, maxInFlightRequests: 1 });
    await intruder.connect();
    const txn = await intruder.transaction();
    await txn.abort();
    await intruder.disconnect();

    const health: string[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const r = await processor.get<{ error?: Record<string, { detail?: string }> }>('/health').catch(() => undefined);
        const tasks = r?.body.error?.tasks;
        if (tasks) health.push(tasks.detail ?? '(no detail)');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const fencedAt = Date.now();
    await sendToPartition0(lines.slice(1000));
    try {
      await waitForTotals(countWords(lines, wordsTokenizer), 'totals of every line after the task reopened', 30000);
    } finally {
      polling = false;
      await poll;
    }
    const recoveredInMs = Date.now() - fencedAt;
    expect(recoveredInMs).toBeLessThan(30000);
    expect(totals.get('quijote')).toBe(countWords(lines, wordsTokenizer).get('quijote'));
    // No rebalance was needed: the one member kept its assignment.
    const admin = kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]);
    await admin.disconnect();
    expect(groups[0].members).toHaveLength(1);
    // Readiness named the task while it was reopening (the window is short: reported, not required).
    process.stdout.write(`fenced task recovered in ${recoveredInMs} ms; /health while down: ${JSON.stringify(health.slice(0, 3))}\n`);
    for (const d of health) expect(d).toMatch(/task text-lines-0 opening since \d+ s/);
    expect((await processor.get('/health')).status).toBe(200);
  });
});

/**
 * A member evicted from the group while it holds fetched records (here frozen with SIGSTOP past its
 * 6 s session, between a fetch and its micro-batch) runs again to find that the member which took
 * its tasks over has fenced their producers: its micro-batch fails, fenced, before it learns of the
 * new assignment. Reopening those tasks then would fence the rightful owner back (each reopen
 * restoring state), as the chaos runs showed on a starved machine; so it must not reopen a task
 * the group does not assign to it, and opens tasks again only from its next assignment, where
 * every task it held counts as lost. Every line is still counted exactly once. (Whether a's
 * micro-batch runs before it learns of the eviction depends on the machine: the log line says; it
 * did in most runs, and then the test failed without the ownership check.)
 */
describe('a task fenced by the member that took it over while this one was evicted', () => {
  const kafka = testKafka('task-eviction');
  const groupId = `it-evict-${Date.now().toString(36)}`;
  const services: ServiceProcess[] = [];
  const lines = quijoteLines(9000);
  let producer: RecordProducer;
  let reader: WordCountTotals | undefined;

  const totalsOf = async (fed: readonly string[], what: string) => {
    const truth = countWords(fed, wordsTokenizer);
    try {
      await waitFor(what, () => (countDiff(truth, reader!.totals).length === 0 ? true : undefined), { timeoutMs: 120000, intervalMs: 250 });
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${countDiff(truth, reader!.totals).join('\n')}`);
    }
  };
  const tasksOf = (p: ServiceProcess) => (p.logRecords('assignment changed').at(-1)?.tasks as string[] | undefined) ?? [];
  /** Lines the processor has fetched into its micro-batch buffers so far (`sluice_records_in_total`). */
  const linesFetched = async (p: ServiceProcess) => {
    const text = await (await fetch(`http://127.0.0.1:${p.port}/metrics`)).text();
    return Number(/^sluice_records_in_total\{[^}]*topic="text-lines"[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0);
  };

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, dlqTopic(Topics.textLines), Topics.wordCounts, dlqTopic(Topics.wordCounts)]);
    producer = await RecordProducer.connect(kafka);
    reader = await followWordCounts(kafka, `${groupId}-reader`);
  });

  afterAll(async () => {
    for (const s of services) if (s.pid) process.kill(s.pid, 'SIGCONT');
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    await reader?.stop();
  });

  it('does not fence the new owner back, opens tasks again only from its next assignment, and counts every line once', async () => {
    const base = { PROCESSOR_GROUP_ID: groupId, JOBS: 'word-counts' };
    // a: a short session, and a long trigger interval so fetched records wait in its buffers.
    const a = new ServiceProcess('processor', `${groupId}-a`, { ...base, PROCESSOR_SESSION_TIMEOUT_MS: '6000', BATCH_INTERVAL_MS: '20000' });
    const b = new ServiceProcess('processor', `${groupId}-b`, { ...base, BATCH_INTERVAL_MS: '250' });
    services.push(a, b);
    await a.start();
    await b.start();
    await waitFor('both members hold tasks', () => (tasksOf(a).length > 0 && tasksOf(b).length > 0 ? true : undefined), { timeoutMs: 60000 });
    await produceLines(producer, Topics.textLines, lines.slice(0, 3000));
    await totalsOf(lines.slice(0, 3000), 'totals of the first lines');
    const allTasks = tasksOf(a).length + tasksOf(b).length;

    // Freeze a between a fetch and its next micro-batch.
    const fetchedBefore = await linesFetched(a);
    const stoppedAt = Date.now();
    await produceLines(producer, Topics.textLines, lines.slice(3000, 6000));
    await waitFor('a fetched some of the new lines', async () => ((await linesFetched(a)) > fetchedBefore ? true : undefined), { timeoutMs: 30000, intervalMs: 20 });
    process.kill(a.pid!, 'SIGSTOP');
    try {
      // The coordinator evicts a after its session; b takes every task over, fences a's
      // producers and counts the lines a had fetched.
      await waitFor('b holds every task', () => (tasksOf(b).length === allTasks ? true : undefined), { timeoutMs: 60000 });
      await totalsOf(lines.slice(0, 6000), 'totals with b alone');
    } finally {
      process.kill(a.pid!, 'SIGCONT');
    }
    await produceLines(producer, Topics.textLines, lines.slice(6000));
    await totalsOf(lines, 'totals of every line');
    await waitFor('a back in the group with tasks', () => (tasksOf(a).length > 0 && a.logRecords('assignment changed').some((r) => Date.parse(String(r.time)) > stoppedAt) ? true : undefined), { timeoutMs: 60000 });

    const sinceStop = a.logRecords().filter((r) => Date.parse(String(r.time)) > stoppedAt);
    const reassigned = sinceStop.findIndex((r) => r.msg === 'assignment changed');
    const fenced = sinceStop.slice(0, reassigned).filter((r) => r.msg === 'task fenced; reopening it');
    const reopenedEarly = sinceStop.slice(0, reassigned).filter((r) => r.msg === 'task running');
    const held = sinceStop.filter((r) => r.msg === 'task not reopened: the group does not assign it to this member now');
    process.stdout.write(
      `evicted member: ${fenced.length} task(s) fenced before its next assignment, ${held.length} reopen(s) held back (${[...new Set(held.map((r) => r.why))].join('; ')}), ${reopenedEarly.length} task(s) opened before its next assignment\n`,
    );
    expect(reopenedEarly.map((r) => r.task)).toEqual([]);
    // Joined again under a new member id: the tasks it held before the stop were all lost.
    expect(sinceStop[reassigned - 1]).toMatchObject({ msg: 'this member was evicted from its group and joined again: its tasks are lost and reopen from their changelogs' });
    expect((await b.get('/health')).status).toBe(200);
  });
});
