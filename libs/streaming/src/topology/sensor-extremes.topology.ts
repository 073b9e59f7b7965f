import { decodeSensorReading, dlqTopic, encodeSensorExtremes, InternalTopics, SensorReading, Topics } from '@sluice/contracts';
import { SENSOR_EXTREMES_OPERATOR, SensorExtremes, sensorExtremesJob, SensorExtremesRemoved } from '../jobs/sensor-extremes.job';
import { pipelineTaskFactory } from './pipeline-task';
import { RekeyTask } from './rekey-task';
import { TaskFactory, TopicRequirement } from './topology';
import { TopologyContext } from './word-counts.topology';

/** Settings of the `sensor-extremes` job. */
export type SensorExtremesTopologyOptions = TopologyContext & { batchIntervalMs: number; idleTimeoutMs: number };

/**
 * `sensor-extremes` as two sub-topologies:
 * 1. `sensor-readings` task ({@link RekeyTask}): decode `{key,time,min,max}` (bad ones to
 *    `sensor-readings.dlq`) and forward it keyed by `key` to `<app>-sensor-extremes-repartition`
 *    (the record key the producer chose, if any, is not trusted);
 * 2. repartition task: `sensorExtremesJob` (running min/max per key with idle timeout) →
 *    `sensor-extremes`: the absolute extremes of every key updated in the batch, and a removal
 *    record for every key idle longer than the timeout.
 */
export function sensorExtremesFactories(o: SensorExtremesTopologyOptions): TaskFactory[] {
  const shuffle = InternalTopics.repartition(o.applicationId, SENSOR_EXTREMES_OPERATOR);
  return [
    {
      topic: Topics.sensorReadings,
      trigger: 'source',
      storeNames: [],
      create: () =>
        new RekeyTask<SensorReading>({
          ...o,
          repartitionTopic: shuffle,
          decode: (r) => decodeSensorReading(r.value, o.maxRecordBytes),
          encode: (s) => ({ key: s.key, value: Buffer.from(JSON.stringify({ ...s, time: new Date(s.time).toISOString() })) }),
        }),
    },
    pipelineTaskFactory({
      ...o,
      topic: shuffle,
      trigger: 'internal',
      build: () => sensorExtremesJob(o).build(),
      decode: (r) => decodeSensorReading(r.value, o.maxRecordBytes),
      encode: encodeExtremes,
      sourceOf: () => {
        throw new Error('sensor-extremes refuses no record');
      },
      late: 'dlq',
    }),
  ];
}

function encodeExtremes(e: SensorExtremes | SensorExtremesRemoved) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const value = e.removed
    ? { key: e.key, removed: true as const, reason: e.reason, updatedAt: iso(e.updatedAt) }
    : { key: e.key, removed: false as const, min: e.min, max: e.max, lastTime: iso(e.lastTime), updatedAt: iso(e.updatedAt) };
  return { topic: Topics.sensorExtremes, ...encodeSensorExtremes(value) };
}

/** Source, shuffle, DLQs, changelogs and the output topic of `sensor-extremes`. */
export function sensorExtremesTopics(o: SensorExtremesTopologyOptions): TopicRequirement[] {
  const shuffle = InternalTopics.repartition(o.applicationId, SENSOR_EXTREMES_OPERATOR);
  return [
    { name: Topics.sensorReadings, cleanupPolicy: 'delete' },
    { name: dlqTopic(Topics.sensorReadings), cleanupPolicy: 'delete' },
    { name: shuffle, cleanupPolicy: 'delete' },
    { name: dlqTopic(shuffle), cleanupPolicy: 'delete' },
    ...sensorExtremesFactories(o)[1].storeNames.map((s) => ({ name: InternalTopics.changelog(o.applicationId, s), cleanupPolicy: 'compact' as const })),
    { name: Topics.sensorExtremes, cleanupPolicy: 'delete' },
  ];
}
