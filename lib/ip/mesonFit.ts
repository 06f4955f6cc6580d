/**
 * The functional form of the embedded meson-spectrum default (see mesons.ts), shared by the
 * library and by scripts/fit-mesons.ts so that the fit and its use can never disagree.
 */
import { pb } from "../core/units";

/** One fitted parametrisation as stored in data/mesons-default.json. */
export interface MesonFit {
  /** Beam momentum p_beam used in x = p/p_beam, GeV. */
  readonly pBeam: number;
  /** Domain: θ < thetaMax (rad), pMin < p < pBeam (GeV), p_T < pTMax (GeV). */
  readonly thetaMax: number;
  readonly pMin: number;
  readonly pTMax: number;
  /** Exponents (a, b, c) of each basis function (ln x)^a (ln(1−x))^b p_T^c. */
  readonly powers: readonly (readonly [number, number, number])[];
  /** Coefficients c_k of the exponent (same order as powers). */
  readonly coefficients: readonly number[];
}

/** Basis function values φ_k(x, p_T) for the given exponent list (shared with the fit script). */
export function mesonBasis(powers: MesonFit["powers"], x: number, pT: number): number[] {
  const lx = Math.log(x);
  const l1 = Math.log1p(-x);
  return powers.map(([a, b, c]) => lx ** a * l1 ** b * (c === 0 ? 1 : pT ** c));
}

/**
 * d²σ/(dlog10θ dlog10p) of a fitted parametrisation at (θ, p), GeV⁻² per dex²; 0 outside
 * the fit domain. The fit form is documented at the top of this module.
 */
export function fittedMesonDensity(fit: MesonFit, theta: number, p: number): number {
  if (!(theta > 0 && theta < fit.thetaMax && p > fit.pMin && p < fit.pBeam)) return 0;
  const pT = p * Math.sin(theta);
  if (!(pT < fit.pTMax)) return 0;
  const x = p / fit.pBeam;
  const phi = mesonBasis(fit.powers, x, pT);
  let e = 0;
  fit.coefficients.forEach((c, k) => (e += c * (phi[k] as number)));
  return pT * pT * x * Math.exp(e) * pb;
}

