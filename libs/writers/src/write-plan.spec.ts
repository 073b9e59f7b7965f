import { decoded, rejected } from '@sluice/contracts';
import type { StreamRecord } from '@sluice/streaming';
import type { ResultDecoder } from './store-writer';
import { handledPrefix, planWrites } from './write-plan';

/** `key=value` records of topic `t`, offsets from 100; `null` values are undecodable. */
const batch = (...kv: Array<[string, number | null]>): StreamRecord[] =>
  kv.map(([key, value], i) => ({
    topic: 't',
    partition: 0,
    offset: String(100 + i),
    key: Buffer.from(key),
    value: value === null ? null : Buffer.from(String(value)),
    timestamp: 0,
    headers: {},
  }));
const decode: ResultDecoder<number> = (r) => (r.value ? decoded({ key: r.key!.toString(), value: Number(r.value.toString()) }) : rejected('null-value', 'no value'));
const decoders = new Map([['t', decode]]);

describe(planWrites.name, () => {
  it('keeps the newest value per key, ordered by the key\'s first record, with its offset as version', () => {
    const plan = planWrites(batch(['b', 1], ['a', 2], ['b', 3], ['c', 4], ['a', 5]), decoders);
    expect(plan.items.map((i) => [i.key, i.value, i.version])).toEqual([
      ['b', 3, 102],
      ['a', 5, 104],
      ['c', 4, 103],
    ]);
    expect(plan.firstPositions).toEqual([0, 1, 3]);
    expect(plan.rejected).toEqual([]);
  });

  it('lists undecodable records and records of a topic without decoder with their positions', () => {
    const records = batch(['a', 1], ['x', null], ['b', 2]);
    records.push({ ...records[0], topic: 'other', offset: '103' });
    const plan = planWrites(records, decoders);
    expect(plan.items.map((i) => i.key)).toEqual(['a', 'b']);
    expect(plan.rejected.map((r) => [r.position, r.reason])).toEqual([
      [1, 'null-value'],
      [3, 'schema-invalid'],
    ]);
  });
});

describe(handledPrefix.name, () => {
  // positions: 0 b, 1 a, 2 b, 3 c, 4 a, 5 d
  const plan = planWrites(batch(['b', 1], ['a', 2], ['b', 3], ['c', 4], ['a', 5], ['d', 6]), decoders);

  it('is the whole batch once every item is written', () => {
    expect(handledPrefix(plan, 4, 6)).toBe(6);
  });

  it('stops before the first record of the first unwritten key', () => {
    expect(handledPrefix(plan, 0, 6)).toBe(0);
    expect(handledPrefix(plan, 1, 6)).toBe(1); // b written; a (position 1) is not
    expect(handledPrefix(plan, 2, 6)).toBe(3); // b and a written; c first at 3
    expect(handledPrefix(plan, 3, 6)).toBe(5); // d first at 5
  });

  it('covers leading undecodable records even when nothing is written', () => {
    const p = planWrites(batch(['x', null], ['x', null], ['a', 1]), decoders);
    expect(handledPrefix(p, 0, 3)).toBe(2);
    expect(planWrites(batch(['x', null]), decoders).items).toEqual([]);
    expect(handledPrefix(planWrites(batch(['x', null]), decoders), 0, 1)).toBe(1);
  });
});
