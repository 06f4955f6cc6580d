/** Relative comparison for numbers of any magnitude (cross sections ~1e-38 cm², widths ~1e-15 GeV): toBeCloseTo counts absolute digits. */
import { expect } from "vitest";

/** Asserts |actual/expected − 1| ≤ rtol (expected ≠ 0), naming both numbers when it fails. */
export function expectRelClose(actual: number, expected: number, rtol: number): void {
  if (expected === 0) throw new RangeError("expectRelClose: expected = 0 has no relative scale (compare absolutely)");
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected} (relative tolerance ${rtol})`).toBeLessThanOrEqual(rtol);
}
