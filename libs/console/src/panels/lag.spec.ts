import { LagTracker, partitionLags } from './lag';

const ends = [
  { topic: 'word-counts', partition: 0, low: 0, high: 100 },
  { topic: 'word-counts', partition: 1, low: 10, high: 50 },
  { topic: 'other', partition: 0, low: 0, high: 7 },
];

describe('partitionLags', () => {
  it('is end minus committed; a partition never committed counts from its earliest offset', () => {
    const rows = partitionLags({ group: 'g', committed: [{ topic: 'word-counts', partition: 0, offset: 60 }, { topic: 'word-counts', partition: 1, offset: -1 }], ends });
    expect(rows).toEqual([
      { group: 'g', topic: 'word-counts', partition: 0, committed: 60, end: 100, lag: 40 },
      { group: 'g', topic: 'word-counts', partition: 1, committed: null, end: 50, lag: 40 },
    ]);
  });

  it('lists no topic the group never committed on', () => {
    expect(partitionLags({ group: 'g', committed: [{ topic: 'word-counts', partition: 0, offset: -1 }], ends })).toEqual([]);
  });
});

describe('LagTracker', () => {
  it('estimates lag in seconds from the commit rate and keeps total lag per group', () => {
    const t = new LagTracker();
    const answer = (offset: number, high: number) => [{ group: 'g', committed: [{ topic: 'a', partition: 0, offset }], ends: [{ topic: 'a', partition: 0, low: 0, high }] }];
    expect(t.record(answer(100, 1100), 0)[0].lagSeconds).toBeNull(); // one sample: no rate yet
    const [r] = t.record(answer(300, 1300), 2000); // 100 records/s, lag 1000
    expect(r).toMatchObject({ lag: 1000, lagSeconds: 10 });
    expect(t.record(answer(300, 1400), 4000)[0].lagSeconds).toBeCloseTo(1100 / 50);
    expect(t.record(answer(1400, 1400), 6000)[0].lagSeconds).toBe(0);
    expect(t.totals().g.map((p) => p.lag)).toEqual([1000, 1000, 1100, 0]);
  });

  it('reports no seconds for a group that stopped committing', () => {
    const t = new LagTracker();
    const answer = (high: number) => [{ group: 'g', committed: [{ topic: 'a', partition: 0, offset: 5 }], ends: [{ topic: 'a', partition: 0, low: 0, high }] }];
    t.record(answer(10), 0);
    expect(t.record(answer(20), 2000)[0]).toMatchObject({ lag: 15, lagSeconds: null });
  });
});
