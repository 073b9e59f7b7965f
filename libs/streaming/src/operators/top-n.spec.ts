import { byCountDescThenKey, topN } from './top-n';

describe(topN.name, () => {
  it('keeps the first n in compare order without modifying the input', () => {
    const items: Array<[string, number]> = [['b', 2], ['a', 2], ['c', 5]];
    expect(topN(items, 2, byCountDescThenKey)).toEqual([['c', 5], ['a', 2]]);
    expect(items).toEqual([['b', 2], ['a', 2], ['c', 5]]);
  });

  it('gives everything sorted when n exceeds the input, and nothing for n <= 0', () => {
    expect(topN([3, 1, 2], 10, (a, b) => a - b)).toEqual([1, 2, 3]);
    expect(topN([3, 1, 2], 0, (a, b) => a - b)).toEqual([]);
  });

  it('rejects a fractional n', () => {
    expect(() => topN([1], 1.5, (a, b) => a - b)).toThrow(RangeError);
  });
});

describe(byCountDescThenKey.name, () => {
  it('breaks count ties by key in code-unit order', () => {
    expect([['Volcan', 1], ['Qatar2022', 1], ['Morata', 2]].sort((a, b) => byCountDescThenKey(a as [string, number], b as [string, number]))).toEqual([
      ['Morata', 2],
      ['Qatar2022', 1],
      ['Volcan', 1],
    ]);
  });
});
