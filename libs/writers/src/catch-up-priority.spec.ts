import { CatchUpPriority } from './catch-up-priority';

describe('CatchUpPriority', () => {
  const running = new Set(['word-counts', 'sensor-extremes']);
  const topics = ['word-counts', 'word-counts-windowed', 'sensor-extremes', 'signal-stats'];

  it('defers every topic that is not a running result', () => {
    expect(new CatchUpPriority(running, 1000).deferred(topics)).toEqual(['word-counts-windowed', 'signal-stats']);
  });

  it('pauses once when a running partition falls behind and resumes when the last one caught up', () => {
    const p = new CatchUpPriority(running, 1000);
    expect(p.observe('word-counts', 0, 1000)).toBeUndefined(); // at the bound: not behind
    expect(p.observe('word-counts', 0, 1001)).toBe('pause');
    expect(p.observe('sensor-extremes', 3, 5000)).toBeUndefined(); // already paused
    expect(p.lagging()).toEqual(['word-counts/0', 'sensor-extremes/3']);
    expect(p.observe('word-counts', 0, 0)).toBeUndefined(); // sensor-extremes/3 still behind
    expect(p.observe('sensor-extremes', 3, 10)).toBe('resume');
    expect(p.observe('sensor-extremes', 3, 0)).toBeUndefined();
  });

  it('ignores the lag of deferred topics', () => {
    const p = new CatchUpPriority(running, 1000);
    expect(p.observe('word-counts-windowed', 1, 1_000_000)).toBeUndefined();
    expect(p.lagging()).toEqual([]);
  });

  it('forgets every lag at a new assignment and resumes what it paused', () => {
    const p = new CatchUpPriority(running, 10);
    expect(p.reset()).toBeUndefined();
    p.observe('word-counts', 2, 500);
    expect(p.reset()).toBe('resume');
    expect(p.lagging()).toEqual([]);
    expect(p.observe('word-counts', 5, 500)).toBe('pause');
  });

  it('never defers with a zero bound or without running topics', () => {
    for (const p of [new CatchUpPriority(running, 0), new CatchUpPriority(new Set(), 1000)]) {
      expect(p.enabled).toBe(false);
      expect(p.deferred(topics)).toEqual([]);
      expect(p.observe('word-counts', 0, 1e9)).toBeUndefined();
    }
  });
});
