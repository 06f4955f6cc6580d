/**
 * Up-scattering ν_α + T → N + T in the dark gauge boson model: Z_D exchange (and SM Z
 * exchange through the mixing) between the ν_α → N current and a spin-½ target with a
 * vector current  ū_T [c₁ γ_μ + c₂ iσ_μν q^ν/(2M)] u_T  (q = p'_T − p_T).
 *
 * Corrects (A.2) of arXiv:2011.04751 per ERRATA E4 (its Z_D term is 8× this result; its Z
 * term is not the SM one and the Z–Z_D interference is missing) and (A.11) per ERRATA E6.
 * The printed forms live in printed.ts. Derivation: docs/derivations/darkBoson.md §1–2.
 * Antineutrinos: ν̄_α → N̄ has the same cross section (only the symmetric part of the
 * lepton tensor survives against a vector target current).
 */
import { alpha, G_F, m_e, m_n, m_p, m_Z, sin2ThetaW, type Material } from "../../core/constants";
import { atomicScreening, helmParameters, helmWith, nucleonFormFactors, type Nucleon } from "../../core/formFactors";
import { tRange, type TRange } from "../../core/kinematics";
import { integrateOverT } from "../../core/quadrature";
import { requireFinite, requireNonNegative, requirePositive } from "../../core/validate";
import type { DarkBosonModel } from "./model";
import type { FactorisedKernel } from "../../engine/productionTable";

const e = Math.sqrt(4 * Math.PI * alpha);
/** g²/(4 c_W²) = √2 G_F m_Z²: Z coupling product normalised to G_F (tree level). GeV⁰. */
const gZ2over4cW2 = Math.SQRT2 * G_F * m_Z * m_Z;

/**
 * dσ/dt for ν(E) + T(M, at rest) → N(m_N) + T with effective couplings c₁, c₂ (GeV⁻², propagators
 * and mixing included) multiplying [ū_N γ^μ P_L u_ν][ū_T (c₁γ_μ + c₂ iσ_μν q^ν/2M) u_T]; target spin
 * averaged, ν left-handed, N spins summed. Derived in docs/derivations/darkBoson.md §1 (eq. D1):
 * dσ/dt = [K c₁² + X c₁c₂ + Y c₂²]/(32π E² M²). GeV⁻⁴.
 */
export function vectorExchangeDSigmaDt(E: number, t: number, mN: number, M: number, c1: number, c2: number): number {
  const mN2 = mN * mN;
  const K = kinematicK(E, t, mN, M);
  const X = (2 * t + mN2) * (t - mN2);
  const A = 4 * E * M + t - mN2;
  const W = A * A - (4 * M * M - t) * (mN2 - t);
  const Y = X / 2 - (t * W) / (8 * M * M);
  return (K * c1 * c1 + X * c1 * c2 + Y * c2 * c2) / (32 * Math.PI * E * E * M * M);
}

/**
 * The kinematic factor of (A.2) of arXiv:2011.04751 (correct as printed, ERRATA E4):
 * K = 8E²M² + 4EM(t − m_N²) − (2M² + t)(m_N² − t). GeV⁴.
 */
export function kinematicK(E: number, t: number, mN: number, M: number): number {
  const mN2 = mN * mN;
  return 8 * E * E * M * M + 4 * E * M * (t - mN2) - (2 * M * M + t) * (mN2 - t);
}

/** Options of the up-scattering cross sections. */
export interface UpscatterOptions {
  /** Keep only |t| ≤ tAbsMax (e.g. (0.1 GeV)² for the ECC photon search). GeV². */
  readonly tAbsMax?: number;
  /** Target recoil kinetic energy window T = −t/(2M) ∈ [Tmin, Tmax]. GeV. */
  readonly Tmin?: number;
  readonly Tmax?: number;
  /** Multiply the Z_D (electromagnetic) nuclear form factor by the atomic screening (A.5). Default false (the paper's choice; ERRATA E14). Coherent only. */
  readonly screening?: boolean;
  /** Include SM Z exchange through the mixing (and its interference with Z_D). Default true. */
  readonly includeZ?: boolean;
  /** Relative tolerance of the t integral. Default 1e-6. */
  readonly relTol?: number;
}

function propagatorZD(m: DarkBosonModel, t: number): number {
  return 1 / (t - m.mZD * m.mZD);
}
function propagatorZ(t: number): number {
  return 1 / (t - m_Z * m_Z);
}

/** SM weak charge Q_W = N − (1 − 4 s_W²) Z of a nucleus (tree level, s_W² at m_Z from constants). Dimensionless. */
export function weakCharge(Z: number, A: number): number {
  return A - Z - (1 - 4 * sin2ThetaW) * Z;
}

/** Effective coherent couplings c₁(t) (c₂ = 0: the nuclear magnetic term is neglected, as below (A.5)). GeV⁻². */
function coherentC1(
  m: DarkBosonModel,
  t: number,
  target: Material,
  F: number,
  screening: boolean,
  includeZ: boolean,
): number {
  const U = Math.sqrt(m.U2);
  const Q = Math.sqrt(-t);
  const Fem = screening ? F * atomicScreening(Q, target.Z) : F;
  let c1 = m.gD * e * m.eps * target.Z * Fem * propagatorZD(m, t);
  // SM Z: nucleus vector coupling g_V = −Q_W/2 in units of g/(2c_W); ν→N vertex (g/2c_W) U γP_L.
  if (includeZ) c1 += gZ2over4cW2 * (-weakCharge(target.Z, target.A) / 2) * F * propagatorZ(t);
  return U * c1;
}

function checkT(E: number, t: number, mN: number, M: number): TRange {
  requirePositive("E", E);
  requireFinite("t", t);
  const r = tRange(E, mN, M);
  if (r === null) throw new RangeError(`E = ${E} GeV is below the threshold for mN = ${mN} GeV on a target of mass ${M} GeV`);
  if (!(t <= r.tMax + 1e-9 * Math.abs(r.tMax) && t >= r.tMin - 1e-9 * Math.abs(r.tMin))) {
    throw new RangeError(`t = ${t} GeV² is outside the physical range [${r.tMin}, ${r.tMax}] GeV²`);
  }
  return r;
}

/**
 * dσ/dt of coherent ν_α + nucleus → N + nucleus via Z_D (+ Z), F₁ = Z F_Helm (A.3)–(A.4);
 * corrects (A.2) of arXiv:2011.04751 per ERRATA E4 (test "E4" in test/darkBosonUpscattering.test.ts). GeV⁻⁴.
 */
export function dSigmaDtCoherent(m: DarkBosonModel, E: number, t: number, target: Material, opts: UpscatterOptions = {}): number {
  checkT(E, t, m.mN, target.mass);
  const F = helmWith(Math.sqrt(-t), helmParameters(target.A));
  const c1 = coherentC1(m, t, target, F, opts.screening ?? false, opts.includeZ ?? true);
  return vectorExchangeDSigmaDt(E, t, m.mN, target.mass, c1, 0);
}

/** Effective nucleon couplings (c₁, c₂) from the EM (Z_D) and weak vector (Z) form factors. GeV⁻². */
function nucleonCouplings(m: DarkBosonModel, t: number, nucleon: Nucleon, includeZ: boolean): [number, number] {
  const U = Math.sqrt(m.U2);
  const Q = Math.sqrt(-t);
  const own = nucleonFormFactors(Q, nucleon);
  const pZD = m.gD * e * m.eps * propagatorZD(m, t);
  let c1 = pZD * own.F1;
  let c2 = pZD * own.F2;
  if (includeZ) {
    // Weak vector form factors by isospin (no strangeness): F^Z_N = (½ − 2s²) F_N − ½ F_N'.
    const other = nucleonFormFactors(Q, nucleon === "p" ? "n" : "p");
    const a = 0.5 - 2 * sin2ThetaW;
    const pZ = gZ2over4cW2 * propagatorZ(t);
    c1 += pZ * (a * own.F1 - 0.5 * other.F1);
    c2 += pZ * (a * own.F2 - 0.5 * other.F2);
  }
  return [U * c1, U * c2];
}

function nucleonMass(nucleon: Nucleon): number {
  return nucleon === "p" ? m_p : m_n;
}

/**
 * dσ/dt of incoherent ν_α + nucleon → N + nucleon via Z_D (+ Z vector part), with the Dirac and
 * Pauli form factors (A.6)–(A.8) (E3 fixed). The F₂ term is the magnetic vertex iσq F₂/2M,
 * derived in docs/derivations/darkBoson.md §1. The SM axial (G_A) Z coupling is omitted
 * (the Z term is ≲1e-4 of Z_D at the Fig. 3 benchmark). GeV⁻⁴.
 */
export function dSigmaDtNucleon(m: DarkBosonModel, E: number, t: number, nucleon: Nucleon, opts: UpscatterOptions = {}): number {
  const M = nucleonMass(nucleon);
  checkT(E, t, m.mN, M);
  const [c1, c2] = nucleonCouplings(m, t, nucleon, opts.includeZ ?? true);
  return vectorExchangeDSigmaDt(E, t, m.mN, M, c1, c2);
}

/**
 * dσ/dt of ν_α e⁻ → N e⁻ via Z_D for a point-like electron (charge −1): (A.2)'s structure with
 * m_T → m_e. Corrects (A.11) of arXiv:2011.04751 per ERRATA E6 (test "E6" in
 * test/darkBosonElectron.test.ts). SM Z/W exchange is not included (see the derivation note). GeV⁻⁴.
 */
export function dSigmaDtNuElectron(m: DarkBosonModel, E: number, t: number): number {
  checkT(E, t, m.mN, m_e);
  return vectorExchangeDSigmaDt(E, t, m.mN, m_e, nuElectronC1(m, t), 0);
}

function nuElectronC1(m: DarkBosonModel, t: number): number {
  return Math.sqrt(m.U2) * m.gD * e * m.eps * -1 * propagatorZD(m, t);
}

/**
 * The dσ/dt of {@link dSigmaDtCoherent}, {@link dSigmaDtNucleon} and {@link dSigmaDtNuElectron}
 * (same formulas, GeV⁻⁴) as kernels (E, t) for a quadrature that keeps t inside the physical range
 * itself (lib/engine/productionTable): the range check and the Helm parameters are not redone per call.
 */
export function upscatteringKernel(m: DarkBosonModel, target: "coherent" | Nucleon | "electron", material: Material | null, opts: Pick<UpscatterOptions, "screening" | "includeZ"> = {}): (E: number, t: number) => number {
  const includeZ = opts.includeZ ?? true;
  if (target === "electron") return (E, t) => vectorExchangeDSigmaDt(E, t, m.mN, m_e, nuElectronC1(m, t), 0);
  if (target === "p" || target === "n") {
    const M = nucleonMass(target);
    return (E, t) => {
      const [c1, c2] = nucleonCouplings(m, t, target, includeZ);
      return vectorExchangeDSigmaDt(E, t, m.mN, M, c1, c2);
    };
  }
  if (target !== "coherent" || material === null) throw new RangeError(`target = ${JSON.stringify(target)} must be "coherent" (with a material), "p", "n" or "electron"`);
  const hp = helmParameters(material.A);
  const screening = opts.screening ?? false;
  return (E, t) => vectorExchangeDSigmaDt(E, t, m.mN, material.mass, coherentC1(m, t, material, helmWith(Math.sqrt(-t), hp), screening, includeZ), 0);
}

/**
 * {@link upscatteringKernel} factorised for the production tables (engine/productionTable
 * FactorisedKernel): the effective couplings c₁(t), c₂(t) — the only t-only part, form factors and
 * propagators included — are the factors, so the engine takes them once per |t| node of a whole
 * ln|t| panel instead of once per (E_ν, t). The same formulas in the same order as the kernel, so
 * the same values; `scale` multiplies dσ/dt (e.g. 1/U2 for tables per unit U2). GeV⁻⁴.
 */
export function upscatteringFactorised(
  m: DarkBosonModel,
  target: "coherent" | Nucleon | "electron",
  material: Material | null,
  opts: Pick<UpscatterOptions, "screening" | "includeZ"> & { readonly scale?: number } = {},
): FactorisedKernel {
  const includeZ = opts.includeZ ?? true;
  const mN = m.mN;
  const k = opts.scale ?? 1;
  const scaled = (f: (E: number, t: number, g: Float64Array, o: number) => number) => (k === 1 ? f : (E: number, t: number, g: Float64Array, o: number) => f(E, t, g, o) * k);
  if (target === "electron") {
    return { count: 1, tFactors: (t, out, o) => (out[o] = nuElectronC1(m, t)), kernelWith: scaled((E, t, g, o) => vectorExchangeDSigmaDt(E, t, mN, m_e, g[o]!, 0)) };
  }
  if (target === "p" || target === "n") {
    const M = nucleonMass(target);
    return {
      count: 2,
      tFactors: (t, out, o) => {
        const [c1, c2] = nucleonCouplings(m, t, target, includeZ);
        out[o] = c1;
        out[o + 1] = c2;
      },
      kernelWith: scaled((E, t, g, o) => vectorExchangeDSigmaDt(E, t, mN, M, g[o]!, g[o + 1]!)),
    };
  }
  if (target !== "coherent" || material === null) throw new RangeError(`target = ${JSON.stringify(target)} must be "coherent" (with a material), "p", "n" or "electron"`);
  const hp = helmParameters(material.A);
  const screening = opts.screening ?? false;
  const M = material.mass;
  return {
    count: 1,
    tFactors: (t, out, o) => (out[o] = coherentC1(m, t, material, helmWith(Math.sqrt(-t), hp), screening, includeZ)),
    kernelWith: scaled((E, t, g, o) => vectorExchangeDSigmaDt(E, t, mN, M, g[o]!, 0)),
  };
}

/** Intersect the physical t range with the |t| cut and the recoil window; null if empty. */
export function integrationRange(r: TRange, M: number, opts: UpscatterOptions): { lo: number; hi: number } | null {
  let lo = r.tMin;
  let hi = r.tMax;
  if (opts.tAbsMax !== undefined) {
    requirePositive("tAbsMax", opts.tAbsMax);
    lo = Math.max(lo, -opts.tAbsMax);
  }
  if (opts.Tmin !== undefined) {
    requireNonNegative("Tmin", opts.Tmin);
    hi = Math.min(hi, -2 * M * opts.Tmin);
  }
  if (opts.Tmax !== undefined) {
    requirePositive("Tmax", opts.Tmax);
    if (opts.Tmin !== undefined && opts.Tmax < opts.Tmin) {
      throw new RangeError(`Tmax = ${opts.Tmax} GeV must be ≥ Tmin = ${opts.Tmin} GeV`);
    }
    lo = Math.max(lo, -2 * M * opts.Tmax);
  }
  if (!(lo < hi)) return null;
  return { lo, hi };
}

/**
 * Beyond |t| = 40/s² (s = 1 fm the Helm skin) the Helm envelope e^{−Q²s²} is below e^{−40} ≈ 4e-18,
 * so the coherent integral is cut there (its oscillating tail would only cost evaluations).
 */
function helmCut(A: number): number {
  const { s } = helmParameters(A);
  return 40 / (s * s);
}

/** Total coherent σ(ν_α + nucleus → N + nucleus), ∫ dσ/dt of {@link dSigmaDtCoherent} in ln|t|; 0 below threshold. GeV⁻². */
export function sigmaCoherent(m: DarkBosonModel, E: number, target: Material, opts: UpscatterOptions = {}): number {
  requirePositive("E", E);
  const M = target.mass;
  const r = tRange(E, m.mN, M);
  if (r === null) return 0;
  const range = integrationRange(r, M, opts);
  if (range === null) return 0;
  const lo = Math.max(range.lo, -helmCut(target.A));
  if (!(lo < range.hi)) return 0;
  const hp = helmParameters(target.A);
  const screening = opts.screening ?? false;
  const includeZ = opts.includeZ ?? true;
  const f = (t: number): number => {
    const F = helmWith(Math.sqrt(-t), hp);
    return vectorExchangeDSigmaDt(E, t, m.mN, M, coherentC1(m, t, target, F, screening, includeZ), 0);
  };
  return integrateOverT(f, lo, range.hi, { relTol: opts.relTol ?? 1e-6 });
}

/** Total σ(ν_α + nucleon → N + nucleon) from {@link dSigmaDtNucleon}; 0 below threshold. GeV⁻². */
export function sigmaNucleon(m: DarkBosonModel, E: number, nucleon: Nucleon, opts: UpscatterOptions = {}): number {
  requirePositive("E", E);
  const M = nucleonMass(nucleon);
  const r = tRange(E, m.mN, M);
  if (r === null) return 0;
  const range = integrationRange(r, M, opts);
  if (range === null) return 0;
  const includeZ = opts.includeZ ?? true;
  const f = (t: number): number => {
    const [c1, c2] = nucleonCouplings(m, t, nucleon, includeZ);
    return vectorExchangeDSigmaDt(E, t, m.mN, M, c1, c2);
  };
  return integrateOverT(f, range.lo, range.hi, { relTol: opts.relTol ?? 1e-6 });
}

/** Incoherent σ per nucleus, (A.9) of arXiv:2011.04751: Z σ_p + (A − Z) σ_n. GeV⁻². */
export function sigmaIncoherent(m: DarkBosonModel, E: number, target: Material, opts: UpscatterOptions = {}): number {
  return target.Z * sigmaNucleon(m, E, "p", opts) + (target.A - target.Z) * sigmaNucleon(m, E, "n", opts);
}

/** Total σ(ν_α e⁻ → N e⁻) from {@link dSigmaDtNuElectron}, optional recoil window [Tmin, Tmax]; 0 below threshold. GeV⁻². */
export function sigmaNuElectron(m: DarkBosonModel, E: number, opts: Pick<UpscatterOptions, "Tmin" | "Tmax" | "relTol"> = {}): number {
  requirePositive("E", E);
  const r = tRange(E, m.mN, m_e);
  if (r === null) return 0;
  const range = integrationRange(r, m_e, opts);
  if (range === null) return 0;
  const f = (t: number): number => vectorExchangeDSigmaDt(E, t, m.mN, m_e, nuElectronC1(m, t), 0);
  return integrateOverT(f, range.lo, range.hi, { relTol: opts.relTol ?? 1e-6 });
}
