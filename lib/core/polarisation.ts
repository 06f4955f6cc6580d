/**
 * Helicity of a fermion N made in ν T → N T by a one-boson exchange, and the lab energy
 * spectrum of a two-body daughter of a polarised N. Derivations: docs/derivations/polarisation.md
 * (§1 helicity from production, §2 the rest-frame distributions, §3 the lab spectrum).
 *
 * Model-free: the lepton current is either chirality-conserving, ū_N γ^μ P_L u_ν (the Z_D and Z
 * vertices), or the chirality-flipping dipole, ū_N σ^{μν}q_ν P_L u_ν (the photon dipole portal);
 * the target current is ū_T[F1 γ_μ + F2 iσ_μν q^ν/2M]u_T (spin ½, point or with form factors; a
 * spin-0 coherent nucleus is F2 = 0 with the form factor taken out, it cancels in P).
 */
import { m_e } from "./constants";
import { nucleonFormFactors } from "./formFactors";
import { requireFinite, requireInRange, requirePositive } from "./validate";
import type { Random } from "./random";

/** Whether the helicity of N is carried from production into its decay (default: the paper's unpolarised treatment). */
export type Polarisation = "unpolarised" | "polarised";
/** Dirac or Majorana N (for Majorana the two CP-conjugate decay channels cancel the asymmetry, §2). */
export type FermionNature = "dirac" | "majorana";
/** The option pair accepted by the spectra and counts. */
export interface PolarisationOptions {
  readonly polarisation?: Polarisation;
  readonly nature?: FermionNature;
}
/** Allowed values (for validation and the CLI). */
export const POLARISATIONS: readonly Polarisation[] = ["unpolarised", "polarised"];
export const FERMION_NATURES: readonly FermionNature[] = ["dirac", "majorana"];

/** Lorentz structure of the ν → N current (module comment). */
export type LeptonCurrent = "vector-left" | "dipole";

/** A spin-½ target current: mass M (GeV), Dirac and Pauli form factors at this t (any common normalisation). */
export interface TargetCurrent {
  readonly M: number;
  readonly F1: number;
  readonly F2: number;
}

/**
 * Target current of a production channel at t for the helicity ratio, with the electromagnetic form
 * factors (the photon of the dipole portal; Z_D couples through eεJ^em): coherent nucleus F1 = 1 (the
 * Helm factor cancels in P), proton/neutron F1, F2 (formFactors.nucleonFormFactors), electron F1 = 1.
 * targetMass in GeV (ignored for the electron); t < 0 in GeV².
 */
export function channelTargetCurrent(channel: string, targetMass: number, t: number): TargetCurrent {
  if (channel === "coherent") return { M: targetMass, F1: 1, F2: 0 };
  if (channel === "electron") return { M: m_e, F1: 1, F2: 0 };
  if (channel === "proton" || channel === "neutron") {
    const f = nucleonFormFactors(Math.sqrt(-t), channel === "proton" ? "p" : "n");
    return { M: targetMass, F1: f.F1, F2: f.F2 };
  }
  throw new RangeError(`channel = ${JSON.stringify(channel)} is not one of coherent, proton, neutron, electron`);
}

/** |M|² for N helicity −1 and +1 (common arbitrary normalisation, ≥ 0). */
export interface HelicityRates {
  readonly minus: number;
  readonly plus: number;
}

/**
 * |M|² of ν(E) T → N(h) T for N helicity h = ∓1 in the lab frame (target at rest), polarisation.md
 * (P1)–(P4): |M(h)|² ∝ F(k' ∓ m s_h) with the spin vector s_h of helicity h, i.e. F evaluated on
 * the light-like vectors (E_N + p_N)(1, p̂_N) and (E_N − p_N)(1, −p̂_N). Domain: t inside the
 * physical range at E (tRange); E, M > 0, mN ≥ 0. Units arbitrary (ratios only).
 */
export function helicityRates(current: LeptonCurrent, E: number, t: number, mN: number, target: TargetCurrent): HelicityRates {
  requirePositive("E", E);
  requirePositive("M", target.M);
  requireFinite("t", t);
  if (!(t < 0)) throw new RangeError(`t = ${t} GeV² must be < 0`);
  const M = target.M, m2 = mN * mN;
  const EN = E + t / (2 * M);
  if (!(EN >= mN)) throw new RangeError(`t = ${t} GeV² gives E_N = ${EN} GeV below mN = ${mN} GeV (outside the physical range)`);
  const pN = Math.sqrt((EN - mN) * (EN + mN));
  const eMinusP = m2 / (EN + pN); // E_N − p_N without cancellation
  // 1 − cosθ of N in the lab: from t = m² − 2E(E_N − p_N cosθ)
  const oneMinusCos = pN > 0 ? ((m2 - t) / (2 * E) - eMinusP) / pN : 1;
  if (!(oneMinusCos >= -1e-12 && oneMinusCos <= 2 + 1e-12)) throw new RangeError(`t = ${t} GeV² is outside the physical range at E = ${E} GeV`);
  const c1m = Math.min(2, Math.max(0, oneMinusCos));
  // invariants of n = (1, p̂) and n̄ = (1, −p̂) with k (ν), p (target), k' (N)
  const nk = E * c1m, nbk = E * (2 - c1m);
  const nkp = eMinusP, nbkp = EN + pN;
  const kq = -(m2 - t) / 2; // k·q, q = k − k'
  const kP = 2 * E * M + kq; // k·P, P = p + p'
  const A = 2 * (target.F1 + target.F2) ** 2;
  const B = -4 * target.F2 * (target.F1 + target.F2) + target.F2 * target.F2 * (2 - t / (2 * M * M));
  const trH = A * (4 * M * M + 2 * t) + B * (4 * M * M - t);
  const F = (ak: number, ap: number, akp: number) => {
    const aq = ak - akp;
    const aP = 2 * ap + aq;
    const aHk = A * (aP * kP - aq * kq + t * ak) + B * aP * kP;
    const fV = 2 * aHk - ak * trH;
    return current === "vector-left" ? fV : -2 * kq * aq * trH - t * fV;
  };
  const big = (EN + pN) * F(nk, M, nkp); // along N's flight: the chirality partner of the current
  const small = eMinusP * F(nbk, M, nbkp);
  // vector-left: |M(−)|² = F(k' + m s₊) = big; dipole (N right-chiral): |M(+)|² = F(k' + m s₊) = big
  return current === "vector-left" ? { minus: big, plus: small } : { minus: small, plus: big };
}

/** Longitudinal polarisation P = (|M(+)|² − |M(−)|²)/(|M(+)|² + |M(−)|²) of N (lab helicity frame), polarisation.md (P5). In [−1, 1]. */
export function longitudinalPolarisation(current: LeptonCurrent, E: number, t: number, mN: number, target: TargetCurrent): number {
  const r = helicityRates(current, E, t, mN, target);
  const s = r.plus + r.minus;
  return s > 0 ? (r.plus - r.minus) / s : 0;
}

/**
 * Lab-energy density of a two-body daughter of a parent with asymmetry αP, on [lo, hi]
 * (= γ(E* ∓ βp*)): [1 + αP x]/(hi − lo), x = (2E − lo − hi)/(hi − lo) ∈ [−1, 1]; polarisation.md (P9).
 * 0 outside [lo, hi]. GeV⁻¹.
 */
export function polarisedEnergyDensity(E: number, lo: number, hi: number, alphaP: number): number {
  checkBox(lo, hi, alphaP);
  if (E < lo || E > hi) return 0;
  const w = hi - lo;
  return (1 + (alphaP * (2 * E - lo - hi)) / w) / w;
}

/**
 * ∫_{x0}^{x1} of {@link polarisedEnergyDensity} (the interval clipped to [lo, hi]; 0 if empty):
 * [(b − a) + αP((b − c)² − (a − c)²)/w] / w with c the midpoint, w = hi − lo. Dimensionless.
 */
export function polarisedEnergyFraction(x0: number, x1: number, lo: number, hi: number, alphaP: number): number {
  checkBox(lo, hi, alphaP);
  const a = Math.max(x0, lo), b = Math.min(x1, hi);
  if (!(b > a)) return 0;
  const w = hi - lo, c = 0.5 * (lo + hi);
  return (b - a + (alphaP * ((b - c) * (b - c) - (a - c) * (a - c))) / w) / w;
}

/** Mean lab energy of the daughter: (lo + hi)/2 + αP (hi − lo)/6, polarisation.md (P10). GeV. */
export function polarisedMeanEnergy(lo: number, hi: number, alphaP: number): number {
  checkBox(lo, hi, alphaP);
  return 0.5 * (lo + hi) + (alphaP * (hi - lo)) / 6;
}

/**
 * Rest-frame cos θ (daughter direction w.r.t. the parent's flight direction, i.e. its spin axis for
 * a helicity state) drawn from dΓ/dcosθ ∝ 1 + αP cosθ by the inverse CDF written without
 * cancellation, cosθ = (4u − 2 + αP)/(1 + √((1 − αP)² + 4αP u)) (polarisation.md §2); the hook the
 * event samplers use for a polarised N. αP ∈ [−1, 1]; one draw of `random`.
 */
export function samplePolarisedCosTheta(random: Random, alphaP: number): number {
  requireInRange("alphaP", alphaP, -1, 1);
  const u = random();
  const a = alphaP;
  const c = (4 * u - 2 + a) / (1 + Math.sqrt(Math.max(0, (1 - a) * (1 - a) + 4 * a * u)));
  return Math.min(1, Math.max(-1, c));
}

function checkBox(lo: number, hi: number, alphaP: number): void {
  requireFinite("lo", lo);
  if (!(hi > lo)) throw new RangeError(`hi = ${hi} GeV must exceed lo = ${lo} GeV`);
  requireInRange("alphaP", alphaP, -1, 1);
}

/**
 * Effective decay asymmetry αP of a Dirac N (or N̄) with decay asymmetry α (for N, w.r.t. its spin)
 * and production polarisation P; N̄ has −α and −P, so the product is the same (CP, §2). For
 * Majorana N the decays into ν and ν̄ have equal rates and opposite α: 0. Unpolarised: 0.
 */
export function effectiveAsymmetry(alpha: number, P: number, opts: PolarisationOptions = {}): number {
  const pol = opts.polarisation ?? "unpolarised";
  const nat = opts.nature ?? "dirac";
  if (!POLARISATIONS.includes(pol)) throw new RangeError(`polarisation = ${JSON.stringify(pol)} is not one of ${POLARISATIONS.join(", ")}`);
  if (!FERMION_NATURES.includes(nat)) throw new RangeError(`nature = ${JSON.stringify(nat)} is not one of ${FERMION_NATURES.join(", ")}`);
  requireInRange("alpha", alpha, -1, 1);
  requireInRange("P", P, -1, 1);
  if (pol === "unpolarised" || nat === "majorana") return 0;
  return alpha * P;
}
