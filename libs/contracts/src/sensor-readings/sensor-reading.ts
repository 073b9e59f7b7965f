import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { eventTimeMs } from '../decode/time-schemas';

/** `sensor-readings` value (the seed's temperature example), keyed by `key` (a city or room). */
export interface SensorReading {
  key: string;
  /** Event time, ms since the epoch. */
  time: number;
  min: number;
  max: number;
}

export const sensorReadingSchema = z
  .object({
    key: z.string().min(1).max(200),
    time: eventTimeMs,
    min: z.number().finite(),
    max: z.number().finite(),
  })
  .refine((r) => r.min <= r.max, { message: 'min must be <= max' });

export function decodeSensorReading(value: Buffer | null, maxBytes: number): Decoded<SensorReading> {
  return decodeJson(value, sensorReadingSchema, maxBytes);
}
