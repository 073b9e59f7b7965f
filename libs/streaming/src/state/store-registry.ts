import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { checkStableName } from '../stream/stable-name';
import { KeyValueStore } from './key-value-store';

/**
 * The state stores of one pipeline instance (one task, i.e. one input partition), by stable name.
 *
 * Operators create their stores here while the pipeline is built, each named from the
 * operator's stable name (`<operator>-slices`, `<operator>-window`, `<operator>-meta`, ...).
 * The runtime lists them to drain their changes into the changelogs after every batch and to
 * restore them from the changelogs before the first batch.
 *
 * Semantics follow Kafka Streams' `ProcessorContext#getStateStore`: a name identifies one
 * store of the task; two stores with the same name are a definition error.
 *
 * @example
 * ```ts
 * const registry = new StoreRegistry();
 * const totals = registry.create<number>('visits-window');
 * registry.list().map((s) => s.name); // ['visits-window']
 * ```
 */
export class StoreRegistry {
  private readonly byName = new Map<string, KeyValueStore<unknown>>();

  /**
   * Creates and registers an empty store.
   * @param name stable store name (see {@link checkStableName})
   * @throws PipelineDefinitionError when the name is invalid or already taken
   */
  create<V>(name: string): KeyValueStore<V> {
    checkStableName(name, 'store');
    if (this.byName.has(name)) {
      throw new PipelineDefinitionError(`store "${name}" is defined twice: give each stateful operator its own stable name`);
    }
    const store = new KeyValueStore<V>(name);
    this.byName.set(name, store as KeyValueStore<unknown>);
    return store;
  }

  /** The store called `name`, if any. */
  get(name: string): KeyValueStore<unknown> | undefined {
    return this.byName.get(name);
  }

  /** Every store, in creation order (the order operators appear in the pipeline). */
  list(): KeyValueStore<unknown>[] {
    return [...this.byName.values()];
  }
}
