import { readFileSync } from 'node:fs';
import { InfluxDB } from '@influxdata/influxdb-client';
import type { InfluxConfig } from '@sluice/config';

/**
 * The InfluxDB client of an {@link InfluxConfig}: its URL and token (InfluxDB 1.8: `user:password`),
 * a 10 s socket timeout, and for an `https://` URL with `caFile` the CA to trust (Node's `https`
 * options through the client's `transportOptions`; certificates are verified, as by default).
 *
 * @example influxClient({ url: 'https://127.0.0.1:8096', token: 'sluice:…', org: 'sluice', bucket: 'sluice/autogen', caFile: 'ca.pem' })
 * @throws Error naming INFLUX_SSL_CA when the CA file cannot be read (start-up validation checks it first)
 */
export function influxClient(config: Pick<InfluxConfig, 'url' | 'token' | 'caFile'>): InfluxDB {
  return new InfluxDB({
    url: config.url,
    token: config.token ?? '',
    timeout: 10000,
    ...(config.caFile !== undefined && { transportOptions: { ca: readCa(config.caFile) } }),
  });
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`INFLUX_SSL_CA: cannot read ${file}`, { cause: e });
  }
}
