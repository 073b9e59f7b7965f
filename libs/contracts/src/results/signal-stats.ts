import { z } from 'zod';
import { isoTimeString } from '../decode/time-schemas';
import { Topics } from '../topics';
import { resultContract } from './result-contract';

/**
 * `signal-stats` value: statistics of one series over one event-time window `[windowStart, windowEnd)`.
 * Key = {@link signalStatsKey}. `final: true` is the window's only final result (emitted once, when
 * the watermark passes its end); `final: false` marks an early update, superseded by later ones.
 */
export const signalStatsSchema = z.object({
  series: z.string().min(1),
  /** Window start, ISO-8601 (inclusive), aligned to the epoch. */
  windowStart: isoTimeString,
  /** Window end, ISO-8601 (exclusive). */
  windowEnd: isoTimeString,
  count: z.number().int().positive(),
  min: z.number().finite(),
  max: z.number().finite(),
  mean: z.number().finite(),
  /** Value of the sample with the greatest event time. */
  last: z.number().finite(),
  /** Event time of `last`, ISO-8601. */
  lastTime: isoTimeString,
  final: z.boolean(),
});
export type SignalStatsResult = z.infer<typeof signalStatsSchema>;

/** Record key: `<series>/<windowStart ISO>` (one row per series and window). */
export function signalStatsKey(r: Pick<SignalStatsResult, 'series' | 'windowStart'>): string {
  return `${r.series}/${r.windowStart}`;
}

/** The `signal-stats` contract. */
export const signalStatsContract = resultContract({ topic: Topics.signalStats, schema: signalStatsSchema, keyOf: signalStatsKey, cleanup: 'compact,delete' });
export const encodeSignalStats = signalStatsContract.encode;
export const decodeSignalStats = signalStatsContract.decode;
