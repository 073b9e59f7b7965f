import type { StoreRegistry } from '../state/store-registry';

/**
 * A record an event-time operator refused, handed back so the runtime can send the original
 * input to the dead-letter topic (`<topic>.dlq`) instead of losing it silently.
 *
 * @typeParam T the element as it reached the operator (for the jobs: the input record itself,
 *   so the runtime recognises it and finds its source topic/partition/offset)
 */
export interface LateRecord<T> {
  /** Stable name of the operator that refused it. */
  operator: string;
  /** `late`: every window it belongs to was already closed; `invalid-time`: its event time is not a finite number. */
  reason: 'late' | 'invalid-time';
  record: T;
  /** The record's event time (ms since the epoch; NaN for `invalid-time`). */
  eventTimeMs: number;
  /** End (exclusive, ms) of the latest window the record belongs to; NaN for `invalid-time`. */
  windowEndMs: number;
  /** The watermark it was judged against (ms; `null` before any event time was seen). */
  watermarkMs: number | null;
}

/** Per-batch side channel shared by the stages of one {@link Pipeline.process} call. */
export interface BatchContext {
  /** Late records returned to the caller (operators configured with `late: 'return'`). */
  readonly late: LateRecord<unknown>[];
  /** Late records dropped (operators configured with `late: 'drop'`); added to by the stages. */
  lateDropped: number;
  /**
   * Watermark (ms since the epoch) of each event-time operator after this batch, by its stable
   * name: the greatest event time it accepted minus its allowed lateness (absent until it saw one).
   */
  readonly watermarks: Record<string, number>;
}

/** Pushes one batch `(time, records)` to the next stage; `time` is a batch time in ms. */
export type Emit<B> = (timeMs: number, records: B[]) => void;

/**
 * One operator instance of one pipeline instance (one task).
 *
 * Every stage receives every batch of its parent, including empty ones, and pushes zero or more
 * batches downstream: stateless stages exactly one per input batch (Spark runs every DStream at
 * every batch time), processing-time windows only at their slide points, possibly several at
 * once when they catch up after a gap.
 */
export interface Stage<A, B> {
  push(timeMs: number, records: readonly A[], emit: Emit<B>, ctx: BatchContext): void;
}

/** Creates a stage for a new pipeline instance; stateful stages create their stores in `stores`. */
export type StageFactory<A, B> = (stores: StoreRegistry) => Stage<A, B>;

/** A stage that maps each batch to exactly one output batch at the same time. */
export function batchStage<A, B>(fn: (records: readonly A[], timeMs: number) => B[]): Stage<A, B> {
  return { push: (timeMs, records, emit) => emit(timeMs, fn(records, timeMs)) };
}
