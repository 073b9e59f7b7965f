/** Marks, in an undo log, a key that had no value. */
const ABSENT: unique symbol = Symbol('absent');

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
 * - {@link savepoint} / {@link rollback} undo the changes of one batch attempt (a task that finds
 *   a failing record re-runs its batch without it); when a transaction aborts, the runtime still
 *   discards the whole task and restores it from the changelog.
 *
 * @typeParam V the value type; it must survive `JSON.stringify`/`JSON.parse`.
 */
export class KeyValueStore<V> {
  private readonly data = new Map<string, V>();
  private readonly dirty = new Set<string>();
  /** Since the savepoint: key → its value before its first change (ABSENT: it had none). */
  private undo: Map<string, V | typeof ABSENT> | undefined;
  /** Keys of {@link undo} that had no pending change at their first change. */
  private readonly undoClean = new Set<string>();
  private rollbacks = 0;

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
    this.remember(key);
    this.data.set(key, value);
    this.dirty.add(key);
  }

  delete(key: string): void {
    this.remember(key);
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
    this.undo = undefined;
    this.undoClean.clear();
    this.rollbacks++;
  }

  /**
   * Starts recording changes so that {@link rollback} can undo them (replacing an earlier
   * savepoint). Costs one entry per key changed until {@link releaseSavepoint}.
   */
  savepoint(): void {
    this.undo = new Map();
    this.undoClean.clear();
  }

  /**
   * Puts back every key changed since the {@link savepoint} (values and pending changes as they
   * were) and keeps the savepoint, so an attempt can be rolled back again.
   * @throws Error when no savepoint is set
   */
  rollback(): void {
    if (!this.undo) throw new Error(`store "${this.name}" has no savepoint to roll back to`);
    for (const [key, value] of this.undo) {
      if (value === ABSENT) this.data.delete(key);
      else this.data.set(key, value);
      if (this.undoClean.has(key)) this.dirty.delete(key);
      else this.dirty.add(key);
    }
    this.undo.clear();
    this.undoClean.clear();
    this.rollbacks++;
  }

  /** Stops recording changes (the attempt is kept). */
  releaseSavepoint(): void {
    this.undo = undefined;
    this.undoClean.clear();
  }

  /**
   * Counts rollbacks and clears: a view that mirrors the store in memory (`GroupedStore`)
   * rebuilds its mirror when this changes.
   */
  get generation(): number {
    return this.rollbacks;
  }

  private remember(key: string): void {
    if (!this.undo || this.undo.has(key)) return;
    const value = this.data.get(key);
    this.undo.set(key, value === undefined && !this.data.has(key) ? ABSENT : (value as V));
    if (!this.dirty.has(key)) this.undoClean.add(key);
  }
}
