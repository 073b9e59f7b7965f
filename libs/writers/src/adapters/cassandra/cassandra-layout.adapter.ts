import { types } from 'cassandra-driver';
import type { CassandraConfig } from '@sluice/config';
import type { CassandraTableLayout, CqlColumnType, CqlColumnValue } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { CassandraSession } from './cassandra-session';
import { CassandraTableAdapter, CqlStatement, writeTimestamp } from './cassandra-table.adapter';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/**
 * Checks a layout's table and column names (they are written into CQL, never bound).
 * @throws Error naming the table and the bad identifier
 */
export function checkCassandraLayout(layout: CassandraTableLayout<unknown>): void {
  for (const name of [layout.table, ...Object.keys(layout.columns)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`cassandra layout ${layout.table}: "${name}" is not a lower-case CQL identifier ([a-z][a-z0-9_]*)`);
  }
}

/** `CREATE TABLE IF NOT EXISTS` of a layout, in `keyspace`. */
export function layoutDdl(keyspace: string, layout: CassandraTableLayout<unknown>): string {
  const columns = Object.entries(layout.columns).map(([name, type]) => `${name} ${type}`);
  const order = layout.clusteringOrder ? ` WITH CLUSTERING ORDER BY (${layout.clusteringOrder})` : '';
  return `CREATE TABLE IF NOT EXISTS ${keyspace}.${layout.table} (${columns.join(', ')}, PRIMARY KEY ${layout.primaryKey})${order}`;
}

/**
 * A row value as the driver binds it for its declared type: `bigint` → `Long`, `timestamp` →
 * `Date`, `date` → `LocalDate`.
 * @throws TypeError when the value cannot be converted (an integer expected, an unparsable time):
 *   the writer classifies it as record-rejected, so the record goes to the DLQ
 */
export function cqlValue(column: string, type: CqlColumnType, value: CqlColumnValue | undefined): unknown {
  if (value === null || value === undefined) return null;
  const integer = (v: unknown) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new TypeError(`column ${column} (${type}): ${String(v)} is not a safe integer`);
    return types.Long.fromNumber(v);
  };
  switch (type) {
    case 'bigint':
      return integer(value);
    case 'list<bigint>':
      return (value as unknown[]).map(integer);
    case 'timestamp': {
      const d = value instanceof Date ? value : new Date(value as string | number);
      if (Number.isNaN(d.getTime())) throw new TypeError(`column ${column} (timestamp): ${String(value)} is not a time`);
      return d;
    }
    case 'date':
      return types.LocalDate.fromString(String(value));
    default:
      return value;
  }
}

/**
 * Writes a result declared with a {@link CassandraTableLayout} beside its contract: the table is
 * created from the layout, each result is one `INSERT … USING TIMESTAMP <version>` of the layout's
 * row (the shared {@link CassandraTableAdapter}: 128 statements in flight, a missing table paused
 * as a store refusal, a value the node rejects dead-lettered).
 */
export class CassandraLayoutAdapter<T> extends CassandraTableAdapter<T> {
  readonly table: string;
  private readonly columns: Array<[string, CqlColumnType]>;

  /**
   * @param source the writer's shared session, or a configuration
   * @throws Error when the layout's table or a column is not a plain CQL identifier
   */
  constructor(source: CassandraSession | CassandraConfig, private readonly layout: CassandraTableLayout<T>) {
    super(source);
    checkCassandraLayout(layout as CassandraTableLayout<unknown>);
    this.table = layout.table;
    this.columns = Object.entries(layout.columns);
  }

  protected ddl(keyspace: string): string[] {
    return [layoutDdl(keyspace, this.layout as CassandraTableLayout<unknown>)];
  }

  protected statement(keyspace: string, item: VersionedUpsert<T>): CqlStatement {
    const row = this.layout.row(item.value);
    return {
      query: `INSERT INTO ${keyspace}.${this.table} (${this.columns.map(([c]) => c).join(', ')}) VALUES (${this.columns.map(() => '?').join(', ')}) USING TIMESTAMP ?`,
      params: [...this.columns.map(([c, type]) => cqlValue(c, type, row[c])), writeTimestamp(item.version)],
    };
  }
}
