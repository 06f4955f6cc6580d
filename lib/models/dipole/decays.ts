/**
 * Decays of the dipole-portal HNL: N → ν γ (B.1) and N → ν γ* → ν ℓ⁺ℓ⁻ (B.2)–(B.5) of
 * arXiv:2011.04751, the latter CORRECTED per ERRATA E8 (log argument of (B.5), and a factor 2:
 * the printed (B.3)–(B.5) are half the width implied by (B.1)); the printed forms live in
 * ./printed.ts. Derivation: docs/derivations/dipole.md §4.
 *
 * Per-flavour functions (`…PerFlavour`) are for ONE active flavour α. Model-level widths multiply
 * by decayFlavourCount(model): 1 by default (the `paper` preset, (3.2)), 3 as the option of a
 * one-μ_N-per-flavour universal coupling (see ./model.ts).
 * The total width keeps the paper's channels νγ, νe⁺e⁻, νμ⁺μ⁻ (ν τ⁺τ⁻ on request); γ* → hadrons is
 * omitted as in the paper (a ≲1% effect on the total width).
 */
import { alpha, m_e, m_mu, m_tau } from "../../core/constants";
import { labDecayLength as kinLabDecayLength, momentum } from "../../core/kinematics";
import { integrate } from "../../core/quadrature";
import { requireNonNegative, requireOneOf, requirePositive, LIMITS, requirePositiveAtMost, requireNonNegativeAtMost } from "../../core/validate";
import { decayFlavourCount, type DipoleModel } from "./model";

/** A charged lepton ℓ of N → ν ℓ⁺ℓ⁻. */
export type ChargedLepton = "e" | "mu" | "tau";

const LEPTONS: readonly ChargedLepton[] = ["e", "mu", "tau"];

/** Mass of a charged lepton (PDG 2024 via lib/core/constants). GeV. */
export function leptonMass(lepton: ChargedLepton): number {
  requireOneOf("lepton", lepton, LEPTONS);
  return lepton === "e" ? m_e : lepton === "mu" ? m_mu : m_tau;
}

/** Γ(N → ν_α γ) = μ_N² m_N³/(4π) for one flavour α — (B.1) of arXiv:2011.04751. GeV. */
export function widthNuGammaPerFlavour(mN: number, mu: number): number {
  requirePositiveAtMost("mN", mN, LIMITS.mass);
  requireNonNegativeAtMost("mu", mu, LIMITS.mu);
  return (mu * mu * mN ** 3) / (4 * Math.PI);
}

/**
 * Spin-averaged |M|² of N → ν ℓ⁻ℓ⁺ (one flavour), s₁ = (p_ν + p_ℓ⁻)², s₂ = (p_ℓ⁺ + p_ℓ⁻)²:
 * (4e²μ²/s₂²)[s₂(2s₁ + s₂ − m_N² − 2m_ℓ²)² + (m_N² − s₂)(m_N² s₂ + s₂² + 4m_ℓ² m_N²)]
 * — docs/derivations/dipole.md (D4.3); equals (B.3) of arXiv:2011.04751, which is the
 * spin AVERAGE, so (B.2) must not divide by 2 again (ERRATA E8). Dimensionless.
 */
export function ampSqNuLL(s1: number, s2: number, mN: number, mu: number, mL: number): number {
  requirePositive("s2", s2);
  requirePositive("mN", mN);
  const m2 = mN * mN;
  const l2 = mL * mL;
  const e2 = 4 * Math.PI * alpha;
  const x = 2 * s1 + s2 - m2 - 2 * l2;
  return ((4 * e2 * mu * mu) / (s2 * s2)) * (s2 * x * x + (m2 - s2) * (m2 * s2 + s2 * s2 + 4 * l2 * m2));
}

/** dΓ/ds₂ without argument checks; s₂ in (4m_ℓ², m_N²). GeV⁻¹. */
function dWidthDs2Unchecked(s2: number, mN: number, mu: number, mL: number): number {
  const m2 = mN * mN;
  const l2 = mL * mL;
  const beta = Math.sqrt(Math.max(0, 1 - (4 * l2) / s2));
  const e2 = 4 * Math.PI * alpha;
  return (e2 * mu * mu * beta * (s2 + 2 * l2) * (m2 - s2) ** 2 * (2 * m2 + s2)) / (96 * Math.PI ** 3 * mN ** 3 * s2 * s2);
}

/**
 * dΓ(N → ν_α ℓ⁺ℓ⁻)/ds₂, one flavour, s₂ = m_ℓℓ²: e²μ_N² β (s₂ + 2m_ℓ²)(m_N² − s₂)²(2m_N² + s₂)/(96π³ m_N³ s₂²),
 * β = √(1 − 4m_ℓ²/s₂) — (B.4) of arXiv:2011.04751 CORRECTED ×2 (ERRATA E8; the printed one has
 * 192π³, see `dWidthNuLLds2Printed`; test/dipoleErrata.test.ts "E8: (B.4) as printed is half …").
 * GeV⁻¹; 0 outside 4m_ℓ² < s₂ < m_N² (phase space).
 */
export function dWidthNuLLds2PerFlavour(s2: number, mN: number, mu: number, lepton: ChargedLepton): number {
  requirePositive("s2", s2);
  requirePositive("mN", mN);
  requireNonNegative("mu", mu);
  const mL = leptonMass(lepton);
  if (s2 <= 4 * mL * mL || s2 >= mN * mN) return 0;
  return dWidthDs2Unchecked(s2, mN, mu, mL);
}

/** Below m_N/(2m_ℓ) = this the closed form loses digits to cancellation and the width is integrated numerically. */
const CLOSED_FORM_MIN_RATIO = 1.2;

/**
 * s₂ integral in the variable η, s₂ = 4m_ℓ² cosh²η (so β ds₂ = 8m_ℓ² sinh²η dη, smooth at threshold),
 * of g(s₂)·dΓ/ds₂ between s₂ = a and s₂ = b. GeV.
 */
function integrateS2(
  g: (s2: number) => number,
  a: number,
  b: number,
  mN: number,
  mu: number,
  mL: number,
  relTol: number,
  absTol = 0,
): number {
  const fourL2 = 4 * mL * mL;
  const eta = (s: number) => Math.acosh(Math.sqrt(Math.max(1, s / fourL2)));
  // the s₂-independent factors hoisted: e²μ_N² · 8m_ℓ² / (96π³ m_N³)
  const m2 = mN * mN;
  const l2 = mL * mL;
  const e2 = 4 * Math.PI * alpha;
  const pref = (e2 * mu * mu * 8 * l2) / (96 * Math.PI ** 3 * mN ** 3);
  const f = (h: number) => {
    // cosh η and sinh η from one e^η − 1 (sinh η = (e^η − 1)(1 + e^−η)/2: no cancellation near threshold)
    const em = Math.expm1(h), inv = 1 / (1 + em);
    const c = 0.5 * (1 + em + inv);
    const s2 = fourL2 * c * c;
    if (s2 >= m2) return 0;
    // dΓ/ds₂ ds₂ with β ds₂ written as 8 m_ℓ² sinh²η dη (β = tanh η, ds₂ = 8m_ℓ² cosh η sinh η dη)
    const sh = 0.5 * em * (1 + inv);
    const d = m2 - s2;
    return g(s2) * pref * (((s2 + 2 * l2) * d * d * (2 * m2 + s2) * sh * sh) / (s2 * s2));
  };
  return integrate(f, eta(a), eta(b), { relTol, absTol, maxIntervals: 4000 }).value;
}

/**
 * Γ(N → ν_α ℓ⁺ℓ⁻) for one flavour in closed form:
 * e²μ_N²/(48π³m_N³) [(2m_N⁶ − 8m_ℓ⁶) arccosh(m_N/2m_ℓ) − m_N√(m_N² − 4m_ℓ²)(3m_N⁴ − 5m_ℓ²m_N² + 2m_ℓ⁴)]
 * — (B.5) of arXiv:2011.04751 CORRECTED (ERRATA E8: log argument 2m_ℓ/(√(m_N² − 4m_ℓ²) + m_N)
 * = e^{−arccosh(m_N/2m_ℓ)}, and ×2; docs/derivations/dipole.md D4.5; test/dipoleErrata.test.ts "E8 …"). Near threshold
 * (m_N < 2.4 m_ℓ) the same quantity is integrated numerically to avoid cancellation. GeV; 0 if m_N ≤ 2m_ℓ.
 */
export function widthNuLLPerFlavour(mN: number, mu: number, lepton: ChargedLepton): number {
  requirePositiveAtMost("mN", mN, LIMITS.mass);
  requireNonNegativeAtMost("mu", mu, LIMITS.mu);
  const mL = leptonMass(lepton);
  if (mN <= 2 * mL) return 0;
  const x = mN / (2 * mL);
  if (x < CLOSED_FORM_MIN_RATIO) {
    return integrateS2(() => 1, 4 * mL * mL, mN * mN, mN, mu, mL, 1e-10);
  }
  const m2 = mN * mN;
  const l2 = mL * mL;
  const e2 = 4 * Math.PI * alpha;
  const bracket =
    (2 * m2 ** 3 - 8 * l2 ** 3) * Math.acosh(x) - mN * Math.sqrt((mN - 2 * mL) * (mN + 2 * mL)) * (3 * m2 * m2 - 5 * l2 * m2 + 2 * l2 * l2);
  return (e2 * mu * mu * bracket) / (48 * Math.PI ** 3 * mN ** 3);
}

/** The last m_N and lepton mass of {@link fullS2Integral} and its value (one entry per lepton suffices: a scan goes mass by mass). */
const FULL_S2_CACHE = new Map<number, { mN: number; value: number }>();

/**
 * Γ(N → ν_α ℓ⁺ℓ⁻) at μ_N = 1 GeV⁻¹ as the η integral of {@link integrateS2} over the whole
 * phase space 4m_ℓ² < s₂ < m_N² (relTol 1e-9), the denominator of the visible fraction:
 * E_N-independent, so computed once per (m_N, m_ℓ) and reused (the same number). GeV.
 */
function fullS2Integral(mN: number, mL: number): number {
  const hit = FULL_S2_CACHE.get(mL);
  if (hit && hit.mN === mN) return hit.value;
  const value = integrateS2(() => 1, 4 * mL * mL, mN * mN, mN, 1, mL, 1e-9);
  FULL_S2_CACHE.set(mL, { mN, value });
  return value;
}

/**
 * Fraction of N → ν ℓ⁺ℓ⁻ decays of an unpolarised N of lab energy E_N whose dilepton energy
 * E(ℓ⁺) + E(ℓ⁻) exceeds E_cut. For fixed s₂ the ℓℓ system has rest-frame energy
 * E* = (m_N² + s₂)/(2m_N), momentum p* = (m_N² − s₂)/(2m_N) and an isotropic direction, so its lab
 * energy is uniform on [γ(E* − βp*), γ(E* + βp*)]; this is averaged with dΓ/ds₂
 * (docs/derivations/dipole.md §4.3; the "effective" branching of Fig. 2 right of arXiv:2011.04751).
 * Dimensionless in [0, 1]; μ_N cancels. E_N ≥ m_N GeV, E_cut ≥ 0 GeV.
 */
export function visibleEnergyFractionNuLL(mN: number, lepton: ChargedLepton, EN: number, Ecut: number): number {
  requirePositive("mN", mN);
  requireNonNegative("Ecut", Ecut);
  momentum(EN, mN); // validates E_N ≥ m_N
  const mL = leptonMass(lepton);
  if (mN <= 2 * mL) throw new RangeError(`mN = ${mN} GeV is below the ${lepton}⁺${lepton}⁻ threshold ${2 * mL} GeV`);
  const g = EN / mN;
  const bg = momentum(EN, mN) / mN;
  const gm = mN / (EN + momentum(EN, mN)); // γ − βγ without cancellation
  const gp = g + bg;
  // E_lo(s₂) = [m²(γ−βγ) + s₂(γ+βγ)]/(2m), E_hi(s₂) = [m²(γ+βγ) + s₂(γ−βγ)]/(2m): both rise with s₂.
  const m2 = mN * mN;
  const sLo = 4 * mL * mL;
  const eLo = (s: number) => (m2 * gm + s * gp) / (2 * mN);
  const eHi = (s: number) => (m2 * gp + s * gm) / (2 * mN);
  const frac = (s: number) => {
    const lo = eLo(s);
    const hi = eHi(s);
    if (lo >= Ecut) return 1;
    if (hi <= Ecut) return 0;
    return (hi - Ecut) / (hi - lo);
  };
  // kinks: E_hi(s₂) = E_cut and E_lo(s₂) = E_cut
  const kinks = [(2 * mN * Ecut - m2 * gp) / gm, (2 * mN * Ecut - m2 * gm) / gp]
    .filter((s) => s > sLo && s < m2)
    .sort((a, b) => a - b);
  const edges = [sLo, ...kinks, m2];
  const mu = 1; // μ_N cancels in the ratio
  const total = fullS2Integral(mN, mL);
  // absolute floor 1e-12 of the total: just above E_cut the accepted piece is a sliver near
  // s₂ → m_N² whose integrand is at the rounding level of (m_N² − s₂)², where a purely
  // relative tolerance cannot be met
  let num = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    num += integrateS2(frac, edges[i]!, edges[i + 1]!, mN, mu, mL, 1e-9, 1e-12 * total);
  }
  return Math.min(1, Math.max(0, num / total));
}

/** Options of the model-level widths. */
export interface DecayOptions {
  /** Charged leptons whose ν ℓ⁺ℓ⁻ channels enter the total width (default ["e", "mu"], as the paper). */
  readonly leptons?: readonly ChargedLepton[];
}

/** Γ(N → νγ) summed over the decayFlavourCount(model) open flavours: n_f × (B.1). GeV. */
export function widthNuGamma(model: DipoleModel): number {
  return decayFlavourCount(model) * widthNuGammaPerFlavour(model.mN, model.mu);
}

/** Γ(N → ν ℓ⁺ℓ⁻) summed over the open flavours: n_f × corrected (B.5) (ERRATA E8). GeV. */
export function widthNuLL(model: DipoleModel, lepton: ChargedLepton): number {
  return decayFlavourCount(model) * widthNuLLPerFlavour(model.mN, model.mu, lepton);
}

/** Total width Γ(νγ) + Σ_ℓ Γ(νℓℓ) over the open flavours, ℓ from `opts.leptons` (default e, μ). GeV. */
export function totalWidth(model: DipoleModel, opts: DecayOptions = {}): number {
  let w = widthNuGamma(model);
  for (const l of opts.leptons ?? (["e", "mu"] as const)) w += widthNuLL(model, l);
  return w;
}

/** BR(N → νγ) = Γ(νγ)/Γ_tot (independent of μ_N and of the flavour count). Dimensionless. */
export function branchingNuGamma(model: DipoleModel, opts: DecayOptions = {}): number {
  return widthNuGamma(model) / totalWidth(model, opts);
}

/** BR(N → ν ℓ⁺ℓ⁻) = Γ(νℓℓ)/Γ_tot. Dimensionless. */
export function branchingNuLL(model: DipoleModel, lepton: ChargedLepton, opts: DecayOptions = {}): number {
  return widthNuLL(model, lepton) / totalWidth(model, opts);
}

/** "Effective" BR(N → νℓℓ) with E(ℓ⁺) + E(ℓ⁻) > E_cut for a parent of energy E_N (Fig. 2 right of arXiv:2011.04751). Dimensionless. */
export function effectiveBranchingNuLL(
  model: DipoleModel,
  lepton: ChargedLepton,
  EN: number,
  Ecut: number,
  opts: DecayOptions = {},
): number {
  if (model.mN <= 2 * leptonMass(lepton)) return 0;
  return branchingNuLL(model, lepton, opts) * visibleEnergyFractionNuLL(model.mN, lepton, EN, Ecut);
}

/** Proper decay length cτ = 1/Γ_tot. GeV⁻¹ (divide by `m` for metres). */
export function properDecayLength(model: DipoleModel, opts: DecayOptions = {}): number {
  return 1 / totalWidth(model, opts);
}

/** Lab decay length d = βγ cτ of N with energy E_N, via kinematics.labDecayLength; (3.2) of arXiv:2011.04751 is its rule of thumb (ERRATA E12). GeV⁻¹. */
export function labDecayLength(model: DipoleModel, EN: number, opts: DecayOptions = {}): number {
  return kinLabDecayLength(EN, model.mN, totalWidth(model, opts));
}
