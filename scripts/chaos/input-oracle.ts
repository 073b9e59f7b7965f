/**
 * What should happen to each record that landed in an input topic: counted (good) or dead-lettered
 * with a reason. This is issue 9's rule, not a copy of the services' code: the contract decoders
 * give the shape, and on top of them every event time must be a real Date between 1970 and the
 * record's produce time plus MAX_EVENT_TIME_SKEW_MS (default 1 day), and every value finite.
 */
import { decodeSensorReading, decodeSignal, decodeTextLine, type DlqReason, type Signal } from '@sluice/contracts';

/** MAX_RECORD_BYTES and MAX_EVENT_TIME_SKEW_MS at their defaults (the suite runs the services with them). */
export const MAX_RECORD_BYTES = 1_048_576;
export const MAX_EVENT_TIME_SKEW_MS = 86_400_000;

export type Verdict<T> = { good: true; value: T } | { good: false; reason: DlqReason };

const bad = <T>(reason: DlqReason): Verdict<T> => ({ good: false, reason });

/** An event time (ms) a record produced at `producedAt` (ms) may carry. */
export function timeInRange(time: number, producedAt: number): boolean {
  return Number.isFinite(time) && time >= 0 && time <= producedAt + MAX_EVENT_TIME_SKEW_MS && !Number.isNaN(new Date(time).getTime());
}

/** `text-lines`: any valid UTF-8 line within the size limit is good (keys are ignored). */
export function textLineVerdict(value: Buffer | null): Verdict<string> {
  const d = decodeTextLine(value, MAX_RECORD_BYTES);
  return d.ok ? { good: true, value: d.value } : bad(d.reason);
}

/** `signals`: a decodable sample with a finite value, a series of 1-200 characters and an in-range time. */
export function signalVerdict(value: Buffer | null, key: string | null, producedAt: number): Verdict<Signal> {
  const d = decodeSignal(value, key, producedAt, MAX_RECORD_BYTES);
  if (!d.ok) return bad(d.reason);
  const s = d.value;
  if (!Number.isFinite(s.value) || s.series.length < 1 || s.series.length > 200) return bad('schema-invalid');
  if (!timeInRange(s.time, producedAt)) return bad('time-out-of-range');
  return { good: true, value: s };
}

/** `sensor-readings`: a decodable reading with an in-range time. */
export function sensorVerdict(value: Buffer | null, producedAt: number): Verdict<{ key: string; time: number }> {
  const d = decodeSensorReading(value, MAX_RECORD_BYTES);
  if (!d.ok) return bad(d.reason);
  if (!timeInRange(d.value.time, producedAt)) return bad('time-out-of-range');
  return { good: true, value: d.value };
}
