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

/** Influx writer: InfluxDB v2 write API (QuestDB's /api/v2/write in the native stack). */
export const influxConfig = section(
  {
    url: stringVar('INFLUX_URL', 'http://127.0.0.1:9000', 'InfluxDB v2 API base URL (native stack: QuestDB on 9000; Docker: InfluxDB on 8086).', { regex: /^https?:\/\//, message: 'must start with http:// or https://' }),
    token: optionalStringVar('INFLUX_TOKEN', 'API token (a secret: set it in .env; QuestDB ignores it).'),
    org: stringVar('INFLUX_ORG', 'sluice', 'Organization.'),
    bucket: stringVar('INFLUX_BUCKET', 'sluice', 'Bucket.'),
  },
  (v) => v,
);
export type InfluxConfig = ReturnType<typeof influxConfig.build>;
