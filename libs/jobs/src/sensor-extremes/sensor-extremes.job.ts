import { sensorExtremesContract, Decoded, decoded, decodeSensorReading, isoTime, SensorReading, Topics } from '@sluice/contracts';
import { compileStream, MicroBatchStream, RepartitionCodec, StreamRecord } from '@sluice/streaming';
import { resultRecord } from '../result-record';
import { defineJob, JobContext } from '../job-definition';
import { sensorExtremesConfig } from './sensor-extremes.config';
import { SENSOR_EXTREMES_OPERATOR, SensorExtremes, sensorExtremesOf, SensorExtremesRemoved } from './sensor-extremes.pipeline';

/** A decoded reading with the record it was read from (its position travels to the shuffle). */
type ReadingIn = SensorReading & { record: StreamRecord };

/** `{key,time,min,max}` (bad ones, and times outside `eventTimes`, to the DLQ), keeping the record. */
function decodeReading(ctx: JobContext): (r: StreamRecord) => Decoded<ReadingIn> {
  return (r) => {
    const d = decodeSensorReading(r.value, ctx.maxRecordBytes, ctx.eventTimes);
    return d.ok ? decoded({ ...d.value, record: r }) : d;
  };
}

function encodeExtremes(e: SensorExtremes | SensorExtremesRemoved) {
  const value = e.removed
    ? { key: e.key, removed: true as const, reason: e.reason, updatedAt: isoTime(e.updatedAt) }
    : { key: e.key, removed: false as const, min: e.min, max: e.max, lastTime: isoTime(e.lastTime), updatedAt: isoTime(e.updatedAt) };
  return resultRecord(sensorExtremesContract, value);
}

/**
 * `sensor-extremes`: `sensor-readings` decoded and repartitioned by `key` (the record key the
 * producer chose, if any, is not trusted), then the running min/max per key with idle timeout
 * (`sensorExtremesOf`): the absolute extremes of every key updated in the batch, and a removal
 * record for every key idle longer than `SENSOR_IDLE_TIMEOUT_MS`.
 */
export const sensorExtremesDefinition = defineJob({
  name: 'sensor-extremes',
  summary: 'running min/max temperature per city/room from `sensor-readings`, idle keys removed',
  config: sensorExtremesConfig,
  inputs: [Topics.sensorReadings],
  outputs: [sensorExtremesContract],
  compile: (ctx, c) => {
    const decode = decodeReading(ctx);
    const codec: RepartitionCodec<ReadingIn> = { encode: (s) => JSON.stringify({ key: s.key, time: isoTime(s.time), min: s.min, max: s.max }), decode };
    const byKey = MicroBatchStream.source<ReadingIn>({ batchIntervalMs: ctx.batchIntervalMs }).repartition(SENSOR_EXTREMES_OPERATOR, (s) => s.key, { codec, sourceOf: (s) => s.record });
    const extremes = sensorExtremesOf(byKey, { batchIntervalMs: ctx.batchIntervalMs, idleTimeoutMs: c.idleTimeoutMs });
    return [compileStream(extremes, { ...ctx, source: { topic: Topics.sensorReadings, decode }, sink: { encode: encodeExtremes } })];
  },
});
