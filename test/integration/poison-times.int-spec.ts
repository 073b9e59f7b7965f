import type { Consumer } from 'kafkajs';
import { DlqHeaders, dlqTopic, encodeSignal, SensorExtremesResult, SignalStatsResult, Topics } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

interface Seen {
  topic: string;
  partition: number;
  offset: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * One record with an impossible event time stalls nothing: on the real broker, the built processor
 * dead-letters a signal timed in nanoseconds (which `Date#toISOString` cannot encode), a signal
 * timed in microseconds (which would move the watermark thousands of years ahead) and a sensor
 * reading with time 1e16 as `time-out-of-range`, with their source position, and the good records
 * of the same partition after them keep producing results.
 */
describe('poison event times on the processor', () => {
  const kafka = testKafka('poison-times');
  const run = Date.now().toString(36);
  const groupId = `it-poison-${run}`;
  // Recent and aligned to the 1 s windows: well inside [1970, now + MAX_EVENT_TIME_SKEW_MS].
  const T0 = Math.floor((Date.now() - 3600_000) / 1000) * 1000;
  const seen: Seen[] = [];
  let processor: ServiceProcess;
  let producer: RecordProducer;
  let consumer: Consumer;

  // Both series may be re-keyed to the same repartition partition, which has one watermark: the
  // second test's samples start after every time of the first, so none is late because of it.
  const T1 = T0 + 60_000;
  /** Samples i = from..to of `series`, 100 ms apart from `base`, value i, all on `partition`. */
  const samples = (series: string, base: number, from: number, to: number, partition: number) =>
    Array.from({ length: to - from + 1 }, (_, k) => ({ ...encodeSignal({ series, time: base + (from + k) * 100, value: from + k }), partition }));
  const stats = (series: string) => seen.filter((s) => s.topic === Topics.signalStats).map((s) => JSON.parse(s.value) as SignalStatsResult).filter((s) => s.series === series);
  const finalWindow = (series: string, base: number, index: number) => stats(series).find((s) => s.final && Date.parse(s.windowStart) === base + index * 1000);
  const dead = (topic: string, partition: number) => seen.filter((s) => s.topic === dlqTopic(topic) && s.headers[DlqHeaders.sourcePartition] === String(partition));

  beforeAll(async () => {
    const topics = [Topics.signals, Topics.signalStats, Topics.sensorReadings, Topics.sensorExtremes];
    await resetTopics(kafka, [...topics, dlqTopic(Topics.signals), dlqTopic(Topics.sensorReadings)]);
    producer = await RecordProducer.connect(kafka);
    consumer = kafka.consumer({ groupId: `${groupId}-reader`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.signalStats, Topics.sensorExtremes, dlqTopic(Topics.signals), dlqTopic(Topics.sensorReadings)], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        seen.push({ topic, partition, offset: message.offset, value: String(message.value), headers });
      },
    });
    processor = new ServiceProcess('processor', groupId, {
      PROCESSOR_GROUP_ID: groupId,
      JOBS: 'signal-stats,sensor-extremes',
      BATCH_INTERVAL_MS: '250',
      SIGNAL_WINDOW_SIZE_MS: '1000',
      SIGNAL_ALLOWED_LATENESS_MS: '0',
    });
    await processor.start();
  });

  afterAll(async () => {
    await processor?.stop();
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('dead-letters a nanosecond epoch with its source position, and the series of its partition keeps producing windows', async () => {
    const series = `ns-${run}`;
    await producer.send(Topics.signals, samples(series, T0, 0, 14, 0)); // offsets 0..14
    await producer.send(Topics.signals, [{ value: `{"series":"${series}","time":1700000000000000000,"value":1}`, partition: 0 }]); // offset 15
    await producer.send(Topics.signals, samples(series, T0, 15, 34, 0));

    const [poison] = await waitFor('the ns poison in signals.dlq', () => (dead(Topics.signals, 0).length ? dead(Topics.signals, 0) : undefined), { timeoutMs: 60000 });
    expect(poison.headers).toMatchObject({ [DlqHeaders.reason]: 'time-out-of-range', [DlqHeaders.sourceTopic]: Topics.signals, [DlqHeaders.sourceOffset]: '15' });
    expect(poison.headers[DlqHeaders.detail]).toContain('event time 1700000000000000000 ms is out of range');
    expect(poison.value).toContain('1700000000000000000');
    // Window 2 (samples 20..29) is closed by sample 30, sent after the poison.
    const w2 = await waitFor('window 2 of the series', () => finalWindow(series, T0, 2), { timeoutMs: 90000 });
    expect(w2).toMatchObject({ count: 10, min: 20, max: 29 });
    expect(finalWindow(series, T0, 1)).toMatchObject({ count: 10, min: 10, max: 19 });
    expect(dead(Topics.signals, 0)).toHaveLength(1);
  });

  it('dead-letters a microsecond epoch instead of moving the watermark: later samples are not late and their windows appear', async () => {
    const series = `us-${run}`;
    await producer.send(Topics.signals, samples(series, T1, 0, 9, 1));
    await producer.send(Topics.signals, [{ key: series, value: JSON.stringify({ series, time: (T1 + 1000) * 1000, value: -1 }), partition: 1 }]);
    // The later samples go once the µs sample was handled: dead-lettered, or (accepted) closing window 0 at once.
    await waitFor('the µs sample handled', () => (dead(Topics.signals, 1).length || finalWindow(series, T1, 0) ? true : undefined), { timeoutMs: 60000 });
    await producer.send(Topics.signals, samples(series, T1, 10, 30, 1));

    const w2 = await waitFor('window 2 of the series', () => finalWindow(series, T1, 2), { timeoutMs: 90000 });
    expect(w2).toMatchObject({ count: 10, min: 20, max: 29 });
    expect(finalWindow(series, T1, 1)).toMatchObject({ count: 10, min: 10, max: 19 });
    expect(dead(Topics.signals, 1).map((d) => [d.headers[DlqHeaders.reason], d.headers[DlqHeaders.sourceOffset]])).toEqual([['time-out-of-range', '10']]);
  });

  it('dead-letters a sensor reading with time 1e16, and the readings after it update the extremes', async () => {
    const key = `room-${run}`;
    const reading = (time: unknown, min: number, max: number) => ({ key, value: JSON.stringify({ key, time, min, max }), partition: 2 });
    await producer.send(Topics.sensorReadings, [reading(T0, 10, 20), reading(1e16, -50, 50), reading(T0 + 1000, 5, 25)]);

    const extremes = () => seen.filter((s) => s.topic === Topics.sensorExtremes).map((s) => JSON.parse(s.value) as SensorExtremesResult).filter((e) => e.key === key);
    const widened = await waitFor('extremes with the reading after the poison', () => extremes().find((e) => !e.removed && e.min === 5));
    expect(widened).toMatchObject({ min: 5, max: 25, removed: false });
    const [poison] = await waitFor('the reading in sensor-readings.dlq', () => (dead(Topics.sensorReadings, 2).length ? dead(Topics.sensorReadings, 2) : undefined));
    expect(poison.headers).toMatchObject({ [DlqHeaders.reason]: 'time-out-of-range', [DlqHeaders.sourceOffset]: '1' });
    expect(extremes().every((e) => e.removed || (e.min >= 5 && e.max <= 25))).toBe(true);
    expect((await processor.get('/health')).status).toBe(200);
  });
});
