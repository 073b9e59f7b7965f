import { StoreAdapter, VersionedUpsert, WriteRejection } from './store-adapter';
import type { StoreFailure } from './store-failure';

/**
 * One store written from several result topics: each topic has its own adapter (its own table,
 * collection or key layout, usually its own client), and this adapter routes every item of a
 * batch to the adapter of its topic, writing the topics of one batch concurrently.
 *
 * Failure semantics are the {@link StoreAdapter}'s: a failure of any part rejects the whole batch
 * (the StoreWriter retries, pauses or isolates it; every part is an idempotent upsert), rejections
 * of the parts are concatenated. The parts are one store through one driver, so the first part
 * classifies errors.
 */
export class RoutedStoreAdapter implements StoreAdapter<unknown> {
  readonly maxConcurrentBatches: number;
  private readonly parts: ReadonlyArray<StoreAdapter<unknown>>;

  /**
   * @param store store name for logs, metrics and health
   * @param byTopic the adapter of each result topic
   * @throws Error when no topic is given
   */
  constructor(
    readonly store: string,
    private readonly byTopic: ReadonlyMap<string, StoreAdapter<never>>,
  ) {
    if (byTopic.size === 0) throw new Error(`${store}: a writer needs at least one result topic`);
    this.parts = [...new Set(byTopic.values())] as ReadonlyArray<StoreAdapter<unknown>>;
    this.maxConcurrentBatches = Math.min(...this.parts.map((p) => p.maxConcurrentBatches ?? 1));
  }

  /** The result topics this adapter writes. */
  get topics(): string[] {
    return [...this.byTopic.keys()];
  }

  async connect(): Promise<void> {
    // One after the other: parts of one store share its DDL (keyspace, database) on first start.
    for (const p of this.parts) await p.connect();
  }

  async write(items: readonly VersionedUpsert<unknown>[]): Promise<WriteRejection[]> {
    const groups = new Map<StoreAdapter<unknown>, VersionedUpsert<unknown>[]>();
    for (const item of items) {
      const part = this.byTopic.get(item.topic) as StoreAdapter<unknown> | undefined;
      if (!part) throw new Error(`${this.store}: no adapter for topic ${item.topic}`);
      const list = groups.get(part) ?? [];
      list.push(item);
      groups.set(part, list);
    }
    const results = await Promise.all([...groups].map(([part, list]) => part.write(list)));
    return results.flat();
  }

  /** Clears every part that stores versions; @returns how many parts were cleared. */
  async clearAll(): Promise<number> {
    let cleared = 0;
    for (const p of this.parts) {
      if (!p.clear) continue;
      await p.clear();
      cleared++;
    }
    return cleared;
  }

  async ping(): Promise<boolean> {
    const answers = await Promise.all(this.parts.map((p) => p.ping()));
    return answers.every(Boolean);
  }

  classify(error: unknown): StoreFailure {
    return this.parts[0].classify(error);
  }

  async close(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.close()));
  }
}
