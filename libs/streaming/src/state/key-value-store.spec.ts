import { KeyValueStore } from './key-value-store';

describe(KeyValueStore.name, () => {
  describe('drainChanges', () => {
    it('returns each changed key once with its latest value, then nothing', () => {
      const s = new KeyValueStore<number>('s');
      s.put('a', 1);
      s.put('a', 2);
      s.put('b', 5);
      expect(s.drainChanges()).toEqual([['a', 2], ['b', 5]]);
      expect(s.drainChanges()).toEqual([]);
    });

    it('reports a deleted key as undefined (a tombstone)', () => {
      const s = new KeyValueStore<number>('s');
      s.put('a', 1);
      s.drainChanges();
      s.delete('a');
      expect(s.drainChanges()).toEqual([['a', undefined]]);
      expect(s.get('a')).toBeUndefined();
    });

    it('does not report deleting a missing key', () => {
      const s = new KeyValueStore<number>('s');
      s.delete('nope');
      expect(s.pendingChanges).toBe(0);
    });
  });

  describe('restore', () => {
    it('applies changelog records without marking them dirty', () => {
      const s = new KeyValueStore<number>('s');
      s.restore('a', 7);
      s.restore('b', 1);
      s.restore('b', undefined);
      expect(s.get('a')).toBe(7);
      expect(s.has('b')).toBe(false);
      expect(s.pendingChanges).toBe(0);
    });
  });

  describe('clear', () => {
    it('drops data and pending changes', () => {
      const s = new KeyValueStore<number>('s');
      s.put('a', 1);
      s.clear();
      expect(s.size).toBe(0);
      expect(s.drainChanges()).toEqual([]);
    });
  });
});
