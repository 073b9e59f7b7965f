import { Client, errors as cassandraErrors, types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';

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
export class CassandraSession {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;

  constructor(readonly config: CassandraConfig) {}

  /** Connects once and creates the keyspace (SimpleStrategy) when missing. @throws when Cassandra is unreachable */
  connect(): Promise<Client> {
    this.connecting ??= this.open().catch((e) => {
      this.connecting = undefined;
      throw e;
    });
    return this.connecting;
  }

  /** The connected client. @throws when used before {@link connect} */
  get connected(): Client {
    if (!this.client) throw new Error('Cassandra session used before connect()');
    return this.client;
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

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    await client?.shutdown().catch(() => undefined); // shutting down a failed client is best effort
  }

  private async open(): Promise<Client> {
    const { contactPoints, localDataCenter, username, password, keyspace, replicationFactor } = this.config;
    const client = new Client({
      contactPoints,
      localDataCenter,
      credentials: username ? { username, password: password ?? '' } : undefined,
      socketOptions: { connectTimeout: 5000, readTimeout: 12000 },
      pooling: { coreConnectionsPerHost: { [types.distance.local]: 2 } },
    });
    this.client = client;
    await client.connect();
    await client.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${replicationFactor}}`);
    return client;
  }
}
