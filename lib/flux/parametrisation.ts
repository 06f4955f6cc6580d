/**
 * The smooth form of the embedded default flux (fitted by scripts/fit-flux.ts):
 *
 *   ln N(E) = Σ_{k=0..K} c_k P_k(t) + c_cut ln(1 − E/E_max),   t = (2 ln E − ln E_lo − ln E_hi)/(ln E_hi − ln E_lo),
 *
 * with P_k the Legendre polynomials (orthogonal on t ∈ [−1, 1], which keeps the least-squares
 * problem well conditioned), N(E) the number of neutrinos in a bin of logarithmic width
 * `binWidthLn` centred at E (so dN/d ln E = N(E)/binWidthLn), and E_max the LHC beam energy,
 * where every forward neutrino spectrum must vanish. Above `upperEdge` (the upper edge of the
 * last reference bin with entries) and below `lowerEdge` the form is not defined.
 */
import { requireFinite, requireInRange } from "../core/validate";

/** Parameters of one flavour's smooth spectrum. Energies in GeV. */
export interface SmoothSpectrumParameters {
  /** Legendre coefficients c_0…c_K. */
  readonly legendre: readonly number[];
  /** Coefficient of ln(1 − E/E_max). */
  readonly cutoff: number;
  /** Beam energy where the spectrum ends, GeV. */
  readonly eMax: number;
  /** Energies mapped to t = −1 and t = +1, GeV. */
  readonly eLo: number;
  readonly eHi: number;
  /** Domain of validity [lowerEdge, upperEdge], GeV. Zero flux above upperEdge by construction. */
  readonly lowerEdge: number;
  readonly upperEdge: number;
  /** Logarithmic width of the bins N(E) refers to (0.1 ln 10 for the Kling–Nevay grid). */
  readonly binWidthLn: number;
}

/** Legendre polynomials P_0…P_K at t by the Bonnet recursion (k+1)P_{k+1} = (2k+1) t P_k − k P_{k−1}. */
export function legendreBasis(t: number, K: number): number[] {
  const p: number[] = [1];
  if (K >= 1) p.push(t);
  for (let k = 1; k < K; k++) p.push(((2 * k + 1) * t * (p[k] as number) - k * (p[k - 1] as number)) / (k + 1));
  return p;
}

/** The mapping variable t(E) of the smooth form. Dimensionless. */
export function legendreVariable(E: number, eLo: number, eHi: number): number {
  const a = Math.log(eLo);
  const b = Math.log(eHi);
  return (2 * Math.log(E) - a - b) / (b - a);
}

/** Design-matrix row of the smooth form at energy E (GeV): [P_0(t)…P_K(t), ln(1 − E/E_max)]. */
export function designRow(E: number, K: number, eLo: number, eHi: number, eMax: number): number[] {
  return [...legendreBasis(legendreVariable(E, eLo, eHi), K), Math.log(1 - E / eMax)];
}

/**
 * Neutrinos in a bin of logarithmic width p.binWidthLn centred at E (GeV), from the smooth
 * form above. E must lie in [p.lowerEdge, p.upperEdge] (RangeError otherwise). Dimensionless.
 */
export function smoothBinCount(p: SmoothSpectrumParameters, E: number): number {
  requireFinite("E (GeV)", E);
  requireInRange("E (GeV)", E, p.lowerEdge, p.upperEdge);
  const row = designRow(E, p.legendre.length - 1, p.eLo, p.eHi, p.eMax);
  const c = [...p.legendre, p.cutoff];
  let s = 0;
  for (let i = 0; i < row.length; i++) s += (row[i] as number) * (c[i] as number);
  return Math.exp(s);
}

/** dN/d ln E of the smooth form at E (GeV), neutrinos per unit ln E for the whole exposure. */
export function smoothDNdlnE(p: SmoothSpectrumParameters, E: number): number {
  return smoothBinCount(p, E) / p.binWidthLn;
}
