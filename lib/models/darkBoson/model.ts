/**
 * Parameters of the dark gauge boson model, (3.3) of arXiv:2011.04751:
 *   L ⊃ m_ZD²/2 Z_D² + g_D Z_D^μ N̄γ_μN + e ε Z_D^μ J^em_μ,
 * with a heavy neutral lepton N mixing with one active flavour α, |U_αN|² = U2.
 *
 * N is a DIRAC fermion throughout (ERRATA preamble; the model of Ref. [30] of the paper,
 * Bertuzzo et al., arXiv:1807.09877). The vertices used everywhere in this module are
 *   Z_D N̄ N:        g_D γ^μ
 *   Z_D ν̄_α N:      g_D U γ^μ P_L          (from the mixing; U = √U2, phase irrelevant)
 *   Z_D ν̄_α ν_α:    g_D U2 γ^μ P_L         (ERRATA E10 reading, see widths.ts)
 *   Z_D f̄ f:        e ε Q_f γ^μ            (Q_e = −1; for a nucleon, the EM current with F1, F2)
 * See docs/derivations/darkBoson.md.
 */
import { alpha } from "../../core/constants";
import { requireFinite, requireInRange, requireOneOf, requirePositive, LIMITS, requirePositiveAtMost } from "../../core/validate";

/** Active flavour the HNL mixes with. */
export type Flavour = "e" | "mu" | "tau";

/** The model's parameters (all masses in GeV). */
export interface DarkBosonModel {
  /** HNL mass m_N, GeV. */
  readonly mN: number;
  /** Dark gauge boson mass m_ZD, GeV. */
  readonly mZD: number;
  /** Dark gauge coupling g_D (α_D = g_D²/4π). Dimensionless. */
  readonly gD: number;
  /** Kinetic mixing ε (its sign fixes the sign of the Z–Z_D interference). Dimensionless. */
  readonly eps: number;
  /** |U_αN|², mixing of N with the active flavour α. Dimensionless, in [0, 1). */
  readonly U2: number;
  /** The active flavour α. */
  readonly flavour: Flavour;
}

const FLAVOURS: readonly Flavour[] = ["e", "mu", "tau"];

/** Validate a model; throws RangeError naming the offending parameter. Returns it frozen. */
export function darkBosonModel(p: DarkBosonModel): DarkBosonModel {
  requirePositiveAtMost("mN", p.mN, LIMITS.mass);
  requirePositiveAtMost("mZD", p.mZD, LIMITS.mass);
  requirePositiveAtMost("gD", p.gD, LIMITS.gD);
  requireInRange("eps", p.eps, -LIMITS.eps, LIMITS.eps);
  requireInRange("U2", p.U2, 0, 1 - 1e-15);
  requireOneOf("flavour", p.flavour, FLAVOURS);
  return Object.freeze({ ...p });
}

/** α_D = g_D²/(4π), below (B.8) of arXiv:2011.04751. Dimensionless. */
export function alphaD(m: DarkBosonModel): number {
  return (m.gD * m.gD) / (4 * Math.PI);
}

/** α ε², the combination the paper's Fig. 3 fixes. Dimensionless. */
export function alphaEps2(m: DarkBosonModel): number {
  return alpha * m.eps * m.eps;
}

/** Build a model from (α_D, α ε²) as the paper's Fig. 3 quotes it: g_D = √(4π α_D), ε = +√(αε²/α). */
export function fromAlphas(p: {
  readonly mN: number;
  readonly mZD: number;
  readonly alphaD: number;
  readonly alphaEps2: number;
  readonly U2: number;
  readonly flavour: Flavour;
}): DarkBosonModel {
  requirePositiveAtMost("alphaD", p.alphaD, LIMITS.gD ** 2 / (4 * Math.PI));
  requirePositiveAtMost("alphaEps2", p.alphaEps2, 1 / 137.035999084);
  return darkBosonModel({
    mN: p.mN,
    mZD: p.mZD,
    gD: Math.sqrt(4 * Math.PI * p.alphaD),
    eps: Math.sqrt(p.alphaEps2 / alpha),
    U2: p.U2,
    flavour: p.flavour,
  });
}

/** Fig. 3 benchmark of arXiv:2011.04751 (Ref. [30]'s MiniBooNE fit): m_ZD = 30 MeV, α_D = 0.25, αε² = 2e-10, ν_μ mixing. */
export function fig3Benchmark(mN: number, U2: number): DarkBosonModel {
  return fromAlphas({ mN, mZD: 0.03, alphaD: 0.25, alphaEps2: 2e-10, U2, flavour: "mu" });
}

/** Fig. 4 benchmark of arXiv:2011.04751: m_ZD = 8 m_N, g_D = 1, ε = 1e-3, ν_τ mixing. */
export function fig4Benchmark(mN: number, U2: number): DarkBosonModel {
  requirePositive("mN", mN);
  return darkBosonModel({ mN, mZD: 8 * mN, gD: 1, eps: 1e-3, U2, flavour: "tau" });
}
