/**
 * The dipole-portal formulas of arXiv:2011.04751 EXACTLY AS PRINTED, kept only so that notebooks
 * and tests can show how they differ from the correct physics (ERRATA E1, E2, E8). Do not use
 * them for predictions; the corrected forms are in ./scattering.ts, ./coherent.ts and ./decays.ts.
 */
import { alpha, type Material } from "../../core/constants";
import { helmParameters, helmWith } from "../../core/formFactors";
import { requireFinite, requireNonNegative, requirePositive } from "../../core/validate";
import { leptonMass, type ChargedLepton } from "./decays";
import { absTInterval, integrateAbsT, type ScatteringOptions } from "./scattering";

/**
 * F1 term of (A.1) of arXiv:2011.04751 as printed, per μ_N² F1² (i.e. for μ_N = 1 GeV⁻¹, F1 = 1).
 * WRONG (ERRATA E1): Mandelstam s misplaced — pole at E = (m_T² − m_N²)/(2m_N), negative values;
 * equals ½ × the correct (A.10)-with-m_e→m_T at E → E′ = (m_T² + 2Em_T − m_N²)/(2m_N)
 * (test/dipoleErrata.test.ts "E1 …"). GeV⁻⁴.
 */
export function dsigmaDtA1F1Printed(E: number, t: number, mN: number, M: number): number {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requirePositive("M", M);
  const m = mN;
  const den = t * t * (M * M - m * (2 * E + m)) ** 2;
  const num =
    m * t * (8 * E * E * m + 4 * E * (m * m + t) + m * (m * m + t)) +
    2 * M * M * (-2 * m * t * (2 * E + m) + m ** 4 - t * t) +
    2 * M ** 4 * t;
  return (-alpha * num) / den;
}

/**
 * F2 term of (A.1) of arXiv:2011.04751 as printed, per μ_N² F2². WRONG (ERRATA E2): misplaced s
 * as in E1, and after the E → E′, ×2 repair it is 4× the correct Pauli term f22 of
 * ./scattering.ts; the F1F2 interference is missing (test/dipoleErrata.test.ts "E2 …"). GeV⁻⁴.
 */
export function dsigmaDtA1F2Printed(E: number, t: number, mN: number, M: number): number {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requirePositive("M", M);
  const m = mN;
  const k = M * M - m * (2 * E + m);
  const num = 4 * t * (M * M - 2 * E * m) * k + m * t * t * (8 * E + 3 * m) - 4 * M * M * m ** 4 + t ** 3;
  return (alpha * num) / (2 * t * M * M * k * k);
}

/**
 * σ(E) on a nucleus from the printed (A.1) F1 term × Z² F_Helm², integrated over the same |t| range and
 * cuts as `sigmaCoherent` (|t| ≤ 70/s²). WRONG (ERRATA E1): negative on W for E ≥ 1 TeV, divergent near
 * E = (m_T² − m_N²)/(2m_N). For notebooks showing the discrepancy. GeV⁻² (may be < 0).
 */
export function sigmaCoherentPrinted(E: number, mN: number, mu: number, material: Material, opts: ScatteringOptions = {}): number {
  requirePositive("E", E);
  requirePositive("mN", mN);
  requireNonNegative("mu", mu);
  const hp = helmParameters(material.A);
  const interval = absTInterval(E, mN, material.mass, opts, 70 / (hp.s * hp.s));
  if (interval === null || mu === 0) return 0;
  const Z2 = material.Z * material.Z;
  const f = (t: number) => dsigmaDtA1F1Printed(E, t, mN, material.mass) * Z2 * helmWith(Math.sqrt(-t), hp) ** 2;
  return mu * mu * integrateAbsT(f, interval.lo, interval.hi, opts.relTol ?? 1e-6);
}

/**
 * dΓ/ds₂ of (B.4) of arXiv:2011.04751 as printed (denominator 192π³). WRONG by a factor ½
 * (ERRATA E8; test/dipoleErrata.test.ts "E8 …"). GeV⁻¹; 0 outside 4m_ℓ² < s₂ < m_N².
 */
export function dWidthNuLLds2Printed(s2: number, mN: number, mu: number, lepton: ChargedLepton): number {
  requirePositive("s2", s2);
  requirePositive("mN", mN);
  requireNonNegative("mu", mu);
  const l2 = leptonMass(lepton) ** 2;
  const m2 = mN * mN;
  if (s2 <= 4 * l2 || s2 >= m2) return 0;
  const e2 = 4 * Math.PI * alpha;
  return (
    (mu * mu * e2 * Math.sqrt(1 - (4 * l2) / s2) * (2 * l2 + s2) * (m2 - s2) ** 2 * (2 * m2 + s2)) /
    (192 * Math.PI ** 3 * s2 * s2 * mN ** 3)
  );
}

/**
 * Γ of (B.5) of arXiv:2011.04751 as printed. WRONG (ERRATA E8): ½ of the width implied by (B.1);
 * with `logArgument: "printed"` (default) the log reads 2m_ℓ/√(m_N² − 4m_ℓ² + m_N) literally
 * (dimensionally inconsistent; evaluated with masses in GeV), with "corrected" it reads
 * 2m_ℓ/(√(m_N² − 4m_ℓ²) + m_N). GeV; 0 if m_N ≤ 2m_ℓ.
 */
export function widthNuLLPrinted(
  mN: number,
  mu: number,
  lepton: ChargedLepton,
  opts: { readonly logArgument?: "printed" | "corrected" } = {},
): number {
  requirePositive("mN", mN);
  requireNonNegative("mu", mu);
  const l = leptonMass(lepton);
  if (mN <= 2 * l) return 0;
  const root = Math.sqrt(mN * mN - 4 * l * l);
  const arg = (opts.logArgument ?? "printed") === "printed" ? (2 * l) / Math.sqrt(mN * mN - 4 * l * l + mN) : (2 * l) / (root + mN);
  const e2 = 4 * Math.PI * alpha;
  const num = (8 * l ** 6 - 2 * mN ** 6) * Math.log(arg) + mN * root * (-2 * l ** 4 + 5 * l * l * mN * mN - 3 * mN ** 4);
  return (e2 * mu * mu * num) / (96 * Math.PI ** 3 * mN ** 3);
}
