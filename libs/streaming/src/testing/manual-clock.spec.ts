import { ManualClock } from './manual-clock';

describe(ManualClock.name, () => {
  describe('advance', () => {
    it('moves the time forward by the given ms', () => {
      const c = new ManualClock(1000);
      expect(c.advance(500)).toBe(1500);
      expect(c.now()).toBe(1500);
    });

    it('never moves back', () => {
      expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
    });
  });

  describe('set', () => {
    it('jumps to a later time but not to an earlier one', () => {
      const c = new ManualClock(1000);
      expect(c.set(5000)).toBe(5000);
      expect(() => c.set(4999)).toThrow('a manual clock only moves forward: 4999 ms is before 5000 ms');
    });
  });

  describe('now', () => {
    it('works detached, as an injected clock function', () => {
      const c = new ManualClock(7);
      const now = c.now;
      expect(now()).toBe(7);
    });
  });
});
