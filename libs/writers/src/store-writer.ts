import type { Decoded } from '@sluice/contracts';
import { deadLetter, StreamRecord } from '@sluice/streaming';
import type { BatchContext, RecordProducer } from '@sluice/kafka';
import type { Logger, SluiceMetrics } from '@sluice/observability';
import { backoffDelay } from './backoff';
import { StoreAdapter, VersionedUpsert, WriteRejection } from './store-adapter';

/** Decodes a result record into the key and value to upsert. */
export type ResultDecoder<T> = (record: StreamRecord) => Decoded<{ key: string; value: T }>;

export interface StoreWriterOptions<T> {
  adapter: StoreAdapter<T>;
  /** Decoder per consumed topic. */
  decoders: ReadonlyMap<string, ResultDecoder<T>>;
  dlq: RecordProducer;
  service: string;
  retryInitialMs: number;
  retryMaxMs: number;
  logger: Logger;
  metrics: SluiceMetrics;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The behaviour every writer shares, whatever the store:
 * 1. decode each record; undecodable ones (null, not JSON, wrong schema) go to `<topic>.dlq`;
 * 2. keep only the newest record per key within the batch (they are absolute values);
 * 3. write the batch through the adapter, retrying transient errors with capped exponential
 *    backoff and jitter for as long as the store is down (heartbeating so the group keeps us);
 * 4. send items the store refused for good to the DLQ;
 * 5. return, so the consumer commits the offsets (at-least-once; idempotent upserts make it
 *    effectively exactly-once in the store).
 */
export class StoreWriter<T> {
  private readonly log: Logger;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: StoreWriterOptions<T>) {
    this.log = o.logger.child({ context: StoreWriter.name, store: o.adapter.store });
    this.clock = o.clock ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Handles one fetched batch. @throws only when stopping mid-retry (nothing is committed then) */
  async handle(records: readonly StreamRecord[], ctx: BatchContext): Promise<void> {
    const newest = new Map<string, VersionedUpsert<T>>();
    const dead: WriteRejection[] = [];
    for (const record of records) {
      const decode = this.o.decoders.get(record.topic);
      const d = decode ? decode(record) : { ok: false as const, reason: 'schema-invalid' as const, detail: `no decoder for topic ${record.topic}` };
      if (!d.ok) {
        dead.push({ record, reason: d.reason, detail: d.detail });
        continue;
      }
      const item = { topic: record.topic, key: d.value.key, value: d.value.value, version: Number(record.offset), record };
      const id = `${record.topic}\u0000${item.key}`;
      const prev = newest.get(id);
      if (!prev || prev.version < item.version) newest.set(id, item);
    }
    const items = [...newest.values()];
    if (items.length) {
      const refused = await this.writeWithRetry(items, ctx);
      dead.push(...refused);
      this.o.metrics.recordsOut.inc({ topic: this.o.adapter.store }, items.length - refused.length);
    }
    if (dead.length) await this.sendToDlq(dead);
  }

  private async writeWithRetry(items: VersionedUpsert<T>[], ctx: BatchContext): Promise<WriteRejection[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.o.adapter.write(items);
      } catch (err) {
        if (!this.o.adapter.isTransient(err)) {
          // A non-transient failure of the whole batch: write item by item to isolate the poison.
          this.log.warn({ err, items: items.length }, 'batch refused; isolating the bad items');
          return this.writeOneByOne(items, ctx);
        }
        if (!ctx.isRunning()) throw new Error('writer stopping during a retry; offsets stay uncommitted', { cause: err });
        const delay = backoffDelay(attempt, this.o.retryInitialMs, this.o.retryMaxMs);
        this.o.metrics.storeRetries.inc({ store: this.o.adapter.store });
        this.log.warn({ err: (err as Error).message, attempt, delayMs: delay }, 'store unavailable; retrying');
        await this.sleep(delay);
        await ctx.heartbeat().catch(() => undefined); // a failed heartbeat surfaces as a rebalance on the next batch
      }
    }
  }

  private async writeOneByOne(items: VersionedUpsert<T>[], ctx: BatchContext): Promise<WriteRejection[]> {
    const refused: WriteRejection[] = [];
    for (const item of items) {
      try {
        refused.push(...(await this.o.adapter.write([item])));
      } catch (err) {
        if (this.o.adapter.isTransient(err)) {
          refused.push(...(await this.writeWithRetry([item], ctx)));
        } else {
          refused.push({ record: item.record, reason: 'not-writable' as const, detail: `${this.o.adapter.store} refused it: ${(err as Error).message}` });
        }
      }
    }
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

