import { Client, errors as cassandraErrors, types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';
import { SharedConnection } from '../shared-connection';

const TRANSIENT_CODES = new Set<number>([
  types.responseErrorCodes.unavailableException,
  types.responseErrorCodes.overloaded,
  types.responseErrorCodes.isBootstrapping,
  types.responseErrorCodes.writeTimeout,
  types.responseErrorCodes.readTimeout,
  types.responseErrorCodes.serverError,
  types.responseErrorCodes.truncateError,
]);

/**
 * One Cassandra connection (driver `Client`) shared by every table adapter of a writer, so the
 * store has one pool, one readiness answer and one reconnection. `connect()` is idempotent (the
 * first call connects and creates the keyspace, later ones wait for it); after `close()` the next
 * `connect()` builds a new client.
 */
export class CassandraSession extends SharedConnection<Client> {
  constructor(readonly config: CassandraConfig) {
    super();
  }

  async ping(): Promise<boolean> {
    const rs = await this.connected.execute('SELECT release_version FROM system.local');
    return rs.rowLength === 1;
  }

  /** True for errors worth retrying: no host, timeouts, overload, closed sockets. */
  isTransient(error: unknown): boolean {
    if (error instanceof cassandraErrors.NoHostAvailableError || error instanceof cassandraErrors.OperationTimedOutError || error instanceof cassandraErrors.BusyConnectionError) return true;
    if (error instanceof cassandraErrors.ResponseError) return TRANSIENT_CODES.has(error.code);
    return /ECONNREFUSED|ECONNRESET|socket|closed|Not connected|shutdown/i.test((error as Error)?.message ?? '');
  }

  protected async open(track: (client: Client) => void): Promise<Client> {
    const { contactPoints, localDataCenter, username, password, keyspace, replicationFactor } = this.config;
    const client = new Client({
      contactPoints,
      localDataCenter,
      credentials: username ? { username, password: password ?? '' } : undefined,
      socketOptions: { connectTimeout: 5000, readTimeout: 12000 },
      pooling: { coreConnectionsPerHost: { [types.distance.local]: 2 } },
    });
    track(client);
    await client.connect();
    await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${replicationFactor}}`);
    return client;
  }

  protected shutdown(client: Client): Promise<void> {
    return client.shutdown();
  }
}
