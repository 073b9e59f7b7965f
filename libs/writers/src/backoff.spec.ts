import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap (at the top of the jitter range)', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 100, 1000, top))).toEqual([99, 199, 399, 799, 999]);
  });

  it('jitters uniformly below the ceiling', () => {
    expect(backoffDelay(3, 100, 10000, () => 0.5)).toBe(400);
  });

  it('never returns less than 1 ms', () => {
    expect(backoffDelay(0, 100, 1000, () => 0)).toBe(1);
  });

  it('does not overflow for large attempts', () => {
    expect(backoffDelay(5000, 100, 1000, () => 0.5)).toBe(500);
  });
});
