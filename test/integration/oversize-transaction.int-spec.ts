import type { Consumer } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';
import { DlqHeaders, dlqTopic, Topics, WordWindowCountResult } from '@sluice/contracts';
import { RecordProducer } from '@sluice/kafka';
import { resetTopics, ServiceProcess, testKafka, waitFor } from '@sluice/testing';

/**
 * One slide larger than a record batch may be: `word-counts-windowed` gets
 * `max.message.bytes` = 16 KiB, and 6,000 distinct words arrive in one window, so every task's
 * slide puts ~30 KiB per output partition into one transaction (kafkajs sends one record batch
 * per partition per request: MESSAGE_TOO_LARGE, not retriable). One more word is so long that its
 * result record exceeds the limit alone. Every window count must be emitted (once, or re-emitted
 * with the same count when an upstream batch commits late), the long
 * word's records must go to `word-counts-windowed.dlq` (reason `too-large`) once per window, and
 * the processor must stay ready: no task loops on the slide.
 */
describe('processor transaction above max.message.bytes', () => {
  const kafka = testKafka('oversize-transaction');
  const run = Date.now().toString(36);
  const groupId = `it-oversize-${run}`;
  const limitBytes = 16384;
  const results: WordWindowCountResult[] = [];
  const keys: string[] = [];
  const dead: Array<{ key: string; headers: Record<string, string>; value: Buffer | null }> = [];
  const services: ServiceProcess[] = [];
  let producer: RecordProducer;
  let reader: Consumer;

  const letters = (i: number) => i.toString(26).split('').map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');
  const words = Array.from({ length: 6000 }, (_, i) => `oversize${run}x${letters(i).padStart(12, 'a')}`);
  const longWord = `huge${run}${'q'.repeat(20000)}`;

  beforeAll(async () => {
    const out = [Topics.wordCountsWindowed, dlqTopic(Topics.wordCountsWindowed)];
    await resetTopics(kafka, [Topics.textLines, dlqTopic(Topics.textLines), ...out]);
    const admin = kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: Topics.wordCountsWindowed, configEntries: [{ name: 'max.message.bytes', value: String(limitBytes) }] }],
    });
    await admin.disconnect();
    producer = await RecordProducer.connect(kafka);
    reader = kafka.consumer({ groupId: `${groupId}-reader`, maxWaitTimeInMs: 100, readUncommitted: false });
    await reader.connect();
    await reader.subscribe({ topics: out, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
        if (topic === Topics.wordCountsWindowed) {
          results.push(JSON.parse(String(message.value)) as WordWindowCountResult);
          keys.push(String(message.key));
        } else dead.push({ key: String(message.key), headers, value: message.value });
      },
    });
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await producer?.disconnect();
    await reader?.disconnect();
    // The contract topic gets its default limit back.
    await resetTopics(kafka, [Topics.wordCountsWindowed]).catch(() => undefined);
  });

  it('emits every window count in requests under the limit and dead-letters the one record above it', async () => {
    const processor = new ServiceProcess('processor', `${groupId}-a`, {
      PROCESSOR_GROUP_ID: groupId,
      JOBS: 'word-counts-windowed',
      BATCH_INTERVAL_MS: '500',
      WORD_WINDOW_LENGTH_MS: '1000',
      WORD_WINDOW_SLIDE_MS: '1000',
    });
    services.push(processor);
    await processor.start();
    const lines: string[] = [];
    for (let i = 0; i < words.length; i += 20) lines.push(words.slice(i, i + 20).join(' '));
    lines.push(longWord);
    // One request to one partition: one upstream batch, so no part of the window arrives after it closed.
    await producer.send(Topics.textLines, lines.map((value) => ({ value, partition: 0 })));

    const counted = () => new Set(results.filter((r) => r.word.startsWith(`oversize${run}`)).map((r) => r.word));
    await waitFor('a window count of every word', () => (counted().size === words.length ? true : undefined), { timeoutMs: 120000, intervalMs: 500 });
    await waitFor('the long word on the DLQ', () => (dead.length > 0 ? true : undefined), { timeoutMs: 30000 });

    // A later window closes after the big one: every task committed past it (no loop).
    await producer.send(Topics.textLines, [{ value: `marker${run}` }]);
    await waitFor('the marker window', () => (results.some((r) => r.word === `marker${run}`) ? true : undefined), { timeoutMs: 30000 });
    // Each (window, word) emitted once; on a loaded machine an upstream batch of the same slot may
    // commit after its window closed, and the window is emitted once more with the same absolute
    // count (stores upsert). A task looping on the slide would commit nothing at all.
    const emissions = new Map<string, number[]>();
    results.forEach((r, i) => emissions.set(keys[i], [...(emissions.get(keys[i]) ?? []), r.count]));
    for (const counts of emissions.values()) {
      expect(counts.length).toBeLessThanOrEqual(2);
      expect(new Set(counts).size).toBe(1);
    }
    expect(results.every((r) => r.word !== longWord)).toBe(true);
    expect(dead).toHaveLength(1); // one tumbling window of 1 s holds the word once
    expect(dead[0].headers[DlqHeaders.reason]).toBe('too-large');
    expect(dead[0].headers[DlqHeaders.detail]).toMatch(/word-counts-windowed record of \d+ bytes exceeds .*\(16384 bytes\)/);
    expect(dead[0].value).toBeNull();
    expect(dead[0].key.length).toBe(1024);
    expect(dead[0].key).toContain(`huge${run}`);
    expect((await processor.get('/health')).status).toBe(200);
  });
});
