/**
 * Coherent up-scattering ν + (A, Z) → N + (A, Z) in the dipole portal.
 *
 * Physics: (A.10) of arXiv:2011.04751 with m_e → m_T (point Dirac target) times
 * F1² = Z² F_Helm²(√−t), (A.3)–(A.4). This is the corrected form of the F1 term of (A.1)
 * (ERRATA E1: the printed one misplaces s, has a pole near 2.9 TeV for W at m_N = 5 GeV and
 * turns negative; see test/dipoleErrata.test.ts "E1 …"). As in the paper, only the F1 term is
 * kept for the nucleus. Optional atomic screening multiplies F by G_at of (A.5) (ERRATA E14;
 * default off, as the paper).
 */
import type { Material } from "../../core/constants";
import { atomicScreening, helmParameters, helmWith, screeningLength } from "../../core/formFactors";
import { requireFinite, requireNonNegative, requirePositive, LIMITS, requirePositiveAtMost, requireNonNegativeAtMost } from "../../core/validate";
import type { FactorisedKernel } from "../../engine/productionTable";
import {
  absTInterval,
  diracAtE,
  diracF11At,
  diracTargetTermsUnchecked,
  inPhysicalRange,
  integrateAbsT,
  type ScatteringOptions,
} from "./scattering";

/** Options of the coherent cross section. */
export interface CoherentOptions extends ScatteringOptions {
  /** Multiply the Helm form factor by the atomic screening factor (A.5) (default false; ERRATA E14). */
  readonly screening?: boolean;
}

/**
 * Above Q² = QCUT_EXPONENT / s² the Helm envelope e^{−Q²s²} is below e^{−70} ≈ 4e-31, so the
 * coherent integrand is cut there (its relative contribution is < 1e-25). Dimensionless.
 */
const QCUT_EXPONENT = 70;

/** The nuclear form factor F(Q) = F_Helm(Q)·[G_at(Q)] used by the coherent cross section, (A.4)/(A.5). Dimensionless. */
export function coherentFormFactor(Q: number, material: Material, screening = false): number {
  requireNonNegative("Q", Q);
  const F = helmWith(Q, helmParameters(material.A));
  return screening ? F * atomicScreening(Q, material.Z) : F;
}

/**
 * Unchecked fast kernel of {@link dsigmaDtCoherent} at μ_N = 1 GeV⁻¹ for inner loops (the
 * signal engine and the sampler): (E, t) → dσ/dt in GeV⁻⁴, valid only for t inside the
 * physical range at E (the caller guarantees it). Same formula: (A.10) with m_e → m_T times
 * Z² F² (ERRATA E1).
 */
export function coherentKernel(mN: number, material: Material, screening = false): (E: number, t: number) => number {
  const hp = helmParameters(material.A);
  const M = material.mass;
  const Z2 = material.Z * material.Z;
  const a2 = screening ? screeningLength(material.Z) ** 2 : 0;
  return (E: number, t: number) => {
    let F = helmWith(Math.sqrt(-t), hp);
    if (screening) {
      const x = -a2 * t;
      F *= x / (1 + x);
    }
    return diracTargetTermsUnchecked(E, t, mN, M).f11 * Z2 * F * F;
  };
}

/**
 * {@link coherentKernel} factorised for the production tables (engine/productionTable
 * FactorisedKernel): the t-only factor F(√−t) = F_Helm [× G_at] (A.4)/(A.5), and
 * dσ/dt = f11 Z² F² ((A.10) with m_e → m_T, ERRATA E1) from it with the E-only factors hoisted (scattering diracAtE) — the kernel's numbers to the rounding.
 * GeV⁻⁴ at μ_N = 1 GeV⁻¹; t inside the physical range.
 */
export function coherentFactorised(mN: number, material: Material, screening = false): FactorisedKernel {
  const hp = helmParameters(material.A);
  const M = material.mass;
  const Z2 = material.Z * material.Z;
  const a2 = screening ? screeningLength(material.Z) ** 2 : 0;
  return {
    count: 1,
    // the Helm factor depends on A only, the screening on Z
    factorsKey: `helm A=${material.A}${screening ? ` screened Z=${material.Z}` : ""}`,
    tFactors: (t, out, o) => {
      let F = helmWith(Math.sqrt(-t), hp);
      if (screening) {
        const x = -a2 * t;
        F *= x / (1 + x);
      }
      out[o] = F;
    },
    // the E-only factors once per call (diracAtE; kernelWith and kernelMany the same numbers)
    kernelWith: (E, t, g, o) => {
      const F = g[o]!;
      return diracF11At(diracAtE(E, mN, M), t) * Z2 * F * F;
    },
    kernelMany: (E, t, g, m, out, o = 0) => {
      const k = diracAtE(E, mN, M);
      for (let j = 0; j < m; j++) {
        const F = g[o + j]!;
        out[j] = diracF11At(k, t[o + j]!) * Z2 * F * F;
      }
    },
  };
}

/** Fast closure for dσ/dt of the coherent process with pre-computed Helm and screening parameters (no checks). GeV⁻⁴ per μ_N² = 1. */
function coherentIntegrand(E: number, mN: number, material: Material, screening: boolean): (t: number) => number {
  const hp = helmParameters(material.A);
  const M = material.mass;
  const Z2 = material.Z * material.Z;
  const a2 = screening ? screeningLength(material.Z) ** 2 : 0;
  return (t: number) => {
    const Q = Math.sqrt(-t);
    let F = helmWith(Q, hp);
    if (screening) {
      const x = -a2 * t;
      F *= x / (1 + x);
    }
    return diracTargetTermsUnchecked(E, t, mN, M).f11 * Z2 * F * F;
  };
}

/**
 * dσ/dt for coherent ν + nucleus → N + nucleus: (A.10) of arXiv:2011.04751 with m_e → m_T,
 * times Z² F_Helm² (A.3)–(A.4) [× G_at² (A.5) if screening]; ERRATA E1. GeV⁻⁴.
 * E > 0 GeV, mN ≥ 0 GeV, t < 0 GeV², mu ≥ 0 GeV⁻¹; 0 outside the physical t range.
 */
export function dsigmaDtCoherent(
  E: number,
  t: number,
  mN: number,
  mu: number,
  material: Material,
  opts: { readonly screening?: boolean } = {},
): number {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requireNonNegative("mu", mu);
  if (!(t < 0)) throw new RangeError(`t = ${t} GeV² must be < 0`);
  if (!inPhysicalRange(E, t, mN, material.mass)) return 0;
  return mu * mu * coherentIntegrand(E, mN, material, opts.screening ?? false)(t);
}

/**
 * σ(E) for coherent ν + nucleus → N + nucleus, the t-integral of {@link dsigmaDtCoherent}
 * (in ln|t|, relTol 1e-6 by default), with optional |t| cut, recoil window and screening.
 * GeV⁻² per nucleus (divide by `cm2` for cm²). 0 below threshold or when the cuts leave no t;
 * also 0 when |t|_min > 70/s² (≈ 2.7 GeV² for W, i.e. m_N ≳ 1.5 GeV within ~1% of threshold), where
 * F_Helm² < e^{−70} over the whole range and σ is below 1e-30 of its high-energy value.
 */
export function sigmaCoherent(E: number, mN: number, mu: number, material: Material, opts: CoherentOptions = {}): number {
  requirePositiveAtMost("E", E, LIMITS.energy);
  requirePositiveAtMost("mN", mN, LIMITS.mass);
  requireNonNegativeAtMost("mu", mu, LIMITS.mu);
  const s = helmParameters(material.A).s;
  const interval = absTInterval(E, mN, material.mass, opts, QCUT_EXPONENT / (s * s));
  if (interval === null || mu === 0) return 0;
  const f = coherentIntegrand(E, mN, material, opts.screening ?? false);
  return mu * mu * integrateAbsT(f, interval.lo, interval.hi, opts.relTol ?? 1e-6);
}
