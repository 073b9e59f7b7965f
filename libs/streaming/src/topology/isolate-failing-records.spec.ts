import { KeyValueStore } from '../state/key-value-store';
import { BatchFailedWithoutRecordsError, isolateFailingRecords } from './isolate-failing-records';

/** A batch that adds each number to a running sum, and throws (after a partial update) on a poison. */
function summing(poison: (n: number) => boolean) {
  const store = new KeyValueStore<number>('sum');
  let runs = 0;
  const run = (batch: readonly number[]) => {
    runs++;
    for (const n of batch) {
      if (poison(n)) throw new RangeError(`poison ${n}`);
      store.put('sum', (store.get('sum') ?? 0) + n);
      store.put(`seen-${n}`, n);
    }
    return [...batch];
  };
  return { store, run, runs: () => runs };
}

describe(isolateFailingRecords.name, () => {
  it('runs a batch without failures once, keeping its changes', () => {
    const s = summing(() => false);
    const r = isolateFailingRecords([s.store], [1, 2, 3], s.run);
    expect(r).toEqual({ result: [1, 2, 3], failures: [] });
    expect(s.runs()).toBe(1);
    expect(s.store.get('sum')).toBe(6);
  });

  it('takes out the failing record and keeps exactly the state of the batch without it', () => {
    const s = summing((n) => n === 13);
    s.store.put('sum', 100);
    s.store.drainChanges();
    const r = isolateFailingRecords([s.store], [1, 2, 13, 4], s.run);
    expect(r.result).toEqual([1, 2, 4]);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].record).toBe(13);
    expect(String(r.failures[0].error)).toBe('RangeError: poison 13');
    expect(s.store.get('sum')).toBe(107);
    expect(s.store.drainChanges().sort()).toEqual([['seen-1', 1], ['seen-2', 2], ['seen-4', 4], ['sum', 107]]);
  });

  it('takes out several failing records, first and last included', () => {
    const s = summing((n) => n < 0);
    const r = isolateFailingRecords([s.store], [-1, 2, -3, 4, 5, -6], s.run);
    expect(r.failures.map((f) => f.record)).toEqual([-1, -3, -6]);
    expect(r.result).toEqual([2, 4, 5]);
    expect(s.store.get('sum')).toBe(11);
  });

  it('needs about log2(n) trial runs for one failing record in a large batch', () => {
    const s = summing((n) => n === 700);
    const batch = Array.from({ length: 1024 }, (_, i) => i);
    const r = isolateFailingRecords([s.store], batch, s.run);
    expect(r.failures.map((f) => f.record)).toEqual([700]);
    expect(s.runs()).toBeLessThanOrEqual(1 + 1 + 10 + 1); // full, empty, bisection, final
  });

  it('blames the record that makes the batch fail together with the records before it', () => {
    const store = new KeyValueStore<number>('n');
    const run = (batch: readonly string[]) => {
      for (const x of batch) store.put(x, 1);
      if (batch.includes('a') && batch.includes('b')) throw new Error('a and b together');
      return batch.length;
    };
    const r = isolateFailingRecords([store], ['a', 'x', 'b', 'y'], run);
    expect(r.failures.map((f) => f.record)).toEqual(['b']);
    expect([...store.entries()].map(([k]) => k).sort()).toEqual(['a', 'x', 'y']);
  });

  it('throws when even the empty batch fails, with the stores rolled back and the savepoints released', () => {
    const store = new KeyValueStore<number>('n');
    store.put('before', 1);
    const run = () => {
      store.put('half', 1);
      throw new Error('timer output cannot be encoded');
    };
    let thrown: unknown;
    try {
      isolateFailingRecords([store], [1, 2], run);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BatchFailedWithoutRecordsError);
    expect(((thrown as Error).cause as Error).message).toBe('timer output cannot be encoded');
    expect([...store.entries()]).toEqual([['before', 1]]);
    expect(() => store.rollback()).toThrow('no savepoint');
  });
});
