/**
 * ν T → N T through the dipole vertex and one-photon exchange, for a spin-½ target of mass M
 * with Dirac (F1) and Pauli (F2) form factors: the common kernel of the coherent, nucleon and
 * electron cross sections. Derivation: docs/derivations/dipole.md §2.
 *
 * Conventions: massless left-handed ν of lab energy E on a target at rest; t = (k_ν − k_N)² < 0;
 * target vertex e[F1 γ^α + i F2 σ^{αβ} q_β/(2M)], q = p_T' − p_T; dipole vertex 2 μ_N σ^{αβ} q_β P_L
 * from (3.1). ν̄ → N̄ has the same cross section. All cross sections in GeV⁻² (per target),
 * dσ/dt in GeV⁻⁴.
 */
import { alpha } from "../../core/constants";
import { integrateOverT } from "../../core/quadrature";
import { tRange } from "../../core/kinematics";
import { requireFinite, requireNonNegative, requirePositive } from "../../core/validate";

/**
 * Coefficients of dσ/dt = f11 F1² + f12 F1 F2 + f22 F2² for ν T → N T (docs/derivations/dipole.md eq. D2.6).
 * f11 is (A.10) of arXiv:2011.04751 with m_e → M (ERRATA E1, E5). f22 is 1/4 of the F2 term of
 * the printed (A.1) after its E → E′ repair, and f12 is absent from (A.1) (ERRATA E2; shown in
 * test/dipoleErrata.test.ts "E2 …"). GeV⁻⁴. Unchecked fast path: t must lie in the physical range.
 */
export interface DiracTargetTerms {
  readonly f11: number;
  readonly f12: number;
  readonly f22: number;
}

/** The prefactor α/(4M²E²t²) of the coefficients of {@link DiracTargetTerms} (docs/derivations/dipole.md D2.6). GeV⁻⁸ per μ_N² = 1 GeV⁻². */
function diracPrefactor(E: number, t: number, M2: number): number {
  return alpha / (4 * M2 * E * E * t * t);
}

/** D = −2[2M²(4E²t + m⁴ − m²t) + 4EMt(t − m²) + m²t(m² − t)]: the point-Dirac bracket of (A.10) with m_e → M, m2 = m_N². GeV⁴. */
function diracBracket(E: number, t: number, m2: number, M: number, M2: number): number {
  return -2 * (2 * M2 * (4 * E * E * t + m2 * m2 - m2 * t) + 4 * E * M * t * (t - m2) + m2 * t * (m2 - t));
}

/** Kernel of {@link diracTargetTerms} without argument checks (inner-loop use). GeV⁻⁴ per μ_N² = 1 GeV⁻². */
export function diracTargetTermsUnchecked(E: number, t: number, mN: number, M: number): DiracTargetTerms {
  const m2 = mN * mN;
  const M2 = M * M;
  const pref = diracPrefactor(E, t, M2);
  const d = diracBracket(E, t, m2, M, M2);
  const ag = magneticStructure(t, m2);
  return { f11: pref * d, f12: pref * 2 * ag, f22: pref * pauliBracket(-t / (4 * M2), d, ag) };
}

/** The magnetic (g_{αβ}) structure A_g = −t(m² − t)(2m² + t) of the Dirac–Pauli interference (D2.6 of docs/derivations/dipole.md), GeV⁶. */
function magneticStructure(t: number, m2: number): number {
  return -t * (m2 - t) * (2 * m2 + t);
}

/** The F2² bracket τ A_PP + A_g, with A_PP = D − A_g and τ = −t/4M² (dimensionless; D2.6 of docs/derivations/dipole.md), GeV⁶. */
function pauliBracket(tau: number, d: number, ag: number): number {
  return tau * (d - ag) + ag;
}

/**
 * The E-only factors of {@link DiracTargetTerms} (docs/derivations/dipole.md D2.6) for loops over
 * t at one E (the production kernels): the prefactor without 1/t², pE = α/(4M²E²) (GeV⁻⁶), and
 * the point-Dirac bracket of {@link diracBracket} as a polynomial in t, D = −2(c0 + t(c1 + t c2)),
 * c0 = 2M²m⁴, c1 = 8M²E² − 2M²m² − 4EMm² + m⁴, c2 = 4EM − m² (GeV⁶, GeV⁴, GeV²; m = m_N) — the
 * same numbers to the rounding (≲ 10⁻¹⁵ relative away from the ends of the physical t range).
 */
export interface DiracAtE {
  readonly pE: number;
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
  /** m_N², GeV², and 1/(4M²), GeV⁻². */
  readonly m2: number;
  readonly inv4M2: number;
}

/** {@link DiracAtE} at neutrino energy E (GeV) for N mass mN and target mass M (GeV). */
export function diracAtE(E: number, mN: number, M: number): DiracAtE {
  const m2 = mN * mN, M2 = M * M;
  return { pE: alpha / (4 * M2 * E * E), c0: 2 * M2 * m2 * m2, c1: 8 * M2 * E * E - 2 * M2 * m2 - 4 * E * M * m2 + m2 * m2, c2: 4 * E * M - m2, m2, inv4M2: 1 / (4 * M2) };
}

/** f11 of {@link DiracTargetTerms} at t (GeV², in the physical range) from the hoisted factors k: (A.10) with m_e → M. GeV⁻⁴ per μ_N² = 1 GeV⁻². */
export function diracF11At(k: DiracAtE, t: number): number {
  return (k.pE / (t * t)) * (-2 * (k.c0 + t * (k.c1 + t * k.c2)));
}

/** f11 F1² + f12 F1F2 + f22 F2² (D2.6) at t from the hoisted factors k, form factors F1, F2 at t. GeV⁻⁴ per μ_N² = 1 GeV⁻². */
export function diracSumAt(k: DiracAtE, t: number, F1: number, F2: number): number {
  const pref = k.pE / (t * t);
  const d = -2 * (k.c0 + t * (k.c1 + t * k.c2));
  const ag = magneticStructure(t, k.m2);
  return pref * (d * F1 * F1 + 2 * ag * F1 * F2 + pauliBracket(-t * k.inv4M2, d, ag) * F2 * F2);
}

/**
 * dσ/dt for ν T → N T with target form factors F1, F2 (values at Q = √−t), coupling μ_N:
 * docs/derivations/dipole.md eq. (D2.6); F2 = 0 gives (A.10) of arXiv:2011.04751 with m_e → M.
 * GeV⁻⁴. E, M > 0 GeV; mN ≥ 0 GeV; t ≤ 0 GeV²; returns 0 outside the physical t range (physics).
 */
export function dsigmaDtDiracTarget(
  E: number,
  t: number,
  mN: number,
  M: number,
  mu: number,
  F1: number,
  F2 = 0,
): number {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requirePositive("M", M);
  requireNonNegative("mu", mu);
  requireFinite("F1", F1);
  requireFinite("F2", F2);
  if (!(t < 0)) throw new RangeError(`t = ${t} GeV² must be < 0`);
  if (!inPhysicalRange(E, t, mN, M)) return 0;
  const c = diracTargetTermsUnchecked(E, t, mN, M);
  return mu * mu * (c.f11 * F1 * F1 + c.f12 * F1 * F2 + c.f22 * F2 * F2);
}

/** Coefficients f11, f12, f22 of {@link DiracTargetTerms} per μ_N² (μ_N = 1 GeV⁻¹), checked. GeV⁻⁴. */
export function diracTargetTerms(E: number, t: number, mN: number, M: number): DiracTargetTerms {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requirePositive("M", M);
  if (!(t < 0)) throw new RangeError(`t = ${t} GeV² must be < 0`);
  return diracTargetTermsUnchecked(E, t, mN, M);
}

/** True when t lies in the physical range of ν(E) T(M) → N(m_N) T (with 1e-12 relative slack at both ends). */
export function inPhysicalRange(E: number, t: number, mN: number, M: number): boolean {
  const r = tRange(E, mN, M);
  if (r === null) return false;
  return t >= r.tMin * (1 + 1e-12) && t <= r.tMax * (1 - 1e-12);
}

/** Recoil-energy window of the target, T = −t/(2M) ∈ [Tmin, Tmax], GeV. */
export interface RecoilWindow {
  readonly Tmin: number;
  readonly Tmax: number;
}

/** Options common to all σ(E) integrals. */
export interface ScatteringOptions {
  /** Upper cut on the momentum transfer, |t| < tAbsMax, GeV² (e.g. (0.1 GeV)² for the ECC signature). */
  readonly tAbsMax?: number;
  /** Keep only target recoil kinetic energies T = −t/(2 m_T) in [Tmin, Tmax], GeV. */
  readonly recoilWindow?: RecoilWindow;
  /** Relative tolerance of the t integral (default 1e-6). */
  readonly relTol?: number;
}

/**
 * The |t| interval [lo, hi] (GeV², both > 0) left after intersecting the physical range of
 * ν(E) T(M) → N(m_N) T with the cuts of `opts` and an optional outer cap `qCap2`; null if empty
 * (below threshold or cut away).
 */
export function absTInterval(
  E: number,
  mN: number,
  M: number,
  opts: ScatteringOptions,
  qCap2 = Infinity,
): { lo: number; hi: number } | null {
  const r = tRange(E, mN, M);
  if (r === null) return null;
  let lo = -r.tMax;
  let hi = -r.tMin;
  if (lo === 0) {
    // m_N = 0: |t|_min = 0 would make the ln|t| integral diverge (the 1/|t| pole of E5); refuse.
    throw new RangeError(`mN = ${mN} GeV gives |t|_min = 0: the σ integral diverges (use mN > 0)`);
  }
  if (opts.tAbsMax !== undefined) {
    requirePositive("tAbsMax", opts.tAbsMax);
    hi = Math.min(hi, opts.tAbsMax);
  }
  if (opts.recoilWindow !== undefined) {
    const { Tmin, Tmax } = opts.recoilWindow;
    requireNonNegative("recoilWindow.Tmin", Tmin);
    requirePositive("recoilWindow.Tmax", Tmax);
    if (!(Tmax > Tmin)) throw new RangeError(`recoilWindow Tmax = ${Tmax} GeV must exceed Tmin = ${Tmin} GeV`);
    lo = Math.max(lo, 2 * M * Tmin);
    hi = Math.min(hi, 2 * M * Tmax);
  }
  hi = Math.min(hi, qCap2);
  if (!(hi > lo)) return null;
  return { lo, hi };
}

/** ∫ f(t) dt over −hi < t < −lo in ln|t| with relative tolerance relTol (quadrature.integrateOverT). GeV-agnostic. */
export function integrateAbsT(f: (t: number) => number, lo: number, hi: number, relTol: number): number {
  requirePositive("relTol", relTol);
  return integrateOverT(f, -hi, -lo, { relTol, maxIntervals: 4000 });
}
