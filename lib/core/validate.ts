/**
 * Argument checks shared by the library. Every failure is a RangeError that names the
 * parameter, its value and the allowed range, so that bad input never turns into NaN or 0.
 */

/** Throws unless x is a finite number. */
export function requireFinite(name: string, x: number): void {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`${name} = ${String(x)} is not a finite number (allowed: finite real)`);
  }
}

/** Throws unless x is finite and > 0. */
export function requirePositive(name: string, x: number): void {
  requireFinite(name, x);
  if (!(x > 0)) throw new RangeError(`${name} = ${x} must be > 0`);
}

/** Throws unless x is finite and ≥ 0. */
export function requireNonNegative(name: string, x: number): void {
  requireFinite(name, x);
  if (!(x >= 0)) throw new RangeError(`${name} = ${x} must be ≥ 0`);
}

/** Throws unless lo ≤ x ≤ hi (finite). */
export function requireInRange(name: string, x: number, lo: number, hi: number): void {
  requireFinite(name, x);
  if (!(x >= lo && x <= hi)) throw new RangeError(`${name} = ${x} is outside the allowed range [${lo}, ${hi}]`);
}

/** Throws unless x is one of the allowed strings. */
export function requireOneOf<T extends string>(name: string, x: string, allowed: readonly T[]): asserts x is T {
  if (!(allowed as readonly string[]).includes(x)) {
    throw new RangeError(`${name} = ${JSON.stringify(x)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
}

/**
 * The library's documented ranges (GeV units), wide enough for every use in the project and
 * narrow enough that no formula overflows a double inside them: the largest power of a
 * scale in a cross section or width is ~5 (Γ ∝ m⁵, |t|² s…), and (1e5)^5·(1 GeV⁻¹)^4 ≪ 1e308.
 * The command line applies tighter, physical ranges (cli/spec.ts).
 */
export const LIMITS = {
  /** m_N, m_ZD: GeV. */
  mass: 1e3,
  /** Lab energies: GeV (well above the 7 TeV beam). */
  energy: 1e5,
  /** μ_N: GeV⁻¹ (the signal engine uses μ_N = 1 as its unit coupling; tests scale it to a few). */
  mu: 10,
  /**
   * g_D ≤ 1e3: a numerical bound (widths ∝ g_D², cross sections ∝ g_D⁴ stay far from overflow),
   * not the physical one — the scaling checks of Fig. 4 push g_D past 4π on purpose; the
   * command line enforces perturbativity (α_D ≤ 1).
   */
  gD: 1e3,
  /** |ε| ≤ 1. */
  eps: 1,
  /** Generic kinematic scale (masses, energies, |t|) of lib/core/kinematics.ts: GeV or GeV². */
  scale: 1e30,
} as const;

/** Throws unless 0 < x ≤ max (finite). */
export function requirePositiveAtMost(name: string, x: number, max: number): void {
  requireFinite(name, x);
  if (!(x > 0 && x <= max)) throw new RangeError(`${name} = ${x} is outside the allowed range (0, ${max}]`);
}

/** Throws unless 0 ≤ x ≤ max (finite). */
export function requireNonNegativeAtMost(name: string, x: number, max: number): void {
  requireFinite(name, x);
  if (!(x >= 0 && x <= max)) throw new RangeError(`${name} = ${x} is outside the allowed range [0, ${max}]`);
}
