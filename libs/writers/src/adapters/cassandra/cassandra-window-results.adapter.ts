import { types } from 'cassandra-driver';
import type { HashtagsTopResult, SignalStatsResult, WordWindowCountResult } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { CassandraTableAdapter, CqlStatement, writeTimestamp } from './cassandra-table.adapter';

/**
 * `word-counts-windowed` → `<keyspace>.word_counts_windowed`, partitioned by window start so one
 * window's counts are one partition (`SELECT … WHERE window_start = ?`).
 */
export class CassandraWordWindowsAdapter extends CassandraTableAdapter<WordWindowCountResult> {
  readonly table = 'word_counts_windowed';

  protected ddl(keyspace: string): string[] {
    return [`CREATE TABLE IF NOT EXISTS ${keyspace}.word_counts_windowed (window_start timestamp, word text, window_end timestamp, count bigint, PRIMARY KEY ((window_start), word))`];
  }

  protected statement(keyspace: string, i: VersionedUpsert<WordWindowCountResult>): CqlStatement {
    const v = i.value;
    return {
      query: `INSERT INTO ${keyspace}.word_counts_windowed (window_start, word, window_end, count) VALUES (?, ?, ?, ?) USING TIMESTAMP ?`,
      params: [new Date(v.windowStart), v.word, new Date(v.windowEnd), types.Long.fromNumber(v.count), writeTimestamp(i.version)],
    };
  }
}

/**
 * `signal-stats` → `<keyspace>.signal_stats`, one partition per series, rows clustered by window
 * start (newest first), so a series' recent windows are one slice read.
 */
export class CassandraSignalStatsAdapter extends CassandraTableAdapter<SignalStatsResult> {
  readonly table = 'signal_stats';

  protected ddl(keyspace: string): string[] {
    return [
      `CREATE TABLE IF NOT EXISTS ${keyspace}.signal_stats (series text, window_start timestamp, window_end timestamp, count bigint, min double, max double, mean double, last double, last_time timestamp, final boolean, PRIMARY KEY ((series), window_start)) WITH CLUSTERING ORDER BY (window_start DESC)`,
    ];
  }

  protected statement(keyspace: string, i: VersionedUpsert<SignalStatsResult>): CqlStatement {
    const v = i.value;
    return {
      query: `INSERT INTO ${keyspace}.signal_stats (series, window_start, window_end, count, min, max, mean, last, last_time, final) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?`,
      params: [v.series, new Date(v.windowStart), new Date(v.windowEnd), types.Long.fromNumber(v.count), v.min, v.max, v.mean, v.last, new Date(v.lastTime), v.final, writeTimestamp(i.version)],
    };
  }
}

/** `hashtags-top` → `<keyspace>.hashtags_top`: one row per window, the ranking as two parallel lists. */
export class CassandraHashtagsTopAdapter extends CassandraTableAdapter<HashtagsTopResult> {
  readonly table = 'hashtags_top';

  protected ddl(keyspace: string): string[] {
    return [`CREATE TABLE IF NOT EXISTS ${keyspace}.hashtags_top (window_start timestamp PRIMARY KEY, window_end timestamp, tags list<text>, counts list<bigint>)`];
  }

  protected statement(keyspace: string, i: VersionedUpsert<HashtagsTopResult>): CqlStatement {
    const v = i.value;
    return {
      query: `INSERT INTO ${keyspace}.hashtags_top (window_start, window_end, tags, counts) VALUES (?, ?, ?, ?) USING TIMESTAMP ?`,
      params: [new Date(v.windowStart), new Date(v.windowEnd), v.top.map((t) => t.tag), v.top.map((t) => types.Long.fromNumber(t.count)), writeTimestamp(i.version)],
    };
  }
}
