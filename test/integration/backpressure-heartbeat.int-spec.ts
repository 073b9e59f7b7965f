import { Topics, dlqTopic } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { produceLines, quijoteLines, resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

const INTERVAL_MS = 20_000;

/**
 * Backpressure must not cost the group membership: when the buffered records exceed
 * PROCESSOR_MAX_BUFFERED_RECORDS the processor holds kafkajs' fetch loop until the next
 * micro-batch, and kafkajs heartbeats only from that loop. Here the hold (a 20 s batch interval)
 * is three times the session timeout (6 s): the member must still be the same, and the group
 * stable, when the micro-batch commits — not evicted and re-joined, which moves every task.
 */
describe('processor backpressure and the consumer group session', () => {
  const kafka = testKafka('it-heartbeat');
  const groupId = `it-heartbeat-${Date.now().toString(36)}`;
  const admin = kafka.admin();
  let processor: ServiceProcess | undefined;
  let producer: RecordProducer | undefined;

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.textLines, Topics.wordCounts, dlqTopic(Topics.textLines), dlqTopic(Topics.wordCounts)]);
    await admin.connect();
    producer = await RecordProducer.connect(kafka);
  });

  afterAll(async () => {
    await processor?.stop();
    await producer?.disconnect();
    await admin.disconnect();
  });

  const members = async () => {
    const [g] = (await admin.describeGroups([groupId])).groups;
    return { state: g.state, members: g.members.map((m) => m.memberId) };
  };

  const batches = async () => {
    const text = await (await fetch(`http://127.0.0.1:${processor!.port}/metrics`)).text();
    return Number(/^sluice_batches_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
  };

  it('keeps its member through a hold longer than the session timeout', async () => {
    processor = await new ServiceProcess('processor', groupId, {
      PROCESSOR_GROUP_ID: groupId,
      JOBS: 'word-counts',
      BATCH_INTERVAL_MS: String(INTERVAL_MS),
      PROCESSOR_MAX_BUFFERED_RECORDS: '1000',
      PROCESSOR_SESSION_TIMEOUT_MS: '6000',
    }).start();
    const before = await waitFor('one stable member', async () => {
      const m = await members();
      return m.state === 'Stable' && m.members.length === 1 ? m : undefined;
    });
    expect(await batches()).toBe(0);
    // Feed at the start of a trigger slot (triggers fall on multiples of the interval), so the
    // fetched records wait ~17 s, far beyond the 6 s session timeout, for their micro-batch.
    await waitFor('the start of a trigger slot', () => (Date.now() % INTERVAL_MS > 1000 && Date.now() % INTERVAL_MS < 3000 ? true : undefined), { timeoutMs: INTERVAL_MS + 5000, intervalMs: 100 });
    await produceLines(producer!, Topics.textLines, quijoteLines(1500));

    await waitFor('the first micro-batch committed', async () => ((await batches()) > 0 ? true : undefined), { timeoutMs: 2 * INTERVAL_MS, intervalMs: 200 });
    expect(await members()).toEqual(before);
  });
});
