import { z } from 'zod';
import { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import { isoTimeString } from '../decode/time-schemas';

/**
 * `signal-stats` value: statistics of one series over one event-time window `[windowStart, windowEnd)`.
 * Key = {@link signalStatsKey}. `final: true` is the window's only final result (emitted once, when
 * the watermark passes its end); `final: false` marks an early update, superseded by later ones.
 */
export interface SignalStatsResult {
  series: string;
  /** Window start, ISO-8601 (inclusive), aligned to the epoch. */
  windowStart: string;
  /** Window end, ISO-8601 (exclusive). */
  windowEnd: string;
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Value of the sample with the greatest event time. */
  last: number;
  /** Event time of `last`, ISO-8601. */
  lastTime: string;
  final: boolean;
}

export const signalStatsSchema = z.object({
  series: z.string().min(1),
  windowStart: isoTimeString,
  windowEnd: isoTimeString,
  count: z.number().int().positive(),
  min: z.number().finite(),
  max: z.number().finite(),
  mean: z.number().finite(),
  last: z.number().finite(),
  lastTime: isoTimeString,
  final: z.boolean(),
});

/** Record key: `<series>/<windowStart ISO>` (one row per series and window). */
export function signalStatsKey(r: Pick<SignalStatsResult, 'series' | 'windowStart'>): string {
  return `${r.series}/${r.windowStart}`;
}

/** The `signal-stats` record of a result: its key and its UTF-8 JSON value. */
export function encodeSignalStats(r: SignalStatsResult): { key: string; value: Buffer } {
  return { key: signalStatsKey(r), value: Buffer.from(JSON.stringify(r)) };
}

/**
 * Decodes a `signal-stats` value.
 * @returns the result, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`) for the DLQ
 */
export function decodeSignalStats(value: Buffer | null, maxBytes: number): Decoded<SignalStatsResult> {
  return decodeJson(value, signalStatsSchema, maxBytes);
}
