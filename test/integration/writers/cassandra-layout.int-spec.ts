import { Client } from 'cassandra-driver';
import { CassandraTableLayout } from '@sluice/contracts';
import { logErrorCountContract } from '@sluice/jobs/log-errors/log-error-results';
import { StreamRecord } from '@sluice/streaming';
import { CassandraLayoutAdapter, VersionedUpsert } from '@sluice/writers';

/** A result declared with a Cassandra table layout beside its contract, on the real Cassandra node. */
const run = Date.now().toString(36);
const keyspace = `it_layout_${run}`;
const config = { contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1', keyspace, replicationFactor: 1 };
const record: StreamRecord = { topic: 'log-error-counts', partition: 0, offset: '0', key: null, value: null, timestamp: 0, headers: {} };
type ErrorCount = { code: string; count: number; updatedAt: string };
const upsert = (code: string, count: number, version: number): VersionedUpsert<ErrorCount> => ({ topic: 'log-error-counts', key: code, value: { code, count, updatedAt: '2026-01-01T00:00:00.000Z' }, version, record: { ...record, offset: String(version) } });

describe(CassandraLayoutAdapter.name, () => {
  const adapter = new CassandraLayoutAdapter(config, logErrorCountContract.stores!.cassandra! as CassandraTableLayout<ErrorCount>);
  const client = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
  const rows = async () => (await client.execute(`SELECT code, count, updated_at FROM ${keyspace}.log_error_counts`)).rows.map((r) => [r.code, Number(r.count), (r.updated_at as Date).toISOString()]).sort();

  beforeAll(async () => {
    await adapter.connect();
    await client.connect();
  });
  afterAll(async () => {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await adapter.close();
    await client.shutdown();
  });

  it('creates the declared table and keeps the newest version of each row, an older replay ignored', async () => {
    expect(await adapter.write([upsert('ERROR_DB', 3, 10), upsert('ERROR_IO', 1, 11)])).toEqual([]);
    expect(await adapter.write([upsert('ERROR_DB', 2, 9)])).toEqual([]);
    expect(await rows()).toEqual([
      ['ERROR_DB', 3, '2026-01-01T00:00:00.000Z'],
      ['ERROR_IO', 1, '2026-01-01T00:00:00.000Z'],
    ]);
    await adapter.write([upsert('ERROR_DB', 5, 12)]);
    expect((await rows())[0]).toEqual(['ERROR_DB', 5, '2026-01-01T00:00:00.000Z']);
  });

  it('dead-letters a record whose value the column type cannot hold, and writes the rest of the batch', async () => {
    const bad = { ...upsert('ERROR_BIG', 0, 20), value: { code: 'ERROR_BIG', count: 2 ** 60, updatedAt: '2026-01-01T00:00:00.000Z' } };
    const rejected = await adapter.write([bad, upsert('ERROR_NET', 4, 21)]);
    expect(rejected).toEqual([{ record: bad.record, reason: 'not-writable', detail: expect.stringContaining('is not a safe integer') }]);
    expect((await rows()).map(([code]) => code)).toEqual(['ERROR_DB', 'ERROR_IO', 'ERROR_NET']);
  });

  it('clears its table', async () => {
    await adapter.clear();
    expect(await rows()).toEqual([]);
  });
});
