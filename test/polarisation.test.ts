/**
 * Polarisation of N (docs/derivations/polarisation.md): the helicity amplitudes of production and
 * the polarised decay distributions against explicit numeric Dirac traces (test/support/dirac.ts),
 * the lab spectrum and sampler against their derived moments, and the model-level limits.
 */
import { describe, expect, it } from "vitest";
import { m_e } from "../lib/core/constants";
import { gaussLegendre } from "../lib/core/quadrature";
import { seededRandom } from "../lib/core/random";
import { labEnergyRange } from "../lib/core/kinematics";
import {
  effectiveAsymmetry,
  helicityRates,
  type LeptonCurrent,
  polarisedEnergyDensity,
  polarisedEnergyFraction,
  polarisedMeanEnergy,
  samplePolarisedCosTheta,
  type TargetCurrent,
} from "../lib/core/polarisation";
import { alphaNuZD, zdDecayAsymmetry, zdEnergyWeight } from "../lib/models/darkBoson/polarisation";
import { ALPHA_NU_GAMMA, photonDecayAsymmetry, photonFractionPolarised } from "../lib/models/dipole/polarisation";
import { add, contract, contractMinusMetric, dot, gamma, gamma5, lineTensor, mul, ONE, PL, PR, scale, sigmaDotQ, slash, slashPlus, type CMat, type FourVector } from "./support/dirac";

/** u ū for a fermion of momentum p, mass m and spin four-vector s: (p̸ + m)(1 + γ⁵s̸)/2. */
function polarisedSpinor(p: FourVector, m: number, s: FourVector): CMat {
  return scale(mul(slashPlus(p, m), add(ONE, mul(gamma5, slash(s)))), 0.5);
}

/** Spin four-vector of helicity h for momentum p⃗ and mass m: h(|p|/m, E p̂/m). */
function helicitySpin(p: FourVector, m: number, h: number): FourVector {
  const pp = Math.hypot(p[1], p[2], p[3]);
  return [(h * pp) / m, (h * p[0] * p[1]) / (pp * m), (h * p[0] * p[2]) / (pp * m), (h * p[0] * p[3]) / (pp * m)];
}

/** T^{αβ}(−g_{αβ} + q_α q_β/M²): the massive-vector polarisation sum. */
function contractMassiveVector(t: [number, number][][], q: FourVector, M: number): number {
  const ql: FourVector = [q[0], -q[1], -q[2], -q[3]];
  let qq = 0;
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) qq += t[a]![b]![0] * ql[a]! * ql[b]!;
  return contractMinusMetric(t)[0] + qq / (M * M);
}

/** Rest-frame two-body decay N(m, spin +ẑ) → ν(massless) + X(M) with X at polar angle θ from the spin: |M|² from traces. */
function restFrameDecay(m: number, M: number, cosT: number, vertex: "dipole" | "vector"): { pol: number; unpol: number } {
  const pStar = (m * m - M * M) / (2 * m);
  const sinT = Math.sqrt(1 - cosT * cosT);
  const q: FourVector = [Math.hypot(pStar, M), pStar * sinT, 0, pStar * cosT];
  const k: FourVector = [pStar, -pStar * sinT, 0, -pStar * cosT];
  const p: FourVector = [m, 0, 0, 0];
  const V = vertex === "dipole" ? sigmaDotQ(q).map((x) => mul(x, PR)) : gamma.map((g) => mul(g, PL));
  const sum = (t: [number, number][][]) => (vertex === "dipole" ? contractMinusMetric(t)[0] : contractMassiveVector(t, q, M));
  return { pol: sum(lineTensor(slash(k), V, polarisedSpinor(p, m, [0, 0, 0, 1]))), unpol: sum(lineTensor(slash(k), V, slashPlus(p, m))) / 2 };
}

describe("rest-frame decay distributions of a polarised N (polarisation.md §2)", () => {
  it("N → ν_L γ through the dipole (3.1) is 1 − cosθ (photon w.r.t. the spin): α = −1 from traces", () => {
    for (const m of [0.1, 2])
      for (const c of [-0.9, -0.3, 0, 0.5, 0.95]) {
        const r = restFrameDecay(m, 0, c, "dipole");
        expect(r.pol / r.unpol).toBeCloseTo(1 + ALPHA_NU_GAMMA * c, 10);
      }
  });
  it("N → ν Z_D through g_D U γ^μ P_L is 1 + α cosθ with α = (m_N² − 2m_ZD²)/(m_N² + 2m_ZD²), from traces", () => {
    for (const [m, M] of [
      [0.42, 0.03],
      [0.05, 0.03],
      [1, 0.6],
    ] as const)
      for (const c of [-0.8, 0, 0.7]) {
        const r = restFrameDecay(m, M, c, "vector");
        expect(r.pol / r.unpol).toBeCloseTo(1 + alphaNuZD(m, M) * c, 10);
      }
  });
  it("averaging the polarised |M|² over the decay angle gives the unpolarised width (Gauss–Legendre, exact for a linear integrand)", () => {
    const { x, w } = gaussLegendre(8);
    for (const vertex of ["dipole", "vector"] as const) {
      const [m, M] = vertex === "dipole" ? [1, 0] : [0.42, 0.03];
      let avg = 0;
      x.forEach((c, i) => (avg += (w[i]! / 2) * restFrameDecay(m, M, c, vertex).pol));
      expect(avg / restFrameDecay(m, M, 0.3, vertex).unpol).toBeCloseTo(1, 12);
    }
  });
  it("α(N → νZ_D) → 1 for m_ZD ≪ m_N (longitudinal Z_D along the spin) and → −1/3 at threshold", () => {
    expect(alphaNuZD(100, 0.03)).toBeCloseTo(1, 6);
    expect(alphaNuZD(0.0300001, 0.03)).toBeCloseTo(-1 / 3, 5);
    expect(() => alphaNuZD(0.02, 0.03)).toThrow(RangeError);
  });
});

/** |M(h)|² of ν(E) T → N(h) T from traces, target current F1 γ^μ + F2 iσ^{μν}q_ν/2M, N of lab angle from t. */
function productionTraces(current: LeptonCurrent, E: number, t: number, mN: number, T: TargetCurrent): { minus: number; plus: number } {
  const M = T.M;
  const EN = E + t / (2 * M);
  const pN = Math.sqrt(EN * EN - mN * mN);
  const cos = (EN - (mN * mN - t) / (2 * E)) / pN;
  const sin = Math.sqrt(Math.max(0, 1 - cos * cos));
  const k: FourVector = [E, 0, 0, E];
  const kp: FourVector = [EN, pN * sin, 0, pN * cos];
  const q: FourVector = [k[0] - kp[0], k[1] - kp[1], k[2] - kp[2], k[3] - kp[3]];
  const p: FourVector = [M, 0, 0, 0];
  const pp: FourVector = [M + q[0], q[1], q[2], q[3]];
  const Vl = current === "dipole" ? sigmaDotQ(q).map((x) => mul(x, PL)) : gamma.map((g) => mul(g, PL));
  const sq = sigmaDotQ(q);
  const Vt = gamma.map((g, mu) => add(scale(g, T.F1), scale(sq[mu]!, 0, T.F2 / (2 * M))));
  const H = lineTensor(slashPlus(pp, M), Vt, slashPlus(p, M));
  const rate = (h: number) => contract(lineTensor(polarisedSpinor(kp, mN, helicitySpin(kp, mN, h)), Vl, slash(k)), H)[0];
  expect(dot(q, q)).toBeCloseTo(t, 6);
  return { minus: rate(-1), plus: rate(1) };
}

describe("helicity of N from production (polarisation.md §1)", () => {
  const points: [number, number, number, TargetCurrent][] = [
    [3, -0.5, 1, { M: 0.938, F1: 0.8, F2: 1.5 }],
    [2, -0.2, 0.5, { M: 0.938, F1: 1, F2: 0 }],
    [20, -3, 1.5, { M: 0.938, F1: 0.3, F2: -1.1 }],
    [400, -1e-4, 0.4, { M: m_e, F1: 1, F2: 0 }],
  ];
  for (const current of ["vector-left", "dipole"] as const) {
    it(`${current}: |M(−)|²/|M(+)|² of helicityRates equals numeric traces with the spin projector (p̸ + m)(1 + γ⁵s̸)/2`, () => {
      for (const [E, t, mN, T] of points) {
        const a = helicityRates(current, E, t, mN, T), b = productionTraces(current, E, t, mN, T);
        expect(a.minus / a.plus / (b.minus / b.plus)).toBeCloseTo(1, 6);
        expect((a.minus + a.plus) / a.plus / ((b.minus + b.plus) / b.plus)).toBeCloseTo(1, 6);
      }
    });
  }
  it("the chirality partner dominates at E_N ≫ m_N: Z_D-made N left-handed, dipole-made N right-handed; the wrong helicity falls like m_N²/E²", () => {
    const T: TargetCurrent = { M: 171, F1: 1, F2: 0 };
    const wrong = (cur: LeptonCurrent, E: number) => {
      const r = helicityRates(cur, E, -0.01, 1, T);
      return cur === "vector-left" ? r.plus / r.minus : r.minus / r.plus;
    };
    for (const cur of ["vector-left", "dipole"] as const) {
      expect(wrong(cur, 100)).toBeLessThan(1e-3);
      const s = wrong(cur, 100) / wrong(cur, 1000);
      expect(s).toBeGreaterThan(50); // (1000/100)² = 100 up to the t-dependence at fixed t
    }
  });
});

describe("lab spectrum of a daughter of a polarised parent (polarisation.md §3)", () => {
  const [lo, hi] = labEnergyRange(500, 0.42, (0.42 * 0.42 + 0.03 * 0.03) / 0.84, (0.42 * 0.42 - 0.03 * 0.03) / 0.84);
  it("is normalised for every αP and reduces to the uniform box at αP = 0", () => {
    for (const a of [-1, -0.5, 0, 0.7, 1]) expect(polarisedEnergyFraction(0, Infinity, lo, hi, a)).toBeCloseTo(1, 12);
    expect(polarisedEnergyDensity(0.5 * (lo + hi) + 1, lo, hi, 0)).toBe(1 / (hi - lo));
    expect(zdEnergyWeight(lo + 3, lo, hi, 0)).toBe(1);
  });
  it("the mean shifts by αP (E₊ − E₋)/6 = αP γβp*/3 — against the quadrature of the density and against sampled decays", () => {
    const { x, w } = gaussLegendre(6);
    for (const a of [-1, -0.4, 0.9]) {
      let m = 0;
      x.forEach((u, i) => {
        const E = 0.5 * (lo + hi) + 0.5 * (hi - lo) * u;
        m += 0.5 * (hi - lo) * w[i]! * E * polarisedEnergyDensity(E, lo, hi, a);
      });
      expect(m / polarisedMeanEnergy(lo, hi, a)).toBeCloseTo(1, 12);
      // sampled: E = γE* + γβp* cosθ with cosθ from the sampler
      const rng = seededRandom(7);
      const n = 200_000;
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) {
        const c = samplePolarisedCosTheta(rng, a);
        s += c;
        s2 += c * c;
      }
      const mean = s / n, sd = Math.sqrt((s2 / n - mean * mean) / n);
      expect(Math.abs(mean - a / 3)).toBeLessThan(4 * sd);
      expect(s2 / n).toBeCloseTo(1 / 3, 2); // ⟨cos²θ⟩ = 1/3 for any αP
    }
  });
  it("photon fraction above a cut moves down for αP < 0 (a Dirac N from the dipole) and equals the box for Majorana", () => {
    const EN = 300, mN = 0.5;
    const box = photonFractionPolarised(100, Infinity, EN, mN, 0);
    expect(box).toBeCloseTo((0.5 * (EN + Math.sqrt(EN * EN - mN * mN)) - 100) / Math.sqrt(EN * EN - mN * mN), 12);
    const aP = photonDecayAsymmetry(1, { polarisation: "polarised" });
    expect(aP).toBe(-1);
    // −1: density 2(1 − x)/... : fraction above x_c is (1 − x_c)²/4 with x_c = 2·100/EN − 1 (β → 1)
    const xc = (200 - EN) / Math.sqrt(EN * EN - mN * mN);
    expect(photonFractionPolarised(100, Infinity, EN, mN, aP)).toBeCloseTo(((1 - xc) * (1 - xc)) / 4, 10);
    expect(photonDecayAsymmetry(1, { polarisation: "polarised", nature: "majorana" })).toBe(0);
  });
  it("bad input is a RangeError naming the parameter", () => {
    expect(() => samplePolarisedCosTheta(seededRandom(1), 1.5)).toThrow(/alphaP/);
    expect(() => effectiveAsymmetry(1, 1, { polarisation: "helical" as never })).toThrow(/polarisation/);
    expect(() => effectiveAsymmetry(1, 1, { nature: "weyl" as never })).toThrow(/nature/);
    expect(() => polarisedEnergyFraction(0, 1, 2, 1, 0)).toThrow(/hi/);
    expect(zdDecayAsymmetry(0.42, 0.03)).toBe(0); // the paper's choice is the default
  });
});
