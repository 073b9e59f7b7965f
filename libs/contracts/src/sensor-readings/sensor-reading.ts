import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { checkEventTime, defaultEventTimeRange, EventTimeRange } from '../decode/event-time-range';
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

/**
 * Decodes a `sensor-readings` value `{key, time, min, max}` (`time` ISO-8601 or epoch ms).
 * @param times accepted event times (default: up to one day ahead of the system clock)
 * @returns the reading, or a rejection: `null-value`, `too-large`, `invalid-utf8`, `invalid-json`,
 *   `schema-invalid`, or `time-out-of-range` (see `checkEventTime`)
 */
export function decodeSensorReading(value: Buffer | null, maxBytes: number, times: EventTimeRange = defaultEventTimeRange): Decoded<SensorReading> {
  const d = decodeJson(value, sensorReadingSchema, maxBytes);
  if (!d.ok) return d;
  const time = checkEventTime(d.value.time, times);
  return time.ok ? d : time;
}
