import { Decoded, decoded, rejected } from './decode-result';

/** Default of `MAX_EVENT_TIME_SKEW_MS` (ms): an event time may lead the wall clock by one day. */
export const DEFAULT_MAX_EVENT_TIME_SKEW_MS = 86_400_000;

/** Largest distance (ms) from the epoch a JS `Date` holds: ±8.64e15 ms (ECMAScript's time value range). */
export const MAX_DATE_MS = 8_640_000_000_000_000;

/**
 * The event times a decoder accepts: epoch ms from 0 (1970-01-01) up to `now() + maxSkewMs`.
 * `now` is the wall clock (injected so tests run on virtual time).
 */
export interface EventTimeRange {
  /** Largest lead (ms) of an event time over `now()`; `MAX_EVENT_TIME_SKEW_MS`. */
  maxSkewMs: number;
  /** Wall clock, ms since the epoch. */
  now: () => number;
}

/** The range with the default skew and the system clock (what a decoder uses when given none). */
export const defaultEventTimeRange: EventTimeRange = { maxSkewMs: DEFAULT_MAX_EVENT_TIME_SKEW_MS, now: () => Date.now() };

/**
 * Validates an event time at the edge, before it can reach a watermark or a `Date`.
 *
 * Why: in Spark Structured Streaming and Kafka Streams alike, the watermark (stream time) is the
 * largest event time seen, so one record with a time in the far future (an epoch typed in µs or
 * ns) moves it ahead for good and every later record is late. Refusing such a time here bounds
 * how far one record can move a watermark: at most `maxSkewMs` past the wall clock.
 *
 * @param ms the event time, ms since the epoch
 * @returns `ms`, or a `time-out-of-range` rejection whose detail names the value and the accepted
 *   range: a value that is not a finite number, negative (before 1970), later than
 *   `now() + maxSkewMs`, or beyond what a JS Date holds ({@link MAX_DATE_MS})
 */
export function checkEventTime(ms: number, range: EventTimeRange = defaultEventTimeRange): Decoded<number> {
  const upper = Math.min(range.now() + range.maxSkewMs, MAX_DATE_MS);
  if (Number.isFinite(ms) && ms >= 0 && ms <= upper) return decoded(ms);
  const accepted = `accepted: 0 (1970-01-01T00:00:00.000Z) to ${upper} (${new Date(upper).toISOString()}, now + MAX_EVENT_TIME_SKEW_MS of ${range.maxSkewMs} ms)`;
  return rejected('time-out-of-range', `event time ${ms} ms is out of range; ${accepted}${unitHint(ms, upper)}`);
}

/** A hint for the usual mistake: an epoch in µs or ns where ms are expected. */
function unitHint(ms: number, upper: number): string {
  if (!Number.isFinite(ms) || ms <= upper) return '';
  if (ms / 1e3 <= upper) return '; it looks like an epoch in microseconds';
  if (ms / 1e6 <= upper) return '; it looks like an epoch in nanoseconds';
  return '';
}
