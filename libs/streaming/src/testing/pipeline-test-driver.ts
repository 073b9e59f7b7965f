import type { BatchResult, Pipeline } from '../stream/pipeline';
import { InMemoryChangelog } from './in-memory-changelog';
import { ManualClock } from './manual-clock';

/** Options of {@link PipelineTestDriver}. */
export interface PipelineTestDriverOptions {
  /** Batch interval (ms): the clock advances by it after each batch. */
  batchIntervalMs: number;
  /** Time of the first batch (ms). Default: one interval after 0, as Spark's first batch comes one interval after its zero time. */
  startMs?: number;
}

/**
 * Drives a pipeline deterministically, without Kafka or real time: Spark's `queueStream` (a list of
 * batches, one per interval) crossed with Kafka Streams' `TopologyTestDriver` (state in memory,
 * inspectable, restartable).
 *
 * Each {@link runBatch} processes the records at the virtual clock's time, commits the state changes
 * to an {@link InMemoryChangelog} (as the runtime commits them with the outputs) and advances the
 * clock by one interval. {@link restart} simulates a crash or rebalance after the last commit: a new
 * instance is built and restored from the changelog. {@link crashDuring} processes a batch and loses
 * it (outputs and state changes) before the commit, then restarts.
 *
 * @example
 * ```ts
 * const driver = new PipelineTestDriver(() => stream.build(), { batchIntervalMs: 1000 });
 * const [b1, b2] = driver.queueStream([[['Web', 1]], [['Web', 3]]]);
 * driver.restart();
 * driver.runEmpty(3);
 * ```
 */
export class PipelineTestDriver<I, O, L = never> {
  readonly clock: ManualClock;
  readonly changelog = new InMemoryChangelog();
  /** Every committed batch result, in order (a crashed batch is not here). */
  readonly history: Array<BatchResult<O, L>> = [];
  /** Instances built so far (1 + restarts). */
  instances = 0;
  private pipeline: Pipeline<I, O, L>;

  constructor(
    private readonly build: () => Pipeline<I, O, L>,
    private readonly o: PipelineTestDriverOptions,
  ) {
    this.clock = new ManualClock(o.startMs ?? o.batchIntervalMs);
    this.pipeline = this.fresh();
  }

  /** The current instance (its stores can be inspected). */
  get current(): Pipeline<I, O, L> {
    return this.pipeline;
  }

  /** Processes one batch at the clock's time, commits it and advances the clock by one interval. */
  runBatch(records: readonly I[]): BatchResult<O, L> {
    const result = this.pipeline.process(records, this.clock.now());
    this.changelog.commit(this.pipeline.stores());
    this.history.push(result);
    this.clock.advance(this.o.batchIntervalMs);
    return result;
  }

  /** Runs the batches one interval apart (Spark's `queueStream`, one batch per interval). */
  queueStream(batches: ReadonlyArray<readonly I[]>): Array<BatchResult<O, L>> {
    return batches.map((b) => this.runBatch(b));
  }

  /** Runs `count` empty batches. */
  runEmpty(count: number): Array<BatchResult<O, L>> {
    return Array.from({ length: count }, () => this.runBatch([]));
  }

  /** Builds a new instance and restores it from the changelog (a restart after the last commit). */
  restart(): void {
    this.pipeline = this.fresh();
  }

  /**
   * Processes a batch at the clock's time, then crashes before its commit: its outputs and state
   * changes are lost and a restored instance takes over. The clock does not move, so the next
   * {@link runBatch} retries the batch as the runtime does after re-reading the uncommitted input.
   */
  crashDuring(records: readonly I[]): BatchResult<O, L> {
    const lost = this.pipeline.process(records, this.clock.now());
    this.restart();
    return lost;
  }

  /** Every committed output record, in order. */
  allOutputs(): O[] {
    return this.history.flatMap((r) => r.records);
  }

  private fresh(): Pipeline<I, O, L> {
    const pipeline = this.build();
    this.changelog.restoreInto(pipeline.stores());
    this.instances++;
    return pipeline;
  }
}
