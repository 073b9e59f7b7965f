import { decoded, DlqHeaders } from '@sluice/contracts';
import { EventTimeWindows } from '../operators/event-time-windows';
import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineTask } from './pipeline-task';
import { OutputRecord, StreamRecord } from './stream-record';
import { StreamTask } from './topology';

interface Sample {
  key: string;
  time: number;
  value: number;
}

/** Per key, sums of values per 10 s event-time window (no lateness); the aggregator throws on value 13. */
const summing = (emit: 'final' | 'early-and-final') =>
  MicroBatchStream.source<Sample>({ batchIntervalMs: 1000 })
    .windowedByEventTime(EventTimeWindows.ofSizeWithNoLateness(10_000), { keyOf: (s) => s.key, timeOf: (s) => s.time })
    .aggregate<number>({
      name: 'sums',
      late: 'drop',
      emit,
      initializer: () => 0,
      aggregator: (acc, s) => {
        if (s.value === 13) throw new RangeError('unlucky value');
        return acc + s.value;
      },
    })
    .build();

let offset = 0;
const rec = (s: Sample | string): StreamRecord => ({
  topic: 'samples',
  partition: 3,
  offset: String(offset++),
  key: null,
  value: Buffer.from(typeof s === 'string' ? s : JSON.stringify(s)),
  timestamp: 0,
  headers: {},
});

function task(encodeThrowsFor?: number) {
  return new PipelineTask({
    pipeline: summing(encodeThrowsFor === undefined ? 'final' : 'early-and-final'),
    decode: (r: StreamRecord) => {
      const v = String(r.value);
      if (v === 'explode') throw new TypeError('decoder bug');
      return decoded(JSON.parse(v) as Sample);
    },
    encode: (w: { key: string; windowStart: number; value: number }) => {
      if (w.value === encodeThrowsFor) throw new RangeError(`cannot encode ${w.value}`);
      return { topic: 'sums', key: `${w.key}/${w.windowStart}`, value: String(w.value) };
    },
    late: 'drop',
    service: 'test',
    now: () => 0,
  });
}

const changes = (t: StreamTask) => t.stores.map((s) => s.drainChanges().sort());
const dlq = (out: OutputRecord[]) => out.filter((o) => o.topic === 'samples.dlq');

describe(PipelineTask.name, () => {
  describe('process', () => {
    it('dead-letters a record the batch call throws on, and keeps the state of the batch without it', () => {
      const poisoned = task();
      const control = task();
      const good = [rec({ key: 'a', time: 1000, value: 1 }), rec({ key: 'a', time: 2000, value: 2 })];
      const poison = rec({ key: 'a', time: 3000, value: 13 });
      const after = rec({ key: 'b', time: 4000, value: 5 });
      const out = poisoned.process([...good, poison, after], 1000);
      expect(dlq(out)).toHaveLength(1);
      expect(dlq(out)[0].headers).toMatchObject({
        [DlqHeaders.reason]: 'processing-error',
        [DlqHeaders.detail]: 'processing the record threw RangeError: unlucky value',
        [DlqHeaders.sourceTopic]: 'samples',
        [DlqHeaders.sourcePartition]: '3',
        [DlqHeaders.sourceOffset]: poison.offset,
      });
      expect(dlq(out)[0].value).toEqual(poison.value);
      control.process([...good, after], 1000);
      const state = changes(poisoned);
      expect(state).toEqual(changes(control));
      expect(state[0]).toEqual([['0|a', 3], ['0|b', 5]]);
    });

    it('goes on with the next batch: the windows close with every good sample, and the same poison again is dead-lettered again', () => {
      const t = task();
      t.process([rec({ key: 'a', time: 1000, value: 1 }), rec({ key: 'a', time: 2000, value: 13 })], 1000);
      const out = t.process([rec({ key: 'a', time: 3000, value: 13 }), rec({ key: 'a', time: 12_000, value: 7 })], 2000);
      expect(out.map((o) => [o.topic, o.key, o.value])).toEqual([
        ['samples.dlq', null, Buffer.from(JSON.stringify({ key: 'a', time: 3000, value: 13 }))],
        ['sums', 'a/0', '1'],
      ]);
    });

    it('dead-letters the record whose output cannot be encoded, and emits and keeps the rest', () => {
      const t = task(9); // early updates: every batch emits the windows it changed
      const nine = rec({ key: 'b', time: 2000, value: 9 });
      const out = t.process([rec({ key: 'a', time: 1000, value: 4 }), nine, rec({ key: 'c', time: 3000, value: 2 })], 1000);
      expect(out.filter((o) => o.topic === 'sums').map((o) => [o.key, o.value])).toEqual([['a/0', '4'], ['c/0', '2']]);
      expect(dlq(out).map((d) => [d.headers?.[DlqHeaders.sourceOffset], d.headers?.[DlqHeaders.detail]])).toEqual([[nine.offset, 'processing the record threw RangeError: cannot encode 9']]);
      expect(changes(t)[0]).toEqual([['0|a', 4], ['0|c', 2]]);
    });

    it('dead-letters a record whose decoder throws, with the error', () => {
      const out = task().process([rec('explode'), rec({ key: 'a', time: 1000, value: 1 })], 1000);
      expect(dlq(out).map((d) => d.headers?.[DlqHeaders.detail])).toEqual(['processing the record threw TypeError: decoder bug']);
    });
  });
});
