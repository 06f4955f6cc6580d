/**
 * lib/events for the heavy-Z_D scenario of Fig. 4: the up-scattering (ν_τ W → N W, N → ν e⁺e⁻ in
 * the vessel) and ν_τ e → N e streams against the quadrature of heavyZDMassPoint (weight sums,
 * the E_N spectrum, the electron-recoil spectrum, the visible-energy fraction of N → ν e⁺e⁻),
 * four-momentum conservation at every vertex (1e-9) and the invariant masses.
 */
import { describe, expect, it } from "vitest";
import { heavyZDInelasticStream, heavyZDNuEEDecay, heavyZDUpscatteringStream, PDG, STATUS, weightedHistogram } from "../lib/events";
import { probVessel } from "../lib/detector/geometry";
import { makeSetup } from "../lib/engine/setup";
import { seededRandom } from "../lib/core/random";
import { mm } from "../lib/core/units";
import { fig4Benchmark, darkBosonModel } from "../lib/models/darkBoson";
import { heavyZDMassPoint, U2_REF } from "../lib/models/darkBoson/fig4/heavyZD";
import { heavyZDNWidths, visibleFractionNuEE } from "../lib/models/darkBoson/fig4/decays";
import { chi2, inv } from "./support/eventChecks";
import { heavyZDInelasticTable } from "../lib/models/darkBoson/fig4/sampling";

const setup = makeSetup("fasernu2-faser2");
const mN = 0.2, U2 = 1e-4;
const template = fig4Benchmark(mN, U2);
const point = heavyZDMassPoint(template, setup, { signatures: ["upscattering", "inelastic"] });

describe("Fig. 4 up-scattering: ν_τ W → N W, N → ν_τ e⁺e⁻ in the vessel", () => {
  const n = 40000;
  const stream = heavyZDUpscatteringStream(template, setup, U2, { n, seed: 5 });
  const EN: number[] = [], w: number[] = [];
  let s = 0, s2 = 0, worst = 0, outside = 0;
  const det = setup.detector;
  const z1 = det.vessel.start / mm, z2 = (det.vessel.start + det.vessel.length) / mm;
  for (const r of stream.events()) {
    worst = Math.max(worst, r.maxImbalance());
    if (r.vz[1]! < z1 * (1 - 1e-12) || r.vz[1]! > z2 * (1 + 1e-12)) outside++;
    s += r.weights[0]!;
    s2 += r.weights[0]! ** 2;
    EN.push(r.E[2]!);
    w.push(r.weights[0]!);
  }

  it("conservation at both vertices (1e-9), m(N), the ν_τ e⁻ e⁺ final state, decays inside the vessel", () => {
    expect(worst).toBeLessThan(1e-9);
    expect(outside).toBe(0);
    // the first N event and the first N̄ event (from ν̄_τ): the charge-conjugate final states
    const seen = new Map<number, number[]>();
    for (const r of stream.events()) {
      const sign = Math.sign(r.pdg[2]!);
      if (seen.has(sign)) continue;
      expect(Math.abs(r.pdg[2]!)).toBe(PDG.N);
      expect(inv(r.E[2]!, r.px[2]!, r.py[2]!, r.pz[2]!) / mN).toBeCloseTo(1, 6);
      expect(r.status[2]).toBe(STATUS.decayed);
      seen.set(sign, [...r.pdg.subarray(4, 7)]);
      if (seen.size === 2) break;
    }
    expect(seen.get(1)).toEqual([16, PDG.electron, -PDG.electron]);
    expect(seen.get(-1)).toEqual([-16, -PDG.electron, PDG.electron]);
    expect(stream.weightNames).toContain("branching");
  });

  it("Σ weight = heavyZDMassPoint events('upscattering') within 4σ", () => {
    const q = point.events("upscattering", U2);
    const sigma = Math.sqrt(Math.max(0, s2 - (s * s) / n));
    expect(q).toBeGreaterThan(0);
    expect(sigma / q).toBeLessThan(0.05);
    expect(Math.abs(s - q)).toBeLessThan(4 * sigma);
  });

  it("the selected E_N spectrum follows the quadrature's collapsed nodes (χ², 99.9 %)", () => {
    // 10 bins per decade nest the quadrature's 100-per-decade E_N bins exactly
    const edges = Array.from({ length: 31 }, (_, i) => 10 ** (1 + i / 10));
    const wd = heavyZDNWidths(darkBosonModel({ ...template, U2 }));
    const br = wd.visibleEE / wd.total;
    const q = new Array<number>(edges.length - 1).fill(0);
    const up = point.upscattering!;
    for (let j = 0; j < up.EN.length; j++) {
      const E = up.EN[j]!;
      const b = Math.floor(Math.log10(E) * 10 + 1e-9) - 10;
      if (b < 0 || b >= q.length) continue;
      const d = Math.sqrt((E - mN) * (E + mN)) / (mN * wd.total);
      q[b]! += up.weight[j]! * probVessel(setup.detector, d) * (U2 / U2_REF) * br;
    }
    const { chi2: c, dof } = chi2(weightedHistogram(EN, w, edges), q);
    expect(dof).toBeGreaterThan(5);
    // 99.9 % point of χ²(dof) < dof + 3.1 √(2 dof) + 3 for dof ≤ 30
    expect(c).toBeLessThan(dof + 3.1 * Math.sqrt(2 * dof) + 3);
  });

  it("the sampled fraction of N → ν e⁺e⁻ with E(e⁺) + E(e⁻) > 100 GeV equals visibleFractionNuEE (E_N = 300 GeV, binomial 4σ)", () => {
    const m = darkBosonModel({ ...template, U2: U2_REF });
    const dec = heavyZDNuEEDecay(m, 1, 30000);
    const rng = seededRandom(9);
    let pass = 0;
    const N = 30000;
    const v = new Float64Array(2);
    let other = 0;
    for (let i = 0; i < N; i++) {
      if (dec.model.modes[dec.model.sample(rng, 300, v)] !== "nu e e") other++;
      if (v[0]! + v[1]! > 100) pass++;
    }
    expect(other).toBe(0);
    const f = visibleFractionNuEE(m, 300, 100);
    expect(f).toBeGreaterThan(0.1);
    expect(f).toBeLessThan(0.99);
    expect(Math.abs(pass / N - f)).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / N));
  });
});

describe("Fig. 4 ν_τ e → N e in FASERν2", () => {
  const n = 20000;
  const stream = heavyZDInelasticStream(template, setup, U2, { n, seed: 7 });
  const T: number[] = [], w: number[] = [];
  let s = 0, worst = 0;
  for (const r of stream.events()) {
    worst = Math.max(worst, r.maxImbalance());
    expect(r.nVertices).toBe(1);
    expect(r.pdg[3]).toBe(PDG.electron);
    expect(r.status[2]).toBe(STATUS.final);
    T.push(r.E[3]! - r.m[3]!);
    w.push(r.weights[0]!);
    s += r.weights[0]!;
  }

  it("conservation (1e-9) and Σ weight = heavyZDMassPoint events('inelastic') (every event carries total/n)", () => {
    expect(worst).toBeLessThan(1e-9);
    const q = point.events("inelastic", U2);
    expect(q).toBeGreaterThan(0);
    expect(s / q).toBeCloseTo(1, 9);
  });

  it("the electron-recoil spectrum follows the quadrature (tables restricted to each T bin; χ², 99.9 %)", () => {
    const edges = [0.3, 0.6, 1, 2, 4, 8, 20];
    const q = edges.slice(0, -1).map((a, b) => heavyZDInelasticTable(template, setup, true, [a, edges[b + 1]!]).total * U2);
    const h = weightedHistogram(T, w, edges);
    const { chi2: c, dof } = chi2(h, q);
    expect(dof).toBeGreaterThanOrEqual(4);
    expect(c).toBeLessThan(dof + 3.1 * Math.sqrt(2 * dof) + 3);
  });
});
