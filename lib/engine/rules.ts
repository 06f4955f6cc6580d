/**
 * The numerical knobs of the production tabulation (lib/engine/productionTable), named with the
 * reason for each value. Models may choose their own rule sizes (the dipole portal's is
 * DIPOLE_QUADRATURE in lib/models/dipole/signatures), each justified by a refinement test.
 */

/** Gauss–Legendre points per flux bin in ln E_ν (default): 6 resolve a bin of the smooth ~1/E spectra; doubling changes no count by > 0.5 % (test/numerics.test.ts). */
export const DEFAULT_E_POINTS = 6;

/** Gauss–Legendre points per ln|t| panel (default): 8 integrate the form-factor fall-off within a half-decade panel to < 10⁻⁶ (test/numerics.test.ts). */
export const DEFAULT_T_POINTS = 8;

/**
 * Panels per decade of |t| (default): 2, so that the ECC cut (0.1 GeV)² = 10⁻² GeV² is a panel
 * edge and its sub-table is an exact subset of the full table (restrictAbsT), and the coherent
 * plateau below 1/R² and the form-factor fall-off each get whole panels.
 */
export const DEFAULT_PANELS_PER_DECADE = 2;

/**
 * Relative snap of a range end onto a panel edge, in units of the panel width: ln|t| ends within
 * 10⁻⁹ of a grid edge are the edge (rounding of logarithms is ~10⁻¹⁶ relative), so they never
 * open a sliver panel; also the smallest panel kept.
 */
export const PANEL_SNAP = 1e-9;

/**
 * Start of the E_ν rule just above a channel's threshold, relative in ln E: 10⁻¹² keeps
 * tRange open at the end point (at threshold the t range is a single point) and moves the
 * rule's end by a negligible 10⁻¹² of a bin.
 */
export const THRESHOLD_OFFSET = 1e-12;
