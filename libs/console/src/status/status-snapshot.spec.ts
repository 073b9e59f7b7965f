import { decodeServiceStatus, encodeServiceStatus } from '@sluice/contracts';
import { buildStatus, STATUS_DETAIL_MAX_CHARS } from './status-snapshot';

const id = { service: 'processor', instanceId: 'h-1-aa', host: 'h', pid: 1, startedAt: 1000, intervalMs: 2000 };

describe('buildStatus', () => {
  it('is healthy only when every check is up, and round-trips through the status schema', () => {
    const s = buildStatus(id, [['kafka', { up: true }], ['tasks', { up: false, detail: 'x'.repeat(900) }]], { group: 'g', partitions: [{ topic: 't', partition: 1, status: 'running' }] }, 5000);
    expect(s.health.up).toBe(false);
    expect(s.health.checks.tasks.detail).toHaveLength(STATUS_DETAIL_MAX_CHARS);
    const { key, value } = encodeServiceStatus(s);
    expect(key).toBe('processor/h-1-aa');
    const d = decodeServiceStatus(value);
    expect(d.ok && d.value).toEqual(s);
  });

  it('a stopped record is down and lists no partitions', () => {
    const s = buildStatus(id, [], { partitions: [{ topic: 't', partition: 0 }] }, 9000, 'stopped');
    expect(s).toMatchObject({ state: 'stopped', health: { up: false }, partitions: [], publishedAt: 9000 });
  });
});
