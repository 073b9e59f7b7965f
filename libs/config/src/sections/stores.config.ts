import { boolVar, intVar, listVar, optionalStringVar, stringVar } from '../env-vars';
import type { ConfigProblem } from '../config-error';
import { section } from '../config-section';
import { Credentials, credentialsOf, credentialsProblems } from '../credentials';
import { caFileProblem, TlsTrust } from '../tls-trust';

/**
 * Cassandra writer: contact points, data centre, keyspace (created when missing) and security:
 * `credentials` for PasswordAuthenticator (CASSANDRA_USERNAME and CASSANDRA_PASSWORD, both or
 * neither), `ssl` for client TLS (absent: plaintext; `caFile` a PEM file of the CA that signed the
 * nodes' certificates, default the system's CAs; the certificate is always verified).
 */
export const cassandraConfig = section(
  {
    contactPoints: listVar('CASSANDRA_CONTACT_POINTS', '127.0.0.1:9042', 'Comma-separated host:port of Cassandra nodes.'),
    localDataCenter: stringVar('CASSANDRA_LOCAL_DC', 'datacenter1', 'Local data centre name of the driver load-balancing policy.'),
    keyspace: stringVar('CASSANDRA_KEYSPACE', 'mykeyspace', 'Keyspace of the result tables.', { regex: /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/, message: 'must be a CQL identifier (letters, digits, _; max 48)' }),
    replicationFactor: intVar('CASSANDRA_REPLICATION_FACTOR', 1, 'SimpleStrategy replication factor used when creating the keyspace.', { min: 1, max: 10 }),
    username: optionalStringVar('CASSANDRA_USERNAME', 'User name (PasswordAuthenticator); requires CASSANDRA_PASSWORD.'),
    password: optionalStringVar('CASSANDRA_PASSWORD', 'Password (a secret: set it in .env; never logged); requires CASSANDRA_USERNAME.'),
    ssl: boolVar('CASSANDRA_SSL', false, "Connect over TLS, verifying the nodes' certificates (implied by CASSANDRA_SSL_CA)."),
    sslCa: optionalStringVar('CASSANDRA_SSL_CA', "PEM file of the CA that signed the nodes' certificates (implies CASSANDRA_SSL=true); default the system's CAs."),
  },
  ({ username, password, ssl, sslCa, ...v }): typeof v & { credentials?: Credentials; ssl?: TlsTrust } => {
    const credentials = credentialsOf(username, password);
    return { ...v, ...(credentials && { credentials }), ...((ssl || sslCa !== undefined) && { ssl: sslCa === undefined ? {} : { caFile: sslCa } }) };
  },
  (c) => [...credentialsProblems({ username: 'CASSANDRA_USERNAME', password: 'CASSANDRA_PASSWORD' }, c.credentials), ...optional(caFileProblem('CASSANDRA_SSL_CA', c.ssl?.caFile))],
);
export type CassandraConfig = ReturnType<typeof cassandraConfig.build>;

const optional = (p: ConfigProblem | undefined): ConfigProblem[] => (p ? [p] : []);

/** Mongo writer: connection string and database. */
export const mongoConfig = section(
  {
    url: stringVar('MONGO_URL', 'mongodb://127.0.0.1:27017', 'MongoDB connection string.', { regex: /^mongodb(\+srv)?:\/\//, message: 'must start with mongodb:// or mongodb+srv://' }),
    database: stringVar('MONGO_DATABASE', 'sluice', 'Database of the result collections.'),
  },
  (v) => v,
);
export type MongoConfig = ReturnType<typeof mongoConfig.build>;

/**
 * Influx writer: the InfluxDB v2 write API. The native stack runs InfluxDB 1.8.3, whose v2-compatible
 * endpoints take bucket `database/retention-policy`, any org, and token `user:password` (unset when
 * authentication is off, as on the plain server; `npm run stack:up -- influx-auth` runs one with
 * it on, over HTTPS); Docker runs InfluxDB 2.7 with its own org, bucket and token
 * (docker-compose.yml). `caFile`: the PEM file of the CA to trust for an `https://` URL (default
 * the system's CAs).
 */
export const influxConfig = section(
  {
    url: stringVar('INFLUX_URL', 'http://127.0.0.1:8086', 'InfluxDB API base URL (native stack: InfluxDB 1.8.3; Docker: InfluxDB 2.7; both on 8086).', { regex: /^https?:\/\//, message: 'must start with http:// or https://' }),
    token: optionalStringVar('INFLUX_TOKEN', 'API token (a secret: set it in .env; never logged). InfluxDB 1.8: `user:password`, unset when authentication is off.'),
    org: stringVar('INFLUX_ORG', 'sluice', 'Organization (InfluxDB 2.x; InfluxDB 1.8 ignores it).'),
    bucket: stringVar('INFLUX_BUCKET', 'sluice/autogen', 'Bucket. InfluxDB 1.8: `database/retention-policy` (the stack creates `sluice/autogen`); InfluxDB 2.x: a bucket name.'),
    caFile: optionalStringVar('INFLUX_SSL_CA', "PEM file of the CA that signed InfluxDB's certificate, for an https:// INFLUX_URL; default the system's CAs."),
  },
  ({ caFile, ...v }) => ({ ...v, ...(caFile !== undefined && { caFile }) }),
  (c) => [...influxTokenProblems(c.token), ...influxCaProblems(c.url, c.caFile)],
);
export type InfluxConfig = ReturnType<typeof influxConfig.build>;

/** An InfluxDB 1.8 token `user:password` with one side empty (2.x tokens have no colon). Never echoes the token. */
function influxTokenProblems(token: string | undefined): ConfigProblem[] {
  if (token === undefined || !token.includes(':')) return [];
  const [user, ...rest] = token.split(':');
  return user && rest.join(':') ? [] : [{ variable: 'INFLUX_TOKEN', message: 'as InfluxDB 1.8 credentials `user:password` needs both the user and the password' }];
}

function influxCaProblems(url: string, caFile: string | undefined): ConfigProblem[] {
  if (caFile === undefined) return [];
  if (!url.startsWith('https://')) return [{ variable: 'INFLUX_SSL_CA', message: 'requires an https:// INFLUX_URL', received: caFile }];
  return optional(caFileProblem('INFLUX_SSL_CA', caFile));
}
