import type { KeyValueStore } from '../state/key-value-store';
import type { LateRecord } from './stage';

/** The records a pipeline emitted for one batch time (a window emits at its end). */
export interface OutputBatch<O> {
  /** Batch time the records belong to (ms): the batch slot, or the window's end for windows. */
  timeMs: number;
  records: O[];
}

/** What one {@link Pipeline.process} call produced. */
export interface BatchResult<O, L = never> {
  /** The input batch time aligned down to the batch interval (ms). */
  batchTimeMs: number;
  /** Output batches in emission order (a window that catches up may emit several). */
  outputs: Array<OutputBatch<O>>;
  /** Every output record of {@link outputs}, in order. */
  records: O[];
  /** Refused records handed back (event-time operators with `late: 'return'`), for the DLQ. */
  late: Array<LateRecord<L>>;
  /** Refused records dropped (event-time operators with `late: 'drop'`), for a metric. */
  lateDropped: number;
  /** Watermark (ms) of each event-time operator after the batch, by operator name (see `BatchContext.watermarks`). */
  watermarks: Record<string, number>;
}

/**
 * One instance of a micro-batch pipeline: the work and the state of one task (one input
 * partition), built by `MicroBatchStream#build()` (a pure function of the definition).
 *
 * Protocol the runtime follows, as Kafka Streams does for a task:
 * 1. build a fresh instance for the task;
 * 2. restore every store listed by {@link stores} from its changelog partition
 *    (`store.restore(key, value)` for each record, tombstone = `undefined`) — before the first
 *    {@link process} call;
 * 3. for each micro-batch call {@link process}, then drain every store's changes
 *    (`store.drainChanges()`) and commit them with the outputs and the input offsets in one
 *    transaction;
 * 4. on a crash, rebalance or aborted transaction drop the instance and start again at 1:
 *    results already committed are not emitted again, because the state that emitted them
 *    was committed with them.
 *
 * @typeParam I input records (already decoded), O output records, L late records handed back
 */
export interface Pipeline<I, O, L = never> {
  /**
   * Processes one micro-batch.
   * @param records the batch's records in input (offset) order; may be empty — call it at
   *   every batch interval anyway, so that windows slide and state times out on time
   * @param batchTimeMs the batch time (ms since the epoch); aligned down to the batch interval.
   *   Processing-time operators treat a time earlier than one they already saw as that later
   *   time (records are never assigned to a batch that was already processed).
   * @throws RangeError when `batchTimeMs` is not a finite number
   */
  process(records: readonly I[], batchTimeMs: number): BatchResult<O, L>;
  /** The instance's state stores (stable names), in pipeline order; empty for stateless pipelines. */
  stores(): ReadonlyArray<KeyValueStore<unknown>>;
}
