import type { SensorReading } from '@sluice/contracts';
import { MicroBatchStream } from '@sluice/streaming';

/** Stable operator name of the job; its store is `sensor-extremes-state`. */
export const SENSOR_EXTREMES_OPERATOR = 'sensor-extremes';

/** A key's running extremes (JSON-ready, absolute). */
export interface SensorExtremes {
  key: string;
  removed: false;
  /** Lowest `min` reported since the key's state began. */
  min: number;
  /** Highest `max` reported since the key's state began. */
  max: number;
  /** Greatest event time among its readings (ms) — the seed's `time_stored`. */
  lastTime: number;
  /** Batch time (ms) of the last update, the clock of the idle timeout. */
  updatedAt: number;
}

/** Removal marker: the key was idle longer than the timeout; writers delete it. */
export interface SensorExtremesRemoved {
  key: string;
  removed: true;
  reason: 'timeout';
  /** Batch time (ms) of the key's last update. */
  updatedAt: number;
}

/** Options of the `sensor-extremes` job. */
export interface SensorExtremesOptions {
  batchIntervalMs: number;
  /** A key idle (no readings) for more than this many ms of batch time is removed. Default 600,000 (10 min). */
  idleTimeoutMs?: number;
}

interface Extremes {
  min: number;
  max: number;
  lastTime: number;
}

/**
 * `sensor-extremes`: the running min and max temperature per key (city or room) — the seed's
 * `updateStateByKey(store_min_max_temperatures)` — with expiry of idle keys.
 *
 * Each batch emits, for every key with readings in it, its extremes over all readings since its
 * state began; a key without readings for more than `idleTimeoutMs` (idle time measured in batch
 * time; exactly at the limit it is kept, as Spark's `mapWithState` timeout) is removed and a
 * {@link SensorExtremesRemoved} marker is emitted so writers can delete it. A key that reports again
 * after its removal starts afresh. Semantics on `updateStateByKeyStage`.
 *
 * @throws PipelineDefinitionError when `idleTimeoutMs` is negative
 */
export function sensorExtremesJob<R extends SensorReading = SensorReading>(o: SensorExtremesOptions): MicroBatchStream<R, SensorExtremes | SensorExtremesRemoved> {
  return sensorExtremesOf(MicroBatchStream.source<R>({ batchIntervalMs: o.batchIntervalMs }), o);
}

/** The extremes of {@link sensorExtremesJob} over any stream of readings (the job's, after its repartition by key). */
export function sensorExtremesOf<I, R extends SensorReading, L>(readings: MicroBatchStream<I, R, L>, o: SensorExtremesOptions): MicroBatchStream<I, SensorExtremes | SensorExtremesRemoved, L> {
  return readings
    .mapToPair((r) => [r.key, r])
    .updateStateByKey<string, R, Extremes>(
      (readings, state) => {
        let { min, max, lastTime } = state ?? { min: Infinity, max: -Infinity, lastTime: -Infinity };
        for (const r of readings) {
          min = Math.min(min, r.min);
          max = Math.max(max, r.max);
          lastTime = Math.max(lastTime, r.time);
        }
        return { min, max, lastTime };
      },
      { name: SENSOR_EXTREMES_OPERATOR, timeoutMs: o.idleTimeoutMs ?? 600_000 },
    )
    .map((c): SensorExtremes | SensorExtremesRemoved =>
      c.kind === 'removed'
        ? { key: c.key, removed: true, reason: 'timeout', updatedAt: c.lastUpdateMs }
        : { key: c.key, removed: false, min: c.state.min, max: c.state.max, lastTime: c.state.lastTime, updatedAt: c.lastUpdateMs },
    );
}
