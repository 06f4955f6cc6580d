/**
 * Issue 15 item 1: a production table for another flux with the same bins (and another target
 * length) by rescaling the weights equals a fresh tabulation to rounding, node by node, cell by
 * cell and signature by signature — the FASER Run-3 line of Fig. 1 is computed that way.
 */
import { describe, expect, it } from "vitest";
import { DIPOLE_SIGNATURES, dipoleEvents, dipoleMassPoint, makeSetup, type ProductionTable } from "../lib/signatures";
import { rescaleProduction } from "../lib/engine/tableRescale";

const hl = makeSetup("fasernu2-faser2");
const run3 = makeSetup("fasernu-faser");
/** Run 3 with a bin-dependent distortion of every flavour's counts: exercises the within-bin density ratio (the paper preset's Run-3 flux is the HL-LHC one × a constant). */
const distorted = { ...run3, flux: run3.flux.map((s, f) => ({ ...s, counts: s.counts.map((c, b) => c * (1 + 0.4 * Math.sin(1.3 * b + f))) })) };

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

function expectSameTable(a: ProductionTable, b: ProductionTable): void {
  expect(a.nodes.length).toBe(b.nodes.length);
  expect(a.cells.length).toBe(b.cells.length);
  let worst = 0;
  for (let k = 0; k < a.nodes.length; k++) {
    expect(a.nodes.Enu[k]).toBe(b.nodes.Enu[k]);
    expect(a.nodes.t[k]).toBe(b.nodes.t[k]);
    worst = Math.max(worst, rel(a.nodes.weight[k]!, b.nodes.weight[k]!));
  }
  a.cells.forEach((c, i) => {
    worst = Math.max(worst, rel(c.weight, b.cells[i]!.weight), rel(c.lnSlope, b.cells[i]!.lnSlope));
    expect(c.firstNode).toBe(b.cells[i]!.firstNode);
  });
  expect(worst).toBeLessThan(1e-12);
  expect(rel(a.total, b.total)).toBeLessThan(1e-12);
}

describe("production tables rescaled to another flux and target length", () => {
  it("the Run-3 setup has the HL-LHC bins, another target length, and the distorted flux changes the within-bin slopes", () => {
    expect(run3.flux.map((s) => s.edges)).toEqual(hl.flux.map((s) => s.edges));
    expect(run3.detector.target.length).not.toBe(hl.detector.target.length);
    const ratio = (b: number) => distorted.flux[2]!.counts[b]! / hl.flux[2]!.counts[b]!;
    expect(Math.abs(ratio(10) / ratio(20) - 1)).toBeGreaterThan(0.1);
  });

  for (const [mN, coupling, target] of [[0.004, "universal", distorted], [0.3, "tau", distorted], [3, "universal", distorted], [0.05, "universal", run3]] as const) {
    it(`m_N = ${mN} GeV, ${coupling}, ${target === run3 ? "Run-3 flux" : "distorted flux"}: every table, count and breakdown equals a fresh tabulation to 1e-12`, () => {
      const base = dipoleMassPoint(mN, coupling, hl);
      const fresh = dipoleMassPoint(mN, coupling, target);
      const derived = dipoleMassPoint(mN, coupling, target, { from: base });
      expect(derived.production).not.toBe(fresh.production);
      expectSameTable(derived.production, fresh.production);
      expectSameTable(derived.productionECC, fresh.productionECC);
      expectSameTable(derived.productionElectron, fresh.productionElectron);
      for (const s of DIPOLE_SIGNATURES) {
        for (const mu of [1e-8, 3e-7, 1e-5]) {
          expect(rel(derived.signatures[s].events(mu * mu), fresh.signatures[s].events(mu * mu))).toBeLessThan(1e-12);
          const a = dipoleEvents(derived, mu, s), b = dipoleEvents(fresh, mu, s);
          for (const [f, v] of Object.entries(b.byFlavour)) expect(rel(a.byFlavour[f]!, v)).toBeLessThan(1e-12);
        }
      }
    });
  }

  it("a flux with other bin edges, or a bin empty in one flux only, is not rescaled (null)", () => {
    const base = dipoleMassPoint(0.1, "universal", hl);
    const shifted = run3.flux.map((s) => ({ ...s, edges: s.edges.map((e) => e * 1.01) }));
    expect(rescaleProduction(base.production, shifted, [1, 1, 1, 1, 1, 1], 1, hl.detector.target.material)).toBeNull();
    const holed = run3.flux.map((s) => ({ ...s, counts: s.counts.map((c, b) => (b === 12 ? 0 : c)) }));
    expect(rescaleProduction(base.production, holed, [1, 1, 1, 1, 1, 1], 1, hl.detector.target.material)).toBeNull();
    expect(() => rescaleProduction(base.production, run3.flux, [1, 1, 1, 1, 1, 1], -1, hl.detector.target.material)).toThrow(/length/);
  });
});
