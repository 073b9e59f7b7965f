import { Client, errors as cassandraErrors, types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';
import { runConcurrently } from '../../run-concurrently';
import { StoreAdapter, VersionedUpsert, WriteRejection } from '../../store-adapter';

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

/** One CQL statement with its bound values. */
export interface CqlStatement {
  query: string;
  params: unknown[];
}

/**
 * The shared half of every Cassandra adapter: connects, creates the keyspace (SimpleStrategy)
 * and the table when missing, and executes one prepared statement per item, 128 at a time.
 * Subclasses give the table's DDL and the statement of an item; statements carry
 * `USING TIMESTAMP <version>` so Cassandra keeps the cells (or tombstone) of the newest version:
 * a replayed older record never overwrites a newer one, a repeated one rewrites the same value.
 */
export abstract class CassandraTableAdapter<T> implements StoreAdapter<T> {
  readonly store = 'cassandra';
  readonly maxConcurrentBatches = 3;
  private client: Client | undefined;

  constructor(protected readonly config: CassandraConfig) {}

  /** `CREATE TABLE IF NOT EXISTS …` statements of the adapter's table(s). */
  protected abstract ddl(keyspace: string): string[];
  /** The statement writing one item (with `USING TIMESTAMP ?` bound to its version). */
  protected abstract statement(keyspace: string, item: VersionedUpsert<T>): CqlStatement;

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
    for (const cql of this.ddl(keyspace)) await client.execute(cql);
  }

  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    const client = this.requireClient();
    const errors = await runConcurrently(items, CONCURRENCY, (i) => {
      const s = this.statement(this.config.keyspace, i);
      return client.execute(s.query, s.params, { prepare: true });
    });
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
    if (!this.client) throw new Error(`${this.constructor.name} used before connect()`);
    return this.client;
  }
}

/** A version (source offset) as the statement's write timestamp. */
export const writeTimestamp = (version: number) => types.Long.fromNumber(version);
