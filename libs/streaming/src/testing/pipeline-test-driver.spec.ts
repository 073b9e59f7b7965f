import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineTestDriver } from './pipeline-test-driver';

const running = MicroBatchStream.source<[string, number]>({ batchIntervalMs: 1000 }).updateStateByKey<string, number, number>(
  (vs, s) => vs.reduce((a, b) => a + b, s ?? 0),
  { name: 'total' },
);
const totals = (r: { records: Array<{ kind: string; key: string; state?: number }> }) => r.records.map((c) => [c.key, c.state]);

describe(PipelineTestDriver.name, () => {
  describe('queueStream', () => {
    it('runs one batch per interval, the first one interval after 0', () => {
      const d = new PipelineTestDriver(() => running.build(), { batchIntervalMs: 1000 });
      expect(d.queueStream([[['a', 1]], [], [['a', 2]]]).map((r) => r.batchTimeMs)).toEqual([1000, 2000, 3000]);
      expect(d.clock.now()).toBe(4000);
    });
  });

  describe('runBatch', () => {
    it('commits the state changes to the changelog after each batch', () => {
      const d = new PipelineTestDriver(() => running.build(), { batchIntervalMs: 1000, startMs: 0 });
      d.runBatch([['a', 1]]);
      expect(d.changelog.entries('total-state')).toEqual([['a', { s: 1, t: 0 }]]);
      expect(d.current.stores()[0].pendingChanges).toBe(0);
    });
  });

  describe('restart', () => {
    it('continues from the committed state with a new instance', () => {
      const d = new PipelineTestDriver(() => running.build(), { batchIntervalMs: 1000 });
      d.runBatch([['a', 1]]);
      const before = d.current;
      d.restart();
      expect(d.current).not.toBe(before);
      expect(totals(d.runBatch([['a', 2]]))).toEqual([['a', 3]]);
      expect(d.instances).toBe(2);
    });
  });

  describe('crashDuring', () => {
    it('loses the batch and its state changes, so its retry gives the same outputs', () => {
      const d = new PipelineTestDriver(() => running.build(), { batchIntervalMs: 1000 });
      d.runBatch([['a', 1]]);
      const lost = d.crashDuring([['a', 5]]);
      const retried = d.runBatch([['a', 5]]);
      expect(totals(lost)).toEqual([['a', 6]]);
      expect(totals(retried)).toEqual([['a', 6]]);
      expect(d.allOutputs()).toHaveLength(2);
    });
  });
});
