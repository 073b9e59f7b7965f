import { Point } from '@influxdata/influxdb-client';
import type { SignalStatsResult } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { InfluxPointsAdapter } from './influx-points.adapter';

/** Measurement of the windowed statistics. */
export const SIGNAL_STATS_MEASUREMENT = 'signal_stats';

/**
 * The point of one window's statistics: measurement `signal_stats`, tag `series`, fields
 * `count` (integer), `min`, `max`, `mean`, `last` (floats), timestamp = the window start (ms).
 * A later result for the same window rewrites the same point.
 */
export function signalStatsPoint(s: SignalStatsResult): Point {
  return new Point(SIGNAL_STATS_MEASUREMENT)
    .tag('series', s.series)
    .intField('count', s.count)
    .floatField('min', s.min)
    .floatField('max', s.max)
    .floatField('mean', s.mean)
    .floatField('last', s.last)
    .timestamp(new Date(s.windowStart));
}

/** `signal-stats` → measurement `signal_stats` ({@link signalStatsPoint}). */
export class InfluxSignalStatsAdapter extends InfluxPointsAdapter<SignalStatsResult> {
  protected point(i: VersionedUpsert<SignalStatsResult>): Point {
    return signalStatsPoint(i.value);
  }
}
