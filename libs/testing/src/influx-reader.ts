import { toFluxValue } from '@influxdata/influxdb-client';
import { influxConfig, InfluxConfig, loadConfig, processEnv } from '@sluice/config';
import { influxClient } from '@sluice/writers';

/** One point read back from InfluxDB: its time (ms since the epoch), its tags and its fields by name. */
export type InfluxRow = { time: number } & Record<string, unknown>;

/** Which points of a measurement to read: one `series` tag value, a time range (ms, `from` ≤ t < `to`), the latest `last`. */
export interface InfluxPointFilter {
  series?: string;
  /** Only the latest this many points (still in time order). */
  last?: number;
  /** Inclusive start (ms); default the epoch. */
  from?: number;
  /** Exclusive stop (ms); default 2200-01-01. */
  to?: number;
}

/** The writer's InfluxDB settings (INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG, INFLUX_BUCKET, defaults: the native stack's). */
export function testInfluxConfig(): InfluxConfig {
  return loadConfig({ influx: influxConfig }, processEnv()).influx;
}

/**
 * Reads the points of one measurement back through the client's QueryApi (Flux on /api/v2/query:
 * InfluxDB 1.8 with `flux-enabled`, or 2.x), with the config's token and CA (see `stackInfluxAuth`), one row per point with its fields pivoted into
 * columns, ordered by time. Tag and field names are the row's keys; `time` replaces `_time`.
 * @throws the client's HttpError when InfluxDB refuses the query (e.g. a missing bucket)
 */
export async function readInfluxPoints(measurement: string, filter: InfluxPointFilter = {}, config: InfluxConfig = testInfluxConfig()): Promise<InfluxRow[]> {
  const api = influxClient(config).getQueryApi(config.org);
  const start = new Date(filter.from ?? 0).toISOString();
  const stop = new Date(filter.to ?? Date.parse('2200-01-01T00:00:00Z')).toISOString();
  const query = [
    `from(bucket: ${toFluxValue(config.bucket)})`,
    `|> range(start: ${start}, stop: ${stop})`,
    `|> filter(fn: (r) => r._measurement == ${toFluxValue(measurement)})`,
    ...(filter.series === undefined ? [] : [`|> filter(fn: (r) => r.series == ${toFluxValue(filter.series)})`]),
    '|> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")',
    '|> group()',
    '|> sort(columns: ["_time"])',
    ...(filter.last === undefined ? [] : [`|> tail(n: ${Math.max(0, Math.floor(filter.last))})`]),
  ].join('\n  ');
  const rows = await api.collectRows<Record<string, unknown>>(query);
  return rows.map(({ _time, _start, _stop, _measurement, result, table, ...rest }) => ({ time: Date.parse(String(_time)), ...rest }));
}
