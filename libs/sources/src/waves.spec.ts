import { sine, triangle } from './waves';

describe('sine', () => {
  it('is amplitude · sin(step · n) with the seed defaults', () => {
    expect(sine(0)).toBe(0);
    expect(sine(16)).toBeCloseTo(50 * Math.sin(1.6), 12);
    expect(sine(16)).toBeCloseTo(49.978680, 5);
  });

  it('takes amplitude and step', () => {
    expect(sine(5, 2, Math.PI / 10)).toBeCloseTo(2, 12);
  });
});

describe('triangle', () => {
  it.each([
    [0, -5],
    [7.5, 0],
    [15, 5],
    [22.5, 0],
    [29, -5 + 10 / 15],
    [30, -5],
    [45, 5],
  ])('triangle(%p) = %p with phase 0, length 30, amplitude 10', (x, expected) => {
    expect(triangle(x)).toBeCloseTo(expected, 12);
  });

  it('has period length and stays within ±amplitude/2', () => {
    for (let x = 0; x < 60; x += 0.5) {
      expect(triangle(x + 30)).toBeCloseTo(triangle(x), 12);
      expect(Math.abs(triangle(x))).toBeLessThanOrEqual(5 + 1e-12);
    }
  });

  it('shifts by phase, also for x before the phase (Python modulo)', () => {
    expect(triangle(3, 3)).toBeCloseTo(-5, 12);
    expect(triangle(0, 3)).toBeCloseTo(triangle(27), 12);
  });
});
