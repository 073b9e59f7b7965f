/**
 * A result kept in Redis as one hash per result: `HSET <key> <field> <value> ... version <offset>`,
 * written only when the stored `version` is older (a replayed record never overwrites a newer value).
 * The seed's layout for running totals (`words:<word>` with field `count`).
 */
export interface RedisHashLayout<T> {
  kind: 'hash';
  /** The Redis key of a result, e.g. `log-errors:<code>`. */
  key(result: T): string;
  /** The hash fields of a result (`version` is reserved). */
  fields(result: T): Record<string, string | number>;
}

/**
 * What the writers do with a result, declared beside its contract: a writer keeps every result
 * whose contract declares its store (no edit in libs/writers). The five original results are
 * routed by their hand-written adapters in `libs/writers/src/stores/store-results.ts` instead.
 */
export interface ResultStores<T> {
  redis?: RedisHashLayout<T>;
}
