/**
 * An in-memory key-value state store of one task (one input partition) with change tracking,
 * persisted by the runtime to a compacted changelog topic
 * (`<applicationId>-<store name>-changelog`, partition = the task's input partition),
 * as Kafka Streams does for its state stores.
 *
 * Semantics:
 * - `put`/`delete` mark the key dirty; {@link drainChanges} returns each dirty key once with its
 *   latest value (`undefined` = deleted, written as a tombstone) and clears the dirty set;
 * - {@link restore} applies a changelog record without marking it dirty (used while restoring);
 * - the store has no rollback: when a transaction aborts, the runtime discards the whole task and
 *   restores it from the changelog again.
 *
 * @typeParam V the value type; it must survive `JSON.stringify`/`JSON.parse`.
 */
export class KeyValueStore<V> {
  private readonly data = new Map<string, V>();
  private readonly dirty = new Set<string>();

  /** @param name stable store name; it names the changelog topic, so never generate it. */
  constructor(readonly name: string) {}

  get size(): number {
    return this.data.size;
  }

  get(key: string): V | undefined {
    return this.data.get(key);
  }

  has(key: string): boolean {
    return this.data.has(key);
  }

  put(key: string, value: V): void {
    this.data.set(key, value);
    this.dirty.add(key);
  }

  delete(key: string): void {
    if (this.data.delete(key)) this.dirty.add(key);
  }

  entries(): IterableIterator<[string, V]> {
    return this.data.entries();
  }

  /** Number of keys changed since the last {@link drainChanges}. */
  get pendingChanges(): number {
    return this.dirty.size;
  }

  /** Returns and clears the keys changed since the last call: `[key, value | undefined]`. */
  drainChanges(): Array<[string, V | undefined]> {
    const out: Array<[string, V | undefined]> = [];
    for (const k of this.dirty) out.push([k, this.data.get(k)]);
    this.dirty.clear();
    return out;
  }

  /** Applies one changelog record (undefined = tombstone) without marking it dirty. */
  restore(key: string, value: V | undefined): void {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
  }

  /** Drops every key and pending change (the task is being closed). */
  clear(): void {
    this.data.clear();
    this.dirty.clear();
  }
}
