import { Client, types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';
import type { StoreFailure } from '../../store-failure';
import { SharedConnection } from '../shared-connection';
import { cassandraClientOptions } from './cassandra-client-options';
import { classifyCassandraError } from './cassandra-errors';

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

  /** See {@link classifyCassandraError}. */
  classify(error: unknown): StoreFailure {
    return classifyCassandraError(error);
  }

  /** True when `<keyspace>.<table>` exists (asks `system_schema`). */
  async tableExists(table: string): Promise<boolean> {
    const rs = await this.connected.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [this.config.keyspace, table], { prepare: true });
    return rs.rowLength > 0;
  }

  protected async open(track: (client: Client) => void): Promise<Client> {
    const { keyspace, replicationFactor } = this.config;
    const client = new Client({
      ...cassandraClientOptions(this.config),
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
