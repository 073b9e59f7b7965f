import { decodeSensorReading, encodeSensorExtremes, InternalTopics, isoTime, SensorReading, Topics } from '@sluice/contracts';
import { SENSOR_EXTREMES_OPERATOR, SensorExtremes, sensorExtremesJob, SensorExtremesRemoved } from '../jobs/sensor-extremes.job';
import { pipelineTaskFactory } from './pipeline-task';
import { rekeyedJobTopics, rekeyFactory } from './rekey-task';
import { TaskFactory, TopicRequirement } from './topology';
import { TopologyContext } from './word-counts.topology';

/** Settings of the `sensor-extremes` job. */
export type SensorExtremesTopologyOptions = TopologyContext & { batchIntervalMs: number; idleTimeoutMs: number };

/**
 * `sensor-extremes` as two sub-topologies:
 * 1. `sensor-readings` task ({@link RekeyTask}): decode `{key,time,min,max}` (bad ones, and times
 *    outside `eventTimes`, to `sensor-readings.dlq`) and forward it keyed by `key` to
 *    `<app>-sensor-extremes-repartition` (the record key the producer chose, if any, is not trusted);
 * 2. repartition task: `sensorExtremesJob` (running min/max per key with idle timeout) →
 *    `sensor-extremes`: the absolute extremes of every key updated in the batch, and a removal
 *    record for every key idle longer than the timeout.
 */
export function sensorExtremesFactories(o: SensorExtremesTopologyOptions): TaskFactory[] {
  const shuffle = InternalTopics.repartition(o.applicationId, SENSOR_EXTREMES_OPERATOR);
  return [
    rekeyFactory<SensorReading>(Topics.sensorReadings, {
      ...o,
      repartitionTopic: shuffle,
      decode: (r) => decodeSensorReading(r.value, o.maxRecordBytes, o.eventTimes),
      encode: (s) => ({ key: s.key, value: Buffer.from(JSON.stringify({ ...s, time: isoTime(s.time) })) }),
    }),
    pipelineTaskFactory({
      ...o,
      topic: shuffle,
      trigger: 'internal',
      build: () => sensorExtremesJob(o).build(),
      decode: (r) => decodeSensorReading(r.value, o.maxRecordBytes, o.eventTimes),
      encode: encodeExtremes,
    }),
  ];
}

function encodeExtremes(e: SensorExtremes | SensorExtremesRemoved) {
  const value = e.removed
    ? { key: e.key, removed: true as const, reason: e.reason, updatedAt: isoTime(e.updatedAt) }
    : { key: e.key, removed: false as const, min: e.min, max: e.max, lastTime: isoTime(e.lastTime), updatedAt: isoTime(e.updatedAt) };
  return { topic: Topics.sensorExtremes, ...encodeSensorExtremes(value) };
}

/** Source, shuffle, DLQs and the output topic of `sensor-extremes` (changelogs: see `buildTopology`). */
export function sensorExtremesTopics(applicationId: string): TopicRequirement[] {
  return rekeyedJobTopics(applicationId, Topics.sensorReadings, SENSOR_EXTREMES_OPERATOR, Topics.sensorExtremes);
}
