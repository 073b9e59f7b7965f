import { StoreRegistry } from '../state/store-registry';
import type { BatchResult, OutputBatch, Pipeline } from './pipeline';
import type { BatchContext, Emit, Stage, StageFactory } from './stage';

/**
 * Instantiates a chain of stage factories as one {@link Pipeline} with its own stores.
 * Used by `MicroBatchStream#build()`; a pure function of the definition.
 *
 * Each call aligns the batch time down to `batchIntervalMs` (the batch "slot", like Spark's
 * batch times, which are multiples of the batch duration) and pushes the records through the
 * stages; the last stage's batches become the result.
 */
export function buildPipeline<I, O, L>(factories: ReadonlyArray<StageFactory<unknown, unknown>>, batchIntervalMs: number): Pipeline<I, O, L> {
  const registry = new StoreRegistry();
  const stages: Array<Stage<unknown, unknown>> = factories.map((f) => f(registry));
  let ctx: BatchContext = { late: [], lateDropped: 0, watermarks: {} };
  let outputs: Array<OutputBatch<O>> = [];

  let emit: Emit<unknown> = (timeMs, records) => {
    outputs.push({ timeMs, records: records as O[] });
  };
  for (let i = stages.length - 1; i >= 0; i--) {
    const stage = stages[i];
    const next = emit;
    emit = (timeMs, records) => stage.push(timeMs, records, next, ctx);
  }
  const head = emit;

  return {
    process(records: readonly I[], batchTimeMs: number): BatchResult<O, L> {
      if (!Number.isFinite(batchTimeMs)) throw new RangeError(`batch time must be a finite number of ms, got ${batchTimeMs}`);
      const slot = Math.floor(batchTimeMs / batchIntervalMs) * batchIntervalMs;
      ctx = { late: [], lateDropped: 0, watermarks: {} };
      outputs = [];
      head(slot, records as unknown[]);
      const result: BatchResult<O, L> = {
        batchTimeMs: slot,
        outputs,
        records: outputs.length === 1 ? outputs[0].records : outputs.flatMap((b) => b.records),
        late: ctx.late as BatchResult<O, L>['late'],
        lateDropped: ctx.lateDropped,
        watermarks: ctx.watermarks,
      };
      return result;
    },
    stores: () => registry.list(),
  };
}
