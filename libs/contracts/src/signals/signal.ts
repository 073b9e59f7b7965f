import { z } from 'zod';
import { Decoded, decoded, rejected } from '../decode/decode-result';
import { decodeUtf8 } from '../decode/decode-utf8';
import { formatZodError } from '../decode/decode-json';
import { checkEventTime, defaultEventTimeRange, EventTimeRange } from '../decode/event-time-range';
import { eventTimeMs } from '../decode/time-schemas';

/** A sample of a named series at an event time (ms since the epoch). */
export interface Signal {
  series: string;
  /** Event time, ms since the epoch. */
  time: number;
  value: number;
}

const time = eventTimeMs;

const canonical = z.object({ series: z.string().min(1).max(200), time, value: z.number().finite() }).strict();
/** The seed's sine producer form: `{"time": "...", "sin": 12.3}`. */
const seedSine = z.object({ time, sin: z.number().finite() }).strict();
/** The seed's triangle form: `{"time": "...", "tr": 1.5}`. */
const seedTriangle = z.object({ time, tr: z.number().finite() }).strict();

/**
 * Decodes a `signals` record. Accepted forms:
 * - `{"series":"sine","time":"<ISO-8601>","value":<number>}` (canonical; `time` may also be epoch ms);
 * - the seed's `{"time":"...","sin":<number>}` (series `sine`) and `{"time":"...","tr":<number>}` (series `triangle`);
 * - a bare number such as `42.5` typed into the console producer: series = record key or `console`,
 *   event time = the record timestamp.
 *
 * Every event time, whatever the form, is checked against `times` (see `checkEventTime`).
 *
 * @param recordTimestamp Kafka record timestamp (ms), the event time of a bare number
 * @param times accepted event times (default: up to one day ahead of the system clock)
 * @returns the signal, or a rejection: `null-value`, `too-large`, `invalid-utf8`, `invalid-json`,
 *   `schema-invalid`, or `time-out-of-range` (e.g. an epoch in µs or ns, a time before 1970)
 */
export function decodeSignal(value: Buffer | null, key: string | null, recordTimestamp: number, maxBytes: number, times: EventTimeRange = defaultEventTimeRange): Decoded<Signal> {
  const d = decodeSignalForm(value, key, recordTimestamp, maxBytes);
  if (!d.ok) return d;
  const time = checkEventTime(d.value.time, times);
  return time.ok ? d : time;
}

function decodeSignalForm(value: Buffer | null, key: string | null, recordTimestamp: number, maxBytes: number): Decoded<Signal> {
  const text = decodeUtf8(value, maxBytes);
  if (!text.ok) return text;
  const s = text.value.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) {
    // The same rules as the canonical form: a finite value (`1e999` is Infinity) and a series
    // (the record key) of 1-200 characters.
    const bare = canonical.omit({ time: true }).safeParse({ series: key || 'console', value: Number(s) });
    return bare.success ? decoded({ ...bare.data, time: recordTimestamp }) : rejected('schema-invalid', `a bare number needs a finite value and a record key of 1-200 characters: ${formatZodError(bare.error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(s);
  } catch (e) {
    return rejected('invalid-json', `value is neither a number nor JSON: ${(e as Error).message}`);
  }
  const c = canonical.safeParse(json);
  if (c.success) return decoded(c.data);
  const sine = seedSine.safeParse(json);
  if (sine.success) return decoded({ series: 'sine', time: sine.data.time, value: sine.data.sin });
  const tri = seedTriangle.safeParse(json);
  if (tri.success) return decoded({ series: 'triangle', time: tri.data.time, value: tri.data.tr });
  return rejected('schema-invalid', `not a signal ({series,time,value}, {time,sin}, {time,tr} or a number): ${formatZodError(c.error)}`);
}

/**
 * Encodes a signal in the canonical form (ISO time), keyed by series.
 * @throws RangeError when `time` is not a time a JS Date holds (a decoded signal always is)
 */
export function encodeSignal(s: Signal): { key: string; value: Buffer } {
  return {
    key: s.series,
    value: Buffer.from(JSON.stringify({ series: s.series, time: new Date(s.time).toISOString(), value: s.value })),
  };
}
