import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { KeyValueStore } from './key-value-store';
import { StoreRegistry } from './store-registry';

describe(StoreRegistry.name, () => {
  describe('create', () => {
    it('creates an empty store under the given name', () => {
      const store = new StoreRegistry().create<number>('visits-window');
      expect(store).toBeInstanceOf(KeyValueStore);
      expect(store.name).toBe('visits-window');
      expect(store.size).toBe(0);
    });

    it('refuses a name used twice', () => {
      const registry = new StoreRegistry();
      registry.create('a');
      expect(() => registry.create('a')).toThrow(new PipelineDefinitionError('store "a" is defined twice: give each stateful operator its own stable name'));
    });

    it('refuses a name that cannot be part of a topic name', () => {
      expect(() => new StoreRegistry().create('my store')).toThrow(PipelineDefinitionError);
      expect(() => new StoreRegistry().create('')).toThrow(PipelineDefinitionError);
      expect(() => new StoreRegistry().create('a.b_c-1')).not.toThrow();
    });
  });

  describe('list', () => {
    it('lists the stores in creation order', () => {
      const registry = new StoreRegistry();
      registry.create('b');
      registry.create('a');
      expect(registry.list().map((s) => s.name)).toEqual(['b', 'a']);
    });
  });

  describe('get', () => {
    it('finds a store by name, and nothing for an unknown name', () => {
      const registry = new StoreRegistry();
      const s = registry.create('x');
      expect(registry.get('x')).toBe(s);
      expect(registry.get('y')).toBeUndefined();
    });
  });
});
