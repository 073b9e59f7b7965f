import { encodeSignal } from '@sluice/contracts';
import { RecordSink, Scheduler } from './record-sink';

export interface EmitWaveOptions {
  topic: string;
  series: string;
  /** The n-th sample's value (n = 0, 1, 2, …). */
  valueAt: (n: number) => number;
  intervalMs: number;
  /** Samples to emit; undefined = until aborted. */
  count?: number;
  sink: RecordSink;
  scheduler: Scheduler;
  signal?: AbortSignal;
}

/**
 * Emits one sample every `intervalMs` on an absolute schedule (like the seed's
 * `sleep(wait − (time − start) % wait)`), keyed by series, event time = emission time.
 * @returns the number of samples emitted
 */
export async function emitWave(o: EmitWaveOptions): Promise<number> {
  const start = o.scheduler.now();
  let n = 0;
  while (!o.signal?.aborted && (o.count === undefined || n < o.count)) {
    const time = o.scheduler.now();
    const { key, value } = encodeSignal({ series: o.series, time, value: o.valueAt(n) });
    await o.sink.send(o.topic, [{ key, value, timestamp: time }]);
    n++;
    if (o.count !== undefined && n >= o.count) break;
    await o.scheduler.sleep(Math.max(0, start + n * o.intervalMs - o.scheduler.now()), o.signal);
  }
  return n;
}
