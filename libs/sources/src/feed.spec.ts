import { decodeSignal } from '@sluice/contracts';
import { emitWave } from './emit-wave';
import { feedLines } from './feed-lines';
import { RecordSink, Scheduler, SinkRecord } from './record-sink';
import { triangle } from './waves';

class ManualScheduler implements Scheduler {
  t = 1_000_000;
  now = () => this.t;
  sleep = async (ms: number) => {
    this.t += ms;
  };
}
class ArraySink implements RecordSink {
  sent: Array<{ topic: string } & SinkRecord> = [];
  sends = 0;
  async send(topic: string, records: readonly SinkRecord[]) {
    this.sends++;
    this.sent.push(...records.map((r) => ({ topic, ...r })));
  }
}

describe('feedLines', () => {
  it('repeats a corpus until maxLines, in batches, as fast as possible', async () => {
    const sink = new ArraySink();
    const r = await feedLines(['a', 'b', 'c'], { topic: 't', sink, scheduler: new ManualScheduler(), ratePerSecond: 0, maxLines: 7, batchSize: 3 });
    expect(sink.sent.map((s) => s.value)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    expect(sink.sends).toBe(3);
    expect(r.lines).toBe(7);
  });

  it('sends the source once without maxLines, with no key', async () => {
    const sink = new ArraySink();
    await feedLines(['x', 'y'], { topic: 't', sink, scheduler: new ManualScheduler(), ratePerSecond: 0 });
    expect(sink.sent).toEqual([
      expect.objectContaining({ topic: 't', value: 'x' }),
      expect.objectContaining({ topic: 't', value: 'y' }),
    ]);
    expect(sink.sent.every((s) => s.key === undefined)).toBe(true);
  });

  it('paces at the given rate on the clock', async () => {
    const sink = new ArraySink();
    const clock = new ManualScheduler();
    const r = await feedLines(['l'], { topic: 't', sink, scheduler: clock, ratePerSecond: 100, maxLines: 500 });
    expect(r.lines).toBe(500);
    expect(r.seconds).toBeGreaterThanOrEqual(4.9);
    expect(r.seconds).toBeLessThanOrEqual(5.1);
  });

  it('reads an async source once', async () => {
    async function* gen() {
      yield 'one';
      yield 'two';
    }
    const sink = new ArraySink();
    expect((await feedLines(gen(), { topic: 't', sink, scheduler: new ManualScheduler(), ratePerSecond: 0 })).lines).toBe(2);
  });
});

describe('emitWave', () => {
  it('emits count samples of the formula, keyed by series, one interval apart', async () => {
    const sink = new ArraySink();
    const clock = new ManualScheduler();
    const n = await emitWave({ topic: 'signals', series: 'triangle', valueAt: (i) => triangle(i), intervalMs: 1000, count: 16, sink, scheduler: clock });
    expect(n).toBe(16);
    const decoded = sink.sent.map((s) => decodeSignal(Buffer.from(s.value), s.key ?? null, 0, 1024));
    expect(decoded.map((d) => d.ok && d.value.value)).toEqual(Array.from({ length: 16 }, (_, i) => triangle(i)));
    expect(sink.sent.every((s) => s.key === 'triangle')).toBe(true);
    expect(sink.sent[15].timestamp! - sink.sent[0].timestamp!).toBe(15000);
  });
});
