import type { Consumer } from 'kafkajs';
import { dlqTopic, encodeSignal, InternalTopics, SignalStatsResult, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

/**
 * Event-time windows survive a crash with real Kafka: a window that is open when the only
 * processor is SIGKILLed is restored from its changelog by the next instance and closed with the
 * samples from both sides of the crash; a window already final before the crash is not emitted again.
 */
describe('signal-stats windows across a processor SIGKILL', () => {
  const kafka = testKafka('windows-restart');
  const run = Date.now().toString(36);
  const groupId = `it-windows-${run}`;
  const series = `restart-${run}`;
  const T0 = Math.floor(Date.parse('2026-03-01T00:00:00Z') / 1000) * 1000;
  const services: ServiceProcess[] = [];
  const seen: SignalStatsResult[] = [];
  let producer: RecordProducer;
  let consumer: Consumer;

  const startProcessor = (name: string) => {
    const p = new ServiceProcess('processor', `${groupId}-${name}`, {
      PROCESSOR_GROUP_ID: groupId,
      JOBS: 'signal-stats',
      BATCH_INTERVAL_MS: '250',
      SIGNAL_WINDOW_SIZE_MS: '1000',
      SIGNAL_ALLOWED_LATENESS_MS: '0',
    });
    services.push(p);
    return p.start();
  };
  /** Samples i = from..to (inclusive), 100 ms apart from T0, value i. */
  const send = (from: number, to: number) =>
    producer.send(Topics.signals, Array.from({ length: to - from + 1 }, (_, k) => encodeSignal({ series, time: T0 + (from + k) * 100, value: from + k })));
  const finals = (windowIndex: number) => seen.filter((s) => s.final && Date.parse(s.windowStart) === T0 + windowIndex * 1000);

  beforeAll(async () => {
    await resetTopics(kafka, [Topics.signals, dlqTopic(Topics.signals), Topics.signalStats]);
    producer = await RecordProducer.connect(kafka);
    consumer = kafka.consumer({ groupId: `${groupId}-reader`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.signalStats], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const s = JSON.parse(String(message.value)) as SignalStatsResult;
        if (s.series === series) seen.push(s);
      },
    });
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('closes the window open at the crash with every sample, and emits each final result once', async () => {
    const first = await startProcessor('a');
    await send(0, 14); // window 0 = samples 0..9 closes (watermark 1.4 s); window 1 holds 10..14
    await waitFor('window 0 final', () => (finals(0).length > 0 ? true : undefined), { timeoutMs: 60000 });
    // The open window's state is committed with each micro-batch; wait until its changelog has it.
    const admin = kafka.admin();
    await admin.connect();
    await waitFor('window 1 state in its changelog', async () => {
      const offsets = await admin.fetchTopicOffsets(InternalTopics.changelog(groupId, 'signal-stats-windows'));
      return offsets.some((o) => Number(o.high) > 0) ? true : undefined;
    }, { timeoutMs: 30000 });
    await admin.disconnect();
    expect(await first.kill()).toBeNull();

    await send(15, 19); // the rest of window 1, while no processor runs
    await startProcessor('b');
    await send(20, 20); // watermark 2.0 s closes window 1
    const [w1] = await waitFor('window 1 final', () => (finals(1).length > 0 ? finals(1) : undefined), { timeoutMs: 120000 });
    expect(w1).toMatchObject({ count: 10, min: 10, max: 19, mean: 14.5, last: 19, final: true });
    await send(30, 30); // closes window 2 (sample 20 alone): a marker after every result of the restart
    await waitFor('window 2 final', () => (finals(2).length > 0 ? true : undefined), { timeoutMs: 60000 });

    expect(finals(0)).toEqual([expect.objectContaining({ count: 10, min: 0, max: 9, mean: 4.5, last: 9 })]);
    expect(finals(1)).toHaveLength(1);
    expect(finals(2)).toEqual([expect.objectContaining({ count: 1, min: 20, max: 20 })]);
  });
});
