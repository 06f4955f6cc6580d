/**
 * Three-body decays of a Dirac N through an off-shell Z_D (m_N < m_ZD), ERRATA E11:
 * N → ν_α ℓ⁺ℓ⁻ with the full Z_D propagator 1/(s − m_ZD²), s = m_ℓℓ², and its contact limit;
 * N → ν_α ν_α ν̄_α. Derivation: docs/derivations/darkBoson.md §4.
 */
import { alpha } from "../../core/constants";
import { kallen } from "../../core/kinematics";
import { integrate } from "../../core/quadrature";
import { requireNonNegative, requirePositive } from "../../core/validate";
import type { DarkBosonModel } from "./model";

const e2 = 4 * Math.PI * alpha;

/** Options: `contact: true` replaces 1/(s − m_ZD²)² by 1/m_ZD⁴ (the m_ZD → ∞ limit of (B.9)). */
export interface ThreeBodyOptions {
  readonly contact?: boolean;
  /** Relative tolerance of the s integral. Default 1e-9. */
  readonly relTol?: number;
}

function requireOffShell(m: DarkBosonModel, contact: boolean): void {
  if (!contact && !(m.mN < m.mZD)) {
    throw new RangeError(
      `mN = ${m.mN} GeV must be < mZD = ${m.mZD} GeV for the off-shell three-body width (for mN > mZD the on-shell N → ν Z_D dominates; use widthNToNuZD)`,
    );
  }
}

function propagator2(m: DarkBosonModel, s: number, contact: boolean): number {
  const M2 = m.mZD * m.mZD;
  const d = contact ? -M2 : s - M2;
  return 1 / (d * d);
}

/**
 * Spin-averaged |M|² of N → ν(p_ν) ℓ⁻(p₋) ℓ⁺(p₊) via Z_D, in Dalitz variables s = (p₊+p₋)²,
 * s1 = (p_ν+p₋)² (s2 = m_N² + 2m_ℓ² − s − s1):
 * |M|² = 2 G² [(s1−m²)(m_N²+m²−s1) + (s2−m²)(m_N²+m²−s2) + 2m²(m_N²−s)], G = g_D U e ε/(s − m_ZD²)
 * (docs/derivations/darkBoson.md eq. D4). Dimensionless.
 */
export function nuLLMatrixElementSquared(m: DarkBosonModel, s: number, s1: number, ml: number, opts: ThreeBodyOptions = {}): number {
  const contact = opts.contact ?? false;
  requireOffShell(m, contact);
  const mN2 = m.mN * m.mN;
  const m2 = ml * ml;
  const s2 = mN2 + 2 * m2 - s - s1;
  const G2 = m.gD * m.gD * m.U2 * e2 * m.eps * m.eps * propagator2(m, s, contact);
  return 2 * G2 * ((s1 - m2) * (mN2 + m2 - s1) + (s2 - m2) * (mN2 + m2 - s2) + 2 * m2 * (mN2 - s));
}

/**
 * dΓ/ds(N → ν ℓ⁺ℓ⁻) = g_D² U2 e² ε² (m_N² − s)²(m_N² + 2s)(1 + 2m_ℓ²/s)√(1 − 4m_ℓ²/s) / [384 π³ m_N³ (s − m_ZD²)²],
 * i.e. Γ(N → ν Z_D*(s)) · √s Γ(Z_D*(s) → ℓℓ) / [π (s − m_ZD²)²] (derivation eq. D5). GeV⁻¹.
 */
export function dWidthDsNuLL(m: DarkBosonModel, s: number, ml: number, opts: ThreeBodyOptions = {}): number {
  const contact = opts.contact ?? false;
  requireOffShell(m, contact);
  requireNonNegative("ml", ml);
  const mN2 = m.mN * m.mN;
  const m2 = ml * ml;
  if (!(s >= 4 * m2 && s <= mN2)) throw new RangeError(`s = ${s} GeV² is outside [4 mℓ², mN²] = [${4 * m2}, ${mN2}] GeV²`);
  const beta = Math.sqrt(Math.max(0, 1 - (4 * m2) / s));
  const d = mN2 - s;
  return (
    (m.gD * m.gD * m.U2 * e2 * m.eps * m.eps * d * d * (mN2 + 2 * s) * (1 + (2 * m2) / s) * beta * propagator2(m, s, contact)) /
    (384 * Math.PI ** 3 * m.mN ** 3)
  );
}

/**
 * Γ(N → ν_α ℓ⁺ℓ⁻) through Z_D, Dirac N, full propagator (domain m_N < m_ZD, else RangeError) or
 * the contact limit (which equals (B.9) of arXiv:2011.04751 with G_D = g_D e/(4√2 m_ZD²), ERRATA
 * E11; test "E11" in test/darkBosonWidths.test.ts). The Z_D width in the propagator is neglected
 * (valid for m_ZD − m_N ≫ Γ_ZD). 0 below 2m_ℓ. GeV.
 */
export function widthNToNuLL(m: DarkBosonModel, ml: number, opts: ThreeBodyOptions = {}): number {
  const contact = opts.contact ?? false;
  requireOffShell(m, contact);
  requirePositive("ml", ml);
  if (m.mN <= 2 * ml) return 0;
  const lo = 4 * ml * ml;
  const hi = m.mN * m.mN;
  return integrate((s) => dWidthDsNuLL(m, s, ml, opts), lo, hi, { relTol: opts.relTol ?? 1e-9 }).value;
}

/**
 * Γ(N → ν_α ν_α ν̄_α) through Z_D with the ν–ν–Z_D coupling g_D U2 (ERRATA E10 reading), Dirac N:
 * 2 × g_D⁴ U2³ ∫ds (m_N² − s)²(m_N² + 2s)/[768 π³ m_N³ (s − m_ZD²)²]; the factor 2 is the
 * identical-neutrino (Fierz) factor, exact in the contact limit where it gives
 * g_D⁴ U2³ m_N⁵/(768 π³ m_ZD⁴) (derivation §4). Domain m_N < m_ZD. GeV.
 */
export function widthNToNuNuNu(m: DarkBosonModel, opts: ThreeBodyOptions = {}): number {
  const contact = opts.contact ?? false;
  requireOffShell(m, contact);
  const mN2 = m.mN * m.mN;
  const g4U6 = m.gD ** 4 * m.U2 ** 3;
  const f = (s: number): number => {
    const d = mN2 - s;
    return (g4U6 * d * d * (mN2 + 2 * s) * propagator2(m, s, contact)) / (768 * Math.PI ** 3 * m.mN ** 3);
  };
  return 2 * integrate(f, 0, mN2, { relTol: opts.relTol ?? 1e-9 }).value;
}

/**
 * I₁(x, y, z) of (B.10) of arXiv:2011.04751 (from its Ref. [107]), by quadrature:
 * 12 ∫_{(x+y)²}^{(1−z)²} ds/s (s − x² − y²)(1 + z² − s) λ^{1/2}(s, x², y²) λ^{1/2}(1, s, z²). Dimensionless.
 */
export function I1(x: number, y: number, z: number): number {
  const lo = (x + y) ** 2;
  const hi = (1 - z) ** 2;
  if (!(hi > lo)) return 0;
  const f = (s: number): number =>
    ((s - x * x - y * y) * (1 + z * z - s) * Math.sqrt(Math.max(0, kallen(s, x * x, y * y))) * Math.sqrt(Math.max(0, kallen(1, s, z * z)))) / s;
  return 12 * integrate(f, lo, hi, { relTol: 1e-10 }).value;
}

/**
 * I₂(x, y, z) of (B.11) of arXiv:2011.04751:
 * 24 y z ∫_{(y+z)²}^{(1−x)²} ds/s (1 + x² − s) λ^{1/2}(s, y², z²) λ^{1/2}(1, s, x²). Dimensionless.
 */
export function I2(x: number, y: number, z: number): number {
  const lo = (y + z) ** 2;
  const hi = (1 - x) ** 2;
  if (!(hi > lo) || y === 0 || z === 0) return 0;
  const f = (s: number): number =>
    ((1 + x * x - s) * Math.sqrt(Math.max(0, kallen(s, y * y, z * z))) * Math.sqrt(Math.max(0, kallen(1, s, x * x)))) / s;
  return 24 * y * z * integrate(f, lo, hi, { relTol: 1e-10 }).value;
}

/**
 * Contact-limit Γ(N → ν e⁺e⁻), (B.9) of arXiv:2011.04751 with the corrected G_D = g_D e/(4√2 m_ZD²)
 * (ERRATA E11): G_D² ε² U2 m_N⁵ [I₂ + 2I₁](0, m_ℓ/m_N, m_ℓ/m_N)/(48π³). GeV.
 */
export function widthNToNuLLContactB9(m: DarkBosonModel, ml: number): number {
  requirePositive("ml", ml);
  if (m.mN <= 2 * ml) return 0;
  const GD = (m.gD * Math.sqrt(e2)) / (4 * Math.SQRT2 * m.mZD * m.mZD);
  const r = ml / m.mN;
  return ((GD * GD * m.eps * m.eps * m.U2 * m.mN ** 5) / (48 * Math.PI ** 3)) * (I2(0, r, r) + 2 * I1(0, r, r));
}
