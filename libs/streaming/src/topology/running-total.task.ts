import { encodeWordCount, Topics } from '@sluice/contracts';
import { KeyValueStore } from '../state/key-value-store';
import { deadLetter } from './dead-letter';
import { OutputRecord, StreamRecord } from './stream-record';
import { decodeBatchCount } from './text-lines.task';
import { StreamTask } from './topology';

/**
 * The `word-counts` job's stateful half, on one partition of its repartition topic: adds each
 * per-batch word count to the word's running total in `storeName` (Spark's `updateStateByKey` with
 * a sum; one word lives in exactly one partition) and publishes the absolute total on
 * `word-counts` (key = word, value `WordCount`, `updatedAt` = the upstream batch time).
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
    const changed = new Set<string>();
    for (const r of records) {
      const d = decodeBatchCount(r);
      if (!d.ok) {
        out.push(deadLetter(r, d.reason, d.detail, this.o.service, this.o.now()));
        continue;
      }
      const [word, n] = d.value;
      this.totals.put(word, (this.totals.get(word) ?? 0) + n);
      changed.add(word);
    }
    const updatedAt = new Date(batchTimeMs).toISOString();
    for (const word of changed) {
      const { key, value } = encodeWordCount({ word, count: this.totals.get(word)!, updatedAt });
      out.push({ topic: Topics.wordCounts, key, value });
    }
    return out;
  }
}
