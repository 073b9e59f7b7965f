import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientOptions } from 'cassandra-driver';
import type { InfluxConfig } from '@sluice/config';
import { cassandraClientOptions } from '@sluice/writers';
import { STACK_DIR } from './stack-server-pid';

/** The stack's authenticated Cassandra (scripts/stack/components/cassandra-auth.sh): CQL over TLS, role `sluice`. */
export interface StackCassandraAuth {
  contactPoint: string;
  username: string;
  password: string;
  /** PEM of the node's self-signed certificate (CASSANDRA_SSL_CA). */
  caFile: string;
  /** The writer's variables for this server (CASSANDRA_CONTACT_POINTS, _USERNAME, _PASSWORD, _SSL_CA). */
  env: Record<string, string>;
  /** Driver options logging in as `sluice` over TLS (e.g. for `readCassandraWordCounts`). */
  client: ClientOptions;
}

/** Reads the credentials of `$STACK_DIR/cassandra-auth/auth`. @throws when the server was never started there */
export function stackCassandraAuth(): StackCassandraAuth {
  const dir = path.join(STACK_DIR, 'cassandra-auth', 'auth');
  const contactPoint = '127.0.0.1:9142';
  const password = readFileSync(path.join(dir, 'sluice.password'), 'utf8').trim();
  const caFile = path.join(dir, 'ca.pem');
  return {
    contactPoint,
    username: 'sluice',
    password,
    caFile,
    env: { CASSANDRA_CONTACT_POINTS: contactPoint, CASSANDRA_USERNAME: 'sluice', CASSANDRA_PASSWORD: password, CASSANDRA_SSL_CA: caFile },
    client: cassandraClientOptions({ contactPoints: [contactPoint], localDataCenter: 'datacenter1', credentials: { username: 'sluice', password }, ssl: { caFile } }),
  };
}

/** The stack's authenticated InfluxDB 1.8 (scripts/stack/components/influx-auth.sh): HTTPS, user `sluice`. */
export interface StackInfluxAuth {
  password: string;
  /** The writer's settings: URL, token `sluice:<password>`, org, bucket `sluice/autogen`, CA file. */
  config: InfluxConfig;
  /** The same as the writer's variables (INFLUX_URL, INFLUX_TOKEN, INFLUX_SSL_CA, INFLUX_BUCKET). */
  env: Record<string, string>;
}

/** Reads the credentials of `$STACK_DIR/influx-auth/auth`. @throws when the server was never started there */
export function stackInfluxAuth(): StackInfluxAuth {
  const dir = path.join(STACK_DIR, 'influx-auth', 'auth');
  const password = readFileSync(path.join(dir, 'sluice.password'), 'utf8').trim();
  const config = { url: 'https://127.0.0.1:8096', token: `sluice:${password}`, org: 'sluice', bucket: 'sluice/autogen', caFile: path.join(dir, 'ca.pem') };
  return {
    password,
    config,
    env: { INFLUX_URL: config.url, INFLUX_TOKEN: config.token, INFLUX_SSL_CA: config.caFile, INFLUX_BUCKET: config.bucket },
  };
}
