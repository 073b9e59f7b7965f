import type { ServiceStatus } from '@sluice/contracts';
import { batchTimelines, serverRows, stateRows } from './micro-batches';

const base: ServiceStatus = {
  service: 'processor',
  instanceId: 'p1',
  host: 'h',
  pid: 1,
  startedAt: 0,
  publishedAt: 0,
  intervalMs: 2000,
  state: 'running',
  health: { up: true, checks: { kafka: { up: true }, tasks: { up: true } } },
  group: 'sluice-processor',
  partitions: [],
  batchIntervalMs: 1000,
  batches: [
    { batchTime: 1000, trigger: 'source', recordsIn: 500, recordsOut: 10, processingMs: 250, schedulingDelayMs: 3, commitMs: 40, tasks: 2 },
    { batchTime: 2000, trigger: 'source', recordsIn: 3000, recordsOut: 10, processingMs: 1500, schedulingDelayMs: 1, commitMs: 90, tasks: 2 },
  ],
  stores: [
    { task: 'text-lines-0', store: 'word-counts-store', keys: 10, approxBytes: 300, restoreMs: 12 },
    { task: 'text-lines-1', store: 'word-counts-store', keys: 5, approxBytes: 100, restoreMs: 40 },
  ],
  lateRecords: { signals: 4 },
};

describe('batchTimelines', () => {
  it('computes input and processing rates and marks batches slower than the interval', () => {
    const [t] = batchTimelines([base, { ...base, instanceId: 'gone', state: 'stopped' }]);
    expect(t.instance).toBe('processor/p1');
    expect(t.batches.map((b) => [b.inputRate, b.processingRate, b.slow])).toEqual([[500, 2000, false], [3000, 2000, true]]);
    expect(t.slowBatches).toBe(1);
  });
});

describe('stateRows and serverRows', () => {
  it('sums stores over tasks and instances and adds late records', () => {
    const { stores, late } = stateRows([base, { ...base, instanceId: 'p2' }]);
    expect(stores).toEqual([{ group: 'sluice-processor', store: 'word-counts-store', keys: 30, approxBytes: 800, tasks: 4, maxRestoreMs: 40 }]);
    expect(late).toEqual([{ group: 'sluice-processor', topic: 'signals', count: 8 }]);
  });

  it('gives each event-time operator the least watermark among the instances of its group', () => {
    const { watermarks } = stateRows([
      { ...base, watermarks: { 'signal-stats': 5000 } },
      { ...base, instanceId: 'p2', watermarks: { 'signal-stats': 3000, 'other-op': 9000 } },
      { ...base, instanceId: 'p3', group: 'g2', watermarks: { 'signal-stats': 1000 } },
      { ...base, instanceId: 'p4', state: 'stopped', watermarks: { 'signal-stats': 1 } },
    ]);
    expect(watermarks).toEqual([
      { group: 'sluice-processor', operator: 'other-op', watermarkMs: 9000 },
      { group: 'sluice-processor', operator: 'signal-stats', watermarkMs: 3000 },
      { group: 'g2', operator: 'signal-stats', watermarkMs: 1000 },
    ]);
  });

  it('lists servers (not the service\'s own checks), down when any instance sees them down', () => {
    const w = { ...base, service: 'redis-writer', health: { up: false, checks: { kafka: { up: true }, redis: { up: false, detail: 'ECONNREFUSED' } } } };
    expect(serverRows([base, w])).toEqual([
      { name: 'kafka', up: true, upCount: 2, checkedBy: 2 },
      { name: 'redis', up: false, upCount: 0, checkedBy: 1, detail: 'ECONNREFUSED' },
    ]);
  });
});
