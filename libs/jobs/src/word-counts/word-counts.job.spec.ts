import { DlqHeaders, InternalTopics, Topics } from '@sluice/contracts';
import { BATCH_TIME_HEADER, compileStream, StreamRecord, TaskFactory } from '@sluice/streaming';
import { textLinesSource } from '../text/text-lines.source';
import type { JobContext } from '../job-definition';
import { wordCountsDefinition } from './word-counts.job';
import { WORD_COUNTS_STORE, wordCountsPipeline } from './word-counts.pipeline';

const APP = 'app';
const REPARTITION = InternalTopics.repartition(APP, 'word-counts');
const ctx: JobContext = { applicationId: APP, batchIntervalMs: 1000, maxRecordBytes: 64, service: 'processor', now: () => 0, eventTimes: { maxSkewMs: 0, now: () => 0 } };

let offset = 0;
function rec(topic: string, value: string | Buffer | null, key: string | null = null, headers: Record<string, string> = {}): StreamRecord {
  return { topic, partition: 2, offset: String(offset++), key: key === null ? null : Buffer.from(key), value: typeof value === 'string' ? Buffer.from(value) : value, timestamp: 0, headers };
}
const factories = (tokenizer: 'words' | 'whitespace' = 'words'): TaskFactory[] => wordCountsDefinition.compile(ctx, { tokenizer }).flatMap((s) => s.segments.map((x) => x.factory));

describe('wordCountsDefinition', () => {
  const [lines, totals] = factories();

  it('compiles to a stateless text-lines task and a stateful task on <app>-word-counts-repartition with word-counts-store', () => {
    expect(lines).toMatchObject({ topic: Topics.textLines, trigger: 'source', storeNames: [] });
    expect(totals).toMatchObject({ topic: REPARTITION, trigger: 'internal', storeNames: [WORD_COUNTS_STORE] });
  });

  describe('text-lines task', () => {
    it('emits one repartition record per distinct word with its batch count and the batch time', () => {
      const out = lines.create(0).process([rec(Topics.textLines, 'la Mancha, la'), rec(Topics.textLines, 'LA')], 5000);
      expect(out).toEqual([
        { topic: REPARTITION, key: 'la', value: '3', headers: { [BATCH_TIME_HEADER]: '5000' } },
        { topic: REPARTITION, key: 'mancha', value: '1', headers: { [BATCH_TIME_HEADER]: '5000' } },
      ]);
    });

    it('emits nothing for empty and whitespace-only lines and an empty batch', () => {
      expect(lines.create(0).process([rec(Topics.textLines, ''), rec(Topics.textLines, '   ')], 1000)).toEqual([]);
      expect(lines.create(0).process([], 1000)).toEqual([]);
    });

    it('sends null, over-size and invalid UTF-8 lines to text-lines.dlq with the reason and source position', () => {
      const bad = [rec(Topics.textLines, null), rec(Topics.textLines, 'x'.repeat(65)), rec(Topics.textLines, Buffer.from([0xff, 0xfe]))];
      const out = lines.create(0).process([...bad, rec(Topics.textLines, 'ok')], 1000);
      const dlq = out.filter((o) => o.topic === 'text-lines.dlq');
      expect(dlq.map((d) => d.headers?.[DlqHeaders.reason])).toEqual(['null-value', 'too-large', 'invalid-utf8']);
      expect(dlq[1].headers).toMatchObject({ [DlqHeaders.sourceTopic]: 'text-lines', [DlqHeaders.sourcePartition]: '2', [DlqHeaders.sourceOffset]: bad[1].offset });
      expect(dlq[1].value).toEqual(bad[1].value);
      expect(out.filter((o) => o.topic === REPARTITION).map((o) => o.key)).toEqual(['ok']);
    });

    it('splits on single spaces with TOKENIZER=whitespace (Spark line.split(" "))', () => {
      const out = factories('whitespace')[0].create(0).process([rec(Topics.textLines, 'La  la')], 1000);
      expect(out.map((o) => [o.key, o.value])).toEqual([['La', '1'], ['la', '1']]);
    });
  });

  describe('text-lines task with a throwing tokenizer', () => {
    const throwing = compileStream(wordCountsPipeline({ batchIntervalMs: 1000, tokenizer: (line) => (line.includes('boom') ? (null as unknown as string[]) : line.split(' ')) }), {
      ...ctx,
      source: textLinesSource(ctx),
      sink: { encode: () => ({ topic: 'unused', key: null, value: null }) },
    }).segments[0].factory;

    it('dead-letters the line whose tokenizing throws, counting nothing of it, and counts the others', () => {
      const boom = rec(Topics.textLines, 'la boom');
      const out = throwing.create(0).process([rec(Topics.textLines, 'la'), boom, rec(Topics.textLines, 'la')], 1000);
      expect(out.filter((o) => o.topic === REPARTITION).map((o) => [o.key, o.value])).toEqual([['la', '2']]);
      const dead = out.filter((o) => o.topic === 'text-lines.dlq');
      expect(dead.map((d) => [d.headers?.[DlqHeaders.reason], d.headers?.[DlqHeaders.sourceOffset]])).toEqual([['processing-error', boom.offset]]);
      expect(dead[0].headers?.[DlqHeaders.detail]).toContain('TypeError');
    });
  });

  describe('repartition task', () => {
    it('adds batch counts to running totals and publishes absolute totals', () => {
      const task = totals.create(0);
      const first = task.process([rec(REPARTITION, '3', 'la'), rec(REPARTITION, '1', 'mancha')], Date.parse('2026-01-01T00:00:01Z'));
      expect(first.map((o) => [o.topic, o.key, JSON.parse(String(o.value))])).toEqual([
        [Topics.wordCounts, 'la', { word: 'la', count: 3, updatedAt: '2026-01-01T00:00:01.000Z' }],
        [Topics.wordCounts, 'mancha', { word: 'mancha', count: 1, updatedAt: '2026-01-01T00:00:01.000Z' }],
      ]);
      const second = task.process([rec(REPARTITION, '2', 'la'), rec(REPARTITION, '1', 'la')], Date.parse('2026-01-01T00:00:02Z'));
      expect(second.map((o) => [o.key, JSON.parse(String(o.value)).count])).toEqual([['la', 6]]);
    });

    it('records the changed totals in word-counts-store as bare numbers, the changelog layout of earlier releases', () => {
      const task = totals.create(0);
      task.process([rec(REPARTITION, '4', 'hidalgo')], 0);
      expect(task.stores[0].name).toBe(WORD_COUNTS_STORE);
      expect(task.stores[0].drainChanges()).toEqual([['hidalgo', 4]]);
    });

    it('continues from restored state', () => {
      const task = totals.create(0);
      task.stores[0].restore('sancho', 10);
      const out = task.process([rec(REPARTITION, '1', 'sancho')], 0);
      expect(JSON.parse(String(out[0].value)).count).toBe(11);
    });

    it('publishes nothing on punctuation without input', () => {
      expect(totals.create(0).process([], 1000)).toEqual([]);
    });

    it('dead-letters records without a word key or a positive count, and keeps going', () => {
      const task = totals.create(0);
      const out = task.process([rec(REPARTITION, '1', null), rec(REPARTITION, 'abc', 'x'), rec(REPARTITION, '2', 'y')], 0);
      expect(out.filter((o) => o.topic === `${REPARTITION}.dlq`)).toHaveLength(2);
      expect(out.filter((o) => o.topic === Topics.wordCounts).map((o) => o.key)).toEqual(['y']);
    });
  });
});
