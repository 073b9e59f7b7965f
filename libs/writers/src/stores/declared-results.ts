import type { AnyResultContract, ResultStores } from '@sluice/contracts';
import { JOB_REGISTRY } from '@sluice/jobs';

/**
 * The results of the registered jobs whose contracts declare how `store` keeps them
 * (`ResultContract.stores`): a writer keeps them with its generic layout adapter, so a new result
 * needs no edit in libs/writers.
 */
export function declaredResults(store: keyof ResultStores<unknown>, registry: ReadonlyArray<{ outputs: readonly AnyResultContract[] }> = JOB_REGISTRY): AnyResultContract[] {
  return registry.flatMap((j) => j.outputs).filter((c) => c.stores?.[store] !== undefined);
}
