import { types } from 'cassandra-driver';
import type { CassandraTableLayout } from '@sluice/contracts';
import { declaredResults } from '../../stores/declared-results';
import { checkCassandraLayout, cqlValue, layoutDdl } from './cassandra-layout.adapter';

const layout: CassandraTableLayout<{ code: string }> = {
  kind: 'table',
  table: 'log_error_counts_windowed',
  columns: { window_start: 'timestamp', code: 'text', count: 'bigint' },
  primaryKey: '((window_start), code)',
  clusteringOrder: 'code ASC',
  row: () => ({}),
};

describe('Cassandra table layouts', () => {
  it('creates the table from the declared columns, primary key and clustering order', () => {
    expect(layoutDdl('ks', layout)).toBe(
      'CREATE TABLE IF NOT EXISTS ks.log_error_counts_windowed (window_start timestamp, code text, count bigint, PRIMARY KEY ((window_start), code)) WITH CLUSTERING ORDER BY (code ASC)',
    );
  });

  it('refuses a table or column name that is not a plain lower-case identifier (they are written into CQL)', () => {
    expect(() => checkCassandraLayout({ ...layout, table: 'x; DROP TABLE y' })).toThrow(/"x; DROP TABLE y" is not a lower-case CQL identifier/);
    expect(() => checkCassandraLayout({ ...layout, columns: { Code: 'text' } })).toThrow(/"Code"/);
    expect(() => checkCassandraLayout(layout)).not.toThrow();
  });

  it('binds each value as the driver expects its declared type', () => {
    expect(cqlValue('count', 'bigint', 3)).toEqual(types.Long.fromNumber(3));
    expect(cqlValue('counts', 'list<bigint>', [1, 2])).toEqual([types.Long.fromNumber(1), types.Long.fromNumber(2)]);
    expect(cqlValue('t', 'timestamp', '2021-07-21T06:00:00Z')).toEqual(new Date('2021-07-21T06:00:00Z'));
    expect(cqlValue('t', 'timestamp', 0)).toEqual(new Date(0));
    expect(cqlValue('d', 'date', '2021-07-21')).toEqual(types.LocalDate.fromString('2021-07-21'));
    expect(cqlValue('org', 'text', null)).toBeNull();
    expect(cqlValue('org', 'text', undefined)).toBeNull();
    expect(cqlValue('n', 'int', 7)).toBe(7);
  });

  it('throws a TypeError (record-rejected: the record goes to the DLQ) for a value its type cannot hold', () => {
    expect(() => cqlValue('count', 'bigint', 1.5)).toThrow(TypeError);
    expect(() => cqlValue('count', 'bigint', 2 ** 60)).toThrow(TypeError);
    expect(() => cqlValue('t', 'timestamp', 'yesterday')).toThrow(TypeError);
  });

  it('every Cassandra layout a registered job declares is valid', () => {
    const layouts = declaredResults('cassandra').map((c) => c.stores!.cassandra!);
    expect(layouts.map((l) => l.table)).toEqual(['log_error_counts', 'log_top_urls', 'log_error_counts_windowed', 'log_top_urls_windowed', 'gharchive_events']);
    for (const l of layouts) expect(() => checkCassandraLayout(l)).not.toThrow();
  });
});
