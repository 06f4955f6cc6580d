import { describe, expect, it } from "vitest";
import { expectRelClose } from "./support/relClose";
import { alpha, m_e, m_mu } from "../lib/core/constants";
import { twoBodyMomentum } from "../lib/core/kinematics";
import { integrate } from "../lib/core/quadrature";
import { hbarc_GeV_m, m as metre } from "../lib/core/units";
import * as db from "../lib/models/darkBoson";
import { PL, gamma, lineTensor, mul, slash, slashPlus, dot, metric, trace, bar, type FourVector } from "./support/dirac";
import { dalitzRange, seededRandom, threeBody, twoToTwo } from "./support/phaseSpace";

const e = Math.sqrt(4 * Math.PI * alpha);
const GL = gamma.map((g) => mul(g, PL));
const add4 = (a: FourVector, b: FourVector): FourVector => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];

/** Contract a line tensor with the massive-vector polarisation sum −g_{μν} + k_μk_ν/M². */
function polSum(T: [number, number][][], k: FourVector, M: number): number {
  const kl: FourVector = [k[0], -k[1], -k[2], -k[3]];
  let s = 0;
  for (let a = 0; a < 4; a++) {
    s -= metric[a]! * T[a]![a]![0];
    for (let b = 0; b < 4; b++) s += (kl[a]! * kl[b]! * T[a]![b]![0]) / (M * M);
  }
  return s;
}

/** Two back-to-back momenta of masses m1, m2 from the decay of M at rest (along a fixed axis). */
function decayPair(M: number, m1: number, m2: number): [FourVector, FourVector, FourVector] {
  const [, , p1, p2] = twoToTwo(M * M, 0, M, m1, m2, 0.37, 1.1);
  return [[M, 0, 0, 0], p1, p2];
}

describe("N → ν Z_D (ERRATA E9)", () => {
  it("Γ equals ½Σ|M|² p*/(8π m_N²) with |M|² traced from g_D U ν̄γ^μP_L N and the massive-vector polarisation sum", () => {
    for (const [mN, mZD] of [
      [0.1, 0.03],
      [1, 0.03],
      [0.5, 0.45],
    ] as const) {
      const m = db.darkBosonModel({ mN, mZD, gD: 1.3, eps: 1e-4, U2: 1e-5, flavour: "mu" });
      const [pN, pnu, k] = decayPair(mN, 0, mZD);
      const L = lineTensor(slash(pnu), GL, slashPlus(pN, mN));
      const avg = 0.5 * m.gD ** 2 * m.U2 * polSum(L, k, mZD);
      const width = (avg * twoBodyMomentum(mN, 0, mZD)) / (8 * Math.PI * mN * mN);
      expect(db.widthNToNuZD(m) / width).toBeCloseTo(1, 10);
    }
  });

  it("E9: the printed (B.6) is 4(1−U2)× the Dirac width; both scale as U2·α_D and as m_N³/m_ZD² for m_N ≫ m_ZD", () => {
    const m = db.fig3Benchmark(1, 1e-6);
    expect(db.widthNToNuZDPrinted(m) / db.widthNToNuZD(m)).toBeCloseTo(4 * (1 - m.U2), 12);
    const m2 = db.darkBosonModel({ ...m, gD: 2 * m.gD, U2: 3e-6 });
    expect(db.widthNToNuZD(m2) / db.widthNToNuZD(m)).toBeCloseTo(12, 10);
    const heavy = db.fig3Benchmark(100, 1e-6);
    expect(db.widthNToNuZD(heavy) / ((db.alphaD(heavy) * heavy.U2 * 100 ** 3) / (8 * 0.03 ** 2))).toBeCloseTo(1, 6);
    expect(db.widthNToNuZD(db.fig3Benchmark(0.03, 1e-6))).toBe(0);
  });
});

describe("Z_D two-body widths", () => {
  it("Γ(V → f f̄) = g²M(1 + 2m²/M²)√(1 − 4m²/M²)/(12π) equals ⅓Σ|M|² p/(8πM²) from traces, for e, μ and a heavy N", () => {
    for (const [M, mf] of [
      [0.03, m_e],
      [0.8, m_mu],
      [0.8, 0.39],
    ] as const) {
      const [, p1, p2] = decayPair(M, mf, mf);
      const T = lineTensor(slashPlus(p1, mf), gamma, slashPlus(p2, -mf));
      const avg = (0.7 ** 2 * polSum(T, [M, 0, 0, 0], M)) / 3;
      const width = (avg * twoBodyMomentum(M, mf, mf)) / (8 * Math.PI * M * M);
      expect(db.vectorToDiracPairWidth(0.7, M, mf) / width).toBeCloseTo(1, 10);
    }
  });

  it("Γ(Z_D → e⁺e⁻) → (B.7) α ε² m_ZD/3 for m_e → 0; μ⁺μ⁻ is 0 below 2m_μ and open above", () => {
    const m = db.fig3Benchmark(0.1, 1e-6);
    expect(db.widthZDToLL(m, "e") / db.widthZDToEEPrinted(m)).toBeCloseTo(1, 5);
    expect(db.widthZDToLL(m, "mu")).toBe(0);
    const heavy = db.darkBosonModel({ ...m, mZD: 1 });
    const r = (m_mu / 1) ** 2;
    expect(db.widthZDToLL(heavy, "mu") / ((alpha * m.eps ** 2 * (1 + 2 * r) * Math.sqrt(1 - 4 * r)) / 3)).toBeCloseTo(1, 12);
  });

  it("Γ(Z_D → ν N̄) + c.c. and Γ(Z_D → νν̄) (coupling g_D U2, chiral ν) match traces with P_L vertices", () => {
    const m = db.fig4Benchmark(0.1, 1e-3);
    const M = m.mZD;
    // ν N̄: ū_ν γ^μ P_L v_N, coupling g_D U.
    const [, pnu, pN] = decayPair(M, 0, m.mN);
    const T1 = lineTensor(slash(pnu), GL, slashPlus(pN, -m.mN));
    const w1 = (((m.gD ** 2 * m.U2 * polSum(T1, [M, 0, 0, 0], M)) / 3) * twoBodyMomentum(M, 0, m.mN)) / (8 * Math.PI * M * M);
    expect(db.widthZDToNuN(m) / (2 * w1)).toBeCloseTo(1, 10);
    // ν ν̄: ū γ^μ P_L v, coupling g_D U2.
    const [, q1, q2] = decayPair(M, 0, 0);
    const T2 = lineTensor(slash(q1), GL, slash(q2));
    const w2 = (((m.gD ** 2 * m.U2 ** 2 * polSum(T2, [M, 0, 0, 0], M)) / 3) * (M / 2)) / (8 * Math.PI * M * M);
    expect(db.widthZDToNuNu(m) / w2).toBeCloseTo(1, 10);
  });

  it("Γ(Z_D → N N̄) = (α_D/3) m_ZD (1 + 2m_N²/m_ZD²)√(1 − 4m_N²/m_ZD²), closed below 2m_N; BR(N N̄) ≈ 1 at Fig. 4", () => {
    const m = db.fig4Benchmark(0.1, 1e-6);
    const x = (m.mN / m.mZD) ** 2;
    expect(db.widthZDToNN(m) / ((db.alphaD(m) / 3) * m.mZD * (1 + 2 * x) * Math.sqrt(1 - 4 * x))).toBeCloseTo(1, 12);
    expect(db.widthZDToNN(db.darkBosonModel({ ...m, mZD: 0.19 }))).toBe(0);
    const br = db.branchingZD(m);
    expect(br.NN).toBeGreaterThan(0.99999);
    expect(br.ee + br.mumu + br.tautau + br.nunu + br.NN + br.nuN).toBeCloseTo(1, 12);
  });
});

describe("Z_D → ν ν̄: the two readings of (B.8) (ERRATA E10)", () => {
  const m = db.fig3Benchmark(0.1, 1e-6);

  it("E10: read literally, Z_D → νν would exceed Z_D → ee by ~1e9 at the Fig. 3 benchmark; the U2²-suppressed reading gives BR(ee) = 0.99938", () => {
    const ee = db.widthZDToLL(m, "e");
    const literal = db.widthZDToNuNuLiteral(m);
    const reading = db.widthZDToNuNu(m);
    // Literal: (α_D/3) m_ZD = 0.0025 GeV vs αε² m_ZD/3 = 2e-12 GeV.
    expectRelClose(literal / ee, 1.25e9, 1e-3);
    // Reading: α_D U2² m_ZD/6 = 1.25e-15 GeV; BR(ee) = 2e-12/(2e-12 + 1.25e-15) = 0.999375.
    expectRelClose(reading, 1.25e-15, 1e-10);
    expect(db.branchingZD(m).ee).toBeCloseTo(0.999375, 5);
    // The paper's remark that νν dominates near U2 ~ 1e-3 holds only in this reading: crossover at U2 = √(2αε²/α_D) = 4e-5.
    const cross = Math.sqrt((2 * 2e-10) / 0.25);
    expect(db.widthZDToNuNu(db.fig3Benchmark(0.1, cross)) / ee).toBeCloseTo(1, 3);
  });

  it("E10: (B.8) is 2× the width of a chiral ν pair with the same coupling (it counts both helicities)", () => {
    const c = m.gD * (1 - m.U2);
    const [, q1, q2] = decayPair(m.mZD, 0, 0);
    const T = lineTensor(slash(q1), GL, slash(q2));
    const chiral = (((c * c * polSum(T, [m.mZD, 0, 0, 0], m.mZD)) / 3) * (m.mZD / 2)) / (8 * Math.PI * m.mZD ** 2);
    expect(db.widthZDToNuNuLiteral(m) / chiral).toBeCloseTo(2, 10);
  });

  it("E13: (3.4) is the Z_D decay length; at E_ZD = 300 GeV, m_ZD = 30 MeV, αε² = 2e-10 it is 0.99 m", () => {
    // By hand: βγ/Γ = (300/0.03) ħc/(αε² m_ZD/3) = 1e4 × 1.97327e-16 GeV m / 2e-12 GeV = 0.98663 m,
    // times BR(ee) = 0.999375 for the νν channel; the m_e corrections are O(m_e⁴/m_ZD⁴).
    const d = db.labDecayLengthZD(m, 300) / metre;
    const bg = Math.sqrt(300 ** 2 - 0.03 ** 2) / 0.03;
    expect(d / ((bg * hbarc_GeV_m) / 2e-12 * 0.999375)).toBeCloseTo(1, 5);
    expect(d).toBeCloseTo(0.99, 2);
  });
});

describe("N → ν ℓ⁺ℓ⁻ through an off-shell Z_D (ERRATA E11)", () => {
  const f4 = db.fig4Benchmark(0.1, 1e-6);

  it("|M|² at random Dalitz points equals ½Σ|M|² traced from [ν̄γ^μP_L N][ēγ_μ e] with the full propagator", () => {
    const rnd = seededRandom(11);
    for (const [mN, ml] of [
      [0.1, m_e],
      [0.5, m_mu],
      [0.004, m_e],
    ] as const) {
      const m = db.darkBosonModel({ ...f4, mN, mZD: 8 * mN });
      for (let i = 0; i < 4; i++) {
        const s = 4 * ml * ml + rnd() * (mN * mN - 4 * ml * ml);
        const [lo, hi] = dalitzRange(mN, ml, ml, 0, s); // range of s1 = (p₋ + p_ν)²
        const s1 = lo + rnd() * (hi - lo);
        const s2 = mN * mN + 2 * ml * ml - s - s1;
        const [pN, pnu, pm, pp] = threeBody(mN, 0, ml, ml, s1, s2);
        const q = add4(pm, pp);
        expect(dot(q, q) / s).toBeCloseTo(1, 8);
        const L1 = lineTensor(slash(pnu), GL, slashPlus(pN, mN));
        const L2 = lineTensor(slashPlus(pm, ml), gamma, slashPlus(pp, -ml));
        let c = 0;
        for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) c += metric[a]! * metric[b]! * (L1[a]![b]![0] * L2[a]![b]![0] - L1[a]![b]![1] * L2[a]![b]![1]);
        const G = (m.gD * Math.sqrt(m.U2) * e * m.eps) / (s - m.mZD ** 2);
        expect(db.nuLLMatrixElementSquared(m, s, s1, ml) / (0.5 * G * G * c)).toBeCloseTo(1, 8);
      }
    }
  });

  it("the 2D Dalitz integral of |M|²/(256π³m_N³) equals the 1D factorised width Γ(N→νZ_D*)·Γ(Z_D*→ℓℓ)/(π(s−m²)²)", () => {
    for (const [m, ml] of [
      [f4, m_e],
      [db.fig4Benchmark(0.4, 1e-6), m_mu],
    ] as const) {
      const inner = (s: number) => {
        const [lo, hi] = dalitzRange(m.mN, ml, ml, 0, s);
        return integrate((s1) => db.nuLLMatrixElementSquared(m, s, s1, ml), lo, hi, { relTol: 1e-10 }).value;
      };
      const twoD = integrate(inner, 4 * ml * ml, m.mN ** 2, { relTol: 1e-9 }).value / (256 * Math.PI ** 3 * m.mN ** 3);
      expect(db.widthNToNuLL(m, ml) / twoD).toBeCloseTo(1, 6);
    }
  });

  it("E11: the contact limit equals (B.9)–(B.12) with G_D = g_D e/(4√2 m_ZD²), including lepton-mass effects; the printed G_D gives g_D²/e² = 10.9× more", () => {
    for (const [m, ml] of [
      [f4, m_e],
      [db.fig4Benchmark(0.3, 1e-6), m_mu],
      [db.fig4Benchmark(0.005, 1e-6), m_e],
    ] as const) {
      const contact = db.widthNToNuLL(m, ml, { contact: true });
      expect(db.widthNToNuLLContactB9(m, ml) / contact).toBeCloseTo(1, 7);
    }
    expect(db.widthNToNuLLPrinted(f4, m_e) / db.widthNToNuLLContactB9(f4, m_e)).toBeCloseTo(1 / (e * e), 8);
    expect(1 / (e * e)).toBeCloseTo(10.9, 1);
  });

  it("E11: for m_e → 0 the contact width is g_D²U2e²ε² m_N⁵/(768π³ m_ZD⁴) (I₁ = 1, I₂ = 0)", () => {
    const m = db.darkBosonModel({ ...f4, mN: 1, mZD: 8 });
    const hand = (m.gD ** 2 * m.U2 * e * e * m.eps ** 2) / (768 * Math.PI ** 3 * 8 ** 4);
    expect(db.widthNToNuLL(m, m_e, { contact: true }) / hand).toBeCloseTo(1, 5);
    expect(db.I1(0, 0, 0)).toBeCloseTo(1, 10);
  });

  it("E11: at m_N/m_ZD = 1/8 the full propagator adds +0.947% (moments: 1 + 0.6r + 0.4r² + 0.29r³, r = 1/64)", () => {
    const r = 1 / 64;
    // 2∫(1−x)²(1+2x)(1−rx)⁻² dx = Σ (n+1) rⁿ 2[1/(n+1) − 3/(n+3) + 2/(n+4)], by hand 1.0094738.
    const series = 1 + 0.6 * r + 0.4 * r * r + (2 / 7) * r ** 3;
    const ratio = db.widthNToNuLL(f4, m_e) / db.widthNToNuLL(f4, m_e, { contact: true });
    expect(ratio).toBeCloseTo(series, 4);
    expect(ratio - 1).toBeGreaterThan(0.009);
    expect(ratio - 1).toBeLessThan(0.01);
  });

  it("E11: the full width converges to the contact one as m_ZD → ∞, with an excess ∝ 1/m_ZD²", () => {
    const excess = (mZD: number) => {
      const m = db.darkBosonModel({ ...f4, mZD });
      return db.widthNToNuLL(m, m_e) / db.widthNToNuLL(m, m_e, { contact: true }) - 1;
    };
    expect(excess(1.6) / excess(3.2)).toBeCloseTo(4, 1);
    expect(excess(12.8)).toBeLessThan(1e-4);
  });

  it("the three-body width is only defined for m_N < m_ZD (on-shell pole): RangeError otherwise", () => {
    expect(() => db.widthNToNuLL(db.fig3Benchmark(0.1, 1e-6), m_e)).toThrow(RangeError);
    expect(() => db.nWidths(db.darkBosonModel({ ...f4, mZD: 0.1 }))).toThrow(RangeError);
    expect(db.nWidths(db.fig3Benchmark(0.1, 1e-6)).nuee).toBe(0);
  });
});

describe("N → ν_α ν_α ν̄_α through Z_D", () => {
  it("identical neutrinos: in the contact limit the exchange amplitude is −(direct) (Fierz), so ½|M_a − M_b|² = 2|M_a|² pointwise", () => {
    // M_a = [ū₁γ^μP_L u_N][ū₂γ_μP_L v₃], M_b = (1 ↔ 2). Interference Σ M_a M_b* = Tr[p̸₁Γ^μ(p̸_N+m)Γ̄^ν p̸₂ Γ_μ p̸₃ Γ̄_ν].
    const mN = 0.3;
    const rnd = seededRandom(5);
    for (let i = 0; i < 3; i++) {
      const s12 = rnd() * mN * mN;
      const s13 = rnd() * (mN * mN - s12);
      const [pN, p1, p2, p3] = threeBody(mN, 0, 0, 0, s12, s13);
      const La = lineTensor(slash(p1), GL, slashPlus(pN, mN));
      const Na = lineTensor(slash(p2), GL, slash(p3));
      let aa = 0;
      for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) aa += metric[a]! * metric[b]! * (La[a]![b]![0] * Na[a]![b]![0] - La[a]![b]![1] * Na[a]![b]![1]);
      let ab = 0;
      for (let mu = 0; mu < 4; mu++)
        for (let nu = 0; nu < 4; nu++) {
          const tr = trace(mul(slash(p1), GL[mu]!, slashPlus(pN, mN), bar(GL[nu]!), slash(p2), GL[mu]!, slash(p3), bar(GL[nu]!)));
          ab += metric[mu]! * metric[nu]! * tr[0];
        }
      // |M_a − M_b|² = |M_a|² + |M_b|² − 2Re M_aM_b*; Fierz ⇒ M_b = −M_a ⇒ interference = −|M_a|².
      expect(ab / aa).toBeCloseTo(-1, 8);
    }
  });

  it("in the contact limit Γ(N→3ν) = g_D⁴U2³m_N⁵/(768π³m_ZD⁴), i.e. (g_D U2/eε)² × Γ(N→νee) for massless e", () => {
    const m = db.fig4Benchmark(0.1, 1e-3);
    const hand = (m.gD ** 4 * m.U2 ** 3 * m.mN ** 5) / (768 * Math.PI ** 3 * m.mZD ** 4);
    expect(db.widthNToNuNuNu(m, { contact: true }) / hand).toBeCloseTo(1, 8);
  });
});

describe("totals, branching fractions and decay lengths", () => {
  it("BR(N) sum to 1; N decay length is (p/m)/Γ_N: prompt (~1e-5 m) at the Fig. 3 benchmark for m_N = 0.1 GeV, E = 300 GeV", () => {
    const m = db.fig3Benchmark(0.1, 1e-6);
    const b = db.branchingN(m);
    expect(b.nuZD).toBe(1);
    const d = db.labDecayLengthN(m, 300);
    expect(d * db.widthNToNuZD(m) / (Math.sqrt(300 ** 2 - 0.01) / 0.1)).toBeCloseTo(1, 12);
    expect(d / metre).toBeLessThan(1e-4);
    const f = db.fig4Benchmark(0.3, 1e-4);
    const bf = db.branchingN(f);
    expect(bf.nuee + bf.numumu + bf.nununu + bf.nuZD).toBeCloseTo(1, 12);
    expect(bf.numumu).toBeGreaterThan(0);
  });
});
