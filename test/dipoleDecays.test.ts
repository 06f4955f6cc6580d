import { describe, expect, it } from "vitest";
import { alpha, m_e, m_mu } from "../lib/constants";
import { m as metre } from "../lib/units";
import { integrate } from "../lib/quadrature";
import { seededRandom, type Random } from "../lib/random";
import {
  ampSqNuLL,
  branchingNuGamma,
  branchingNuLL,
  coupledFlavours,
  decayFlavourCount,
  dipoleModel,
  dWidthNuLLds2PerFlavour,
  effectiveBranchingNuLL,
  labDecayLength,
  leptonMass,
  properDecayLength,
  totalWidth,
  upscatteringSpecies,
  visibleEnergyFractionNuLL,
  widthNuGamma,
  widthNuGammaPerFlavour,
  widthNuLL,
  widthNuLLPerFlavour,
  type ChargedLepton,
} from "../lib/models/dipole";
import {
  contract,
  contractMinusMetric,
  dot,
  lineTensor,
  mul,
  PR,
  scale,
  sigmaDotQ,
  slash,
  slashPlus,
  gamma,
  type FourVector,
} from "./support/dirac";

const e2 = 4 * Math.PI * alpha;

/** Boost a four-vector by velocity v (|v| < 1). */
function boost(p: FourVector, v: readonly [number, number, number]): FourVector {
  const b2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  if (b2 === 0) return p;
  const g = 1 / Math.sqrt(1 - b2);
  const bp = v[0] * p[1] + v[1] * p[2] + v[2] * p[3];
  const k = ((g - 1) * bp) / b2 + g * p[0];
  return [g * (p[0] + bp), p[1] + k * v[0], p[2] + k * v[1], p[3] + k * v[2]];
}

function randomUnit(rng: Random): [number, number, number] {
  const c = 2 * rng() - 1;
  const s = Math.sqrt(1 - c * c);
  const ph = 2 * Math.PI * rng();
  return [s * Math.cos(ph), s * Math.sin(ph), c];
}

/** N(at rest) → ν ℓ⁻ ℓ⁺ with m_ℓℓ² = s₂, ν along n̂, ℓ⁻ along û in the ℓℓ rest frame. */
function threeBody(mN: number, mL: number, s2: number, n: readonly number[], u: readonly number[]) {
  const Enu = (mN * mN - s2) / (2 * mN);
  const pNu: FourVector = [Enu, Enu * n[0]!, Enu * n[1]!, Enu * n[2]!];
  const pStar = Math.sqrt(s2 / 4 - mL * mL);
  const eStar = Math.sqrt(s2) / 2;
  const v: [number, number, number] = [(-Enu * n[0]!) / (mN - Enu), (-Enu * n[1]!) / (mN - Enu), (-Enu * n[2]!) / (mN - Enu)];
  const lm = boost([eStar, pStar * u[0]!, pStar * u[1]!, pStar * u[2]!], v);
  const lp = boost([eStar, -pStar * u[0]!, -pStar * u[1]!, -pStar * u[2]!], v);
  return { pN: [mN, 0, 0, 0] as FourVector, pNu, lm, lp };
}

/** Σ_spins |M|² of N → ν ℓ⁻ℓ⁺ from numeric traces, vertex 2μ σ^{αν}q_ν P_R, photon propagator 1/s₂. */
function ampSqTraces(mN: number, mu: number, mL: number, k: ReturnType<typeof threeBody>): number {
  const q: FourVector = [k.pN[0] - k.pNu[0], k.pN[1] - k.pNu[1], k.pN[2] - k.pNu[2], k.pN[3] - k.pNu[3]];
  const V = sigmaDotQ(q).map((s) => scale(mul(s, PR), 2 * mu));
  const L = lineTensor(slash(k.pNu), V, slashPlus(k.pN, mN));
  const H = lineTensor(slashPlus(k.lm, mL), gamma, slashPlus(k.lp, -mL));
  const s2 = dot(q, q);
  const [re, im] = contract(L, H);
  expect(Math.abs(im)).toBeLessThan(1e-9 * Math.abs(re));
  return (e2 / (s2 * s2)) * re;
}

describe("N → νγ, (B.1)", () => {
  it("Γ from numeric traces with the vertex 2μ_N σ^{αβ}k_β P_R of (3.1) and Σ ε ε* → −g is μ_N² m_N³/(4π)", () => {
    const rng = seededRandom(3);
    for (const mN of [0.01, 1, 7]) {
      const mu = 1e-6;
      const n = randomUnit(rng);
      const pN: FourVector = [mN, 0, 0, 0];
      const pNu: FourVector = [mN / 2, (mN / 2) * n[0], (mN / 2) * n[1], (mN / 2) * n[2]];
      const k: FourVector = [mN / 2, (-mN / 2) * n[0], (-mN / 2) * n[1], (-mN / 2) * n[2]];
      const V = sigmaDotQ(k).map((s) => scale(mul(s, PR), 2 * mu));
      const [sum] = contractMinusMetric(lineTensor(slash(pNu), V, slashPlus(pN, mN)));
      // Γ = (1/2)Σ|M|² /(2 m_N) × ∫dΦ₂, ∫dΦ₂ = 1/(8π) for two massless daughters
      const width = ((sum / 2) / (2 * mN)) * (1 / (8 * Math.PI));
      expect(width / widthNuGammaPerFlavour(mN, mu)).toBeCloseTo(1, 10);
    }
  });
  it("Γ ∝ μ_N² m_N³", () => {
    expect(widthNuGammaPerFlavour(2, 3e-6) / widthNuGammaPerFlavour(1, 1e-6)).toBeCloseTo(72, 9);
  });
});

describe("N → ν ℓ⁺ℓ⁻ through γ*", () => {
  it("the analytic |M|² (D4.3) equals numeric traces at random Dalitz points (spin average ½)", () => {
    const rng = seededRandom(11);
    for (const [mN, mL] of [
      [0.5, m_e],
      [1, m_mu],
      [0.25, m_mu],
    ] as const) {
      for (let i = 0; i < 5; i++) {
        const s2 = 4 * mL * mL + (mN * mN - 4 * mL * mL) * rng();
        const k = threeBody(mN, mL, s2, randomUnit(rng), randomUnit(rng));
        const s1 = dot([k.pNu[0] + k.lm[0], k.pNu[1] + k.lm[1], k.pNu[2] + k.lm[2], k.pNu[3] + k.lm[3]], [
          k.pNu[0] + k.lm[0], k.pNu[1] + k.lm[1], k.pNu[2] + k.lm[2], k.pNu[3] + k.lm[3],
        ]);
        const traces = ampSqTraces(mN, 1e-6, mL, k) / 2;
        expect(ampSqNuLL(s1, s2, mN, 1e-6, mL) / traces).toBeCloseTo(1, 8);
      }
    }
  });
  it("the closed-form Γ equals a 2D Dalitz integral (1/(256π³m_N³))∫∫|M|² ds₁ ds₂ with PDG s₁ limits", () => {
    for (const [mN, lep] of [
      [0.3, "mu"],
      [2, "mu"],
      [0.05, "e"],
    ] as const) {
      const mL = leptonMass(lep);
      const mu = 1e-6;
      // PDG (kinematics review): for fixed m₂₃² = s₂, particle 1 = ν, 2 = ℓ⁻, 3 = ℓ⁺, in the 23 rest frame
      // E₂* = √s₂/2, E₁* = (m_N² − s₂)/(2√s₂); s₁± = (E₁* + E₂*)² − (E₁* ∓ √(E₂*² − m_ℓ²))²
      const inner = (s2: number) => {
        const E2 = Math.sqrt(s2) / 2;
        const E1 = (mN * mN - s2) / (2 * Math.sqrt(s2));
        const p2 = Math.sqrt(Math.max(0, E2 * E2 - mL * mL));
        const lo = (E1 + E2) ** 2 - (E1 + p2) ** 2;
        const hi = (E1 + E2) ** 2 - (E1 - p2) ** 2;
        return integrate((s1) => ampSqNuLL(s1, s2, mN, mu, mL), lo, hi, { relTol: 1e-11 }).value;
      };
      // outer integral in ln(s₂ − 4m_ℓ²) to resolve the threshold and the 1/s₂ region
      const a = 4 * mL * mL;
      const outer = integrate((x) => {
        const s2 = a + Math.exp(x);
        return inner(s2) * Math.exp(x);
      }, Math.log((mN * mN - a) * 1e-14), Math.log(mN * mN - a), { relTol: 1e-9 }).value;
      const dalitz = outer / (256 * Math.PI ** 3 * mN ** 3);
      expect(dalitz / widthNuLLPerFlavour(mN, mu, lep)).toBeCloseTo(1, 6);
    }
  });
  it("Γ(νℓℓ) = 0 at and below 2m_ℓ, positive above, continuous across the closed-form/numeric switch at m_N = 2.4 m_ℓ", () => {
    expect(widthNuLLPerFlavour(2 * m_mu, 1, "mu")).toBe(0);
    expect(widthNuLLPerFlavour(0.2, 1, "mu")).toBe(0);
    expect(widthNuLLPerFlavour(2 * m_mu * 1.0001, 1, "mu")).toBeGreaterThan(0);
    const x = 2.4 * m_mu;
    const below = widthNuLLPerFlavour(x * (1 - 1e-9), 1, "mu");
    const above = widthNuLLPerFlavour(x * (1 + 1e-9), 1, "mu");
    expect(below / above).toBeCloseTo(1, 7);
  });
  it("Γ ∝ μ_N²", () => {
    expect(widthNuLLPerFlavour(1, 4e-6, "e") / widthNuLLPerFlavour(1, 1e-6, "e")).toBeCloseTo(16, 10);
  });
  it("from m_N = 1.001 × 2m_μ upwards Γ(νμμ) equals the numeric s₂ integral of dΓ/ds₂ to 1e-6 (no cancellation loss near threshold)", () => {
    for (const r of [1.001, 1.05, 1.19, 1.21, 2, 10]) {
      const mN = 2 * m_mu * r;
      const num = integrate((s2) => dWidthNuLLds2PerFlavour(s2, mN, 1, "mu"), 4 * m_mu * m_mu, mN * mN, { relTol: 1e-10 }).value;
      expect(widthNuLLPerFlavour(mN, 1, "mu") / num).toBeCloseTo(1, 6);
    }
  });
});

describe("flavour counting of the universal and ν_τ-specific couplings (SPEC §1)", () => {
  // the three-flavour reading of universal coupling, stated explicitly (the default is 1: the paper's (3.2))
  const uni = dipoleModel({ mN: 1, mu: 1e-6, coupling: "universal", decayFlavours: 3 });
  const tau = dipoleModel({ mN: 1, mu: 1e-6, coupling: "tau" });
  it("universal: ν_e, ν_μ, ν_τ and antineutrinos up-scatter; tau: only ν_τ and ν̄_τ", () => {
    expect(upscatteringSpecies(uni)).toEqual(["nu_e", "nubar_e", "nu_mu", "nubar_mu", "nu_tau", "nubar_tau"]);
    expect(upscatteringSpecies(tau)).toEqual(["nu_tau", "nubar_tau"]);
    expect(coupledFlavours("universal")).toHaveLength(3);
  });
  it("by default Γ(N → νγ) = (B.1) for both couplings (the paper preset, (3.2)); decayFlavours 3 gives 3 × (B.1)", () => {
    expect(decayFlavourCount(dipoleModel({ mN: 1, mu: 1e-6, coupling: "universal" }))).toBe(1);
    expect(widthNuGamma(dipoleModel({ mN: 1, mu: 1e-6, coupling: "universal" }))).toBe(widthNuGammaPerFlavour(1, 1e-6));
    expect(decayFlavourCount(uni)).toBe(3);
    expect(decayFlavourCount(tau)).toBe(1);
    expect(widthNuGamma(uni) / widthNuGammaPerFlavour(1, 1e-6)).toBeCloseTo(3, 14);
    expect(widthNuGamma(tau) / widthNuGammaPerFlavour(1, 1e-6)).toBeCloseTo(1, 14);
    expect(widthNuLL(uni, "e") / widthNuLL(tau, "e")).toBeCloseTo(3, 14);
  });
  it("the flavour count can be overridden explicitly", () => {
    const one = dipoleModel({ mN: 1, mu: 1e-6, coupling: "universal", decayFlavours: 1 });
    expect(widthNuGamma(one)).toBe(widthNuGamma(tau));
    expect(() => dipoleModel({ mN: 1, mu: 1e-6, coupling: "universal", decayFlavours: 0 })).toThrow(/decayFlavours/);
    expect(() => dipoleModel({ mN: -1, mu: 1e-6, coupling: "universal" })).toThrow(/mN = -1/);
    expect(() => dipoleModel({ mN: 1, mu: 1e-6, coupling: "muon" as never })).toThrow(/coupling/);
  });
  it("branching fractions do not depend on μ_N or on the flavour count, and sum to 1", () => {
    for (const mN of [0.1, 0.5, 2, 6]) {
      const a = dipoleModel({ mN, mu: 1e-6, coupling: "universal" });
      const b = dipoleModel({ mN, mu: 3e-5, coupling: "tau" });
      expect(branchingNuLL(a, "e") / branchingNuLL(b, "e")).toBeCloseTo(1, 12);
      const sum = branchingNuGamma(a) + branchingNuLL(a, "e") + branchingNuLL(a, "mu");
      expect(sum).toBeCloseTo(1, 13);
    }
  });
  it("BR(νee) is 1e-3..1e-2 for 0.1–10 GeV as stated in §3.1 of the paper; BR(νμμ) = 0 below 2m_μ", () => {
    for (const mN of [0.1, 1, 10]) {
      const br = branchingNuLL(dipoleModel({ mN, mu: 1e-6, coupling: "tau" }), "e");
      expect(br).toBeGreaterThan(1e-3);
      expect(br).toBeLessThan(2e-2);
    }
    expect(branchingNuLL(dipoleModel({ mN: 0.2, mu: 1e-6, coupling: "tau" }), "mu")).toBe(0);
  });
  it("decay lengths: cτ = 1/Γ_tot and d_lab = βγ cτ", () => {
    const EN = 300;
    const G = totalWidth(uni);
    expect(properDecayLength(uni) * G).toBeCloseTo(1, 14);
    expect(labDecayLength(uni, EN) / (Math.sqrt(EN * EN - 1) / G)).toBeCloseTo(1, 12);
    expect(labDecayLength(tau, EN) / labDecayLength(uni, EN)).toBeCloseTo(3, 12);
    expect(labDecayLength(uni, EN) / metre).toBeGreaterThan(0);
  });
});

describe("visible dilepton energy E(ℓ⁺) + E(ℓ⁻) > E_cut (the 'effective' branching of Fig. 2 right)", () => {
  /** Weighted MC over full three-body events (ln s₂, s₁ uniform; isotropic orientation), boosted along z. */
  function mcFraction(mN: number, lep: ChargedLepton, EN: number, Ecut: number, n: number, seed: number) {
    const rng = seededRandom(seed);
    const mL = leptonMass(lep);
    const a = 4 * mL * mL;
    const bz = Math.sqrt(EN * EN - mN * mN) / EN;
    let sw = 0, swI = 0;
    const ws: number[] = [], Is: number[] = [];
    for (let i = 0; i < n; i++) {
      const s2 = a * Math.exp(Math.log((mN * mN) / a) * rng());
      const k = threeBody(mN, mL, s2, randomUnit(rng), randomUnit(rng));
      const pSum: FourVector = [k.pNu[0] + k.lm[0], k.pNu[1] + k.lm[1], k.pNu[2] + k.lm[2], k.pNu[3] + k.lm[3]];
      const s1 = dot(pSum, pSum);
      // weight: |M|² × Jacobian of ln s₂ × (s₁ range at this s₂), s₁ range = (m_N² − s₂)β_ℓ
      const w = ampSqNuLL(s1, s2, mN, 1, mL) * s2 * (mN * mN - s2) * Math.sqrt(1 - a / s2);
      const Evis = boost(k.lm, [0, 0, bz])[0] + boost(k.lp, [0, 0, bz])[0];
      const I = Evis > Ecut ? 1 : 0;
      sw += w; swI += w * I; ws.push(w); Is.push(I);
    }
    const f = swI / sw;
    let v = 0;
    for (let i = 0; i < n; i++) v += (ws[i]! * (Is[i]! - f)) ** 2;
    return { f, err: Math.sqrt(v) / sw };
  }
  it("the fraction from the uniform-lab-energy formula agrees with a full three-body Monte Carlo", () => {
    for (const [mN, lep, EN, Ecut] of [
      [2, "mu", 20, 14],
      [0.5, "e", 1000, 100],
      [1, "e", 50, 40],
    ] as const) {
      const exact = visibleEnergyFractionNuLL(mN, lep, EN, Ecut);
      const mc = mcFraction(mN, lep, EN, Ecut, 60000, 99);
      expect(Math.abs(exact - mc.f)).toBeLessThan(5 * mc.err + 1e-4);
      expect(mc.err).toBeLessThan(0.01);
    }
  });
  it("is 1 for E_cut = 0, 0 for E_cut ≥ E_N, and decreases with E_cut", () => {
    expect(visibleEnergyFractionNuLL(2, "mu", 1000, 0)).toBeCloseTo(1, 9);
    expect(visibleEnergyFractionNuLL(2, "mu", 1000, 1000)).toBe(0);
    let prev = 1;
    for (const c of [100, 300, 500, 700, 900]) {
      const f = visibleEnergyFractionNuLL(2, "mu", 1000, c);
      expect(f).toBeLessThan(prev);
      prev = f;
    }
  });
  it("for E_cut below the minimum lab energy γ(E*−βp*) at s₂ = 4m_ℓ² the fraction is exactly 1", () => {
    // at s₂ → 4m_ℓ², E_lo = [m_N²(γ−βγ) + 4m_ℓ²(γ+βγ)]/(2m_N); all E_lo(s₂) ≥ that
    const mN = 2, EN = 1000;
    const g = EN / mN, bg = Math.sqrt(EN * EN - mN * mN) / mN;
    const eMin = (mN * mN * (g - bg) + 4 * m_mu * m_mu * (g + bg)) / (2 * mN);
    expect(visibleEnergyFractionNuLL(mN, "mu", EN, eMin * 0.99)).toBe(1);
    expect(visibleEnergyFractionNuLL(mN, "mu", EN, eMin * 1.5)).toBeLessThan(1);
  });
  it("the effective branching is BR × fraction, and 0 below the dilepton threshold", () => {
    const mod = dipoleModel({ mN: 2, mu: 1e-6, coupling: "universal" });
    expect(effectiveBranchingNuLL(mod, "mu", 1000, 100) / (branchingNuLL(mod, "mu") * visibleEnergyFractionNuLL(2, "mu", 1000, 100))).toBeCloseTo(1, 12);
    expect(effectiveBranchingNuLL(dipoleModel({ mN: 0.2, mu: 1e-6, coupling: "tau" }), "mu", 1000, 100)).toBe(0);
  });
});
