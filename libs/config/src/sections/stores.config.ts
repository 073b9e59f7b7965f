import { intVar, listVar, optionalStringVar, stringVar } from '../env-vars';
import { section } from '../config-section';

/** Cassandra writer: contact points, data centre, keyspace (created when missing). */
export const cassandraConfig = section(
  {
    contactPoints: listVar('CASSANDRA_CONTACT_POINTS', '127.0.0.1:9042', 'Comma-separated host:port of Cassandra nodes.'),
    localDataCenter: stringVar('CASSANDRA_LOCAL_DC', 'datacenter1', 'Local data centre name of the driver load-balancing policy.'),
    keyspace: stringVar('CASSANDRA_KEYSPACE', 'mykeyspace', 'Keyspace of the result tables.', { regex: /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/, message: 'must be a CQL identifier (letters, digits, _; max 48)' }),
    replicationFactor: intVar('CASSANDRA_REPLICATION_FACTOR', 1, 'SimpleStrategy replication factor used when creating the keyspace.', { min: 1, max: 10 }),
    username: optionalStringVar('CASSANDRA_USERNAME', 'User name (PlainTextAuthProvider), when authentication is on.'),
    password: optionalStringVar('CASSANDRA_PASSWORD', 'Password, when authentication is on (a secret: set it in .env).'),
  },
  (v) => v,
);
export type CassandraConfig = ReturnType<typeof cassandraConfig.build>;

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
 * endpoints take bucket `database/retention-policy`, any org, and token `user:password` (an empty
 * token when authentication is off, as in the stack); Docker runs InfluxDB 2.7 with its own org,
 * bucket and token (docker-compose.yml).
 */
export const influxConfig = section(
  {
    url: stringVar('INFLUX_URL', 'http://127.0.0.1:8086', 'InfluxDB API base URL (native stack: InfluxDB 1.8.3; Docker: InfluxDB 2.7; both on 8086).', { regex: /^https?:\/\//, message: 'must start with http:// or https://' }),
    token: optionalStringVar('INFLUX_TOKEN', 'API token (a secret: set it in .env). InfluxDB 1.8: `user:password`, unset when authentication is off.'),
    org: stringVar('INFLUX_ORG', 'sluice', 'Organization (InfluxDB 2.x; InfluxDB 1.8 ignores it).'),
    bucket: stringVar('INFLUX_BUCKET', 'sluice/autogen', 'Bucket. InfluxDB 1.8: `database/retention-policy` (the stack creates `sluice/autogen`); InfluxDB 2.x: a bucket name.'),
  },
  (v) => v,
);
export type InfluxConfig = ReturnType<typeof influxConfig.build>;
