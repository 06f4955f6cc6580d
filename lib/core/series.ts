/**
 * Short Taylor series for arguments known to be small, where a hot loop would otherwise call
 * Math.log1p / Math.exp: dimensionless, valid for |x| < {@link SMALL_SERIES_MAX}.
 */

/** Largest |x| for the series below: their truncation stays below 1.3e-17 relative (see each). */
export const SMALL_SERIES_MAX = 1e-2;

/** ln(1 + d), |d| < {@link SMALL_SERIES_MAX}: Taylor series to d⁷ (truncation |d|⁸/8 < 1.3e-17). */
export function log1pSmall(d: number): number {
  return d * (1 - d * (1 / 2 - d * (1 / 3 - d * (1 / 4 - d * (1 / 5 - d * (1 / 6 - d / 7))))));
}

/** Largest |x| for {@link log1pTiny}: its truncation stays below 1.7e-19. */
export const TINY_SERIES_MAX = 1e-3;

/** ln(1 + d), |d| ≤ {@link TINY_SERIES_MAX}: Taylor series to d⁵ (truncation |d|⁶/6 < 1.7e-19; two terms fewer than {@link log1pSmall} for hot loops with a closer anchor). */
export function log1pTiny(d: number): number {
  return d * (1 - d * (1 / 2 - d * (1 / 3 - d * (1 / 4 - d / 5))));
}

/** eʸ, |y| < {@link SMALL_SERIES_MAX}: Taylor series to y⁶ (truncation |y|⁷/5040 < 2e-18). */
export function expSmall(y: number): number {
  return 1 + y * (1 + y * (1 / 2 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120 + y / 720)))));
}
