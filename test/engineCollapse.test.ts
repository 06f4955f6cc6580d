/**
 * Issue 15 (compute once) without giving up accuracy: the fast paths of the signal engine give
 * the numbers of the direct computation — bit for bit where they do the same operations (the
 * collapse by |t| mask and by group, the node bins, the lazily built tables), to rounding where
 * the order of additions changes (collapsed bins of a derived point from segment sums), and the
 * closed-form electron recoil windows sit on the cut angles.
 */
import { describe, expect, it } from "vitest";
import { m_e } from "../lib/core/constants";
import { recoilCosTheta, tRange } from "../lib/core/kinematics";
import { fasernu2ElectronCuts, recoilWindows } from "../lib/detector/electronCuts";
import { binsFromSegments, collapseByEnergy, collapseSegments, restrictAbsT, type ProductionTable } from "../lib/engine/productionTable";
import { rescaleFactors, rescaleProduction } from "../lib/engine/tableRescale";
import { DIPOLE_SIGNATURES, dipoleMassPoint, flavourWeights, makeSetup, signatureTable } from "../lib/signatures";

const hl = makeSetup("fasernu2-faser2");
const run3 = makeSetup("fasernu-faser");
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** The collapse as first written: every node, its bin from its own logarithm. */
function naiveCollapse(table: ProductionTable, acceptance: (EN: number) => number): { EN: number[]; weight: number[] } {
  const nd = table.nodes;
  const w = new Map<number, number>(), wE = new Map<number, number>();
  for (let k = 0; k < nd.length; k++) {
    const a = acceptance(nd.EN[k]!);
    if (a === 0) continue;
    const q = Math.floor(Math.log10(nd.EN[k]!) * 100);
    const x = nd.weight[k]! * a;
    w.set(q, (w.get(q) ?? 0) + x);
    wE.set(q, (wE.get(q) ?? 0) + x * nd.EN[k]!);
  }
  const keys = [...w.keys()].filter((q) => w.get(q)! > 0).sort((a, b) => a - b);
  return { EN: keys.map((q) => wE.get(q)! / w.get(q)!), weight: keys.map((q) => w.get(q)!) };
}

describe("collapsed signatures equal the node-by-node collapse", () => {
  for (const mN of [0.002, 0.3, 4]) {
    it(`m_N = ${mN} GeV: every signature's bins are those of the naive collapse of its table (to the rounding of the batch acceptances)`, () => {
      const p = dipoleMassPoint(mN, "universal", hl);
      for (const s of DIPOLE_SIGNATURES) {
        const ref = naiveCollapse(signatureTable(p, s), p.acceptance[s]);
        // the same bins; the sums equal but for the batch acceptances' ln E_N and 1/p_N, taken from a
        // nearby node's by their series (lib/models/dipole/signatureAcceptance): rounding, ≲ 1e-12
        // relative where an acceptance just above its cut is a small difference
        expect(p.signatures[s].weight.length).toBe(ref.weight.length);
        const worst = (a: Float64Array, b: number[]) => Math.max(0, ...Array.from(a, (x, j) => rel(x, b[j]!)));
        expect(worst(p.signatures[s].weight, ref.weight)).toBeLessThan(1e-11);
        expect(worst(p.signatures[s].EN, ref.EN)).toBeLessThan(1e-13);
      }
    });
  }

  it("the |t| mask collapses the same nodes as the copied sub-table", () => {
    const p = dipoleMassPoint(0.05, "tau", hl);
    const acc = p.acceptance["ecc-photons-1tev"];
    const masked = collapseSegments(p.production, 1, (E, out) => (out[0] = acc(E)), { tAbsMax: 0.01 }).collapsed[0]!;
    const sub = collapseByEnergy(restrictAbsT(p.production, 0.01), acc);
    expect(Array.from(masked.weight)).toEqual(Array.from(sub.weight));
    expect(Array.from(masked.EN)).toEqual(Array.from(sub.EN));
  });
});

describe("derived points from segment sums", () => {
  it("a rescaled table's bins from the source's segments equal collapsing the rescaled table to 1e-13", () => {
    const p = dipoleMassPoint(0.02, "universal", hl);
    const fw = flavourWeights("universal", run3.flux);
    const t = run3.detector.target;
    const f = rescaleFactors(p.production, run3.flux, fw, t.length, t.material)!;
    const acc = p.acceptance["vessel-photons"];
    const seg = collapseSegments(p.production, 1, (E, out) => (out[0] = acc(E)));
    const fromSeg = binsFromSegments(seg, f.cellFactor, [1])[0]!;
    const direct = collapseByEnergy(rescaleProduction(p.production, run3.flux, fw, t.length, t.material)!, acc);
    expect(fromSeg.weight.length).toBe(direct.weight.length);
    let worst = 0;
    direct.weight.forEach((w, j) => (worst = Math.max(worst, rel(w, fromSeg.weight[j]!), rel(direct.EN[j]!, fromSeg.EN[j]!))));
    expect(worst).toBeLessThan(1e-13);
  });

  it("a Run-3 point derived from the HL-LHC point counts like a fresh one (1e-12) and builds no table until one is read", () => {
    const base = dipoleMassPoint(0.7, "universal", hl);
    const derived = dipoleMassPoint(0.7, "universal", run3, { from: base });
    const fresh = dipoleMassPoint(0.7, "universal", run3);
    expect(Object.getOwnPropertyDescriptor(derived, "production")!.get).toBeDefined(); // not built yet
    for (const s of DIPOLE_SIGNATURES) for (const mu of [1e-8, 1e-6]) expect(rel(derived.signatures[s].events(mu * mu), fresh.signatures[s].events(mu * mu))).toBeLessThan(1e-12);
    expect(Object.getOwnPropertyDescriptor(derived, "production")!.get).toBeDefined(); // still not built
    expect(rel(derived.production.total, fresh.production.total)).toBeLessThan(1e-12);
  });
});

describe("electron recoil windows in closed form", () => {
  it("each window end inside the physical range lies on a cut: E_e edge or θ(T) = θ_cut to 1e-10", () => {
    for (const [E, mN] of [[300, 0.01], [800, 0.05], [3000, 0.002], [150, 0.1]] as const) {
      const r = tRange(E, mN, m_e)!;
      const lo = -r.tMax / (2 * m_e), hi = -r.tMin / (2 * m_e);
      const ends = recoilWindows(E, mN, lo, hi, fasernu2ElectronCuts).flat();
      expect(ends.length).toBeGreaterThan(0);
      for (const T of ends) {
        const th = Math.acos(Math.min(1, recoilCosTheta(E, T, m_e, mN)));
        const onAngle = [0.01, 0.02, 0.03].some((c) => Math.abs(th / c - 1) < 1e-10);
        const onEnergy = [0.3, 3, 10, 20].some((Ee) => Math.abs((T + m_e) / Ee - 1) < 1e-14) || T === lo || T === hi;
        expect(onAngle || onEnergy).toBe(true);
      }
    }
  });
});
