import { types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';
import { CassandraSession } from './cassandra-session';
import { runConcurrently } from '../../run-concurrently';
import type { VersionedUpsert, WriteRejection } from '../../store-adapter';
import { safeMessage, StoreFailureError, storeRefused } from '../../store-failure';
import { SharedConnectionAdapter } from '../shared-connection.adapter';

/** In-flight statements per batch: enough to hide the round trip, few enough not to overload one node. */
const CONCURRENCY = 128;

/** One CQL statement with its bound values. */
export interface CqlStatement {
  query: string;
  params: unknown[];
}

/**
 * The shared half of every Cassandra adapter: connects through a {@link CassandraSession} (shared
 * by the adapters of one writer), creates the adapter's table when missing, and executes one
 * prepared statement per item, 128 at a time.
 * Subclasses give the table's DDL and the statement of an item; statements carry
 * `USING TIMESTAMP <version>` so Cassandra keeps the cells (or tombstone) of the newest version:
 * a replayed older record never overwrites a newer one, a repeated one rewrites the same value.
 */
export abstract class CassandraTableAdapter<T> extends SharedConnectionAdapter<T, CassandraSession> {
  readonly store = 'cassandra';

  /** @param source the writer's shared session, or a configuration (a session of its own) */
  constructor(source: CassandraSession | CassandraConfig) {
    super(source instanceof CassandraSession ? source : new CassandraSession(source));
  }

  /** Name of the adapter's table in `<keyspace>`. */
  abstract readonly table: string;
  /** `CREATE TABLE IF NOT EXISTS …` statements of the adapter's table(s). */
  protected abstract ddl(keyspace: string): string[];
  /** The statement writing one item (with `USING TIMESTAMP ?` bound to its version). */
  protected abstract statement(keyspace: string, item: VersionedUpsert<T>): CqlStatement;

  async connect(): Promise<void> {
    const client = await this.connection.connect();
    for (const cql of this.ddl(this.connection.config.keyspace)) await client.execute(cql);
  }

  /** `TRUNCATE <keyspace>.<table>` (writes after it are kept whatever their `USING TIMESTAMP`). */
  async clear(): Promise<void> {
    await this.connection.connected.execute(`TRUNCATE ${this.connection.config.keyspace}.${this.table}`);
  }

  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    const client = this.connection.connected;
    const errors = await runConcurrently(items, CONCURRENCY, (i) => {
      const s = this.statement(this.connection.config.keyspace, i);
      return client.execute(s.query, s.params, { prepare: true });
    });
    const failed = errors.flatMap((err, idx) => (err === undefined ? [] : [{ err, idx }]));
    if (failed.length === 0) return [];
    // A dropped keyspace or table answers `Invalid` or an unprepared statement, like a bad value
    // or a restarted node would: the schema tells them apart.
    if ((await this.tableExists()) === false) {
      throw new StoreFailureError(storeRefused('table-missing'), `table ${this.connection.config.keyspace}.${this.table} does not exist`, { cause: failed[0].err });
    }
    // Not a value's fault: the whole batch is retried (upserts are idempotent).
    const storeLevel = failed.find((f) => this.classify(f.err).kind !== 'record-rejected');
    if (storeLevel) throw storeLevel.err;
    return failed.map((f) => ({ record: items[f.idx].record, reason: 'not-writable' as const, detail: `cassandra rejected it: ${safeMessage(f.err)}` }));
  }

  /** Whether the adapter's table exists; undefined when the store cannot tell (e.g. it is down). */
  private tableExists(): Promise<boolean | undefined> {
    return this.connection.tableExists(this.table).catch(() => undefined);
  }
}

/** A version (source offset) as the statement's write timestamp. */
export const writeTimestamp = (version: number) => types.Long.fromNumber(version);
