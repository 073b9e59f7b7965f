import { feedTransactionalId, linesFrom } from './text-feed';

const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const l of it) out.push(l);
  return out;
};
async function* stream(lines: string[]) {
  yield* lines;
}

describe(linesFrom.name, () => {
  it('starts a file at the checkpoint line and ends with it', async () => {
    expect(await collect(linesFrom(['a', 'b', 'c', 'd'], 2))).toEqual(['c', 'd']);
    expect(await collect(linesFrom(['a', 'b'], 2))).toEqual([]);
  });

  it('counts on across repetitions of a corpus up to end', async () => {
    expect(await collect(linesFrom(['a', 'b', 'c'], 2, 7))).toEqual(['c', 'a', 'b', 'c', 'a']);
  });

  it('skips and bounds a stream', async () => {
    expect(await collect(linesFrom(stream(['a', 'b', 'c', 'd']), 1, 3))).toEqual(['b', 'c']);
  });
});

describe(feedTransactionalId.name, () => {
  const kafka = { brokers: ['x:9092'], partitions: 6, replicationFactor: 1, maxRecordBytes: 1048576, maxEventTimeSkewMs: 86400000, clientIdPrefix: 'sluice', security: {} };

  it('is the same for the same source, and differs between sources', () => {
    expect(feedTransactionalId(kafka, '/data/a.txt')).toBe(feedTransactionalId(kafka, '/data/a.txt'));
    expect(feedTransactionalId(kafka, '/data/a.txt')).not.toBe(feedTransactionalId(kafka, '/data/b.txt'));
    expect(feedTransactionalId(kafka, '/data/a.txt')).toMatch(/^sluice-producer-[0-9a-f]{16}$/);
  });
});
