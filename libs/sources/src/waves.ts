/**
 * The seed's sine producer (course document 003): `value = amplitude · sin(step · n)` for the
 * n-th sample, n = 0, 1, 2, … (defaults: amplitude 50, step 0.1, one sample per second).
 */
export function sine(n: number, amplitude = 50, step = 0.1): number {
  return amplitude * Math.sin(step * n);
}

/** Python's `%` for a positive divisor: the result has the divisor's sign (never negative). */
function pmod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

/**
 * The seed's `triangle(x, phase, length, amplitude)` (course document 003, Spark rate source
 * example), a triangle wave of period `length` running from −amplitude/2 up to +amplitude/2 at
 * `phase + length/2` and back down:
 *
 *     alpha = amplitude / (length / 2)
 *     m = (x − phase) mod length
 *     −amplitude/2 + amplitude·[m = length/2] + alpha·(m mod length/2)·[m ≤ length/2]
 *                  + (amplitude − alpha·(m mod length/2))·[m > length/2]
 *
 * Defaults as the seed uses it: phase 0, length 30, amplitude 10 (x = the sample index).
 * triangle(0) = −5, triangle(7.5) = 0, triangle(15) = 5, triangle(22.5) = 0, triangle(30) = −5.
 */
export function triangle(x: number, phase = 0, length = 30, amplitude = 10): number {
  const alpha = amplitude / (length / 2);
  const m = pmod(x - phase, length);
  const half = length / 2;
  const r = pmod(m, half);
  return -amplitude / 2 + amplitude * Number(m === half) + alpha * r * Number(m <= half) + (amplitude - alpha * r) * Number(m > half);
}
