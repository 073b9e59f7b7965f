import { REOPEN_INITIAL_DELAY_MS, REOPEN_MAX_DELAY_MS, TaskHealth } from './task-health';

describe(TaskHealth.name, () => {
  describe('status', () => {
    it('is up with no task, and when every assigned task runs', () => {
      const h = new TaskHealth();
      expect(h.status(0)).toEqual({ up: true });
      h.assigned('words-0', 0);
      h.running('words-0', 500);
      expect(h.status(1000)).toEqual({ up: true });
    });

    it('names a task that is still opening and for how long', () => {
      const h = new TaskHealth();
      h.assigned('signals-2', 1000);
      expect(h.status(13_500)).toEqual({ up: false, detail: 'task signals-2 opening since 12 s' });
    });

    it('names a failed task with its last error, counting from the first failure', () => {
      const h = new TaskHealth();
      h.assigned('signals-2', 0);
      h.running('signals-2', 100);
      h.failed('signals-2', new Error('producer fenced'), 1000);
      h.failed('signals-2', new Error('restore timed out'), 5000);
      expect(h.status(13_000)).toEqual({ up: false, detail: 'task signals-2 opening since 12 s: restore timed out' });
      expect(h.notRunning()).toEqual(['signals-2']);
      h.running('signals-2', 14_000);
      expect(h.status(14_000)).toEqual({ up: true });
    });

    it('lists every task that is down and forgets a revoked one', () => {
      const h = new TaskHealth();
      h.assigned('a-0', 0);
      h.assigned('b-1', 0);
      expect(h.status(2000).detail).toBe('task a-0 opening since 2 s; task b-1 opening since 2 s');
      h.removed('a-0');
      expect(h.status(2000).detail).toBe('task b-1 opening since 2 s');
    });
  });

  describe('failed', () => {
    it('backs off exponentially up to the cap, and starts over after a commit', () => {
      const h = new TaskHealth();
      h.assigned('t-0', 0);
      const delays = Array.from({ length: 8 }, (_, i) => h.failed('t-0', 'x', i));
      expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
      expect(delays[0]).toBe(REOPEN_INITIAL_DELAY_MS);
      expect(Math.max(...delays)).toBe(REOPEN_MAX_DELAY_MS);
      h.running('t-0', 100);
      expect(h.failed('t-0', 'x', 200)).toBe(10_000); // still failing without a commit in between
      h.running('t-0', 300);
      h.committed('t-0');
      expect(h.failed('t-0', 'x', 400)).toBe(REOPEN_INITIAL_DELAY_MS);
    });
  });

  describe('assigned', () => {
    it('keeps the record of a task reopened at a rejoin', () => {
      const h = new TaskHealth();
      h.assigned('t-0', 0);
      h.failed('t-0', new Error('fenced'), 1000);
      h.assigned('t-0', 5000);
      expect(h.status(6000)).toEqual({ up: false, detail: 'task t-0 opening since 6 s: fenced' });
    });
  });
});
