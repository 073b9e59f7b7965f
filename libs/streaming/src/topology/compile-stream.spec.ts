import { decoded, DlqHeaders, InternalTopics, rejected } from '@sluice/contracts';
import { countCodec } from '../operators/count-codec';
import { RepartitionCodec } from '../operators/repartition';
import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { compileStream, CompileStreamOptions } from './compile-stream';
import { originOf } from './source-position';
import { OutputRecord, StreamRecord } from './stream-record';
import { BATCH_TIME_HEADER, SourceHeaders } from './topology';

const APP = 'app';
const SHUFFLE = InternalTopics.repartition(APP, 'words');
let offset = 0;
const rec = (topic: string, value: string | null, key: string | null = null, headers: Record<string, string> = {}, partition = 1): StreamRecord => ({
  topic,
  partition,
  offset: String(offset++),
  key: key === null ? null : Buffer.from(key),
  value: value === null ? null : Buffer.from(value),
  timestamp: 0,
  headers,
});
/** What the runtime hands the downstream task: the upstream output as a record of the internal topic. */
const asRecord = (o: OutputRecord): StreamRecord => rec(o.topic, String(o.value), o.key === null ? null : String(o.key), o.headers ?? {});
const text = { topic: 'lines', decode: (r: StreamRecord) => (r.value === null ? rejected('null-value', 'no value') : decoded(r.value.toString('utf8'))) };
const base = <O>(encode: (o: O) => OutputRecord): Omit<CompileStreamOptions<string, O, never>, 'source'> => ({ applicationId: APP, service: 'test', now: () => 0, sink: { encode } });

/** The seed's word count with the shuffle as an operator: split → count per batch → repartition → running sum. */
const wordCount = MicroBatchStream.source<string>({ batchIntervalMs: 1000 })
  .flatMap((line) => line.split(' ').filter(Boolean))
  .mapToPair((w) => [w, 1])
  .countByKey()
  .repartition('words', ([w]) => w, { codec: countCodec })
  .updateStateByKey<string, number, number>((ns, total) => ns.reduce((a, b) => a + b, total ?? 0), { name: 'totals' })
  .map((s) => (s.kind === 'state' ? `${s.key}=${s.state}` : `-${s.key}`));
const totals = (o: string) => ({ topic: 'totals', key: o.split('=')[0], value: o });

describe(compileStream.name, () => {
  describe('a stream with one repartition', () => {
    const compiled = compileStream(wordCount, { ...base(totals), source: text });
    const [upstream, downstream] = compiled.segments;

    it('compiles to a stateless source task feeding the internal topic and a stateful task reading it', () => {
      expect(compiled.segments).toHaveLength(2);
      expect(upstream.factory).toMatchObject({ topic: 'lines', trigger: 'source', storeNames: [] });
      expect(upstream.feeds).toBe(SHUFFLE);
      expect(upstream.factory.punctuate).toBe(false);
      expect(downstream.factory).toMatchObject({ topic: SHUFFLE, trigger: 'internal', storeNames: ['totals-state'], punctuate: true });
      expect(downstream.feeds).toBeUndefined();
    });

    it('declares the source, the internal topic and their DLQs (outputs and changelogs are the caller’s)', () => {
      expect(compiled.topics).toEqual([
        { name: 'lines', cleanupPolicy: 'delete' },
        { name: 'lines.dlq', cleanupPolicy: 'delete' },
        { name: SHUFFLE, cleanupPolicy: 'delete' },
        { name: `${SHUFFLE}.dlq`, cleanupPolicy: 'delete' },
      ]);
    });

    it('writes one record per distinct key and batch, keyed by keyOf, with the codec value and the batch time', () => {
      const out = upstream.factory.create(0).process([rec('lines', 'la mancha la'), rec('lines', 'la')], 5000);
      expect(out).toEqual([
        { topic: SHUFFLE, key: 'la', value: '3', headers: { [BATCH_TIME_HEADER]: '5000' } },
        { topic: SHUFFLE, key: 'mancha', value: '1', headers: { [BATCH_TIME_HEADER]: '5000' } },
      ]);
    });

    it('dead-letters an undecodable source record on <source>.dlq and keeps the rest of the batch', () => {
      const bad = rec('lines', null);
      const out = upstream.factory.create(0).process([bad, rec('lines', 'a')], 1000);
      expect(out.map((o) => [o.topic, o.key])).toEqual([['lines.dlq', null], [SHUFFLE, 'a']]);
      expect(out[0].headers).toMatchObject({ [DlqHeaders.reason]: 'null-value', [DlqHeaders.sourceOffset]: bad.offset });
    });

    it('runs the rest of the pipeline downstream on what the upstream wrote, and equals the single-instance pipeline', () => {
      const up = upstream.factory.create(0);
      const down = downstream.factory.create(0);
      const single = wordCount.build();
      const batches = [['la mancha', 'la'], ['mancha']];
      batches.forEach((lines, i) => {
        const t = (i + 1) * 1000;
        const shuffled = up.process(lines.map((l) => rec('lines', l)), t).map(asRecord);
        expect(down.process(shuffled, t).map((o) => o.value)).toEqual(single.process(lines, t).records);
      });
      expect(down.stores[0].drainChanges()).toEqual([
        ['la', { s: 2, t: 1000 }],
        ['mancha', { s: 2, t: 2000 }],
      ]);
    });

    it('dead-letters a foreign record on the internal topic on <repartition>.dlq', () => {
      const out = downstream.factory.create(0).process([rec(SHUFFLE, 'x', 'la'), rec(SHUFFLE, '2', null), rec(SHUFFLE, '2', 'ok')], 1000);
      expect(out.filter((o) => o.topic === `${SHUFFLE}.dlq`).map((o) => o.headers?.[DlqHeaders.reason])).toEqual(['schema-invalid', 'schema-invalid']);
      expect(out.filter((o) => o.topic === 'totals').map((o) => o.value)).toEqual(['ok=2']);
    });
  });

  describe('a repartition with sourceOf, partitions and a throwing codec', () => {
    type Sample = { k: string; t: number; record: StreamRecord };
    const codec: RepartitionCodec<Sample> = {
      // Date#toISOString throws on a time no Date holds, as the signal encoder would.
      encode: (s) => new Date(s.t).toISOString(),
      decode: (r) => decoded({ k: String(r.key), t: Date.parse(String(r.value)), record: r }),
    };
    const decode = (r: StreamRecord) => {
      const v = JSON.parse(String(r.value));
      if (v.k === 'bug') throw new TypeError('decoder bug');
      return decoded({ ...v, record: r } as Sample);
    };
    const stream = MicroBatchStream.source<Sample>({ batchIntervalMs: 1000 }).repartition('by-k', (s) => s.k, { codec, partitions: 1, sourceOf: (s) => s.record });
    const compiled = compileStream(stream, { applicationId: APP, service: 'test', now: () => 0, source: { topic: 'src', decode }, sink: { encode: (s) => ({ topic: 'out', key: s.k, value: String(s.t) }) } });
    const shuffle = InternalTopics.repartition(APP, 'by-k');
    const task = () => compiled.segments[0].factory.create(0);

    it('gives the internal topic its partition count', () => {
      expect(compiled.topics.find((t) => t.name === shuffle)).toEqual({ name: shuffle, cleanupPolicy: 'delete', partitions: 1 });
    });

    it('carries the source position in headers, which originOf turns back into the source record', () => {
      const src = rec('src', '{"k":"a","t":1}', null, {}, 3);
      const [out] = task().process([src], 1000);
      expect(out).toMatchObject({ topic: shuffle, key: 'a', value: '1970-01-01T00:00:00.001Z' });
      expect(out.headers).toEqual({ [BATCH_TIME_HEADER]: '1000', [SourceHeaders.topic]: 'src', [SourceHeaders.partition]: '3', [SourceHeaders.offset]: src.offset });
      const back = originOf(asRecord(out));
      expect([back.topic, back.partition, back.offset, back.headers]).toEqual(['src', 3, src.offset, {}]);
    });

    it('dead-letters a record whose encoding throws, with the error, and forwards the records around it', () => {
      const poison = rec('src', '{"k":"s","t":1700000000000000000}');
      const out = task().process([rec('src', '{"k":"a","t":1}'), poison, rec('src', '{"k":"b","t":2}')], 1000);
      expect(out.map((o) => [o.topic, o.key])).toEqual([['src.dlq', null], [shuffle, 'a'], [shuffle, 'b']]);
      expect(out[0].headers).toMatchObject({
        [DlqHeaders.reason]: 'processing-error',
        [DlqHeaders.detail]: 'processing the record threw RangeError: Invalid time value',
        [DlqHeaders.sourceTopic]: 'src',
        [DlqHeaders.sourceOffset]: poison.offset,
      });
    });

    it('dead-letters a record whose decoder throws, and never throws for the same poison on a retry', () => {
      const t = task();
      const bug = rec('src', '{"k":"bug","t":1}');
      expect(t.process([bug], 1000).map((o) => [o.topic, o.headers?.[DlqHeaders.detail]])).toEqual([['src.dlq', 'processing the record threw TypeError: decoder bug']]);
      expect(t.process([bug], 2000).map((o) => o.topic)).toEqual(['src.dlq']);
    });
  });

  describe('a stream without repartition', () => {
    it('is one source task writing the sink', () => {
      const s = MicroBatchStream.source<string>({ batchIntervalMs: 1000 }).map((l) => l.toUpperCase());
      const c = compileStream(s, { ...base((o: string) => ({ topic: 'upper', key: null, value: o })), source: text });
      expect(c.segments.map((x) => [x.factory.topic, x.feeds])).toEqual([['lines', undefined]]);
      expect(c.segments[0].factory.create(0).process([rec('lines', 'ab')], 1000)).toEqual([{ topic: 'upper', key: null, value: 'AB' }]);
    });
  });
});

describe('MicroBatchStream#repartition', () => {
  it('passes records through in a single instance, with the stores of every segment', () => {
    const p = wordCount.build();
    expect(p.stores().map((s) => s.name)).toEqual(['totals-state']);
    expect(p.process(['a b a'], 1000).records).toEqual(['a=2', 'b=1']);
  });

  it('cuts the plan at each repartition', () => {
    const plan = wordCount.plan();
    expect(plan.segments.map((s) => [s.exit?.name, s.build().stores().map((x) => x.name)])).toEqual([
      ['words', []],
      [undefined, ['totals-state']],
    ]);
  });

  it('refuses an unstable name and a name used twice, and allows the name of the operator it feeds', () => {
    const s = MicroBatchStream.source<[string, number]>({ batchIntervalMs: 1000 });
    expect(() => s.repartition('a b', ([k]) => k, { codec: countCodec })).toThrow(PipelineDefinitionError);
    expect(() => s.repartition('x', ([k]) => k, { codec: countCodec }).repartition('x', ([k]) => k, { codec: countCodec })).toThrow('repartition name "x" is used twice');
    expect(() => s.repartition('x', ([k]) => k, { codec: countCodec }).reduceByKey((a, b) => a + b).updateStateByKey(() => 1, { name: 'x' })).not.toThrow();
  });
});
