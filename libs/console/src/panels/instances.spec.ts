import { encodeServiceStatus, ServiceStatus } from '@sluice/contracts';
import { InstanceBook, instanceState } from './instances';

const status = (over: Partial<ServiceStatus> = {}): ServiceStatus => ({
  service: 'redis-writer',
  instanceId: 'h-1-aa',
  host: 'h',
  pid: 1,
  startedAt: 1000,
  publishedAt: 10_000,
  intervalMs: 2000,
  state: 'running',
  health: { up: true, checks: { kafka: { up: true }, redis: { up: true } } },
  group: 'sluice-redis-writer',
  partitions: [{ topic: 'word-counts', partition: 0 }],
  ...over,
});

const apply = (book: InstanceBook, s: ServiceStatus) => {
  const { key, value } = encodeServiceStatus(s);
  return book.apply(key, value);
};

describe('InstanceBook', () => {
  it('keeps the newest record per instance and lists it up with its uptime', () => {
    const book = new InstanceBook();
    apply(book, status({ publishedAt: 10_000 }));
    apply(book, status({ publishedAt: 8_000, partitions: [] })); // older, arrived late: ignored
    const [v] = book.views(11_000, 600_000);
    expect(v).toMatchObject({ key: 'redis-writer/h-1-aa', state: 'up', uptimeMs: 10_000, ageMs: 1000, group: 'sluice-redis-writer' });
    expect(v.partitions).toHaveLength(1);
  });

  it('marks an instance down when it stopped or fell silent, degraded when a check fails', () => {
    expect(instanceState(status({ state: 'stopped' }), 0)).toEqual({ state: 'down', reason: 'stopped' });
    expect(instanceState(status(), 5 * 2000 + 2000)).toEqual({ state: 'up' });
    expect(instanceState(status(), 5 * 2000 + 2001).state).toBe('down');
    const sick = status({ health: { up: false, checks: { kafka: { up: true }, redis: { up: false, detail: 'redis refuses writes (OOM)' } } } });
    expect(instanceState(sick, 0)).toEqual({ state: 'degraded', reason: 'redis: redis refuses writes (OOM)' });
  });

  it('forgets instances silent for longer than forgetAfterMs, and on a tombstone', () => {
    const book = new InstanceBook();
    apply(book, status());
    apply(book, status({ instanceId: 'h-2-bb', publishedAt: 50_000 }));
    expect(book.views(60_000, 20_000).map((v) => v.instanceId)).toEqual(['h-2-bb']);
    book.apply('redis-writer/h-2-bb', null);
    expect(book.views(60_000, 20_000)).toEqual([]);
  });

  it('counts records that are not status records and lists the consumer groups', () => {
    const book = new InstanceBook();
    expect(book.apply('x', Buffer.from('not json'))).toBe(false);
    expect(book.apply('x', Buffer.from('{"service":"a"}'))).toBe(false);
    expect(book.rejected).toBe(2);
    apply(book, status());
    apply(book, status({ service: 'processor', instanceId: 'p', group: 'sluice-processor' }));
    apply(book, status({ service: 'producer', instanceId: 'q', group: undefined }));
    expect(book.groups()).toEqual(['sluice-processor', 'sluice-redis-writer']);
  });
});
