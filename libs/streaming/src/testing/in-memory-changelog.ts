import type { KeyValueStore } from '../state/key-value-store';

/**
 * Compacted changelogs kept in memory, one per store name: what the Kafka runtime keeps in
 * `<applicationId>-<store>-changelog` topics, without Kafka.
 *
 * Values are stored as the JSON text the runtime would write (`JSON.stringify`), so a value that
 * does not survive serialization fails the test that restores it. Compaction is immediate: only
 * the latest value of each key is kept and a tombstone removes the key.
 */
export class InMemoryChangelog {
  private readonly topics = new Map<string, Map<string, string>>();
  /** Changelog records written so far (before compaction), tombstones included. */
  recordsWritten = 0;

  /** Drains the pending changes of `stores` into their changelogs (the commit of one batch). */
  commit(stores: Iterable<KeyValueStore<unknown>>): void {
    for (const store of stores) {
      let log = this.topics.get(store.name);
      if (!log) this.topics.set(store.name, (log = new Map()));
      for (const [key, value] of store.drainChanges()) {
        this.recordsWritten++;
        if (value === undefined) log.delete(key);
        else log.set(key, JSON.stringify(value));
      }
    }
  }

  /** Restores every entry of each store's changelog into it (the restore phase of a new task). */
  restoreInto(stores: Iterable<KeyValueStore<unknown>>): void {
    for (const store of stores) {
      for (const [key, json] of this.topics.get(store.name) ?? []) store.restore(key, JSON.parse(json));
    }
  }

  /** The compacted content of one store's changelog, values parsed. */
  entries(storeName: string): Array<[string, unknown]> {
    return [...(this.topics.get(storeName) ?? [])].map(([k, json]) => [k, JSON.parse(json)]);
  }

  /** Store names with a changelog. */
  storeNames(): string[] {
    return [...this.topics.keys()];
  }
}
