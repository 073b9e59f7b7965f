import type { OutputRecord } from '@sluice/streaming';
import { chunkTransaction, RECORD_BATCH_OVERHEAD_BYTES, recordBytes } from './transaction-chunks';

const rec = (topic: string, key: string, valueBytes: number, partition?: number): OutputRecord => ({ topic, key, value: 'v'.repeat(valueBytes), partition });
const total = (rs: OutputRecord[]) => rs.reduce((n, r) => n + recordBytes(r), 0);

describe(chunkTransaction.name, () => {
  it('keeps a transaction that fits in one request', () => {
    const records = [rec('a', 'k1', 100), rec('b', 'k2', 100)];
    const { chunks, oversize } = chunkTransaction(records, () => 10_000);
    expect(chunks).toEqual([records]);
    expect(oversize).toEqual([]);
  });

  it('returns no chunk for no records', () => {
    expect(chunkTransaction([], () => 1000)).toEqual({ chunks: [], oversize: [] });
  });

  it('cuts a large transaction so no request exceeds the limit, keeping every record in order', () => {
    const records = Array.from({ length: 500 }, (_, i) => rec('out', `word-${i}`, 200 + (i % 7) * 50));
    const limit = 16_384;
    const { chunks, oversize } = chunkTransaction(records, () => limit);
    expect(oversize).toEqual([]);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(total(c) + RECORD_BATCH_OVERHEAD_BYTES).toBeLessThanOrEqual(limit);
    expect(chunks.flat()).toEqual(records);
    // Each cut is needed: the next record would not have fitted in the chunk before it.
    for (let i = 0; i + 1 < chunks.length; i++) {
      expect(total(chunks[i]) + recordBytes(chunks[i + 1][0]) + RECORD_BATCH_OVERHEAD_BYTES).toBeGreaterThan(limit);
    }
  });

  it('bounds a request by the smallest limit of the topics in it', () => {
    const limits: Record<string, number> = { big: 100_000, small: 2_000 };
    const records = [rec('big', 'a', 1500), rec('small', 'b', 1000)];
    const { chunks } = chunkTransaction(records, (t) => limits[t]);
    expect(chunks).toEqual([[records[0]], [records[1]]]);
  });

  it('sets apart a record too large for its topic even alone, and keeps the rest', () => {
    const records = [rec('out', 'a', 10), rec('out', 'huge', 5000), rec('log', 'b', 10)];
    const { chunks, oversize } = chunkTransaction(records, (t) => (t === 'out' ? 4096 : 1_000_000));
    expect(chunks).toEqual([[records[0], records[2]]]);
    expect(oversize).toEqual([{ record: records[1], bytes: recordBytes(records[1]), limit: 4096 }]);
  });
});

describe(recordBytes.name, () => {
  it('counts key, value and headers in bytes (UTF-8), plus the worst-case framing', () => {
    const plain = recordBytes({ topic: 't', key: null, value: null });
    expect(recordBytes({ topic: 't', key: 'ñ', value: Buffer.alloc(10) })).toBe(plain + 2 + 10);
    expect(recordBytes({ topic: 't', key: null, value: null, headers: { h: 'xy' } })).toBe(plain + 10 + 3);
  });
});
