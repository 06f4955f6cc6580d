/**
 * Form factors of the targets, all as functions of Q = √(−t) in GeV (dimensionless results).
 */
import { m_e, m_p, mu_n_nuclear, mu_p_nuclear } from "./constants";
import { fm } from "./units";
import { requireFinite, requireNonNegative, requirePositive } from "./validate";

/** Parameters of the Helm form factor, in GeV⁻¹: skin thickness s and box radius r. */
export interface HelmParameters {
  readonly s: number;
  readonly r: number;
}

/**
 * Helm parameters exactly as below (A.4) of arXiv:2011.04751: s = 1 fm, R = 1.2 A^{1/3} fm,
 * r = √(R² − 5 s²). GeV⁻¹.
 */
export function helmParameters(A: number): HelmParameters {
  requirePositive("A", A);
  const s = 1 * fm;
  const R = 1.2 * Math.cbrt(A) * fm;
  const r2 = R * R - 5 * s * s;
  if (!(r2 > 0)) throw new RangeError(`A = ${A} is too small for the Helm parametrisation (R² − 5s² ≤ 0; allowed: A ≳ 2.3)`);
  return { s, r: Math.sqrt(r2) };
}

/** 3 j₁(x)/x = 3(sin x − x cos x)/x³, with its Taylor series below x = 0.02 to avoid cancellation. */
function threeJ1OverX(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.02) {
    const x2 = x * x;
    return 1 - x2 / 10 + (x2 * x2) / 280 - (x2 * x2 * x2) / 15120;
  }
  return (3 * (Math.sin(x) - x * Math.cos(x))) / (x * x * x);
}

/**
 * Helm form factor F_Helm(Q) = 3 e^{−Q²s²/2} (sin Qr − Qr cos Qr)/(Qr)³, (A.4) of
 * arXiv:2011.04751, normalised to F(0) = 1. Q in GeV, result dimensionless.
 */
export function helm(Q: number, A: number): number {
  requireNonNegative("Q", Q);
  const { s, r } = helmParameters(A);
  return Math.exp(-(Q * Q * s * s) / 2) * threeJ1OverX(Q * r);
}

/**
 * Helm form factor with pre-computed parameters (fast path for inner loops), same formula
 * as {@link helm}. Q in GeV.
 */
export function helmWith(Q: number, p: HelmParameters): number {
  return Math.exp(-(Q * Q * p.s * p.s) / 2) * threeJ1OverX(Q * p.r);
}

/** Thomas–Fermi-like screening length of (A.5): a = 111 Z^{−1/3}/m_e. GeV⁻¹. */
export function screeningLength(Z: number): number {
  requirePositive("Z", Z);
  return (111 * Math.pow(Z, -1 / 3)) / m_e;
}

/**
 * Atomic screening factor G_at(Q) = a²Q²/(1 + a²Q²), (A.5) of arXiv:2011.04751
 * (from Refs. [104, 105] there). Multiplies the nuclear form factor F (not F²).
 * Q in GeV, dimensionless; → 1 for Q ≫ 1/a, → 0 for Q → 0.
 */
export function atomicScreening(Q: number, Z: number): number {
  requireNonNegative("Q", Q);
  const a = screeningLength(Z);
  const x = a * a * Q * Q;
  return x / (1 + x);
}

/** Dipole form factor G_D = (1 + Q²/0.71 GeV²)⁻², (A.7) of arXiv:2011.04751. Q in GeV. */
export function dipoleFormFactor(Q: number): number {
  requireNonNegative("Q", Q);
  const d = 1 + (Q * Q) / 0.71;
  return 1 / (d * d);
}

/** A nucleon species. */
export type Nucleon = "p" | "n";

/** Sachs form factors G_E and G_M in the dipole approximation, (A.8) of arXiv:2011.04751. Q in GeV. */
export function sachs(Q: number, nucleon: Nucleon): { GE: number; GM: number } {
  const GD = dipoleFormFactor(Q);
  if (nucleon === "p") return { GE: GD, GM: mu_p_nuclear * GD };
  if (nucleon === "n") return { GE: 0, GM: mu_n_nuclear * GD };
  throw new RangeError(`nucleon = ${JSON.stringify(nucleon)} is not one of "p", "n"`);
}

/**
 * Dirac and Pauli form factors of a nucleon from the Sachs ones, (A.6) of arXiv:2011.04751
 * with its typo corrected (ERRATA E3: the printed "4 m a_p²" is 4 m_p²):
 * F₁ = (G_E + τ G_M)/(1 + τ), F₂ = (G_M − G_E)/(1 + τ), τ = Q²/(4 m_p²).
 * F₁(0) = charge (1, 0), F₂(0) = anomalous moment (1.793, −1.913). Q in GeV.
 */
export function nucleonFormFactors(Q: number, nucleon: Nucleon): { F1: number; F2: number } {
  requireFinite("Q", Q);
  const { GE, GM } = sachs(Q, nucleon);
  const tau = (Q * Q) / (4 * m_p * m_p);
  return { F1: (GE + tau * GM) / (1 + tau), F2: (GM - GE) / (1 + tau) };
}

/**
 * Helm parameters of Lewin & Smith, Astropart. Phys. 6 (1996) 87, eq. (4.11) and below: skin
 * s = 0.9 fm, c = 1.23 A^{1/3} − 0.60 fm, a = 0.52 fm, box radius r_n = √(c² + (7/3)π²a² − 5s²).
 * The standard choice for argon in coherent-scattering work (e.g. CENNS/COHERENT); an
 * alternative to the paper's (A.4) prescription {@link helmParameters} (which the cross sections
 * use for every material, argon included, for consistency with the paper). GeV⁻¹.
 */
export function helmParametersLewinSmith(A: number): HelmParameters {
  requirePositive("A", A);
  const s = 0.9 * fm;
  const c = (1.23 * Math.cbrt(A) - 0.6) * fm;
  const a = 0.52 * fm;
  const r2 = c * c + (7 / 3) * Math.PI * Math.PI * a * a - 5 * s * s;
  if (!(r2 > 0)) throw new RangeError(`A = ${A} is too small for the Lewin–Smith Helm parametrisation (r_n² ≤ 0; allowed: A ≳ 1)`);
  return { s, r: Math.sqrt(r2) };
}

/** Mass number of ⁴⁰Ar used in argon's Helm form factor (the isotope is 99.6 % of natural argon, IUPAC). */
export const ARGON_A = 40;

/**
 * Argon's Helm parameters, GeV⁻¹: `paper` = (A.4) of arXiv:2011.04751 at A = 40 (R = 4.10 fm,
 * r = 3.44 fm, s = 1 fm; first zero of F at Q = 4.493/r = 0.258 GeV), `lewinSmith` = Lewin &
 * Smith (1996) at A = 40 (r_n = 3.90 fm, s = 0.9 fm; first zero at Q = 0.228 GeV).
 */
export const ARGON_HELM: Readonly<{ paper: HelmParameters; lewinSmith: HelmParameters }> = Object.freeze({
  paper: helmParameters(ARGON_A),
  lewinSmith: helmParametersLewinSmith(ARGON_A),
});

/** First positive zero of j₁(x), i.e. of tan x = x: x₁ = 4.493409457909064 (Abramowitz & Stegun Table 10.6). */
export const J1_FIRST_ZERO = 4.493_409_457_909_064;

/** Momentum transfer of the first zero of a Helm form factor, Q₁ = x₁/r (GeV). */
export function helmFirstZero(p: HelmParameters): number {
  return J1_FIRST_ZERO / p.r;
}
