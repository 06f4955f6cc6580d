import { describe, expect, it } from "vitest";
import { alpha, m_e } from "../lib/core/constants";
import { kallen, thresholdEnergy, tRange } from "../lib/core/kinematics";
import { integrate } from "../lib/core/quadrature";
import * as db from "../lib/models/darkBoson";
import { gamma, lineTensor, slashPlus, contract, dot, type FourVector } from "./support/dirac";
import { seededRandom, twoToTwo } from "./support/phaseSpace";

const e = Math.sqrt(4 * Math.PI * alpha);
const sub4 = (a: FourVector, b: FourVector): FourVector => [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]];

describe("ν_α e⁻ → N e⁻ through Z_D (ERRATA E6)", () => {
  const model = db.fig4Benchmark(0.1, 1e-6);

  it("E6: for light N the printed (A.11) tends to 4(1−U2)× the corrected dσ/dt", () => {
    const light = db.darkBosonModel({ ...model, mN: 1e-4 });
    for (const t of [-1e-6, -1e-4, -1e-2]) {
      expect(db.dSigmaDtNuElectronPrinted(light, 500, t) / db.dSigmaDtNuElectron(light, 500, t)).toBeCloseTo(4 * (1 - light.U2), 4);
    }
  });

  it("E6: printed numerator minus the correct one (normalised alike) is exactly −m_N²(4E m_e + t − 2m_N²)", () => {
    const E = 40;
    const r = tRange(E, model.mN, m_e)!;
    for (const f of [0.1, 0.5, 0.9]) {
      const t = r.tMin + f * (r.tMax - r.tMin);
      const d2 = (model.mZD ** 2 - t) ** 2;
      const norm = alpha * model.eps ** 2 * model.gD ** 2 * model.U2;
      const printedNum = (db.dSigmaDtNuElectronPrinted(model, E, t) * 2 * E * E * m_e * m_e * d2) / (norm * (1 - model.U2));
      const correctNum = (db.dSigmaDtNuElectron(model, E, t) * 8 * E * E * m_e * m_e * d2) / norm;
      const expected = -(model.mN ** 2) * (4 * E * m_e + t - 2 * model.mN ** 2);
      expect((printedNum - correctNum) / expected).toBeCloseTo(1, 6);
    }
  });

  it("E6: near threshold the printed σ falls far below 4× the correct one (wrong m_N dependence)", () => {
    const Eth = thresholdEnergy(model.mN, m_e);
    const E = Eth * 1.05;
    const r = tRange(E, model.mN, m_e)!;
    const printed = integrate((t) => db.dSigmaDtNuElectronPrinted(model, E, t), r.tMin, r.tMax, { relTol: 1e-9 }).value;
    const correct = db.sigmaNuElectron(model, E, { relTol: 1e-9 });
    expect(printed / (4 * correct)).toBeLessThan(0.1);
  });

  it("for E ≫ masses and |t| ≪ E m_e, dσ/dt → g_D² U2 α ε²/(m_ZD² − t)² (Rutherford-like)", () => {
    const light = db.darkBosonModel({ ...model, mN: 1e-3 });
    for (const t of [-1e-5, -1e-3]) {
      const limit = (light.gD ** 2 * light.U2 * alpha * light.eps ** 2) / (light.mZD ** 2 - t) ** 2;
      expect(db.dSigmaDtNuElectron(light, 5000, t) / limit).toBeCloseTo(1, 3);
    }
  });

  it("recoil windows partition σ(νe → Ne), and σ = 0 below E_th = m_N(m_N + 2m_e)/(2m_e)", () => {
    const E = 300;
    const all = db.sigmaNuElectron(model, E, { relTol: 1e-9 });
    const lo = db.sigmaNuElectron(model, E, { Tmax: 1, relTol: 1e-9 });
    const hi = db.sigmaNuElectron(model, E, { Tmin: 1, relTol: 1e-9 });
    expect((lo + hi) / all).toBeCloseTo(1, 7);
    expect(db.sigmaNuElectron(model, thresholdEnergy(model.mN, m_e) * 0.99)).toBe(0);
  });
});

describe("N e⁻ → N e⁻ elastic through Z_D (ERRATA E7)", () => {
  const model = db.fig4Benchmark(0.1, 1e-6);

  it("dσ/dt equals ¼Σ|M|²/(16π λ(s, m_N², m_e²)) from explicit Dirac traces (massive N, both vector vertices)", () => {
    const rnd = seededRandom(42);
    for (let i = 0; i < 8; i++) {
      const mN = [0.01, 0.1, 1][i % 3]!;
      const m = db.darkBosonModel({ ...model, mN, mZD: 8 * mN });
      const E1 = mN * (1.01 + 200 * rnd());
      const s = mN * mN + m_e * m_e + 2 * E1 * m_e;
      const [k, p, kp, pp] = twoToTwo(s, mN, m_e, mN, m_e, 2 * rnd() - 1, 1);
      const t = dot(sub4(k, kp), sub4(k, kp));
      const LN = lineTensor(slashPlus(kp, mN), gamma, slashPlus(k, mN));
      const Le = lineTensor(slashPlus(pp, m_e), gamma, slashPlus(p, m_e));
      const coupling = (m.gD * e * m.eps) / (t - m.mZD ** 2);
      const avg = 0.25 * coupling * coupling * contract(LN, Le)[0];
      const traced = avg / (16 * Math.PI * kallen(s, mN * mN, m_e * m_e));
      expect(db.dSigmaDtNElectron(m, E1, t) / traced).toBeCloseTo(1, 8);
    }
  });

  it("E7: the printed (A.12) is exactly 4× the corrected dσ/dt", () => {
    const r = db.tRangeNElectron(50, model.mN);
    for (const f of [1e-6, 0.3, 0.99]) {
      const t = f * r.tMin;
      expect(db.dSigmaDtNElectronPrinted(model, 50, t) / db.dSigmaDtNElectron(model, 50, t)).toBeCloseTo(4, 12);
    }
  });

  it("E7: for E₁ ≫ masses dσ/dt → α ε² g_D²/(m_ZD² − t)² (Rutherford-like), the printed form gives 4×", () => {
    const E1 = 1e5; // corrections are O(t/(2E₁m_e)) ≲ 1e-4 here
    for (const t of [-1e-4, -1e-3, -0.01]) {
      const limit = (alpha * model.eps ** 2 * model.gD ** 2) / (model.mZD ** 2 - t) ** 2;
      expect(db.dSigmaDtNElectron(model, E1, t) / limit).toBeCloseTo(1, 3);
      expect(db.dSigmaDtNElectronPrinted(model, E1, t) / limit).toBeCloseTo(4, 3);
    }
  });

  it("the closed-form σ (integrated in u = m_ZD² − t) equals a numerical ∫dσ/dt, with and without a recoil window", () => {
    for (const E1 of [0.5, 20, 1000]) {
      const r = db.tRangeNElectron(E1, model.mN);
      const f = (t: number) => db.dSigmaDtNElectron(model, E1, t);
      const split = Math.max(-(model.mZD ** 2) / 100, r.tMin / 2);
      const num = integrate(f, r.tMin, split, { relTol: 1e-11 }).value + integrate(f, split, 0, { relTol: 1e-11 }).value;
      expect(db.sigmaNElectron(model, E1) / num).toBeCloseTo(1, 8);
      const Tmin = 0.3;
      const Tmax = 20;
      const lo = Math.max(r.tMin, -2 * m_e * Tmax);
      const hi = -2 * m_e * Tmin;
      if (lo < hi) {
        const win = integrate(f, lo, hi, { relTol: 1e-11 }).value;
        expect(db.sigmaNElectron(model, E1, { Tmin, Tmax }) / win).toBeCloseTo(1, 8);
      } else {
        expect(db.sigmaNElectron(model, E1, { Tmin, Tmax })).toBe(0);
      }
    }
  });

  it("the t range is [−λ(s,m_N²,m_e²)/s, 0]: backward scattering in the c.m. frame reaches t_min", () => {
    const E1 = 7;
    const s = model.mN ** 2 + m_e ** 2 + 2 * E1 * m_e;
    const [k, , kp] = twoToTwo(s, model.mN, m_e, model.mN, m_e, -1, 0);
    expect(dot(sub4(k, kp), sub4(k, kp)) / db.tRangeNElectron(E1, model.mN).tMin).toBeCloseTo(1, 10);
    expect(() => db.dSigmaDtNElectron(model, E1, 1e-3)).toThrow(RangeError);
    expect(() => db.sigmaNElectron(model, 0.05)).toThrow(RangeError);
  });
});
