import { resultContract } from '@sluice/contracts';
import { z } from 'zod';
import { contractDecoder } from '../decoders';
import { declaredResults } from './declared-results';

const errorCounts = resultContract({
  topic: 'log-error-counts',
  schema: z.object({ code: z.string().min(1), count: z.number().int().positive() }),
  keyOf: (r) => r.code,
  stores: { redis: { kind: 'hash', keyPattern: 'log-errors:*', key: (r) => `log-errors:${r.code}`, fields: (r) => ({ count: r.count }) } },
});
const undeclared = resultContract({ topic: 'other', schema: z.object({ k: z.string() }), keyOf: (r) => r.k });

describe(declaredResults.name, () => {
  it('lists the results of the registry whose contracts declare the store', () => {
    expect(declaredResults('redis', [{ outputs: [undeclared, errorCounts] }]).map((c) => c.topic)).toEqual(['log-error-counts']);
    expect(declaredResults('redis', [{ outputs: [undeclared] }])).toEqual([]);
  });

  it('finds the declared results of log-errors and gharchive in the registry; the five original jobs are routed by hand', () => {
    const logErrors = ['log-error-counts', 'log-top-urls', 'log-error-counts-windowed', 'log-top-urls-windowed'];
    expect(declaredResults('redis').map((c) => c.topic)).toEqual([...logErrors, 'gharchive-type-counts', 'gharchive-top-repos']);
    expect(declaredResults('mongo').map((c) => c.topic)).toEqual([...logErrors, 'gharchive-type-counts', 'gharchive-top-repos']);
    expect(declaredResults('cassandra').map((c) => c.topic)).toEqual([...logErrors, 'gharchive-bronze']);
  });
});

describe(contractDecoder.name, () => {
  const decode = contractDecoder(errorCounts, 1024);
  const rec = (key: string | null, value: string) => ({ topic: 'log-error-counts', partition: 0, offset: '1', key: key === null ? null : Buffer.from(key), value: Buffer.from(value), timestamp: 0, headers: {} });

  it('decodes by the schema and keys by keyOf', () => {
    expect(decode(rec('ERROR_DB', '{"code":"ERROR_DB","count":2}'))).toEqual({ ok: true, value: { key: 'ERROR_DB', value: { code: 'ERROR_DB', count: 2 } } });
  });

  it('refuses a value off the schema and a record key that differs from keyOf', () => {
    expect(decode(rec(null, '{"code":"","count":2}'))).toMatchObject({ ok: false, reason: 'schema-invalid' });
    expect(decode(rec('OTHER', '{"code":"ERROR_DB","count":2}'))).toMatchObject({ ok: false, reason: 'schema-invalid', detail: 'record key "OTHER" differs from "ERROR_DB"' });
  });
});
