import { Point } from '@influxdata/influxdb-client';
import type { Signal } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { InfluxPointsAdapter } from './influx-points.adapter';

/**
 * Measurement and field of a series, as the seed writes its waves: `sine` → `sine-wave`.`value`,
 * `triangle` → `trwave`.`tr`; any other series (a number typed into the console producer) →
 * `signal`.`value`. Every point is tagged `series`.
 */
export function measurementOf(series: string): { measurement: string; field: string } {
  if (series === 'sine') return { measurement: 'sine-wave', field: 'value' };
  if (series === 'triangle') return { measurement: 'trwave', field: 'tr' };
  return { measurement: 'signal', field: 'value' };
}

/** Builds the point of a signal: timestamp = event time (ms precision). */
export function signalPoint(s: Signal): Point {
  const { measurement, field } = measurementOf(s.series);
  return new Point(measurement).tag('series', s.series).floatField(field, s.value).timestamp(new Date(s.time));
}

/**
 * `signals` → one point per raw sample, as the seed writes its waves ({@link measurementOf}).
 * Each sample has its own time, so order does not matter.
 */
export class InfluxSignalsAdapter extends InfluxPointsAdapter<Signal> {
  protected point(i: VersionedUpsert<Signal>): Point {
    return signalPoint(i.value);
  }
}
