import { types } from 'cassandra-driver';
import type { WordCount } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { CassandraTableAdapter, CqlStatement, writeTimestamp } from './cassandra-table.adapter';

/**
 * `word-counts` → the seed's table `<keyspace>.words (word_id text PRIMARY KEY, count bigint)`,
 * one `INSERT … USING TIMESTAMP <version>` per word.
 */
export class CassandraWordCountsAdapter extends CassandraTableAdapter<WordCount> {
  readonly table = 'words';

  protected ddl(keyspace: string): string[] {
    return [`CREATE TABLE IF NOT EXISTS ${keyspace}.words (word_id text PRIMARY KEY, count bigint)`];
  }

  protected statement(keyspace: string, i: VersionedUpsert<WordCount>): CqlStatement {
    return { query: `INSERT INTO ${keyspace}.words (word_id, count) VALUES (?, ?) USING TIMESTAMP ?`, params: [i.key, types.Long.fromNumber(i.value.count), writeTimestamp(i.version)] };
  }
}
