/**
 * Heavy neutral leptons N from ν_τ mixing at the LHC IP: N replaces ν_τ in D_s → τ ν_τ and in
 * τ → ν_τ X, with |U_τN|² times a helicity/phase-space factor K(m_N) (the approach of Orloff,
 * Rozanov and Santoni, hep-ph/0208075 = Ref. [79] of arXiv:2011.04751). The factors are the
 * standard two-body and three-body results for a massive neutrino (Shrock, Phys. Rev. D 24
 * (1981) 1232 for P → ℓN; Gorbunov & Shaposhnikov, arXiv:0705.1729, and Bondarenko et al.,
 * arXiv:1805.08567 §2 for τ → N X); derivation in docs/derivations/fig4.md §1.
 *
 * The N flux is estimated from the ν_τ + ν̄_τ flux through the detector face:
 *   Φ_N(E) = U2 [f_Ds K_Ds(m_N) + (1 − f_Ds) K_τ(m_N)] Φ_ντ(E),
 * with f_Ds = ½ (each D_s → τν_τ gives one ν_τ directly and one from the τ decay), and the N
 * taking the energy and direction of the neutrino it replaces (E_N = E_ν for E_ν > m_N):
 * the parent boosts (γ ~ 10²–10³) dominate over the rest-frame differences, which are of order
 * m_N/E. Both approximations are stated in the note.
 */
import { m_Ds, m_pi, m_tau } from "../core/constants";
import { kallen } from "../core/kinematics";
import { requireInRange, requireNonNegative } from "../core/validate";

/** K⁺ mass (PDG 2024), GeV. */
const m_K = 0.493677;
/** ρ(770) mass (PDG 2024), GeV. */
const m_rho = 0.77526;
/** a₁(1260) mass (PDG 2024, 1230 ± 40 MeV), GeV: stands in for the multi-hadron τ channels. */
const m_a1 = 1.23;

/**
 * Branching fractions of τ⁻ (PDG 2024): e ν̄ ν 17.82%, μ ν̄ ν 17.39%, π ν 10.82%, K ν 0.696%,
 * π π⁰ ν (ρ) 25.49%; the rest of the hadronic width (27.78%, mostly 3π and ππ⁰π⁰) is treated
 * as τ → a₁ ν (an approximation; see the note).
 */
export const TAU_CHANNELS = [
  { name: "e", br: 0.1782, kind: "leptonic" as const, mass: 0 },
  { name: "mu", br: 0.1739, kind: "leptonic" as const, mass: 0 },
  { name: "pi", br: 0.1082, kind: "pseudoscalar" as const, mass: m_pi },
  { name: "K", br: 0.00696, kind: "pseudoscalar" as const, mass: m_K },
  { name: "rho", br: 0.2549, kind: "vector" as const, mass: m_rho },
  { name: "a1", br: 1 - 0.1782 - 0.1739 - 0.1082 - 0.00696 - 0.2549, kind: "vector" as const, mass: m_a1 },
] as const;

/**
 * Γ(P → ℓ N)/Γ(P → ℓ ν)|_{U=1} for a pseudoscalar P of mass M (Shrock 1981):
 * K = λ^{1/2}(1, x_ℓ, x_N) [x_ℓ + x_N − (x_ℓ − x_N)²] / [x_ℓ (1 − x_ℓ)²], x = m²/M².
 * 0 above threshold (m_N ≥ M − m_ℓ). For D_s → τ N it grows ∝ (1 + x_N/x_τ) from helicity. Dimensionless.
 */
export function pseudoscalarToLeptonNFactor(M: number, ml: number, mN: number): number {
  requireNonNegative("mN", mN);
  if (mN >= M - ml) return 0;
  const xl = (ml * ml) / (M * M);
  const xN = (mN * mN) / (M * M);
  const lam = Math.sqrt(Math.max(0, kallen(1, xl, xN)));
  return (lam * (xl + xN - (xl - xN) ** 2)) / (xl * (1 - xl) ** 2);
}

/** K_Ds(m_N) = Γ(D_s → τ N)/Γ(D_s → τ ν_τ) at U = 1, {@link pseudoscalarToLeptonNFactor}. Dimensionless. */
export function dsToTauNFactor(mN: number): number {
  return pseudoscalarToLeptonNFactor(m_Ds, m_tau, mN);
}

/**
 * Γ(τ → N P)/Γ(τ → ν P) at U = 1 for a pseudoscalar P (π, K):
 * [(1 − x_N)² − x_P(1 + x_N)] λ^{1/2}(1, x_P, x_N)/(1 − x_P)², x = m²/m_τ² (arXiv:1805.08567 §2). Dimensionless.
 */
export function tauToPseudoscalarNFactor(mP: number, mN: number): number {
  if (mN >= m_tau - mP) return 0;
  const xP = (mP * mP) / (m_tau * m_tau);
  const xN = (mN * mN) / (m_tau * m_tau);
  const lam = Math.sqrt(Math.max(0, kallen(1, xP, xN)));
  return Math.max(0, ((1 - xN) ** 2 - xP * (1 + xN)) * lam) / (1 - xP) ** 2;
}

/**
 * Γ(τ → N V)/Γ(τ → ν V) at U = 1 for a vector (or axial) meson V:
 * [(1 − x_N)² + x_V(1 + x_N) − 2x_V²] λ^{1/2}(1, x_V, x_N) / [(1 − x_V)²(1 + 2x_V)] (arXiv:1805.08567 §2). Dimensionless.
 */
export function tauToVectorNFactor(mV: number, mN: number): number {
  if (mN >= m_tau - mV) return 0;
  const xV = (mV * mV) / (m_tau * m_tau);
  const xN = (mN * mN) / (m_tau * m_tau);
  const lam = Math.sqrt(Math.max(0, kallen(1, xV, xN)));
  return (((1 - xN) ** 2 + xV * (1 + xN) - 2 * xV * xV) * lam) / ((1 - xV) ** 2 * (1 + 2 * xV));
}

/**
 * Γ(τ → N ℓ ν̄)/Γ(τ → ν_τ ℓ ν̄) at U = 1 for a massless ℓ: the muon-decay phase space with one
 * massive final neutrino, f(x) = 1 − 8x + 8x³ − x⁴ − 12x² ln x, x = m_N²/m_τ² (Gorbunov &
 * Shaposhnikov, arXiv:0705.1729). Dimensionless.
 */
export function tauLeptonicNFactor(mN: number): number {
  requireNonNegative("mN", mN);
  if (mN >= m_tau) return 0;
  if (mN === 0) return 1;
  const x = (mN * mN) / (m_tau * m_tau);
  return 1 - 8 * x + 8 * x ** 3 - x ** 4 - 12 * x * x * Math.log(x);
}

/** K_τ(m_N) = Σ_c BR_c K_c(m_N): the τ-decay average of the factors above. Dimensionless. */
export function tauToNFactor(mN: number): number {
  let s = 0;
  for (const c of TAU_CHANNELS) {
    const k = c.kind === "leptonic" ? tauLeptonicNFactor(mN) : c.kind === "pseudoscalar" ? tauToPseudoscalarNFactor(c.mass, mN) : tauToVectorNFactor(c.mass, mN);
    s += c.br * k;
  }
  return s;
}

/** Options of {@link mixingFactor}. */
export interface MixingOptions {
  /** Fraction of the ν_τ + ν̄_τ flux from D_s → τ ν directly (default ½; the rest from τ decays). */
  readonly dsFraction?: number;
}

/**
 * N per ν_τ at |U_τN|² = 1: f_Ds K_Ds(m_N) + (1 − f_Ds) K_τ(m_N) (Ref. [79] approach; the note §1).
 * Tends to 1 for m_N → 0. Multiply by U2 and the ν_τ + ν̄_τ flux. Dimensionless.
 */
export function mixingFactor(mN: number, opts: MixingOptions = {}): number {
  const f = opts.dsFraction ?? 0.5;
  requireInRange("dsFraction", f, 0, 1);
  return f * dsToTauNFactor(mN) + (1 - f) * tauToNFactor(mN);
}

/** A binned N spectrum: energies (GeV) and N per bin (for the exposure), at |U_τN|² = 1. */
export interface NSpectrum {
  readonly energy: readonly number[];
  readonly count: readonly number[];
}

/**
 * N through the detector face from ν_τ mixing at U2 = 1: the ν_τ and ν̄_τ bins times
 * {@link mixingFactor}, bins with E ≤ m_N dropped (E_N = E_ν, see the module comment).
 */
export function nSpectrumFromMixing(
  mN: number,
  tauSpectra: readonly { readonly centres: readonly number[]; readonly counts: readonly number[] }[],
  opts: MixingOptions = {},
): NSpectrum {
  const k = mixingFactor(mN, opts);
  const energy: number[] = [];
  const count: number[] = [];
  const first = tauSpectra[0];
  if (!first) return { energy, count };
  first.centres.forEach((E, i) => {
    if (!(E > mN * 1.0001)) return;
    let c = 0;
    for (const s of tauSpectra) {
      if (s.centres[i] !== E) throw new RangeError(`tauSpectra must share bin centres (bin ${i}: ${s.centres[i]} vs ${E} GeV)`);
      c += s.counts[i] as number;
    }
    if (c > 0 && k > 0) {
      energy.push(E);
      count.push(c * k);
    }
  });
  return { energy, count };
}
