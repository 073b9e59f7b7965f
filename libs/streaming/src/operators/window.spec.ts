import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineTestDriver } from '../testing/pipeline-test-driver';
import { windowStage } from './window';
import { BatchWindows } from './window-spec';

function driver(windows: BatchWindows) {
  const stream = MicroBatchStream.source<string>({ batchIntervalMs: 1000 }).window(windows, 'last');
  return new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
}
const emitted = (results: Array<{ outputs: Array<{ timeMs: number; records: string[] }> }>) => results.flatMap((r) => r.outputs.map((o) => [o.timeMs, o.records]));

describe(windowStage.name, () => {
  describe('push', () => {
    it('emits the records of (t - length, t] at each slide point, oldest batch first', () => {
      const d = driver(BatchWindows.sliding(2000, 1000));
      expect(emitted(d.queueStream([['a'], ['b', 'c'], ['d'], []]))).toEqual([
        [1000, ['a']],
        [2000, ['a', 'b', 'c']],
        [3000, ['b', 'c', 'd']],
        [4000, ['d']],
      ]);
    });

    it('leaves its state untouched while idle and empty, and windows after the idle stretch are the same', () => {
      const d = driver(BatchWindows.sliding(2000, 1000));
      d.queueStream([['a'], [], []]);
      const meta = d.changelog.entries('last-meta');
      expect(emitted(d.runEmpty(5))).toEqual([]);
      expect(d.changelog.entries('last-meta')).toEqual(meta);
      d.restart();
      expect(emitted(d.queueStream([['b'], []]))).toEqual([
        [9000, ['b']],
        [10000, ['b']],
      ]);
    });

    it('emits only at multiples of the slide, aligned to the epoch', () => {
      const d = driver(BatchWindows.sliding(2000, 2000));
      const out = emitted(d.queueStream([['a'], ['b'], ['c']]));
      expect(out).toEqual([[2000, ['a', 'b']]]);
      expect(out.map(([t]) => t)).not.toContain(1000);
    });

    it('emits nothing for a window holding only empty batches', () => {
      const d = driver(BatchWindows.sliding(2000, 1000));
      expect(emitted(d.runEmpty(3))).toEqual([]);
    });

    it('keeps a window spanning a restart whole', () => {
      const d = driver(BatchWindows.sliding(3000, 1000));
      d.queueStream([['a'], ['b']]);
      d.restart();
      expect(emitted([d.runBatch(['c'])])).toEqual([[3000, ['a', 'b', 'c']]]);
    });

    it('appends a second batch for an emitted slide point and re-emits the window', () => {
      const d = driver(BatchWindows.sliding(2000, 1000));
      d.current.process(['a'], 1000);
      expect(emitted([d.current.process(['b'], 1000)])).toEqual([[1000, ['a', 'b']]]);
    });

    it('does not re-emit a window for an empty second batch', () => {
      const d = driver(BatchWindows.sliding(2000, 1000));
      d.current.process(['a'], 1000);
      expect(d.current.process([], 1000).outputs).toEqual([]);
    });
  });
});
