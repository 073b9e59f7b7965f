import { KeyValueStore } from '../state/key-value-store';
import { ReduceByKeyAndWindow } from './reduce-by-key-and-window';

type Pair = readonly [string, number];
const sum = (a: number, b: number) => a + b;
const minus = (a: number, b: number) => a - b;

// The seed's visits example (course document 001), one batch per second.
const visits: Pair[][] = [
  [['Web', 1], ['Web', 3], ['Store', 2], ['social_media', 1], ['Store', 2]],
  [['Store', 1], ['Web', 3], ['Store', 2], ['Web', 2], ['social_media', 3]],
  [['Web', 2], ['Store', 1], ['social_media', 1]],
  [],
  [],
  [],
];
const times = [1000, 2000, 3000, 4000, 5000, 6000];

/** Expected results derived from the definition: the sum over batches in (t − 3 s, t]. */
const slide1: Array<Record<string, number> | undefined> = [
  { Web: 4, Store: 4, social_media: 1 }, // b1
  { Web: 9, Store: 7, social_media: 4 }, // b1 + b2
  { Web: 11, Store: 8, social_media: 5 }, // b1 + b2 + b3
  { Web: 7, Store: 4, social_media: 4 }, // b2 + b3
  { Web: 2, Store: 1, social_media: 1 }, // b3
  {}, // nothing left in the window
];
const slide2: Array<Record<string, number> | undefined> = [undefined, { Web: 9, Store: 7, social_media: 4 }, undefined, { Web: 7, Store: 4, social_media: 4 }, undefined, {}];

function run(op: ReduceByKeyAndWindow<number>, batches = visits) {
  return batches.map((b, i) => {
    const out = op.process(b, times[i]);
    return out && Object.fromEntries(out);
  });
}

describe(ReduceByKeyAndWindow.name, () => {
  describe('process', () => {
    it.each([
      ['without inverse', undefined],
      ['with inverse', minus],
    ])('gives the visits example over 3 batches at slide 1 (%s)', (_, inverse) => {
      const op = new ReduceByKeyAndWindow<number>({ name: 'visits', reduce: sum, inverse, lengthMs: 3000, slideMs: 1000, batchIntervalMs: 1000 });
      expect(run(op)).toEqual(slide1);
    });

    it.each([
      ['without inverse', undefined],
      ['with inverse', minus],
    ])('gives the visits example over 3 batches at slide 2 (%s): results only at multiples of the slide', (_, inverse) => {
      const op = new ReduceByKeyAndWindow<number>({ name: 'visits', reduce: sum, inverse, lengthMs: 3000, slideMs: 2000, batchIntervalMs: 1000 });
      expect(run(op)).toEqual(slide2);
    });

    it('keeps a key whose window value is zero without the inverse, drops it with the inverse', () => {
      const batches: Pair[][] = [[['a', 1], ['b', 1]], [['a', -1]], []];
      const plain = new ReduceByKeyAndWindow<number>({ name: 'z', reduce: sum, lengthMs: 3000, slideMs: 1000, batchIntervalMs: 1000 });
      const inc = new ReduceByKeyAndWindow<number>({ name: 'z', reduce: sum, inverse: minus, lengthMs: 3000, slideMs: 1000, batchIntervalMs: 1000 });
      expect(run(plain, batches)[1]).toEqual({ a: 0, b: 1 });
      expect(run(inc, batches)[1]).toEqual({ a: 0, b: 1 });
      const expiring: Pair[][] = [[['a', 1]], [], [], []];
      const inc2 = new ReduceByKeyAndWindow<number>({ name: 'z', reduce: sum, inverse: minus, lengthMs: 2000, slideMs: 1000, batchIntervalMs: 1000 });
      expect(run(inc2, expiring)).toEqual([{ a: 1 }, { a: 1 }, {}, {}]);
    });

    it('returns an empty result for empty batches and keeps no state for them', () => {
      const op = new ReduceByKeyAndWindow<number>({ name: 'e', reduce: sum, lengthMs: 2000, slideMs: 1000, batchIntervalMs: 1000 });
      expect(op.process([], 1000)).toEqual(new Map());
      expect(op.slices.size).toBe(0);
    });

    it('counts a key seen once only while its batch is in the window', () => {
      const op = new ReduceByKeyAndWindow<number>({ name: 'once', reduce: sum, lengthMs: 2000, slideMs: 1000, batchIntervalMs: 1000 });
      expect(Object.fromEntries(op.process([['solo', 1]], 1000)!)).toEqual({ solo: 1 });
      expect(Object.fromEntries(op.process([], 2000)!)).toEqual({ solo: 1 });
      expect(Object.fromEntries(op.process([], 3000)!)).toEqual({});
    });

    it('continues identically after a restart restored from its changelog (mid-window)', () => {
      const opts = { name: 'visits', reduce: sum, inverse: minus, lengthMs: 3000, slideMs: 1000, batchIntervalMs: 1000 };
      const first = new ReduceByKeyAndWindow<number>(opts);
      const changelog = new Map<string, Map<string, unknown>>();
      const persist = (stores: KeyValueStore<unknown>[]) => {
        for (const s of stores) {
          const log = changelog.get(s.name) ?? new Map();
          for (const [k, v] of s.drainChanges()) log.set(k, v);
          changelog.set(s.name, log);
        }
      };
      const before = visits.slice(0, 2).map((b, i) => {
        const out = first.process(b, times[i]);
        persist(first.stores);
        return out && Object.fromEntries(out);
      });
      const second = new ReduceByKeyAndWindow<number>(opts);
      for (const s of second.stores) for (const [k, v] of changelog.get(s.name) ?? []) s.restore(k, v as never);
      const after = visits.slice(2).map((b, i) => {
        const out = second.process(b, times[i + 2]);
        return out && Object.fromEntries(out);
      });
      expect([...before, ...after]).toEqual(slide1);
    });
  });

  describe('constructor', () => {
    it('fails when the length is not a multiple of the batch interval, naming both values', () => {
      expect(() => new ReduceByKeyAndWindow<number>({ name: 'x', reduce: sum, lengthMs: 2500, slideMs: 1000, batchIntervalMs: 1000 })).toThrow(
        'window length 2500 ms must be a positive multiple of the batch interval 1000 ms',
      );
    });

    it('fails when the slide is not a multiple of the batch interval, naming both values', () => {
      expect(() => new ReduceByKeyAndWindow<number>({ name: 'x', reduce: sum, lengthMs: 3000, slideMs: 1500, batchIntervalMs: 1000 })).toThrow(
        'window slide 1500 ms must be a positive multiple of the batch interval 1000 ms',
      );
    });

    it('accepts length and slide that are multiples, and names its stores from the operator name', () => {
      const op = new ReduceByKeyAndWindow<number>({ name: 'visits', reduce: sum, inverse: minus, lengthMs: 3000, slideMs: 1000, batchIntervalMs: 1000 });
      expect(op.stores.map((s) => s.name)).toEqual(['visits-slices', 'visits-window']);
    });
  });
});
