import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { isoTimeString } from '../decode/time-schemas';

/** A key's running extremes since its state began (the seed's `store_min_max_temperatures`). */
export interface SensorExtremesState {
  key: string;
  removed: false;
  /** Lowest `min` reported. */
  min: number;
  /** Highest `max` reported. */
  max: number;
  /** Greatest event time among the key's readings, ISO-8601 (the seed's `time_stored`). */
  lastTime: string;
  /** Micro-batch time of the last update, ISO-8601. */
  updatedAt: string;
}

/** The key was idle longer than the state timeout and its state was removed: writers delete it. */
export interface SensorExtremesRemoval {
  key: string;
  removed: true;
  reason: 'timeout';
  /** Micro-batch time of the key's last update, ISO-8601. */
  updatedAt: string;
}

/** `sensor-extremes` value, keyed by the reading's key (city or room). */
export type SensorExtremesResult = SensorExtremesState | SensorExtremesRemoval;

export const sensorExtremesSchema = z.discriminatedUnion('removed', [
  z.object({ key: z.string().min(1), removed: z.literal(false), min: z.number().finite(), max: z.number().finite(), lastTime: isoTimeString, updatedAt: isoTimeString }),
  z.object({ key: z.string().min(1), removed: z.literal(true), reason: z.literal('timeout'), updatedAt: isoTimeString }),
]);

/** The `sensor-extremes` record of a result: its key and its UTF-8 JSON value. */
export function encodeSensorExtremes(r: SensorExtremesResult): { key: string; value: Buffer } {
  return { key: r.key, value: Buffer.from(JSON.stringify(r)) };
}

/**
 * Decodes a `sensor-extremes` value.
 * @returns the result, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`) for the DLQ
 */
export function decodeSensorExtremes(value: Buffer | null, maxBytes: number): Decoded<SensorExtremesResult> {
  return decodeJson(value, sensorExtremesSchema, maxBytes) as Decoded<SensorExtremesResult>;
}
