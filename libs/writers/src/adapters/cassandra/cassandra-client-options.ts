import { readFileSync } from 'node:fs';
import { auth, ClientOptions } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';

/**
 * The cassandra-driver options of a {@link CassandraConfig} (besides pooling and timeouts):
 * contact points and data centre; `credentials` → a `PlainTextAuthProvider` (PasswordAuthenticator);
 * `ssl` → TLS that verifies the nodes' certificates (`rejectUnauthorized: true`: the driver's own
 * default is false) against the CA of `ssl.caFile`, or the system's CAs without one.
 *
 * @example cassandraClientOptions({ contactPoints: ['127.0.0.1:9142'], localDataCenter: 'datacenter1', keyspace: 'ks', replicationFactor: 1, credentials: { username: 'sluice', password: '…' }, ssl: { caFile: 'ca.pem' } })
 * @throws Error naming CASSANDRA_SSL_CA when the CA file cannot be read (start-up validation checks it first)
 */
export function cassandraClientOptions(config: Pick<CassandraConfig, 'contactPoints' | 'localDataCenter' | 'credentials' | 'ssl'>): ClientOptions {
  const { contactPoints, localDataCenter, credentials, ssl } = config;
  return {
    contactPoints,
    localDataCenter,
    ...(credentials && { authProvider: new auth.PlainTextAuthProvider(credentials.username, credentials.password) }),
    ...(ssl && { sslOptions: { rejectUnauthorized: true, ...(ssl.caFile !== undefined && { ca: [readCa(ssl.caFile)] }) } }),
  };
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`CASSANDRA_SSL_CA: cannot read ${file}`, { cause: e });
  }
}
