/**
 * Grids of sample points: the one owner of log- and linearly spaced grids (mass scans,
 * coupling scans, plot abscissae). Endpoints are exact, so a scan's ends are the numbers
 * asked for, not a rounding of them.
 */
import { requirePositive } from "./validate";

/** n points from a to b (a, b > 0), logarithmically spaced: a·(b/a)^(i/(n−1)); endpoints exact. */
export function logGrid(a: number, b: number, n: number): number[] {
  requirePositive("a", a);
  requirePositive("b", b);
  requirePointCount(n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a * Math.pow(b / a, i / (n - 1))));
}

/** n points from a to b, evenly spaced; endpoints exact. */
export function linGrid(a: number, b: number, n: number): number[] {
  if (!Number.isFinite(a)) throw new RangeError(`a = ${a} must be finite`);
  if (!Number.isFinite(b)) throw new RangeError(`b = ${b} must be finite`);
  requirePointCount(n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

function requirePointCount(n: number): void {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n = ${n} must be an integer ≥ 2 (a grid has two ends)`);
}
