import { GroupedStore } from './grouped-store';
import { KeyValueStore } from './key-value-store';

const make = () => {
  const store = new KeyValueStore<number>('s');
  return { store, grouped: new GroupedStore(store) };
};

describe(GroupedStore.name, () => {
  describe('put', () => {
    it('writes one "<group>|<key>" entry per value to the underlying store', () => {
      const { store, grouped } = make();
      grouped.put(2000, 'a', 1);
      grouped.put(1000, 'b', 2);
      expect(store.drainChanges()).toEqual([
        ['2000|a', 1],
        ['1000|b', 2],
      ]);
      expect(grouped.get(2000, 'a')).toBe(1);
      expect(grouped.get(2000, 'b')).toBeUndefined();
    });
  });

  describe('groups', () => {
    it('lists groups in ascending numeric order', () => {
      const { grouped } = make();
      for (const g of [10_000, 2000, -1000]) grouped.put(g, 'k', 1);
      expect(grouped.groups()).toEqual([-1000, 2000, 10_000]);
    });
  });

  describe('deleteGroup', () => {
    it('removes a group with one tombstone per key and leaves the others', () => {
      const { store, grouped } = make();
      grouped.put(1, 'a', 1);
      grouped.put(1, 'b', 2);
      grouped.put(2, 'a', 3);
      store.drainChanges();
      grouped.deleteGroup(1);
      expect(store.drainChanges()).toEqual([
        ['1|a', undefined],
        ['1|b', undefined],
      ]);
      expect(grouped.group(1)).toBeUndefined();
      expect(grouped.group(2)).toEqual(new Map([['a', 3]]));
    });
  });

  describe('group', () => {
    it('rebuilds its index from a restored store, keys containing "|" included', () => {
      const store = new KeyValueStore<number>('s');
      store.restore('1000|a|b', 5);
      store.restore('1000|c', 6);
      store.restore('3000|a', 7);
      const grouped = new GroupedStore(store);
      expect(grouped.group(1000)).toEqual(
        new Map([
          ['a|b', 5],
          ['c', 6],
        ]),
      );
      expect(grouped.groups()).toEqual([1000, 3000]);
      expect(store.pendingChanges).toBe(0);
    });
  });

  describe('after a rollback of its store', () => {
    it('shows the rolled-back entries, not its stale index', () => {
      const { store, grouped } = make();
      grouped.put(1000, 'a', 1);
      store.savepoint();
      grouped.put(1000, 'a', 2);
      grouped.put(2000, 'b', 3);
      grouped.deleteGroup(1000);
      store.rollback();
      expect(grouped.groups()).toEqual([1000]);
      expect(grouped.get(1000, 'a')).toBe(1);
      expect(grouped.get(2000, 'b')).toBeUndefined();
    });
  });
});
