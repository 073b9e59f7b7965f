import { KeyValueStore } from '../state/key-value-store';
import { InMemoryChangelog } from './in-memory-changelog';

describe(InMemoryChangelog.name, () => {
  describe('commit', () => {
    it('drains the stores and keeps the latest value per key (compaction)', () => {
      const log = new InMemoryChangelog();
      const s = new KeyValueStore<number>('s');
      s.put('a', 1);
      s.put('b', 2);
      log.commit([s]);
      s.put('a', 3);
      s.delete('b');
      log.commit([s]);
      expect(log.entries('s')).toEqual([['a', 3]]);
      expect(log.recordsWritten).toBe(4);
      expect(s.pendingChanges).toBe(0);
    });
  });

  describe('restoreInto', () => {
    it('restores through JSON, so values come back as the runtime would read them', () => {
      const log = new InMemoryChangelog();
      const s = new KeyValueStore<{ at: Date | string }>('s');
      s.put('k', { at: new Date(0) });
      log.commit([s]);
      const fresh = new KeyValueStore<{ at: Date | string }>('s');
      log.restoreInto([fresh]);
      expect(fresh.get('k')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
      expect(fresh.pendingChanges).toBe(0);
    });

    it('leaves a store without a changelog empty', () => {
      const fresh = new KeyValueStore<number>('other');
      new InMemoryChangelog().restoreInto([fresh]);
      expect(fresh.size).toBe(0);
    });
  });
});
