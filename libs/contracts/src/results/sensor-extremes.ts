import { z } from 'zod';
import { isoTimeString } from '../decode/time-schemas';
import { Topics } from '../topics';
import { resultContract } from './result-contract';

/**
 * `sensor-extremes` value, keyed by the reading's key (city or room): a key's running extremes
 * since its state began (the seed's `store_min_max_temperatures`), or its removal after the idle
 * timeout (writers delete it).
 */
export const sensorExtremesSchema = z.discriminatedUnion('removed', [
  z.object({
    key: z.string().min(1),
    removed: z.literal(false),
    /** Lowest `min` reported. */
    min: z.number().finite(),
    /** Highest `max` reported. */
    max: z.number().finite(),
    /** Greatest event time among the key's readings, ISO-8601 (the seed's `time_stored`). */
    lastTime: isoTimeString,
    /** Micro-batch time of the last update, ISO-8601. */
    updatedAt: isoTimeString,
  }),
  z.object({
    key: z.string().min(1),
    removed: z.literal(true),
    reason: z.literal('timeout'),
    /** Micro-batch time of the key's last update, ISO-8601. */
    updatedAt: isoTimeString,
  }),
]);
export type SensorExtremesResult = z.infer<typeof sensorExtremesSchema>;
export type SensorExtremesState = Extract<SensorExtremesResult, { removed: false }>;
export type SensorExtremesRemoval = Extract<SensorExtremesResult, { removed: true }>;

/** The `sensor-extremes` contract: key = the sensor key. */
export const sensorExtremesContract = resultContract({ topic: Topics.sensorExtremes, schema: sensorExtremesSchema, keyOf: (r) => r.key, cleanup: 'compact' });
export const encodeSensorExtremes = sensorExtremesContract.encode;
export const decodeSensorExtremes = sensorExtremesContract.decode;
