import { Client, errors as cassandraErrors, types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';
import type { WordCount } from '@sluice/contracts';
import { runConcurrently } from '../run-concurrently';
import { StoreAdapter, VersionedUpsert, WriteRejection } from '../store-adapter';

const TRANSIENT_CODES = new Set<number>([
  types.responseErrorCodes.unavailableException,
  types.responseErrorCodes.overloaded,
  types.responseErrorCodes.isBootstrapping,
  types.responseErrorCodes.writeTimeout,
  types.responseErrorCodes.readTimeout,
  types.responseErrorCodes.serverError,
  types.responseErrorCodes.truncateError,
]);

/** In-flight statements per batch: enough to hide the round trip, few enough not to overload one node. */
const CONCURRENCY = 128;

/**
 * Writes `word-counts` into Cassandra: the seed's table `<keyspace>.words (word_id text PRIMARY
 * KEY, count bigint)`, keyspace and table created when missing (SimpleStrategy).
 * One prepared `INSERT … USING TIMESTAMP <version>` per word, executed concurrently: Cassandra keeps
 * the cell with the highest write timestamp, so a replayed older record never overwrites a newer
 * count, and a repeated one rewrites the same value.
 */
export class CassandraWordCountsAdapter implements StoreAdapter<WordCount> {
  readonly store = 'cassandra';
  readonly maxConcurrentBatches = 3;
  private client: Client | undefined;
  private readonly insert: string;

  constructor(private readonly config: CassandraConfig) {
    this.insert = `INSERT INTO ${config.keyspace}.words (word_id, count) VALUES (?, ?) USING TIMESTAMP ?`;
  }

  async connect(): Promise<void> {
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
    await client.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.words (word_id text PRIMARY KEY, count bigint)`);
  }

  async write(items: readonly VersionedUpsert<WordCount>[]): Promise<WriteRejection[]> {
    const client = this.requireClient();
    const errors = await runConcurrently(items, CONCURRENCY, (i) =>
      client.execute(this.insert, [i.key, types.Long.fromNumber(i.value.count), types.Long.fromNumber(i.version)], { prepare: true }),
    );
    const rejections: WriteRejection[] = [];
    errors.forEach((err, idx) => {
      if (err === undefined) return;
      if (this.isTransient(err)) throw err; // the whole batch is retried: upserts are idempotent
      rejections.push({ record: items[idx].record, reason: 'not-writable', detail: `cassandra refused it: ${(err as Error).message}` });
    });
    return rejections;
  }

  async ping(): Promise<boolean> {
    const rs = await this.requireClient().execute('SELECT release_version FROM system.local');
    return rs.rowLength === 1;
  }

  isTransient(error: unknown): boolean {
    if (error instanceof cassandraErrors.NoHostAvailableError || error instanceof cassandraErrors.OperationTimedOutError || error instanceof cassandraErrors.BusyConnectionError) return true;
    if (error instanceof cassandraErrors.ResponseError) return TRANSIENT_CODES.has(error.code);
    return /ECONNREFUSED|ECONNRESET|socket|closed|Not connected|shutdown/i.test((error as Error)?.message ?? '');
  }

  async close(): Promise<void> {
    await this.client?.shutdown().catch(() => undefined); // shutting down a failed client is best effort
    this.client = undefined;
  }

  private requireClient(): Client {
    if (!this.client) throw new Error('CassandraWordCountsAdapter used before connect()');
    return this.client;
  }
}
