import type { SensorExtremesResult } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { CassandraTableAdapter, CqlStatement, writeTimestamp } from './cassandra-table.adapter';

/**
 * `sensor-extremes` → `<keyspace>.sensor_extremes (key PRIMARY KEY, min, max, last_time, updated_at)`.
 * A removal (idle timeout) is a `DELETE … USING TIMESTAMP <version>`: its tombstone wins over
 * older upserts and loses to newer ones, so replays cannot resurrect or drop a key wrongly.
 */
export class CassandraSensorExtremesAdapter extends CassandraTableAdapter<SensorExtremesResult> {
  readonly table = 'sensor_extremes';

  protected ddl(keyspace: string): string[] {
    return [`CREATE TABLE IF NOT EXISTS ${keyspace}.sensor_extremes (key text PRIMARY KEY, min double, max double, last_time timestamp, updated_at timestamp)`];
  }

  protected statement(keyspace: string, i: VersionedUpsert<SensorExtremesResult>): CqlStatement {
    const v = i.value;
    if (v.removed) return { query: `DELETE FROM ${keyspace}.sensor_extremes USING TIMESTAMP ? WHERE key = ?`, params: [writeTimestamp(i.version), v.key] };
    return {
      query: `INSERT INTO ${keyspace}.sensor_extremes (key, min, max, last_time, updated_at) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?`,
      params: [v.key, v.min, v.max, new Date(v.lastTime), new Date(v.updatedAt), writeTimestamp(i.version)],
    };
  }
}
