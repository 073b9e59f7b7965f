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

  describe('rollback', () => {
    it('puts back values, deletions and pending changes as they were at the savepoint', () => {
      const s = new KeyValueStore<number>('s');
      s.put('kept', 1);
      s.put('changed', 2);
      s.put('deleted', 3);
      s.drainChanges();
      s.put('pending', 4); // a change not yet drained at the savepoint stays pending
      s.savepoint();
      s.put('changed', 20);
      s.put('changed', 21);
      s.delete('deleted');
      s.put('added', 5);
      s.put('pending', 40);
      s.rollback();
      expect([...s.entries()].sort()).toEqual([['changed', 2], ['deleted', 3], ['kept', 1], ['pending', 4]]);
      expect(s.drainChanges()).toEqual([['pending', 4]]);
    });

    it('keeps the savepoint, so a second attempt can be rolled back too, and counts generations', () => {
      const s = new KeyValueStore<number>('s');
      s.savepoint();
      const g = s.generation;
      s.put('a', 1);
      s.rollback();
      s.put('a', 2);
      s.rollback();
      expect(s.has('a')).toBe(false);
      expect(s.generation).toBe(g + 2);
    });

    it('keeps the changes made before releaseSavepoint and refuses a rollback without a savepoint', () => {
      const s = new KeyValueStore<number>('s');
      s.savepoint();
      s.put('a', 1);
      s.releaseSavepoint();
      expect(() => s.rollback()).toThrow('store "s" has no savepoint to roll back to');
      expect(s.get('a')).toBe(1);
    });
  });
});
