/**
 * Incoherent up-scattering on single nucleons, ν + p/n → N + p/n, in the dipole portal
 * (Appendix A.2 of arXiv:2011.04751), with the Dirac F1, Pauli F2 and their interference
 * (docs/derivations/dipole.md eq. D2.6). The printed (A.1) F2 term is 4× too large relative
 * to F1 and lacks the F1F2 interference (ERRATA E2; test/dipoleErrata.test.ts "E2 …").
 * Form factors: lib/core/formFactors nucleonFormFactors, (A.6)–(A.8) with ERRATA E3 fixed.
 */
import { m_n, m_p, type Material } from "../../core/constants";
import { nucleonFormFactors, type Nucleon } from "../../core/formFactors";
import { requireFinite, requireNonNegative, requireOneOf, requirePositive, LIMITS, requirePositiveAtMost, requireNonNegativeAtMost } from "../../core/validate";
import type { FactorisedKernel } from "../../engine/productionTable";
import {
  absTInterval,
  diracAtE,
  diracF11At,
  diracSumAt,
  diracTargetTermsUnchecked,
  inPhysicalRange,
  integrateAbsT,
  type ScatteringOptions,
} from "./scattering";

/** Options of the nucleon cross section. */
export interface NucleonOptions extends ScatteringOptions {
  /** Include the Pauli form factor F2 (its square and the F1F2 interference); default true. */
  readonly pauli?: boolean;
}

/** Nucleon mass used as the target mass: m_p or m_n (PDG 2024). GeV. */
export function nucleonMass(nucleon: Nucleon): number {
  requireOneOf("nucleon", nucleon, ["p", "n"] as const);
  return nucleon === "p" ? m_p : m_n;
}

/**
 * Unchecked fast kernel of {@link dsigmaDtNucleon} at μ_N = 1 GeV⁻¹ for inner loops: (E, t) →
 * dσ/dt in GeV⁻⁴ with F1, F2 and their interference (ERRATA E2), valid only for t inside the
 * physical range at E.
 */
export function nucleonKernel(mN: number, nucleon: Nucleon, pauli = true): (E: number, t: number) => number {
  const M = nucleonMass(nucleon);
  return (E: number, t: number) => {
    const { F1, F2 } = nucleonFormFactors(Math.sqrt(-t), nucleon);
    const c = diracTargetTermsUnchecked(E, t, mN, M);
    return pauli ? c.f11 * F1 * F1 + c.f12 * F1 * F2 + c.f22 * F2 * F2 : c.f11 * F1 * F1;
  };
}

/**
 * {@link nucleonKernel} factorised for the production tables (engine/productionTable
 * FactorisedKernel): the t-only factors F1, F2 at Q = √−t ((A.6)–(A.8), ERRATA E3), and
 * dσ/dt = f11 F1² + f12 F1F2 + f22 F2² (D2.6, ERRATA E2) from them with the E-only factors
 * hoisted (scattering diracAtE) — the kernel's numbers to the rounding. GeV⁻⁴ at μ_N = 1 GeV⁻¹; t inside the physical range.
 */
export function nucleonFactorised(mN: number, nucleon: Nucleon, pauli = true): FactorisedKernel {
  const M = nucleonMass(nucleon);
  return {
    count: 2,
    factorsKey: `nucleon ${nucleon}`,
    tFactors: (t, out, o) => {
      const { F1, F2 } = nucleonFormFactors(Math.sqrt(-t), nucleon);
      out[o] = F1;
      out[o + 1] = F2;
    },
    // the E-only factors once per call (diracAtE; kernelWith and kernelMany the same numbers)
    kernelWith: pauli
      ? (E, t, g, o) => diracSumAt(diracAtE(E, mN, M), t, g[o]!, g[o + 1]!)
      : (E, t, g, o) => {
          const F1 = g[o]!;
          return diracF11At(diracAtE(E, mN, M), t) * F1 * F1;
        },
    kernelMany: pauli
      ? (E, t, g, m, out, o = 0) => {
          const k = diracAtE(E, mN, M);
          for (let j = 0; j < m; j++) out[j] = diracSumAt(k, t[o + j]!, g[2 * (o + j)]!, g[2 * (o + j) + 1]!);
        }
      : (E, t, g, m, out, o = 0) => {
          const k = diracAtE(E, mN, M);
          for (let j = 0; j < m; j++) {
            const F1 = g[2 * (o + j)]!;
            out[j] = diracF11At(k, t[o + j]!) * F1 * F1;
          }
        },
  };
}

function nucleonIntegrand(E: number, mN: number, nucleon: Nucleon, pauli: boolean): (t: number) => number {
  const M = nucleonMass(nucleon);
  return (t: number) => {
    const { F1, F2 } = nucleonFormFactors(Math.sqrt(-t), nucleon);
    const c = diracTargetTermsUnchecked(E, t, mN, M);
    return pauli ? c.f11 * F1 * F1 + c.f12 * F1 * F2 + c.f22 * F2 * F2 : c.f11 * F1 * F1;
  };
}

/**
 * dσ/dt for ν + nucleon → N + nucleon with F1, F2 and interference — docs/derivations/dipole.md
 * (D2.6), replacing the F2 part of (A.1) of arXiv:2011.04751 (ERRATA E2). GeV⁻⁴.
 * E > 0 GeV, mN ≥ 0 GeV, t < 0 GeV², mu ≥ 0 GeV⁻¹; 0 outside the physical t range.
 */
export function dsigmaDtNucleon(
  E: number,
  t: number,
  mN: number,
  mu: number,
  nucleon: Nucleon,
  opts: { readonly pauli?: boolean } = {},
): number {
  requirePositive("E", E);
  requireFinite("t", t);
  requireNonNegative("mN", mN);
  requireNonNegative("mu", mu);
  if (!(t < 0)) throw new RangeError(`t = ${t} GeV² must be < 0`);
  if (!inPhysicalRange(E, t, mN, nucleonMass(nucleon))) return 0;
  return mu * mu * nucleonIntegrand(E, mN, nucleon, opts.pauli ?? true)(t);
}

/**
 * σ(E) for ν + nucleon → N + nucleon: t-integral of {@link dsigmaDtNucleon} (ln|t|, relTol 1e-6).
 * GeV⁻² per nucleon. 0 below threshold or when the cuts leave no t.
 */
export function sigmaNucleon(E: number, mN: number, mu: number, nucleon: Nucleon, opts: NucleonOptions = {}): number {
  requirePositiveAtMost("E", E, LIMITS.energy);
  requirePositiveAtMost("mN", mN, LIMITS.mass);
  requireNonNegativeAtMost("mu", mu, LIMITS.mu);
  const interval = absTInterval(E, mN, nucleonMass(nucleon), opts);
  if (interval === null || mu === 0) return 0;
  const f = nucleonIntegrand(E, mN, nucleon, opts.pauli ?? true);
  return mu * mu * integrateAbsT(f, interval.lo, interval.hi, opts.relTol ?? 1e-6);
}

/**
 * Incoherent σ per nucleus, Z σ_p + (A − Z) σ_n — (A.9) of arXiv:2011.04751. GeV⁻².
 */
export function sigmaIncoherent(E: number, mN: number, mu: number, material: Material, opts: NucleonOptions = {}): number {
  return (
    material.Z * sigmaNucleon(E, mN, mu, "p", opts) + (material.A - material.Z) * sigmaNucleon(E, mN, mu, "n", opts)
  );
}
