/**
 * Decays of the heavy-Z_D HNL of Fig. 4 of arXiv:2011.04751 (m_N < m_ZD, ν_τ mixing): the
 * Z_D-mediated widths of lib/models/darkBoson (N → ν e⁺e⁻, ν μ⁺μ⁻ with the full propagator,
 * ERRATA E11; N → 3ν) plus the SM neutral-current decays through the mixing U_τN, which
 * matter above m_N ≈ 0.5 GeV for the Fig. 4 benchmark (Z_D exchange ∝ (g_D e ε/m_ZD²)²
 * against G_F²). Charged-current channels of a ν_τ-mixed N need m_N > m_τ and are absent.
 * The Z–Z_D interference in N → ν_τ e⁺e⁻ is neglected. Derivation: docs/derivations/fig4.md §2.
 */
import { G_F, m_e, m_eta, m_mu, m_pi0, sin2ThetaW } from "../../../core/constants";
import { dWidthDsNuLL, nWidths, type DarkBosonModel } from "..";
import { gaussLegendre } from "../../../core/quadrature";
import { requireNonNegative, requirePositive } from "../../../core/validate";

/** Decay constants (GeV): f_π = 0.1302, f_η = 0.0817 (Bondarenko et al., arXiv:1805.08567, Table 2). */
const F_PI = 0.1302;
const F_ETA = 0.0817;
/** ρ⁰, ω: masses (PDG 2024) and f_V (GeV) with the NC factors κ_ρ = 1 − 2s², κ_ω = (4/3)s² (arXiv:1805.08567, Table 3 and eq. (3.9)). */
const VECTORS = [
  { name: "rho0", mass: 0.77526, f: 0.21, kappa: 1 - 2 * sin2ThetaW },
  { name: "omega", mass: 0.78266, f: 0.195, kappa: (4 / 3) * sin2ThetaW },
];

/**
 * Γ(N → ν_τ ℓ⁺ℓ⁻) by Z exchange only (ℓ ≠ τ), Dirac N, through the mixing U2 (arXiv:1805.08567
 * eq. (3.4) with the ℓ ≠ α coefficients C₁ = ¼(1 − 4s² + 8s⁴), C₂ = ½s²(2s² − 1)). For m_ℓ → 0 it is
 * C₁ G_F² m_N⁵ U2/(192π³). GeV.
 */
export function smWidthNuLL(mN: number, U2: number, ml: number): number {
  requirePositive("mN", mN);
  requireNonNegative("U2", U2);
  if (mN <= 2 * ml) return 0;
  const s2 = sin2ThetaW;
  const C1 = 0.25 * (1 - 4 * s2 + 8 * s2 * s2);
  const C2 = 0.5 * s2 * (2 * s2 - 1);
  const x = ml / mN;
  const x2 = x * x;
  const v = Math.sqrt(1 - 4 * x2);
  // ln[(1 − 3x² − (1 − x²)v)/(x²(1 + v))]: the numerator equals 4x⁶/(1 − 3x² + (1 − x²)v) exactly
  // ((1 − 3x²)² − (1 − x²)²(1 − 4x²) = 4x⁶), which avoids the cancellation for small x
  const L = x === 0 ? 0 : Math.log((4 * x2 * x2) / ((1 - 3 * x2 + (1 - x2) * v) * (1 + v)));
  const f1 = (1 - 14 * x2 - 2 * x2 ** 2 - 12 * x2 ** 3) * v + 12 * x2 ** 2 * (x2 ** 2 - 1) * L;
  const f2 = x2 * (2 + 10 * x2 - 12 * x2 ** 2) * v + 6 * x2 ** 2 * (1 - 2 * x2 + 2 * x2 ** 2) * L;
  return ((G_F * G_F * mN ** 5 * U2) / (192 * Math.PI ** 3)) * (C1 * f1 + 4 * C2 * f2);
}

/** Γ(N → ν_τ Σν ν̄) by Z exchange, Dirac N: Σ_β (1 + δ_τβ) G_F² m_N⁵ U2/(768π³) = G_F² m_N⁵ U2/(192π³) (arXiv:0705.1729). GeV. */
export function smWidthInvisible(mN: number, U2: number): number {
  return (G_F * G_F * mN ** 5 * U2) / (192 * Math.PI ** 3);
}

/** Γ(N → ν_τ P⁰) = G_F² f_P² m_N³ U2 (1 − m_P²/m_N²)²/(32π), P = π⁰, η (arXiv:1805.08567 eq. (3.7)). GeV. */
export function smWidthNuPseudoscalar(mN: number, U2: number, mP: number, fP: number): number {
  if (mN <= mP) return 0;
  const x2 = (mP * mP) / (mN * mN);
  return (G_F * G_F * fP * fP * mN ** 3 * U2 * (1 - x2) ** 2) / (32 * Math.PI);
}

/** Γ(N → ν_τ V⁰) = G_F² κ_V² f_V² m_N³ U2 (1 + 2x²)(1 − x²)²/(32π), x = m_V/m_N (arXiv:1805.08567 eq. (3.9)). GeV. */
export function smWidthNuVector(mN: number, U2: number, mV: number, fV: number, kappa: number): number {
  if (mN <= mV) return 0;
  const x2 = (mV * mV) / (mN * mN);
  return (G_F * G_F * kappa * kappa * fV * fV * mN ** 3 * U2 * (1 + 2 * x2) * (1 - x2) ** 2) / (32 * Math.PI);
}

/** All partial widths of the Fig. 4 HNL (GeV) and the visible (e⁺e⁻) part. */
export interface HeavyZDNWidths {
  /** Z_D-mediated (lib/models/darkBoson/widths nWidths). */
  readonly zdNuee: number;
  readonly zdNumumu: number;
  readonly zdNununu: number;
  /** SM neutral current through the mixing. */
  readonly smNuee: number;
  readonly smNumumu: number;
  readonly smInvisible: number;
  readonly smHadrons: number;
  readonly total: number;
  /** Γ(N → ν e⁺e⁻) summed over Z_D and Z exchange (interference neglected). */
  readonly visibleEE: number;
}

/**
 * Partial widths of N for the heavy-Z_D model (m_N < m_ZD) including the SM mixing channels
 * (`sm: false` drops them and reproduces nWidths). Multi-hadron NC channels above ~1 GeV are
 * not included (the total is then a lower bound there). GeV.
 */
export function heavyZDNWidths(m: DarkBosonModel, opts: { readonly sm?: boolean } = {}): HeavyZDNWidths {
  const w = nWidths(m);
  const sm = opts.sm ?? true;
  const U2 = m.U2;
  const smNuee = sm ? smWidthNuLL(m.mN, U2, m_e) : 0;
  const smNumumu = sm ? smWidthNuLL(m.mN, U2, m_mu) : 0;
  const smInvisible = sm ? smWidthInvisible(m.mN, U2) : 0;
  let smHadrons = 0;
  if (sm) {
    smHadrons += smWidthNuPseudoscalar(m.mN, U2, m_pi0, F_PI) + smWidthNuPseudoscalar(m.mN, U2, m_eta, F_ETA);
    for (const v of VECTORS) smHadrons += smWidthNuVector(m.mN, U2, v.mass, v.f, v.kappa);
  }
  const total = w.total + smNuee + smNumumu + smInvisible + smHadrons;
  return {
    zdNuee: w.nuee,
    zdNumumu: w.numumu,
    zdNununu: w.nununu,
    smNuee,
    smNumumu,
    smInvisible,
    smHadrons,
    total,
    visibleEE: w.nuee + smNuee,
  };
}

/**
 * Fraction of N → ν e⁺e⁻ decays of an unpolarised N of lab energy E_N with E(e⁺) + E(e⁻) > Ecut,
 * with the s = m_ee² distribution of the Z_D-mediated width (dWidthDsNuLL): for fixed s the ν has
 * rest-frame energy E* = (m_N² − s)/(2m_N) and, the decay being isotropic, a lab energy uniform on
 * [γE*(1 − β), γE*(1 + β)]; E_vis = E_N − E_ν. Gauss–Legendre in s (48 nodes). Dimensionless.
 */
export function visibleFractionNuEE(m: DarkBosonModel, EN: number, Ecut: number): number {
  requirePositive("EN", EN);
  requireNonNegative("Ecut", Ecut);
  if (!(EN > Ecut)) return 0;
  const mN = m.mN;
  const lo = 4 * m_e * m_e;
  const hi = mN * mN;
  if (!(hi > lo)) return 0;
  const gl = GL48;
  const g = EN / mN;
  const bg = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN))) / mN;
  let num = 0;
  let den = 0;
  // s = lo + (hi − lo) u², u ∈ [0, 1] concentrates nodes near threshold where dΓ/ds peaks
  for (let i = 0; i < gl.x.length; i++) {
    const u = 0.5 * ((gl.x[i] as number) + 1);
    const s = lo + (hi - lo) * u * u;
    const wgt = (gl.w[i] as number) * 0.5 * 2 * u * (hi - lo) * dWidthDsNuLL(m, s, m_e);
    const eStar = (mN * mN - s) / (2 * mN);
    const a = eStar * (g - bg);
    const b = eStar * (g + bg);
    const lim = EN - Ecut;
    const p = b <= a ? (a < lim ? 1 : 0) : Math.min(1, Math.max(0, (lim - a) / (b - a)));
    num += wgt * p;
    den += wgt;
  }
  return den > 0 ? num / den : 0;
}

const GL48 = gaussLegendre(48);
