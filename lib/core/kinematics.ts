/**
 * Relativistic kinematics in natural units (GeV). Formulas are textbook (PDG 2024
 * "Kinematics" review, §49) unless another source is named; each is written so that it
 * keeps full relative precision where a naive form cancels (small |t|, β → 1).
 */
import { LIMITS, requireFinite, requireNonNegativeAtMost, requirePositiveAtMost } from "./validate";

/** Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc, (B.12) of arXiv:2011.04751. GeV⁴ for masses². */
export function kallen(a: number, b: number, c: number): number {
  // (a − b − c)² − 4bc is the same polynomial with one cancellation fewer when b, c ≪ a.
  const d = a - b - c;
  return d * d - 4 * b * c;
}

/** Momentum in the rest frame of a two-body decay M → m1 m2, p* = λ^{1/2}(M², m1², m2²)/(2M). GeV. Zero at or below threshold. */
export function twoBodyMomentum(M: number, m1: number, m2: number): number {
  requirePositiveAtMost("M", M, LIMITS.scale);
  requireNonNegativeAtMost("m1", m1, LIMITS.scale);
  requireNonNegativeAtMost("m2", m2, LIMITS.scale);
  if (M <= m1 + m2) return 0;
  // λ^{1/2} factorised: √[(M² − (m1+m2)²)(M² − (m1−m2)²)] keeps precision near threshold.
  const sp = m1 + m2;
  const sm = m1 - m2;
  return Math.sqrt((M - sp) * (M + sp) * (M - sm) * (M + sm)) / (2 * M);
}

/**
 * Mandelstam s for a massless projectile of lab energy E on a target of mass M at rest:
 * s = M² + 2 E M. GeV².
 */
export function sFixedTarget(E: number, M: number): number {
  return M * M + 2 * E * M;
}

/** Minimum massless-projectile lab energy to produce a final-state mass m_N on a target M at rest: E_th = m_N(m_N + 2M)/(2M). GeV. */
export function thresholdEnergy(mN: number, M: number): number {
  requireNonNegativeAtMost("mN", mN, LIMITS.scale);
  requirePositiveAtMost("M", M, LIMITS.scale);
  return (mN * (mN + 2 * M)) / (2 * M);
}

/** Physical range of t for ν(E) + T(M, at rest) → N(m_N) + T: both ends are ≤ 0. GeV². */
export interface TRange {
  /** Most negative t (largest momentum transfer). GeV². */
  readonly tMin: number;
  /** Least negative t (smallest momentum transfer, −|t|_min). GeV². */
  readonly tMax: number;
}

/**
 * The physical t range of ν(E, massless) + T(M, at rest) → N(m_N) + T(M).
 *
 * t₋ = m_N² − 2 p₁(E₃* + p₃) is computed directly (no cancellation), and
 * t₊ from the exact identity t₊ t₋ = m_N⁴ M² / s, so that |t|_min keeps full
 * relative precision even when it is 1e-12 GeV² next to |t|_max of hundreds of GeV².
 * (The identity follows from t± = m_N² − 2p₁(E₃* ∓ p₃) and E₃*² − p₃² = m_N².)
 * Returns null below threshold (E ≤ E_th). GeV².
 */
export function tRange(E: number, mN: number, M: number): TRange | null {
  requirePositiveAtMost("E", E, LIMITS.scale);
  requireNonNegativeAtMost("mN", mN, LIMITS.scale);
  requirePositiveAtMost("M", M, LIMITS.scale);
  return tRangeUnchecked(E, mN, M);
}

/**
 * {@link tRange} without its argument checks, for E, M in (0, LIMITS.scale] and m_N in
 * [0, LIMITS.scale] checked by the caller (the tabulation's inner loop, lib/engine/tIntegration):
 * the same arithmetic, so the same numbers. GeV².
 */
export function tRangeUnchecked(E: number, mN: number, M: number): TRange | null {
  if (E <= (mN * (mN + 2 * M)) / (2 * M)) return null;
  const s = M * M + 2 * E * M;
  const rs = Math.sqrt(s);
  const p1 = (E * M) / rs;
  const E3 = (s + mN * mN - M * M) / (2 * rs);
  // twoBodyMomentum(rs, mN, M) without its checks
  const sp = mN + M, sm = mN - M;
  const p3 = rs <= sp ? 0 : Math.sqrt((rs - sp) * (rs + sp) * (rs - sm) * (rs + sm)) / (2 * rs);
  const tLow = mN * mN - 2 * p1 * (E3 + p3);
  if (mN === 0) return { tMin: tLow, tMax: 0 };
  const tHigh = (mN ** 4 * M * M) / (s * tLow);
  return { tMin: tLow, tMax: tHigh };
}

/** Kinetic energy of a target of mass M recoiling with momentum transfer t (target at rest): T = −t/(2M). GeV. */
export function recoilEnergyFromT(t: number, M: number): number {
  requireFinite("t", t);
  requirePositiveAtMost("M", M, LIMITS.scale);
  if (t > 0) throw new RangeError(`t = ${t} GeV² must be ≤ 0 for a target recoil (allowed: t ≤ 0)`);
  return -t / (2 * M);
}

/** Momentum transfer from the recoil kinetic energy of a target of mass M at rest: t = −2 M T. GeV². */
export function tFromRecoilEnergy(T: number, M: number): number {
  requireNonNegativeAtMost("T", T, LIMITS.scale);
  requirePositiveAtMost("M", M, LIMITS.scale);
  return -2 * M * T;
}

/**
 * cos θ of a target (mass M, at rest) recoiling with kinetic energy T, hit by a massless
 * projectile of energy E that becomes a particle of mass m_N:
 * cos θ = [T(E + M) + m_N²/2] / [E √(T² + 2MT)]. Reduces to the textbook
 * (E+M)/E √(T/(T+2M)) for m_N = 0. Dimensionless.
 */
export function recoilCosTheta(E: number, T: number, M: number, mN = 0): number {
  requirePositiveAtMost("E", E, LIMITS.scale);
  requirePositiveAtMost("T", T, LIMITS.scale);
  requirePositiveAtMost("M", M, LIMITS.scale);
  requireNonNegativeAtMost("mN", mN, LIMITS.scale);
  return (T * (E + M) + (mN * mN) / 2) / (E * Math.sqrt(T * T + 2 * M * T));
}

/** Recoil angle θ (radians) of the target for the same process as {@link recoilCosTheta}; throws where cos θ > 1 (unphysical T). */
export function recoilAngle(E: number, T: number, M: number, mN = 0): number {
  const c = recoilCosTheta(E, T, M, mN);
  if (c > 1 + 1e-12) {
    throw new RangeError(`recoil T = ${T} GeV is kinematically forbidden for E = ${E} GeV, mN = ${mN} GeV (cos θ = ${c} > 1)`);
  }
  return Math.acos(Math.min(1, c));
}

/** Momentum of a particle of energy E and mass m, √((E−m)(E+m)). GeV. Throws if E < m. */
export function momentum(E: number, mass: number): number {
  requireNonNegativeAtMost("mass", mass, LIMITS.scale);
  requireNonNegativeAtMost("E", E, LIMITS.scale);
  if (!(E >= mass)) throw new RangeError(`E = ${E} GeV must be ≥ the mass ${mass} GeV`);
  return Math.sqrt((E - mass) * (E + mass));
}

/** Lorentz factor γ = E/m. Dimensionless. */
export function gammaFactor(E: number, mass: number): number {
  requirePositiveAtMost("mass", mass, LIMITS.scale);
  if (!(E >= mass)) throw new RangeError(`E = ${E} GeV must be ≥ the mass ${mass} GeV`);
  return E / mass;
}

/** Velocity β = p/E. Dimensionless. */
export function beta(E: number, mass: number): number {
  return momentum(E, mass) / E;
}

/** βγ = p/m. Dimensionless. */
export function betaGamma(E: number, mass: number): number {
  requirePositiveAtMost("mass", mass, LIMITS.scale);
  return momentum(E, mass) / mass;
}

/** Lab energy range [E_min, E_max] of a daughter with rest-frame energy eStar and momentum pStar, from a parent of energy E and mass M: γ(E* ∓ β p*). GeV. */
export function labEnergyRange(E: number, M: number, eStar: number, pStar: number): [number, number] {
  const g = gammaFactor(E, M);
  const bg = betaGamma(E, M);
  return [g * eStar - bg * pStar, g * eStar + bg * pStar];
}

/**
 * Lab energy range of a massless daughter of a two-body decay M → 0 + m2
 * (for N → νγ: E_N(1 ∓ β)/2 when m2 = 0, SPEC §5). GeV.
 */
export function masslessDaughterEnergyRange(E: number, M: number, m2 = 0): [number, number] {
  const pStar = twoBodyMomentum(M, 0, m2);
  return labEnergyRange(E, M, pStar, pStar);
}

/** Proper decay length cτ = 1/Γ (ħc = 1). GeV⁻¹; Γ = 0 gives ∞, Γ < 0 is an error. */
export function properDecayLength(width: number): number {
  requireNonNegativeAtMost("width", width, LIMITS.scale);
  return width === 0 ? Infinity : 1 / width;
}

/** Lab decay length d = βγ cτ = (p/m)/Γ of a particle of energy E and mass m with total width Γ. GeV⁻¹ (divide by `m` for metres). */
export function labDecayLength(E: number, mass: number, width: number): number {
  return betaGamma(E, mass) * properDecayLength(width);
}
