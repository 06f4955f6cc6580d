/**
 * Two-body widths, totals, branching fractions and decay lengths in the dark gauge boson
 * model (Dirac N). Derivations: docs/derivations/darkBoson.md §4–5.
 *
 * Z_D → ν ν̄ follows the ERRATA E10 reading: the ν_α–ν_α–Z_D coupling is g_D U2 (the small
 * active–heavy mixing squared), so Γ ∝ U2². The paper's literal (B.8) is in printed.ts.
 * Not included (documented in the note): Z_D → hadrons (needs R(s); irrelevant at the paper's
 * benchmarks, see the note), N → ν + hadrons via Z_D*, and the SM weak decays of N through U.
 */
import { alpha, m_e, m_mu, m_tau } from "../../core/constants";
import { labDecayLength, properDecayLength, twoBodyMomentum } from "../../core/kinematics";
import { requireNonNegative, requirePositive } from "../../core/validate";
import { alphaD, type DarkBosonModel } from "./model";
import { widthNToNuLL, widthNToNuNuNu } from "./threeBody";

/**
 * Γ(N → ν_α Z_D) = g_D² U2 (m_N² − m_ZD²)²(m_N² + 2m_ZD²)/(32π m_N³ m_ZD²) = (α_D U2/8)(m_N³/m_ZD²)(1 − x)²(1 + 2x),
 * x = m_ZD²/m_N², Dirac N. (B.6) of arXiv:2011.04751 is 4× this (ERRATA E9; test "E9" in
 * test/darkBosonWidths.test.ts). 0 for m_N ≤ m_ZD. GeV.
 */
export function widthNToNuZD(m: DarkBosonModel): number {
  if (m.mN <= m.mZD) return 0;
  const x = (m.mZD * m.mZD) / (m.mN * m.mN);
  return ((alphaD(m) * m.U2) / 8) * (m.mN ** 3 / (m.mZD * m.mZD)) * (1 - x) ** 2 * (1 + 2 * x);
}

/**
 * Width of a vector boson of mass M into a Dirac fermion pair of mass mf with vector coupling g:
 * Γ = g² M (1 + 2mf²/M²)√(1 − 4mf²/M²)/(12π) — the standard result (e.g. Bjorken, Essig,
 * Schuster, Toro, Phys. Rev. D 80 (2009) 075018 for the dark photon, g = eε). 0 below threshold. GeV.
 */
export function vectorToDiracPairWidth(g: number, M: number, mf: number): number {
  requirePositive("M", M);
  requireNonNegative("mf", mf);
  if (M <= 2 * mf) return 0;
  const r = (mf * mf) / (M * M);
  return ((g * g * M) / (12 * Math.PI)) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
}

/** Charged lepton masses by name, GeV. */
export const leptonMass = { e: m_e, mu: m_mu, tau: m_tau } as const;

/**
 * Γ(Z_D → ℓ⁺ℓ⁻) = (α ε²/3) m_ZD (1 + 2m_ℓ²/m_ZD²)√(1 − 4m_ℓ²/m_ZD²); (B.7) of arXiv:2011.04751 is its
 * m_ℓ → 0 limit. 0 below threshold. GeV.
 */
export function widthZDToLL(m: DarkBosonModel, lepton: "e" | "mu" | "tau"): number {
  return vectorToDiracPairWidth(Math.sqrt(4 * Math.PI * alpha) * m.eps, m.mZD, leptonMass[lepton]);
}

/**
 * Γ(Z_D → ν_α ν̄_α) = α_D U2² m_ZD/6 — chiral (left-handed) ν with coupling g_D U2, ERRATA E10
 * reading. The literal (B.8) of arXiv:2011.04751 is `widthZDToNuNuLiteral` in printed.ts (test "E10"). GeV.
 */
export function widthZDToNuNu(m: DarkBosonModel): number {
  return (alphaD(m) * m.U2 * m.U2 * m.mZD) / 6;
}

/**
 * Γ(Z_D → N N̄) = (α_D/3) m_ZD (1 + 2m_N²/m_ZD²)√(1 − 4m_N²/m_ZD²), Dirac N with vector coupling g_D
 * (not in arXiv:2011.04751; {@link vectorToDiracPairWidth}). 0 for m_ZD ≤ 2m_N. GeV.
 */
export function widthZDToNN(m: DarkBosonModel): number {
  return vectorToDiracPairWidth(m.gD, m.mZD, m.mN);
}

/**
 * Γ(Z_D → ν_α N̄) + Γ(Z_D → N ν̄_α) = 2 (α_D U2/12) m_ZD (1 − r)²(2 + r), r = m_N²/m_ZD², from the
 * vertex g_D U ν̄γ^μP_L N (derivation §5; not in the paper). 0 for m_ZD ≤ m_N. GeV.
 */
export function widthZDToNuN(m: DarkBosonModel): number {
  if (m.mZD <= m.mN) return 0;
  const r = (m.mN * m.mN) / (m.mZD * m.mZD);
  return 2 * ((alphaD(m) * m.U2) / 12) * m.mZD * (1 - r) ** 2 * (2 + r);
}

/** Partial widths of Z_D by channel, GeV. */
export interface ZDWidths {
  readonly ee: number;
  readonly mumu: number;
  readonly tautau: number;
  readonly nunu: number;
  readonly NN: number;
  readonly nuN: number;
  readonly total: number;
}

/** All Z_D partial widths (hadrons omitted, see the module comment) and their sum. GeV. */
export function zdWidths(m: DarkBosonModel): ZDWidths {
  const ee = widthZDToLL(m, "e");
  const mumu = widthZDToLL(m, "mu");
  const tautau = widthZDToLL(m, "tau");
  const nunu = widthZDToNuNu(m);
  const NN = widthZDToNN(m);
  const nuN = widthZDToNuN(m);
  return { ee, mumu, tautau, nunu, NN, nuN, total: ee + mumu + tautau + nunu + NN + nuN };
}

/** Partial widths of N by channel, GeV. */
export interface NWidths {
  readonly nuZD: number;
  readonly nuee: number;
  readonly numumu: number;
  readonly nununu: number;
  readonly total: number;
}

/**
 * All N partial widths: for m_N > m_ZD the two-body N → ν Z_D; for m_N < m_ZD the off-shell
 * three-body N → ν ℓℓ (ℓ = e, μ) and N → 3ν (full propagator). m_N = m_ZD exactly is a RangeError
 * (the propagator pole). GeV.
 */
export function nWidths(m: DarkBosonModel): NWidths {
  if (m.mN === m.mZD) throw new RangeError(`mN = mZD = ${m.mN} GeV sits on the Z_D pole; the widths need mN ≠ mZD`);
  if (m.mN > m.mZD) {
    const nuZD = widthNToNuZD(m);
    return { nuZD, nuee: 0, numumu: 0, nununu: 0, total: nuZD };
  }
  const nuee = widthNToNuLL(m, m_e);
  const numumu = widthNToNuLL(m, m_mu);
  const nununu = widthNToNuNuNu(m);
  return { nuZD: 0, nuee, numumu, nununu, total: nuee + numumu + nununu };
}

/** Total N width, {@link nWidths}. GeV. */
export function totalWidthN(m: DarkBosonModel): number {
  return nWidths(m).total;
}

/** Total Z_D width, {@link zdWidths}. GeV. */
export function totalWidthZD(m: DarkBosonModel): number {
  return zdWidths(m).total;
}

/** Branching fractions of Z_D (each partial / total). Dimensionless. */
export function branchingZD(m: DarkBosonModel): Omit<ZDWidths, "total"> {
  const w = zdWidths(m);
  return { ee: w.ee / w.total, mumu: w.mumu / w.total, tautau: w.tautau / w.total, nunu: w.nunu / w.total, NN: w.NN / w.total, nuN: w.nuN / w.total };
}

/** Branching fractions of N (each partial / total). Dimensionless. */
export function branchingN(m: DarkBosonModel): Omit<NWidths, "total"> {
  const w = nWidths(m);
  return { nuZD: w.nuZD / w.total, nuee: w.nuee / w.total, numumu: w.numumu / w.total, nununu: w.nununu / w.total };
}

/** Proper decay length cτ of N, GeV⁻¹ (divide by `m` for metres). */
export function properDecayLengthN(m: DarkBosonModel): number {
  return properDecayLength(totalWidthN(m));
}

/** Proper decay length cτ of Z_D, GeV⁻¹. */
export function properDecayLengthZD(m: DarkBosonModel): number {
  return properDecayLength(totalWidthZD(m));
}

/** Lab decay length βγcτ of N of energy E, GeV⁻¹. */
export function labDecayLengthN(m: DarkBosonModel, E: number): number {
  return labDecayLength(E, m.mN, totalWidthN(m));
}

/** Lab decay length βγcτ of Z_D of energy E, GeV⁻¹. (3.4) of arXiv:2011.04751 is its rule of thumb (ERRATA E13). */
export function labDecayLengthZD(m: DarkBosonModel, E: number): number {
  return labDecayLength(E, m.mZD, totalWidthZD(m));
}

/** Z_D momentum in the N rest frame for N → ν Z_D, GeV (for samplers). */
export function nuZDMomentum(m: DarkBosonModel): number {
  return twoBodyMomentum(m.mN, 0, m.mZD);
}
