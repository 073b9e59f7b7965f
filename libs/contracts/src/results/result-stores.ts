/**
 * A result kept in Redis as one hash per result: `HSET <key> <field> <value> ... version <offset>`,
 * written only when the stored `version` is older (a replayed record never overwrites a newer value).
 * The seed's layout for running totals (`words:<word>` with field `count`).
 */
export interface RedisHashLayout<T> {
  kind: 'hash';
  /** `SCAN MATCH` pattern of every key of the layout (`log-errors:*`), for a store rebuild's clear. */
  keyPattern: string;
  /** The Redis key of a result, e.g. `log-errors:<code>`. */
  key(result: T): string;
  /** The hash fields of a result (`version` is reserved). */
  fields(result: T): Record<string, string | number>;
}

/**
 * A windowed result kept in Redis as a sorted set per window, expiring `REDIS_WINDOW_TTL_S` after
 * its last write (windows are short-lived results):
 * - `member`: each result is one member of its set (`ZADD <key> <score> <member>`), written only
 *   when newer than that member's stored version (versions in `<key>:versions`) — the layout of
 *   `word-counts-windowed`;
 * - `ranking`: each result is the whole set (a window's top N), replacing the set when newer
 *   (version in `<key>:version`) — the layout of `hashtags-top`.
 * `ZREVRANGE <key> 0 -1 WITHSCORES` reads the window's ranking. `keyPattern` (`log-errors-window:*`)
 * must also match the `:versions`/`:version` companions, for a store rebuild's clear.
 */
export type RedisSortedSetLayout<T> =
  | { kind: 'sorted-set'; mode: 'member'; keyPattern: string; key(result: T): string; member(result: T): string; score(result: T): number }
  | {
      kind: 'sorted-set';
      mode: 'ranking';
      keyPattern: string;
      key(result: T): string;
      members(result: T): Array<[member: string, score: number]>;
      /** `false`: the set never expires (a ranking per day, not per short-lived window). Default `true`. */
      expires?: boolean;
    };

/**
 * A result kept in MongoDB as one document per record key (`_id` = the key, `version` = the record's
 * offset), in `collection` of `MONGO_DATABASE`: written by compare-and-set on the stored version, so
 * an older record never overwrites a newer one; `fields` returning `null` deletes the document.
 */
export interface MongoCollectionLayout<T> {
  kind: 'collection';
  collection: string;
  /** The document's fields (`_id` and `version` are the writer's); `null` deletes it. */
  fields(result: T): Record<string, unknown> | null;
}

/** The CQL column types a {@link CassandraTableLayout} may declare. */
export const CQL_COLUMN_TYPES = ['text', 'int', 'bigint', 'double', 'boolean', 'timestamp', 'date', 'list<text>', 'list<bigint>'] as const;
export type CqlColumnType = (typeof CQL_COLUMN_TYPES)[number];

/**
 * A value of a row: `timestamp` takes a Date, epoch ms or an ISO-8601 string; `date` a `YYYY-MM-DD`
 * string; `bigint` and `list<bigint>` JS integers (converted to the driver's Long by the writer).
 */
export type CqlColumnValue = string | number | boolean | Date | string[] | number[] | null;

/**
 * A result kept in Cassandra as one row per result in `<CASSANDRA_KEYSPACE>.<table>`, created when
 * missing from `columns`, `primaryKey` and `clusteringOrder`:
 * `CREATE TABLE IF NOT EXISTS <ks>.<table> (<column> <type>, …, PRIMARY KEY <primaryKey>) [WITH CLUSTERING ORDER BY (<clusteringOrder>)]`.
 * Written with `INSERT … USING TIMESTAMP <version>`, so Cassandra keeps the cells of the newest
 * version (an older record replayed never overwrites a newer one), as every Cassandra adapter.
 * Column names are lower-case CQL identifiers (`[a-z][a-z0-9_]*`).
 *
 * @example bronze events partitioned by day and hour:
 * `{ kind: 'table', table: 'gharchive_events', columns: { event_date: 'date', event_hour: 'int', id: 'text', … }, primaryKey: '((event_date, event_hour), id)', row: (e) => ({ … }) }`
 */
export interface CassandraTableLayout<T> {
  kind: 'table';
  table: string;
  /** Every column and its CQL type, in table order. */
  columns: Readonly<Record<string, CqlColumnType>>;
  /** The `PRIMARY KEY` clause, parenthesised: `(code)`, `((window_start), code)`, `((event_date, event_hour), id)`. */
  primaryKey: string;
  /** `WITH CLUSTERING ORDER BY` columns, e.g. `window_start DESC`. */
  clusteringOrder?: string;
  /** The row of a result: a value for every column of `columns` (the primary key's must not be null). */
  row(result: T): Record<string, CqlColumnValue>;
}

/**
 * What the writers do with a result, declared beside its contract. A layout's Redis key must follow
 * from the record key (`keyOf`): versions are offsets, comparable only within one partition, and
 * one record key always lands in one partition. A writer keeps every result
 * whose contract declares its store (no edit in libs/writers). The five original results are
 * routed by their hand-written adapters in `libs/writers/src/stores/store-results.ts` instead.
 */
export interface ResultStores<T> {
  redis?: RedisHashLayout<T> | RedisSortedSetLayout<T>;
  cassandra?: CassandraTableLayout<T>;
  mongo?: MongoCollectionLayout<T>;
}
