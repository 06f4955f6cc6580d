/**
 * ν + e⁻ → N + e⁻ in the dipole portal, (A.10) of arXiv:2011.04751 (correct as printed, ERRATA E5;
 * its m_N → 0 limit is dσ/dT = 4αμ_N²(1/T − 1/E), test/dipoleErrata.test.ts "E5 …").
 */
import { m_e } from "../../core/constants";
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

/**
 * dσ/dt for ν e⁻ → N e⁻ — (A.10) of arXiv:2011.04751. GeV⁻⁴.
 * E > 0 GeV, mN ≥ 0 GeV, t < 0 GeV², mu ≥ 0 GeV⁻¹; 0 outside the physical t range.
 */
export function dsigmaDtElectron(E: number, t: number, mN: number, mu: number): number {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requireNonNegative("mu", mu);
  if (!(t < 0)) throw new RangeError(`t = ${t} GeV² must be < 0`);
  if (!inPhysicalRange(E, t, mN, m_e)) return 0;
  return mu * mu * diracTargetTermsUnchecked(E, t, mN, m_e).f11;
}

/**
 * Unchecked fast kernel of {@link dsigmaDtElectron} at μ_N = 1 GeV⁻¹: (E, t) → (A.10) in GeV⁻⁴,
 * valid only for t inside the physical range at E (inner loops of the signal engine).
 */
export function electronKernel(mN: number): (E: number, t: number) => number {
  return (E: number, t: number) => diracTargetTermsUnchecked(E, t, mN, m_e).f11;
}

/**
 * {@link electronKernel} in the factorised form of the production tables (engine/productionTable
 * FactorisedKernel): no t-only factor (a point target), dσ/dt = (A.10) of arXiv:2011.04751 —
 * with the E-only factors hoisted (scattering diracAtE): the kernel's numbers to the rounding. GeV⁻⁴ at μ_N = 1 GeV⁻¹; t inside the physical range.
 */
export function electronFactorised(mN: number): FactorisedKernel {
  return {
    count: 0,
    tFactors: () => {},
    // the E-only factors once per call (diracAtE; kernelWith and kernelMany the same numbers)
    kernelWith: (E, t) => diracF11At(diracAtE(E, mN, m_e), t),
    kernelMany: (E, t, _g, m, out, o = 0) => {
      const k = diracAtE(E, mN, m_e);
      for (let j = 0; j < m; j++) out[j] = diracF11At(k, t[o + j]!);
    },
  };
}

/**
 * dσ/dT for ν e⁻ → N e⁻ in the electron recoil kinetic energy T = −t/(2m_e): 2m_e × (A.10). GeV⁻³.
 */
export function dsigmaDTElectron(E: number, T: number, mN: number, mu: number): number {
  requirePositive("T", T);
  return 2 * m_e * dsigmaDtElectron(E, -2 * m_e * T, mN, mu);
}

/**
 * σ(E) for ν e⁻ → N e⁻, the t-integral of (A.10) (ln|t|, relTol 1e-6), optionally restricted to
 * recoil energies T ∈ [Tmin, Tmax] and/or |t| < tAbsMax. GeV⁻² per electron. 0 below threshold.
 */
export function sigmaElectron(E: number, mN: number, mu: number, opts: ScatteringOptions = {}): number {
  requirePositiveAtMost("E", E, LIMITS.energy);
  requirePositiveAtMost("mN", mN, LIMITS.mass);
  requireNonNegativeAtMost("mu", mu, LIMITS.mu);
  const interval = absTInterval(E, mN, m_e, opts);
  if (interval === null || mu === 0) return 0;
  const f = (t: number) => diracTargetTermsUnchecked(E, t, mN, m_e).f11;
  return mu * mu * integrateAbsT(f, interval.lo, interval.hi, opts.relTol ?? 1e-6);
}
