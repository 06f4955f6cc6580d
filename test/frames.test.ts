/** Event and particle tables (plain columns and danfo DataFrames) and the notebook-01 photon analysis helper. */
import { describe, expect, it } from "vitest";
import { eventColumns, eventsDataFrame, particleColumns, particlesDataFrame, photonCutSummary, dipoleEventStream, weightedHistogram } from "../lib/events";
import { dipoleModel } from "../lib/models/dipole";
import { dipoleMassPoint, makeSetup } from "../lib/signatures";
import { logEdges } from "../lib/models/dipole/spectrum";

const point = dipoleMassPoint(0.5, "universal", makeSetup("fasernu2-faser2"));
const model = dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
const stream = dipoleEventStream(point, model, "vessel-photons", { n: 3000, seed: 21 });

describe("event tables", () => {
  it("event columns: one row per event; the weight column sums to the stream's selected weight; E_vis = E_gamma for νγ", () => {
    const c = eventColumns(stream);
    expect(c.event).toHaveLength(3000);
    let sw = 0;
    for (const r of stream.events()) sw += r.weights[0]!;
    expect((c.weight as number[]).reduce((a, b) => a + b, 0) / sw).toBeCloseTo(1, 12);
    (c.mode as string[]).forEach((m, i) => {
      if (m === "nu gamma") expect(c.E_vis![i]).toBe(c.E_gamma![i]);
    });
  });
  it("particle columns: 6 rows per νγ event (ν, target, N, recoil, ν, γ); the γ angle to N obeys cos θ = (1 − m_N²/(2E_N E_γ)) E_N/p_N", () => {
    const p = particleColumns(stream);
    const ev = eventColumns(stream);
    const nGamma = (ev.mode as string[]).filter((m) => m === "nu gamma").length;
    expect(p.event!.length).toBe(6 * nGamma + 7 * (3000 - nGamma));
    const pdg = p.pdg as number[], px = p.px as number[], py = p.py as number[], pz = p.pz as number[], E = p.E as number[];
    let iN = -1, checked = 0;
    for (let i = 0; i < pdg.length; i++) {
      if (Math.abs(pdg[i]!) === 9900012) iN = i;
      if (pdg[i] !== 22) continue;
      const pN = Math.hypot(px[iN]!, py[iN]!, pz[iN]!), pg = Math.hypot(px[i]!, py[i]!, pz[i]!);
      const cos = (px[iN]! * px[i]! + py[iN]! * py[i]! + pz[iN]! * pz[i]!) / (pN * pg);
      const expected = (1 - 0.25 / (2 * E[iN]! * E[i]!)) * (E[iN]! / pN);
      expect(Math.abs(cos - expected)).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBe(nGamma);
  });
  it("photonCutSummary: the cut keeps a subset, the groups sum to the histogram plus overflow, errors are √Σw²", () => {
    const c = eventColumns(stream);
    const edges = logEdges(100, 1e4, 10);
    const all = photonCutSummary(c, { EMin: 100, thetaMax: 1, edges });
    const cut = photonCutSummary(c, { EMin: 300, thetaMax: 1e-3, edges });
    expect(cut.kept).toBeLessThan(all.kept);
    const tot = Object.values(all.groups).reduce((a, g) => a + g.events, 0);
    const inHist = all.histogram.sum.reduce((a, b) => a + b, 0);
    expect(inHist).toBeLessThanOrEqual(tot * (1 + 1e-12));
    expect(inHist / tot).toBeGreaterThan(0.95);
    const h = weightedHistogram([1, 2, 2.5, 9], [1, 2, 3, 4], [0, 2, 3]);
    expect(h.sum).toEqual([1, 5]);
    expect(h.error[1]).toBeCloseTo(Math.sqrt(13), 12);
  });
  it("danfo DataFrames of particles and events (danfojs-node from devDependencies)", () => {
    const df = eventsDataFrame(stream) as { shape: number[]; columns: string[] };
    expect(df.shape).toEqual([3000, eventColumns(stream).event ? Object.keys(eventColumns(stream)).length : 0]);
    const pf = particlesDataFrame(stream) as { shape: number[]; columns: string[] };
    expect(pf.columns).toContain("pdg");
    expect(pf.shape[0]).toBe(particleColumns(stream).event!.length);
  }, 60_000);
});
