/**
 * The shortcuts of the Fig. 1 panel speed-up (issue 15) give the numbers of the direct
 * computations: tRangeUnchecked is tRange bit for bit; kernels with the same factorsKey have the
 * same t-only factors at every t (whatever m_N), so the engine may share them between
 * tabulations; a table tabulated after tables of other masses (shared whole-panel columns)
 * equals the same table tabulated first (fresh columns), node by node; a bin's E_ν nodes shared
 * by the channels starting at the same point are those each channel computes.
 */
import { describe, expect, it } from "vitest";
import { tRange, tRangeUnchecked } from "../lib/core/kinematics";
import { coherentFactorised, nucleonFactorised } from "../lib/models/dipole";
import { m_e, m_n, m_p, tungsten } from "../lib/core/constants";
import { energyNodes, energyNodesStart, thresholdEnergy } from "../lib/engine/fluxBins";
import { gaussLegendre } from "../lib/core/quadrature";
import { logGrid } from "../lib/core/grids";
import { dipoleMassPoint, makeSetup } from "../lib/signatures";

describe("panel shortcuts equal the direct computations", () => {
  it("tRangeUnchecked is tRange bit for bit (below, at and above threshold, m_N = 0 included)", () => {
    let compared = 0;
    for (const M of [m_e, m_p, m_n, tungsten.mass]) {
      for (const mN of [0, 1e-3, 0.05, 1, 9]) {
        const Eth = thresholdEnergy(mN, M);
        for (const E of [0.5 * Eth, Eth, Eth * (1 + 1e-12), ...logGrid(Math.max(Eth, 1e-3) * 1.001, 2e4, 40)].filter((e) => e > 0)) {
          const a = tRange(E, mN, M), b = tRangeUnchecked(E, mN, M);
          if (a === null) expect(b).toBeNull();
          else {
            expect(Object.is(b!.tMin, a.tMin) && Object.is(b!.tMax, a.tMax), `E ${E} mN ${mN} M ${M}`).toBe(true);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("kernels with one factorsKey have the same t-only factors at every t, whatever m_N; other materials have other keys", () => {
    const ts = logGrid(1e-14, 1e3, 300).map((a) => -a);
    const groups = [
      [0.001, 0.3, 7].map((m) => nucleonFactorised(m, "p")),
      [0.001, 0.3, 7].map((m) => nucleonFactorised(m, "n", false)),
      [0.001, 0.3, 7].map((m) => coherentFactorised(m, tungsten)),
      [0.001, 0.3, 7].map((m) => coherentFactorised(m, tungsten, true)),
    ];
    const keys = groups.map((g) => g[0]!.factorsKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const g of groups) {
      const k = g[0]!;
      for (const other of g) expect(other.factorsKey).toBe(k.factorsKey);
      const a = new Float64Array(2), b = new Float64Array(2);
      for (const t of ts) {
        k.tFactors(t, a, 0);
        for (const other of g) {
          other.tFactors(t, b, 0);
          for (let i = 0; i < k.count; i++) expect(Object.is(a[i], b[i])).toBe(true);
        }
      }
    }
    expect(coherentFactorised(0.1, { ...tungsten, A: 207 }).factorsKey).not.toBe(keys[2]);
  });

  it("a table tabulated after tables of other masses (shared whole-panel columns) equals the same table tabulated first", () => {
    // this test file's module instance: the 0.2 GeV table is the first, with fresh columns
    const setup = makeSetup("fasernu2-faser2");
    const first = dipoleMassPoint(0.2, "universal", setup, { lazy: true }).production;
    for (const m of [0.004, 1.5, 6]) void dipoleMassPoint(m, "universal", setup, { lazy: true }).production.nodes.length;
    const again = dipoleMassPoint(0.2, "universal", setup, { lazy: true }).production;
    expect(again.nodes.length).toBe(first.nodes.length);
    for (const col of ["t", "EN", "weight"] as const) {
      const a = first.nodes[col], b = again.nodes[col];
      let same = 0;
      for (let k = 0; k < a.length; k++) if (Object.is(a[k], b[k])) same++;
      expect(same, col).toBe(a.length);
    }
  });

  it("channels whose rule starts at the same point of a bin get the same E_ν nodes", () => {
    const er = gaussLegendre(8);
    const breaks = [100, 1000, 3000].map(Math.log);
    const lnLo = Math.log(150), lnHi = Math.log(220);
    for (const mN of [0.01, 2]) {
      const starts = [m_e, m_p, m_n, tungsten.mass].map((M) => thresholdEnergy(mN, M));
      const byStart = new Map<number, ReturnType<typeof energyNodes>>();
      for (const Emin of starts) {
        const nodes = energyNodes(lnLo, lnHi, -1.3, "interpolated", er, Emin, breaks);
        const s = energyNodesStart(lnLo, Emin);
        const seen = byStart.get(s);
        if (seen) expect(nodes).toEqual(seen);
        else byStart.set(s, nodes);
      }
      // the nucleon and coherent thresholds lie below the bin (one start, lnLo) in both cases; the electron's above it at 2 GeV
      expect(byStart.size).toBe(mN < 1 ? 1 : 2);
    }
  });
});
