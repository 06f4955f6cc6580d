/**
 * Elastic N e⁻ → N e⁻ through Z_D exchange (Dirac N, vector couplings g_D and e ε Q_e).
 * Corrects (A.12) of arXiv:2011.04751 per ERRATA E7: the printed form lacks the 1/4 average
 * over the N and electron spins and is exactly 4× this result (test "E7" in
 * test/darkBosonElectron.test.ts). Derivation: docs/derivations/darkBoson.md §3.
 */
import { alpha, m_e } from "../../core/constants";
import { requireFinite, requireNonNegative, requirePositive } from "../../core/validate";
import type { DarkBosonModel } from "./model";

/** Physical t range of N(E₁, m_N) + e⁻(at rest) → N + e⁻: t ∈ [−λ(s, m_N², m_e²)/s, 0]. GeV². */
export function tRangeNElectron(E1: number, mN: number): { readonly tMin: number; readonly tMax: number } {
  requirePositive("mN", mN);
  if (!(E1 > mN)) throw new RangeError(`E1 = ${E1} GeV must exceed the N mass mN = ${mN} GeV`);
  const s = mN * mN + m_e * m_e + 2 * E1 * m_e;
  // 4 p_cm² = 4 m_e² (E₁² − m_N²)/s (fixed-target identity λ(s, m_N², m_e²) = 4 m_e² p_lab²).
  const p2 = (E1 - mN) * (E1 + mN);
  return { tMin: (-4 * m_e * m_e * p2) / s, tMax: 0 };
}

/** Numerator B(t) = 8E₁²m_e² + 4E₁m_e t + t² + 2t(m_e² + m_N²) shared by (A.12) and its correction. GeV⁴. */
export function nElectronNumerator(E1: number, t: number, mN: number): number {
  return 8 * E1 * E1 * m_e * m_e + 4 * E1 * m_e * t + t * t + 2 * t * (m_e * m_e + mN * mN);
}

/**
 * dσ/dt(N e⁻ → N e⁻) = α ε² g_D² B(t) / [8 m_e² (E₁² − m_N²)(m_ZD² − t)²]; E₁ is the lab energy of
 * the (massive) incoming N. (A.12) of arXiv:2011.04751 divided by 4 (ERRATA E7). For E₁ ≫ masses it
 * tends to α ε² g_D²/(m_ZD² − t)². GeV⁻⁴.
 */
export function dSigmaDtNElectron(m: DarkBosonModel, E1: number, t: number): number {
  requireFinite("t", t);
  const r = tRangeNElectron(E1, m.mN);
  if (!(t <= 0 && t >= r.tMin * (1 + 1e-9))) {
    throw new RangeError(`t = ${t} GeV² is outside the physical range [${r.tMin}, 0] GeV²`);
  }
  const d = m.mZD * m.mZD - t;
  return (alpha * m.eps * m.eps * m.gD * m.gD * nElectronNumerator(E1, t, m.mN)) / (8 * m_e * m_e * (E1 - m.mN) * (E1 + m.mN) * d * d);
}

/**
 * σ(N e⁻ → N e⁻) with an optional electron-recoil window T = −t/(2m_e) ∈ [Tmin, Tmax], integrating
 * {@link dSigmaDtNElectron} analytically in u = m_ZD² − t (B = b₀ − b₁u + u²):
 * ∫ B/u² = b₀(1/u₂ − 1/u₁) − b₁ ln(u₁/u₂) + (u₁ − u₂). 0 if the window is empty. GeV⁻².
 */
export function sigmaNElectron(m: DarkBosonModel, E1: number, opts: { readonly Tmin?: number; readonly Tmax?: number } = {}): number {
  const r = tRangeNElectron(E1, m.mN);
  let lo = r.tMin;
  let hi = 0;
  if (opts.Tmin !== undefined) {
    requireNonNegative("Tmin", opts.Tmin);
    hi = Math.min(hi, -2 * m_e * opts.Tmin);
  }
  if (opts.Tmax !== undefined) {
    requirePositive("Tmax", opts.Tmax);
    lo = Math.max(lo, -2 * m_e * opts.Tmax);
  }
  if (!(lo < hi)) return 0;
  const M2 = m.mZD * m.mZD;
  const a1 = 4 * E1 * m_e + 2 * m_e * m_e + 2 * m.mN * m.mN;
  const b0 = nElectronNumerator(E1, M2, m.mN);
  const b1 = a1 + 2 * M2;
  const u1 = M2 - lo;
  const u2 = M2 - hi;
  const du = hi - lo; // = u1 − u2, without the rounding of M² − t
  const integral = (b0 * du) / (u1 * u2) - b1 * Math.log1p(du / u2) + du;
  return (alpha * m.eps * m.eps * m.gD * m.gD * integral) / (8 * m_e * m_e * (E1 - m.mN) * (E1 + m.mN));
}
