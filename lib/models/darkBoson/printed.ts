/**
 * The paper's printed dark-boson formulas, transcribed as printed so that tests and notebooks can
 * show their errors against the corrected physics (ERRATA E4, E6, E7, E9, E10, E11). Do not use
 * them for physics. The paper's |U_D4|² (or |U_4τ|²) is read as the model's U2 throughout.
 */
import { alpha, cos2ThetaW, m_e, m_Z, sin2ThetaW, type Material } from "../../core/constants";
import { helmParameters, helmWith } from "../../core/formFactors";
import { alphaD, type DarkBosonModel } from "./model";
import { I1, I2 } from "./threeBody";
import { kinematicK } from "./upscattering";

/** Which term of the printed (A.2) to return. */
export type A2Term = "all" | "ZD" | "Z";

/**
 * (A.2) of arXiv:2011.04751 AS PRINTED (coherent, F₁ = Z F_Helm): its Z_D term is 8× the correct
 * cross section (ERRATA E4), its Z term is not the SM one and the interference is missing. GeV⁻⁴.
 */
export function dSigmaDtCoherentPrinted(m: DarkBosonModel, E: number, t: number, target: Material, term: A2Term = "all"): number {
  const { Z, A, mass: M } = target;
  const F = helmWith(Math.sqrt(-t), helmParameters(A));
  const F1sq = Z * Z * F * F;
  const s4 = sin2ThetaW * sin2ThetaW;
  const c4 = cos2ThetaW * cos2ThetaW;
  const dZ = m_Z * m_Z - t;
  const dD = m.mZD * m.mZD - t;
  const pre = (alpha * F1sq * m.U2 * (1 - m.U2)) / (32 * s4 * c4 * E * E * M * M * dZ * dZ * dD * dD);
  const zTerm = (Math.PI * alpha * dD * dD * (A + 4 * sin2ThetaW * Z - 2 * Z) ** 2) / (Z * Z);
  const zdTerm = 32 * c4 * m.eps * m.eps * m.gD * m.gD * s4 * dZ * dZ;
  const bracket = term === "ZD" ? zdTerm : term === "Z" ? zTerm : zTerm + zdTerm;
  return pre * kinematicK(E, t, m.mN, M) * bracket;
}

/** (A.11) of arXiv:2011.04751 AS PRINTED, ν e⁻ → N e⁻ (4× correct for light N, wrong m_N dependence: ERRATA E6). GeV⁻⁴. */
export function dSigmaDtNuElectronPrinted(m: DarkBosonModel, E: number, t: number): number {
  const me = m_e;
  const mN2 = m.mN * m.mN;
  const num = 8 * E * E * me * me - 2 * mN2 * (4 * E * me + me * me + t) + 2 * me * t * (2 * E + me) + 2 * mN2 * mN2 + t * t;
  const d = m.mZD * m.mZD - t;
  return (alpha * m.eps * m.eps * m.gD * m.gD * m.U2 * (1 - m.U2) * num) / (2 * E * E * me * me * d * d);
}

/** (A.12) of arXiv:2011.04751 AS PRINTED, N e⁻ → N e⁻ (exactly 4× correct: ERRATA E7). GeV⁻⁴. */
export function dSigmaDtNElectronPrinted(m: DarkBosonModel, E1: number, t: number): number {
  const me = m_e;
  const num = 8 * E1 * E1 * me * me + 2 * t * (me * (2 * E1 + me) + m.mN * m.mN) + t * t;
  const d = m.mZD * m.mZD - t;
  return (alpha * m.eps * m.eps * m.gD * m.gD * num) / (2 * me * me * (E1 * E1 - m.mN * m.mN) * d * d);
}

/** (B.6) of arXiv:2011.04751 AS PRINTED, Γ(N → ν Z_D) (4× the Dirac width: ERRATA E9). GeV. */
export function widthNToNuZDPrinted(m: DarkBosonModel): number {
  if (m.mN <= m.mZD) return 0;
  const x = (m.mZD * m.mZD) / (m.mN * m.mN);
  return (alphaD(m) / 2) * m.U2 * (1 - m.U2) * (m.mN ** 3 / (m.mZD * m.mZD)) * (1 - x) * (1 + x - 2 * x * x);
}

/** (B.7) of arXiv:2011.04751 AS PRINTED, Γ(Z_D → e⁺e⁻) ≈ α ε² m_ZD/3 (the m_e → 0 limit; correct). GeV. */
export function widthZDToEEPrinted(m: DarkBosonModel): number {
  return (alpha * m.eps * m.eps * m.mZD) / 3;
}

/**
 * (B.8) of arXiv:2011.04751 read LITERALLY, Γ(Z_D → νν) = (α_D/3)(1 − |U_D4|²)² m_ZD with |U_D4|² = U2:
 * unsuppressed, and 2× the chiral-ν width (ERRATA E10). Shown only to compare readings. GeV.
 */
export function widthZDToNuNuLiteral(m: DarkBosonModel): number {
  return (alphaD(m) / 3) * (1 - m.U2) ** 2 * m.mZD;
}

/**
 * (B.9) of arXiv:2011.04751 AS PRINTED, G_D = g_D²/(4√2 m_ZD²): g_D²/e² too large (ERRATA E11). GeV.
 */
export function widthNToNuLLPrinted(m: DarkBosonModel, ml: number): number {
  if (m.mN <= 2 * ml) return 0;
  const GD = (m.gD * m.gD) / (4 * Math.SQRT2 * m.mZD * m.mZD);
  const r = ml / m.mN;
  return ((GD * GD * m.eps * m.eps * m.U2 * m.mN ** 5) / (48 * Math.PI ** 3)) * (I2(0, r, r) + 2 * I1(0, r, r));
}
