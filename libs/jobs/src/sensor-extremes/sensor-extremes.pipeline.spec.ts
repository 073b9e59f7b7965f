import type { SensorReading } from '@sluice/contracts';
import { PipelineTestDriver } from '@sluice/streaming';
import { sensorExtremesJob } from './sensor-extremes.pipeline';

const r = (key: string, time: number, min: number, max: number): SensorReading => ({ key, time, min, max });
const driver = (idleTimeoutMs?: number) => {
  const job = sensorExtremesJob({ batchIntervalMs: 1000, idleTimeoutMs });
  return new PipelineTestDriver(() => job.build(), { batchIntervalMs: 1000 });
};

describe(sensorExtremesJob.name, () => {
  describe('process', () => {
    it('keeps the running min and max per key, the latest event time and the batch time of the update', () => {
      const d = driver();
      d.runBatch([r('room1', 50, 20, 24), r('room2', 60, 22, 23)]);
      expect(d.runBatch([r('room1', 40, 14, 21)]).records).toEqual([{ key: 'room1', removed: false, min: 14, max: 24, lastTime: 50, updatedAt: 2000 }]);
    });

    it('emits a removal marker for a key idle longer than the timeout, not one idle exactly that long', () => {
      const d = driver(2000);
      d.runBatch([r('room1', 1, 20, 24)]); // 1000
      const [, atLimit, beyond] = d.runEmpty(3); // 2000, 3000 (idle 2000), 4000 (idle 3000)
      expect(atLimit.records).toEqual([]);
      expect(beyond.records).toEqual([{ key: 'room1', removed: true, reason: 'timeout', updatedAt: 1000 }]);
    });

    it('starts afresh for a key that reports again after its removal', () => {
      const d = driver(1000);
      d.runBatch([r('room1', 1, -5, 40)]);
      d.runEmpty(2);
      expect(d.runBatch([r('room1', 2, 10, 11)]).records).toEqual([{ key: 'room1', removed: false, min: 10, max: 11, lastTime: 2, updatedAt: 4000 }]);
    });
  });

  describe('definition', () => {
    it('keeps its state in a store named from the stable operator name', () => {
      expect(sensorExtremesJob({ batchIntervalMs: 1000 }).storeNames()).toEqual(['sensor-extremes-state']);
    });
  });
});
