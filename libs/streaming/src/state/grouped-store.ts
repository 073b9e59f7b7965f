import { KeyValueStore } from './key-value-store';

/**
 * A two-level view `(group, key) → value` over one {@link KeyValueStore}, for state that is
 * created and dropped a group at a time: the per-batch slices of a processing-time window
 * (group = batch time) and the open windows of an event-time aggregate (group = window start).
 *
 * Layout: the underlying store holds `"<group>|<key>" → value`, so each entry is one small
 * changelog record (a batch slice with 100,000 keys would not fit in one Kafka message) and
 * a group is dropped with one tombstone per key. `group` is an integer (ms); `key` may contain
 * any character, including `|` (the group never does, so the first `|` separates them).
 *
 * An in-memory index `group → (key → value)` mirrors the store. It is built from the store's
 * entries on first use, so restore the store before the first read or write through this
 * view; afterwards every change goes through the view, which writes it to the store (and so
 * to the changelog). The index costs one extra map entry per stored entry. After a rollback of
 * the store ({@link KeyValueStore.rollback}) the index is rebuilt from the store on next use.
 */
export class GroupedStore<V> {
  private index: Map<number, Map<string, V>> | undefined;
  private indexGeneration = -1;

  constructor(readonly store: KeyValueStore<V>) {}

  /** True when no group holds an entry. */
  get isEmpty(): boolean {
    return this.loaded().size === 0;
  }

  /** Group ids in ascending order. */
  groups(): number[] {
    return [...this.loaded().keys()].sort((a, b) => a - b);
  }

  /** The entries of `group` (insertion order), or undefined when it has none. */
  group(group: number): ReadonlyMap<string, V> | undefined {
    return this.loaded().get(group);
  }

  get(group: number, key: string): V | undefined {
    return this.loaded().get(group)?.get(key);
  }

  put(group: number, key: string, value: V): void {
    const index = this.loaded();
    let entries = index.get(group);
    if (!entries) index.set(group, (entries = new Map()));
    entries.set(key, value);
    this.store.put(`${group}|${key}`, value);
  }

  /** Drops every entry of `group` (one tombstone per key). */
  deleteGroup(group: number): void {
    const index = this.loaded();
    const entries = index.get(group);
    if (!entries) return;
    for (const key of entries.keys()) this.store.delete(`${group}|${key}`);
    index.delete(group);
  }

  private loaded(): Map<number, Map<string, V>> {
    if (this.index && this.indexGeneration === this.store.generation) return this.index;
    const index = new Map<number, Map<string, V>>();
    for (const [composite, value] of this.store.entries()) {
      const bar = composite.indexOf('|');
      const group = Number(composite.slice(0, bar));
      let entries = index.get(group);
      if (!entries) index.set(group, (entries = new Map()));
      entries.set(composite.slice(bar + 1), value);
    }
    this.indexGeneration = this.store.generation;
    return (this.index = index);
  }
}
