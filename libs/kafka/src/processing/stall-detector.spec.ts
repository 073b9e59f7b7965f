import { StallDetector } from './stall-detector';

describe(StallDetector.name, () => {
  describe('status', () => {
    it('stays up while idle, however long', () => {
      const d = new StallDetector(60_000, 0);
      d.observe(undefined, 10 * 60_000);
      expect(d.status(20 * 60_000)).toEqual({ up: true });
    });

    it('fails when work waits longer than the timeout without progress', () => {
      const d = new StallDetector(60_000, 0);
      d.observe('task words-1 not running', 1000);
      expect(d.status(61_000)).toEqual({ up: true });
      expect(d.status(61_001)).toEqual({ up: false, detail: 'no progress for 60 s (limit 60 s): task words-1 not running' });
    });

    it('counts from when the work appeared, not from the last progress before an idle spell', () => {
      const d = new StallDetector(60_000, 0);
      d.progress(0);
      d.observe(undefined, 5 * 60_000);
      d.observe('12 records buffered', 10 * 60_000);
      expect(d.status(10 * 60_000 + 30_000).up).toBe(true);
      expect(d.status(10 * 60_000 + 61_000).up).toBe(false);
    });

    it('stays up while pending work makes progress, and recovers when the work is done', () => {
      const d = new StallDetector(60_000, 0);
      d.observe('900 records buffered', 0);
      d.progress(50_000);
      d.observe('400 records buffered', 55_000);
      expect(d.status(100_000).up).toBe(true);
      expect(d.status(110_001).up).toBe(false);
      d.observe(undefined, 120_000);
      expect(d.status(500_000)).toEqual({ up: true });
    });
  });
});
