/**
 * The sinh-spaced θ cells of the Z_D histograms of acceptance.ts (Fig. 4 of arXiv:2011.04751):
 * cell k = min(nT − 1, ⌊asinh(θ/θ₀)/du⌋), and the bounds inside which a θ takes cell k without
 * the asinh. rad.
 */

/**
 * Margin (in cells) of the safe bounds of a θ cell: [θ₀ sinh((k + m) du), θ₀ sinh((k + 1 − m) du)]
 * lies inside cell k = ⌊asinh(θ/θ₀)/du⌋ far beyond the rounding of asinh (≈ 1e-15 of k), so a θ
 * inside them is in cell k — the cell the asinh gives; the last cell (index nT − 1, which also
 * takes everything above it) has no upper bound.
 */
const CELL_MARGIN = 1e-7;

/** The safe bounds (see {@link CELL_MARGIN}) of the nT θ cells of a histogram, rad. */
export function safeCellBounds(t0: number, du: number, nT: number): { readonly lo: Float64Array; readonly hi: Float64Array } {
  const lo = new Float64Array(nT), hi = new Float64Array(nT);
  for (let k = 0; k < nT; k++) {
    lo[k] = t0 * Math.sinh((k + CELL_MARGIN) * du);
    hi[k] = k === nT - 1 ? Infinity : t0 * Math.sinh((k + 1 - CELL_MARGIN) * du);
  }
  return { lo, hi };
}
