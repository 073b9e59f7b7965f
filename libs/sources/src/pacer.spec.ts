import { Pacer } from './pacer';

describe(Pacer.name, () => {
  describe('due', () => {
    it('grows with time at the given rate', () => {
      const p = new Pacer(1000, 10_000);
      expect(p.due(10_000)).toBe(0);
      expect(p.due(10_010)).toBe(10);
      expect(p.due(11_000)).toBe(1000);
    });

    it('makes everything due at rate 0 (as fast as possible)', () => {
      expect(new Pacer(0, 0).due(0)).toBe(Number.POSITIVE_INFINITY);
    });
  });

  describe('waitFor', () => {
    it('tells how long until the next item is due', () => {
      const p = new Pacer(2, 0);
      expect(p.waitFor(0, 0)).toBe(500);
      expect(p.waitFor(1, 600)).toBe(400);
      expect(p.waitFor(1, 2000)).toBe(0);
    });
  });
});
