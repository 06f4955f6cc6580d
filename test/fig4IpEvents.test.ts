/**
 * lib/events for the Fig. 4 productions at the IP: N from ν_τ mixing and from Z_D → N N̄, with
 * N → ν_τ e⁺e⁻ in the FASER 2 vessel, against the quadrature of heavyZDMassPoint ("mixing-vessel",
 * "zd-vessel"): four-momentum conservation at every vertex (1e-9), invariant masses, the decay point
 * inside the vessel, Σ weight within 4σ, the cells against the quadrature's spectra, and the selected
 * N-energy spectrum against the quadrature's (χ², 99.9 %).
 */
import { describe, expect, it } from "vitest";
import { heavyZDMixingVesselStream, heavyZDZDVesselStream, PDG, STATUS, weightedHistogram } from "../lib/events";
import { makeSetup } from "../lib/engine/setup";
import { mm } from "../lib/core/units";
import { darkBosonModel, fig4Benchmark } from "../lib/models/darkBoson";
import { heavyZDMassPoint, U2_REF } from "../lib/models/darkBoson/fig4/heavyZD";
import { heavyZDNWidths, visibleFractionNuEE } from "../lib/models/darkBoson/fig4/decays";
import { chi2, inv } from "./support/eventChecks";
import { mixingCells, zdVesselCells } from "../lib/models/darkBoson/fig4/samplingIp";

const setup = makeSetup("fasernu2-faser2");
const det = setup.detector;
const mN = 0.2, U2 = 1e-4;
const template = fig4Benchmark(mN, U2);
const point = heavyZDMassPoint(template, setup, { signatures: ["mixing-vessel", "zd-vessel"] });
const ref = darkBosonModel({ ...template, U2: U2_REF });
const wd = heavyZDNWidths(darkBosonModel({ ...template, U2 }));
const br = wd.visibleEE / wd.total;
const L1 = det.target.distanceFromIP + det.vessel.start, L2 = L1 + det.vessel.length;
/** On-axis probability to decay between the vessel planes (heavyZDMassPoint's fromIP). */
const pAxis = (E: number) => {
  const d = Math.sqrt((E - mN) * (E + mN)) / (mN * wd.total);
  return Math.exp(-L1 / d) * -Math.expm1(-(L2 - L1) / d);
};

/** Run a stream: conservation, decay vertices inside the vessel planes, Σw, Σw², and the (E_N, weight) of the decaying N. */
function run(stream: ReturnType<typeof heavyZDMixingVesselStream>) {
  const z1 = det.vessel.start / mm, z2 = (det.vessel.start + det.vessel.length) / mm;
  let s = 0, s2 = 0, worst = 0, outside = 0;
  const EN: number[] = [], w: number[] = [];
  for (const r of stream.events()) {
    worst = Math.max(worst, r.maxImbalance());
    const v = r.nVertices - 1;
    if (r.vz[v]! < z1 * (1 - 1e-12) || r.vz[v]! > z2 * (1 + 1e-12)) outside++;
    s += r.weights[0]!;
    s2 += r.weights[0]! ** 2;
    EN.push(r.E[r.vIn[2 * v]!]!);
    w.push(r.weights[0]!);
  }
  return { s, s2, worst, outside, EN, w, sigma: Math.sqrt(Math.max(0, s2 - (s * s) / stream.n)) };
}

const chi2Bound = (dof: number) => dof + 3.1 * Math.sqrt(2 * dof) + 3; // 99.9 % point of χ²(dof) for dof ≤ 30

describe("Fig. 4 mixing at the IP: N → ν_τ e⁺e⁻ in the vessel", () => {
  const n = 40000;
  const stream = heavyZDMixingVesselStream(template, setup, U2, { n, seed: 11 });
  const res = run(stream);
  const cells = mixingCells(template, setup);

  it("conservation at the decay vertex (1e-9), m(N), the ν e⁻ e⁺ final state, decays inside the vessel", () => {
    expect(res.worst).toBeLessThan(1e-9);
    expect(res.outside).toBe(0);
    const r = stream.events()[Symbol.iterator]().next().value!;
    expect(inv(r.E[0]!, r.px[0]!, r.py[0]!, r.pz[0]!) / mN).toBeCloseTo(1, 6);
    expect(Math.abs(r.pdg[0]!)).toBe(PDG.N);
    expect(r.status[0]).toBe(STATUS.decayed);
    const s = Math.sign(r.pdg[0]!);
    expect([...r.pdg.subarray(1, 4)]).toEqual([16 * s, PDG.electron * s, -PDG.electron * s]);
  });

  it("the cells are heavyZDMassPoint's mixing spectrum (N + N̄)", () => {
    const sp = point.spectra.mixing!;
    expect(cells.energy.length).toBe(sp.energy.length);
    sp.energy.forEach((E, i) => {
      expect(cells.energy[i]).toBe(E);
      expect((cells.countN[i]! + cells.countNbar[i]!) / sp.count[i]!).toBeCloseTo(1, 12);
    });
  });

  it("Σ weight = heavyZDMassPoint events('mixing-vessel') within 4σ", () => {
    const q = point.events("mixing-vessel", U2);
    expect(q).toBeGreaterThan(0);
    expect(res.sigma / q).toBeLessThan(0.03);
    expect(Math.abs(res.s - q)).toBeLessThan(4 * res.sigma);
  });

  it("the selected E_N spectrum follows the quadrature, cell by cell (the flux bins, 10 per decade; χ², 99.9 %)", () => {
    const qCell = Array.from(cells.energy, (E, i) => (cells.countN[i]! + cells.countNbar[i]!) * U2 * pAxis(E) * br * visibleFractionNuEE(ref, E, 100));
    const total = qCell.reduce((a, b) => a + b, 0);
    expect(total / point.events("mixing-vessel", U2)).toBeCloseTo(1, 2); // the exact fraction vs the mass point's interpolant
    const edges: number[] = [];
    for (let i = 0; i < cells.energy.length; i++) edges.push(i === 0 ? cells.energy[0]! * 0.999 : Math.sqrt(cells.energy[i - 1]! * cells.energy[i]!));
    edges.push(cells.energy[cells.energy.length - 1]! * 1.001);
    const q = qCell;
    const { chi2: c, dof } = chi2(weightedHistogram(res.EN, res.w, edges), q);
    expect(dof).toBeGreaterThan(5);
    expect(c).toBeLessThan(chi2Bound(dof));
  });
});

describe("Fig. 4 Z_D → N N̄ at the IP: N → ν_τ e⁺e⁻ in the vessel", () => {
  const n = 40000;
  const stream = heavyZDZDVesselStream(template, setup, U2, { n, seed: 13 });
  const res = run(stream);

  it("conservation at both vertices (1e-9), m(Z_D), m(N), the record layout, decays inside the vessel", () => {
    expect(res.worst).toBeLessThan(1e-9);
    expect(res.outside).toBe(0);
    const r = stream.events()[Symbol.iterator]().next().value!;
    expect(r.nVertices).toBe(2);
    expect(r.pdg[0]).toBe(PDG.ZD);
    expect(inv(r.E[0]!, r.px[0]!, r.py[0]!, r.pz[0]!) / template.mZD).toBeCloseTo(1, 6);
    expect([r.pdg[1], r.pdg[2]]).toEqual([PDG.N, -PDG.N]);
    for (const k of [1, 2]) expect(inv(r.E[k]!, r.px[k]!, r.py[k]!, r.pz[k]!) / mN).toBeCloseTo(1, 6);
    expect(r.vz[0]).toBeCloseTo(-det.target.distanceFromIP / mm, 6);
    expect(r.status[r.vIn[2]!]).toBe(STATUS.decayed);
    expect(r.status[3 - r.vIn[2]!]).toBe(STATUS.final);
  });

  it("the cells carry heavyZDMassPoint's zd-vessel N spectrum total", () => {
    const cells = zdVesselCells(template, setup, 100);
    const a = cells.accepted.reduce((x, y) => x + y, 0);
    const b = point.spectra.zdVessel!.count.reduce((x, y) => x + y, 0);
    expect(a / b).toBeCloseTo(1, 9);
  });

  it("Σ weight = heavyZDMassPoint events('zd-vessel') within 4σ", () => {
    const q = point.events("zd-vessel", U2);
    expect(q).toBeGreaterThan(0);
    expect(res.sigma / q).toBeLessThan(0.03);
    expect(Math.abs(res.s - q)).toBeLessThan(4 * res.sigma);
  });

  it("the selected E_N spectrum follows the quadrature's N bins (10 per decade nesting its 100; χ², 99.9 %)", () => {
    // the accepted N sit in narrow cos θ* bands near ±1 where the default 24 Gauss–Legendre nodes
    // place the quadrature's N energies coarsely (its total converges, its bin contents less so):
    // compare with 96 × 48 nodes
    const fine = heavyZDMassPoint(template, setup, { signatures: ["zd-vessel"], zdAcceptance: { cosNodes: 96, phiNodes: 48 } });
    const edges = Array.from({ length: 21 }, (_, i) => 10 ** (2 + i / 10));
    const q = new Array<number>(edges.length - 1).fill(0);
    const sp = fine.spectra.zdVessel!;
    sp.energy.forEach((E, j) => {
      const b = Math.floor(Math.log10(E) * 10 + 1e-9) - 20;
      if (b >= 0 && b < q.length) q[b]! += sp.count[j]! * pAxis(E) * br * visibleFractionNuEE(ref, E, 100);
    });
    const { chi2: c, dof } = chi2(weightedHistogram(res.EN, res.w, edges), q);
    expect(dof).toBeGreaterThan(5);
    expect(c).toBeLessThan(chi2Bound(dof));
  });
});
