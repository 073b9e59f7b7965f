import type { Decoded } from '@sluice/contracts';
import { deadLetter, StreamRecord } from '@sluice/streaming';
import type { BatchContext, RecordProducer } from '@sluice/kafka';
import type { Logger, SluiceMetrics } from '@sluice/observability';
import { backoffDelay } from './backoff';
import { StoreAdapter, VersionedUpsert, WriteRejection } from './store-adapter';
import { withHeartbeats } from './heartbeats';
import { describeFailure, safeMessage } from './store-failure';
import { StoreWriteStatus } from './store-write-status';
import { handledPrefix, planWrites } from './write-plan';

/** Decodes a result record into the key and value to upsert. */
export type ResultDecoder<T> = (record: StreamRecord) => Decoded<{ key: string; value: T }>;

export interface StoreWriterOptions<T> {
  adapter: StoreAdapter<T>;
  /** Decoder per consumed topic. */
  decoders: ReadonlyMap<string, ResultDecoder<T>>;
  /** Where undecodable and refused records go (`<topic>.dlq`). */
  dlq: Pick<RecordProducer, 'send'>;
  service: string;
  /** Most upserts per store write (`WRITER_BATCH_SIZE`), >= 1. */
  batchSize: number;
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
  metrics: SluiceMetrics;
  /** Readiness and pause metrics of the store (default: one of its own on `metrics.registry`). */
  status?: StoreWriteStatus;
  /** ms between heartbeats while a slice is being written (default 1000; kafkajs throttles to its heartbeat interval). */
  heartbeatTickMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The behaviour every writer shares, whatever the store:
 * 1. decode each record; undecodable ones (null, not JSON, wrong schema) go to `<topic>.dlq`;
 * 2. keep only the newest record per key within the batch (they are absolute values);
 * 3. write them through the adapter in slices of `batchSize`, retrying with capped exponential
 *    backoff and jitter for as long as the store is down (transient) or refuses every write
 *    (store-refused: out of memory, read-only, no permission, missing table), heartbeating all
 *    the while so the group keeps us through slow writes and outages; nothing is committed or
 *    dead-lettered meanwhile and `/health` says why ({@link StoreWriteStatus});
 * 4. when the store rejects a value (record-rejected), write the slice item by item and send only
 *    the rejected items to the DLQ (a store-level failure met meanwhile pauses again);
 * 5. return how many records are handled, so the consumer commits the offsets (at-least-once;
 *    idempotent upserts make it effectively exactly-once in the store). A poison record may reach
 *    the DLQ twice when the writer stops early (it is fetched again); nothing is lost.
 */
export class StoreWriter<T> {
  private readonly log: Logger;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly status: StoreWriteStatus;

  constructor(private readonly o: StoreWriterOptions<T>) {
    this.log = o.logger.child({ context: StoreWriter.name, store: o.adapter.store });
    this.clock = o.clock ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.status = o.status ?? new StoreWriteStatus(o.adapter.store, () => o.adapter.ping(), o.metrics.registry);
  }

  /**
   * Handles one fetched partition batch (records in offset order). The newest upsert per key is
   * written in slices of `batchSize` items; between slices the writer heartbeats and, when the
   * consumer is stopping or the partition was revoked, stops early so shutdown and rebalances do
   * not wait for a whole large batch.
   *
   * @returns how many leading records are handled (written or dead-lettered): `records.length`
   *   normally, fewer when it stopped early; the caller commits the offset after that prefix
   * @throws only when stopping mid-retry before the first slice was written (nothing to commit)
   */
  async handle(records: readonly StreamRecord[], ctx: BatchContext): Promise<number> {
    const plan = planWrites(records, this.o.decoders);
    const refused: WriteRejection[] = [];
    let written = 0;
    while (written < plan.items.length) {
      if (written > 0 && !(await this.stillOwned(ctx))) break;
      const slice = plan.items.slice(written, written + this.o.batchSize);
      try {
        const rejected = await withHeartbeats(ctx, this.o.heartbeatTickMs ?? 1000, () => this.writeWithRetry(slice, ctx));
        refused.push(...rejected);
        this.o.metrics.recordsOut.inc({ topic: this.o.adapter.store }, slice.length - rejected.length);
      } catch (err) {
        if (written === 0) throw err;
        // Only a stop during a retry gets here: the slices already written are committed.
        this.log.warn({ err: (err as Error).message, written }, 'write interrupted; committing the slices already written');
        break;
      }
      written += slice.length;
    }
    const handled = handledPrefix(plan, written, records.length);
    if (handled < records.length) this.log.info({ handled, records: records.length }, 'stopping: committing the records written so far');
    // Poison refused by the store comes from written slices; undecodable records only within the prefix
    // (the rest are fetched again).
    const dead = [...plan.rejected.filter((r) => r.position < handled), ...refused];
    if (dead.length) await this.sendToDlq(dead);
    return handled;
  }

  /** Heartbeats between slices; false when the consumer stops, the partition was revoked or a rebalance began. */
  private async stillOwned(ctx: BatchContext): Promise<boolean> {
    if (!ctx.isRunning()) return false;
    try {
      await ctx.heartbeat();
      return ctx.isRunning();
    } catch {
      return false; // e.g. REBALANCE_IN_PROGRESS: let the group rebalance now
    }
  }

  /**
   * Writes `items` until the store takes them. Transient failures and store-level refusals are
   * waited out with capped backoff (nothing committed, nothing dead-lettered, `/health` down with
   * the reason); a record-level rejection of several items isolates them one by one, of a single
   * item dead-letters it.
   */
  private async writeWithRetry(items: VersionedUpsert<T>[], ctx: BatchContext): Promise<WriteRejection[]> {
    const token = {};
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.o.adapter.write(items);
        } catch (err) {
          const failure = this.o.adapter.classify(err);
          if (failure.kind === 'record-rejected') {
            this.status.done(token);
            if (items.length === 1) return [{ record: items[0].record, reason: 'not-writable', detail: describeFailure(this.o.adapter.store, failure, err) }];
            this.log.warn({ err: safeMessage(err), code: failure.code, items: items.length }, 'the store rejected a value of the batch; isolating the bad items');
            return await this.writeOneByOne(items, ctx);
          }
          const detail = this.status.failing(token, failure, err);
          if (!ctx.isRunning()) throw new Error('writer stopping during a retry; this slice stays uncommitted', { cause: err });
          const delay = backoffDelay(attempt, this.o.retryInitialMs, this.o.retryMaxMs);
          this.o.metrics.storeRetries.inc({ store: this.o.adapter.store });
          this.log.warn({ kind: failure.kind, code: failure.code, detail, attempt, delayMs: delay }, failure.kind === 'store-refused' ? 'store refuses writes; paused, retrying' : 'store unavailable; retrying');
          await this.sleep(delay); // withHeartbeats around the slice keeps the group membership meanwhile
        }
      }
    } finally {
      this.status.done(token);
    }
  }

  /** Isolates the values a store rejected: each item on its own, still pausing on store-level failures. */
  private async writeOneByOne(items: VersionedUpsert<T>[], ctx: BatchContext): Promise<WriteRejection[]> {
    const refused: WriteRejection[] = [];
    for (const item of items) refused.push(...(await this.writeWithRetry([item], ctx)));
    return refused;
  }

  private async sendToDlq(dead: readonly WriteRejection[]): Promise<void> {
    const byTopic = new Map<string, ReturnType<typeof deadLetter>[]>();
    for (const d of dead) {
      const out = deadLetter(d.record, d.reason, d.detail, this.o.service, this.clock());
      let list = byTopic.get(out.topic);
      if (!list) byTopic.set(out.topic, (list = []));
      list.push(out);
      this.o.metrics.dlqRecords.inc({ topic: out.topic, reason: d.reason });
      this.log.warn({ topic: d.record.topic, partition: d.record.partition, offset: d.record.offset, reason: d.reason, detail: d.detail }, 'record sent to the DLQ');
    }
    for (const [topic, list] of byTopic) await this.o.dlq.send(topic, list);
  }
}

