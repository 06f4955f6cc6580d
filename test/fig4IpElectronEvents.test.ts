/**
 * lib/events N e⁻ → N e⁻ in FASERν2 for the Fig. 4 productions at the IP (mixing, Z_D → N N̄)
 * against heavyZDMassPoint's "mixing-elastic" and "zd-elastic": four-momentum conservation at
 * every vertex (1e-9), m(N′), the recoil inside the exact FASERν2 windows, Σ weight within 4σ
 * (angle cuts on and off), and the N-energy spectrum against the quadrature (χ², 99.9 %).
 */
import { describe, expect, it } from "vitest";
import { heavyZDMixingElectronStream, heavyZDZDElectronStream, PDG, STATUS, weightedHistogram, type EventStream } from "../lib/events";
import { electronDensity } from "../lib/core/constants";
import { makeSetup } from "../lib/engine/setup";
import { fasernu2ElectronCuts } from "../lib/detector/electronCuts";
import { darkBosonModel, fig4Benchmark } from "../lib/models/darkBoson";
import { heavyZDMassPoint, U2_REF } from "../lib/models/darkBoson/fig4/heavyZD";
import { heavyZDNWidths } from "../lib/models/darkBoson/fig4/decays";
import { elasticRecoilWindows, sigmaNElectronInBoxes } from "../lib/models/darkBoson/fig4/electron";
import { chi2, inv } from "./support/eventChecks";
import { mixingCells } from "../lib/models/darkBoson/fig4/samplingIp";

const setup = makeSetup("fasernu2-faser2");
const det = setup.detector;
const mN = 0.2, U2 = 1e-4;
const template = fig4Benchmark(mN, U2);
const point = heavyZDMassPoint(template, setup, { signatures: ["mixing-elastic", "zd-elastic"] });
const ref = darkBosonModel({ ...template, U2: U2_REF });
const Gamma = heavyZDNWidths(darkBosonModel({ ...template, U2 })).total;
const D = det.target.distanceFromIP;
const neL = electronDensity(det.target.material) * det.target.length;
const surv = (E: number) => Math.exp((-D * mN * Gamma) / Math.sqrt((E - mN) * (E + mN)));
const chi2Bound = (dof: number) => dof + 3.1 * Math.sqrt(2 * dof) + 3; // 99.9 % point of χ²(dof) for dof ≤ 30

/** Run a stream: conservation, m(N′), recoil T inside the windows, Σw, σ, (E_N, w) of the scattering N. */
function run(stream: EventStream, windows = true) {
  let s = 0, s2 = 0, worst = 0, badMass = 0, outside = 0;
  const EN: number[] = [], w: number[] = [];
  for (const r of stream.events()) {
    worst = Math.max(worst, r.maxImbalance());
    const v = r.nVertices - 1, iN = r.vIn[2 * v]!, k = r.nParticles - 2;
    if (Math.abs(inv(r.E[k]!, r.px[k]!, r.py[k]!, r.pz[k]!) / mN - 1) > 1e-6) badMass++;
    const T = r.E[k + 1]! - r.m[k + 1]!;
    if (windows && !elasticRecoilWindows(r.E[iN]!, mN, fasernu2ElectronCuts).some(([a, b]) => T >= a * (1 - 1e-9) && T <= b * (1 + 1e-9))) outside++;
    s += r.weights[0]!;
    s2 += r.weights[0]! ** 2;
    EN.push(r.E[iN]!);
    w.push(r.weights[0]!);
  }
  return { s, worst, badMass, outside, EN, w, sigma: Math.sqrt(Math.max(0, s2 - (s * s) / stream.n)) };
}

describe("Fig. 4 mixing N e → N e in FASERν2", () => {
  const stream = heavyZDMixingElectronStream(template, setup, U2, { n: 20000, seed: 21 });
  const res = run(stream);
  const cells = mixingCells(template, setup);

  it("conservation (1e-9), m(N′), the record, the recoil inside the FASERν2 windows", () => {
    expect(res.worst).toBeLessThan(1e-9);
    expect(res.badMass).toBe(0);
    expect(res.outside).toBe(0);
    const r = stream.events()[Symbol.iterator]().next().value!;
    expect([Math.abs(r.pdg[0]!), r.pdg[1], Math.abs(r.pdg[2]!), r.pdg[3]]).toEqual([PDG.N, PDG.electron, PDG.N, PDG.electron]);
    expect([r.status[1], r.status[2], r.status[3]]).toEqual([STATUS.incoming, STATUS.final, STATUS.final]);
  });

  it("Σ weight = heavyZDMassPoint events('mixing-elastic') within 4σ, angle cuts on and off", () => {
    const q = point.events("mixing-elastic", U2);
    expect(q).toBeGreaterThan(0);
    expect(res.sigma / q).toBeLessThan(0.01);
    expect(Math.abs(res.s - q)).toBeLessThan(4 * res.sigma + 1e-9 * q);
    const off = run(heavyZDMixingElectronStream(template, setup, U2, { n: 5000, seed: 22, angleCuts: false }), false);
    const qOff = point.events("mixing-elastic", U2, { angleCuts: false });
    expect(qOff).toBeGreaterThan(q);
    expect(Math.abs(off.s - qOff)).toBeLessThan(4 * off.sigma + 1e-9 * qOff);
  });

  it("the E_N spectrum follows the quadrature cell by cell (χ², 99.9 %)", () => {
    const q = Array.from(cells.energy, (E, i) => (cells.countN[i]! + cells.countNbar[i]!) * U2 * sigmaNElectronInBoxes(ref, E, fasernu2ElectronCuts) * surv(E) * neL);
    const edges: number[] = [];
    for (let i = 0; i < cells.energy.length; i++) edges.push(i === 0 ? cells.energy[0]! * 0.999 : Math.sqrt(cells.energy[i - 1]! * cells.energy[i]!));
    edges.push(cells.energy[cells.energy.length - 1]! * 1.001);
    const { chi2: c, dof } = chi2(weightedHistogram(res.EN, res.w, edges), q);
    expect(dof).toBeGreaterThan(10);
    expect(c).toBeLessThan(chi2Bound(dof));
  });
});

describe("Fig. 4 Z_D → N N̄, N e → N e in FASERν2", () => {
  const stream = heavyZDZDElectronStream(template, setup, U2, { n: 20000, seed: 23 });
  const res = run(stream);

  it("conservation at both vertices (1e-9), m(N′), the record, the recoil inside the windows", () => {
    expect(res.worst).toBeLessThan(1e-9);
    expect(res.badMass).toBe(0);
    expect(res.outside).toBe(0);
    const r = stream.events()[Symbol.iterator]().next().value!;
    expect(r.nVertices).toBe(2);
    expect([r.pdg[0], r.pdg[1], r.pdg[2], r.pdg[3], r.pdg[5]]).toEqual([PDG.ZD, PDG.N, -PDG.N, PDG.electron, PDG.electron]);
  });

  it("Σ weight = heavyZDMassPoint events('zd-elastic') within 4σ", () => {
    const q = point.events("zd-elastic", U2);
    expect(q).toBeGreaterThan(0);
    expect(res.sigma / q).toBeLessThan(0.03);
    expect(Math.abs(res.s - q)).toBeLessThan(4 * res.sigma);
  });

  it("the E_N spectrum follows the quadrature (96 × 48 nodes; 10 bins per decade nesting its 100; χ², 99.9 %)", () => {
    const fine = heavyZDMassPoint(template, setup, { signatures: ["zd-elastic"], zdAcceptance: { cosNodes: 96, phiNodes: 48 } });
    const edges = Array.from({ length: 31 }, (_, i) => 10 ** (1 + i / 10));
    const q = new Array<number>(edges.length - 1).fill(0);
    const sp = fine.spectra.zdFace!;
    sp.energy.forEach((E, j) => {
      const b = Math.floor(Math.log10(E) * 10 + 1e-9) - 10;
      if (b >= 0 && b < q.length) q[b]! += sp.count[j]! * sigmaNElectronInBoxes(ref, E, fasernu2ElectronCuts) * surv(E) * neL;
    });
    const { chi2: c, dof } = chi2(weightedHistogram(res.EN, res.w, edges), q);
    expect(dof).toBeGreaterThan(10);
    expect(c).toBeLessThan(chi2Bound(dof));
  });
});
