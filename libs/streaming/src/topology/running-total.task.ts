import { encodeWordCount, Topics } from '@sluice/contracts';
import { KeyValueStore } from '../state/key-value-store';
import { deadLetter, processingFailure } from './dead-letter';
import { isolateFailingRecords } from './isolate-failing-records';
import { OutputRecord, StreamRecord } from './stream-record';
import { decodeBatchCount } from './text-lines.task';
import { StreamTask } from './topology';

/**
 * The `word-counts` job's stateful half, on one partition of its repartition topic: adds each
 * per-batch word count to the word's running total in `storeName` (Spark's `updateStateByKey` with
 * a sum; one word lives in exactly one partition) and publishes the absolute total on
 * `word-counts` (key = word, value `WordCount`, `updatedAt` = the upstream batch time).
 * A batch that throws is rolled back and re-run without the records that make it throw, each
 * dead-lettered with `processing-error` (see {@link isolateFailingRecords}).
 */
export class RunningTotalTask implements StreamTask {
  private readonly totals: KeyValueStore<number>;
  readonly stores;

  constructor(storeName: string, private readonly o: { service: string; now: () => number }) {
    this.totals = new KeyValueStore<number>(storeName);
    this.stores = [this.totals];
  }

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const out: OutputRecord[] = [];
    const counts: Array<{ record: StreamRecord; count: [string, number] }> = [];
    for (const r of records) {
      const d = decodeBatchCount(r);
      if (d.ok) counts.push({ record: r, count: d.value });
      else out.push(deadLetter(r, d.reason, d.detail, this.o.service, this.o.now()));
    }
    const { result, failures } = isolateFailingRecords(this.stores, counts, (batch) => this.add(batch.map((c) => c.count), batchTimeMs));
    for (const f of failures) out.push(processingFailure(f.record.record, f.error, this.o.service, this.o.now()));
    return [...out, ...result];
  }

  /** Adds the counts to the totals and encodes the changed totals (it may throw; the caller rolls back). */
  private add(counts: ReadonlyArray<[string, number]>, batchTimeMs: number): OutputRecord[] {
    const changed = new Set<string>();
    for (const [word, n] of counts) {
      this.totals.put(word, (this.totals.get(word) ?? 0) + n);
      changed.add(word);
    }
    const out: OutputRecord[] = [];
    if (changed.size === 0) return out;
    const updatedAt = new Date(batchTimeMs).toISOString();
    for (const word of changed) {
      const { key, value } = encodeWordCount({ word, count: this.totals.get(word)!, updatedAt });
      out.push({ topic: Topics.wordCounts, key, value });
    }
    return out;
  }
}
