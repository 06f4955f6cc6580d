/**
 * Issue 15, dark-boson work: the faster paths give the same numbers as the plain ones, and the
 * caches answer only for equal inputs.
 */
import { describe, expect, it } from "vitest";

import { m_p, tungsten } from "../lib/core/constants";
import { makeSetup } from "../lib/engine/setup";
import { type ProductionTable } from "../lib/engine/productionTable";
import { darkBosonPoint, FIG3_PARAMS, darkBosonMassPoint } from "../lib/models/darkBoson/fig3/chain";
import { collapseByChannelAndEnergy } from "../lib/models/darkBoson/fig3/collapse";
import { darkBosonMassPointCached } from "../lib/models/darkBoson/fig3/massPointCache";
import { fig4Benchmark, upscatteringFactorised, upscatteringKernel } from "../lib/models/darkBoson";
import { heavyZDMassPoint } from "../lib/models/darkBoson/fig4/heavyZD";
import { boundedCache } from "../lib/ip/inputKey";
import { parseAngleMomentumTable } from "../lib/ip/mesonTable";
import { primaryZDProduction, shippedMesonSpectrum } from "../lib/ip";
import { fasernu2Faser2 } from "../lib/detector/geometry";
import { tRange } from "../lib/core/kinematics";

const setup = makeSetup("fasernu2-faser2");

/** The collapse as a plain loop over the nodes (log10 per node, growing arrays): the definition the fast one must equal. */
function collapsePlain(table: ProductionTable, binsPerDecade = 100) {
  const nd = table.nodes;
  const rows = new Map<string, number>();
  const w: number[] = [], wE: number[] = [], ch: number[] = [];
  const wf: number[][] = table.flavours.map(() => []);
  for (let k = 0; k < nd.length; k++) {
    const key = `${Math.floor(Math.log10(nd.EN[k]!) * binsPerDecade)},${nd.channel[k]}`;
    let j = rows.get(key);
    if (j === undefined) {
      rows.set(key, (j = w.length));
      w.push(0), wE.push(0), ch.push(nd.channel[k]!);
      wf.forEach((a) => a.push(0));
    }
    const x = nd.weight[k]!;
    w[j]! += x;
    wE[j]! += x * nd.EN[k]!;
    const f = nd.flavour[k]!;
    if (f >= 0) wf[f]![j]! += x;
    else wf.forEach((a, g) => (a[j!]! += x * table.binFlavourFractions![g]![nd.bin[k]!]!));
  }
  return { EN: w.map((x, j) => wE[j]! / x), weight: w, channel: ch, flavourShare: wf.map((a) => a.map((x, j) => x / w[j]!)) };
}

describe("dark-boson mass points: fast paths, same numbers", () => {
  it("the factorised up-scattering kernels equal the plain kernels exactly (coherent, p, n, electron)", () => {
    const m = darkBosonPoint(FIG3_PARAMS, 0.3, 1e-6);
    const g = new Float64Array(2);
    for (const target of ["coherent", "p", "n", "electron"] as const) {
      const k = upscatteringKernel(m, target, tungsten);
      const f = upscatteringFactorised(m, target, tungsten, { scale: 1e6 });
      const M = target === "coherent" ? tungsten.mass : target === "electron" ? 0.000511 : m_p;
      for (const E of [300, 1000, 3000]) {
        const r = tRange(E, m.mN, M);
        expect(r).not.toBeNull(); // above every threshold
        if (r === null) continue;
        for (const x of [0.01, 0.5, 0.99]) {
          const t = r.tMin + x * (r.tMax - r.tMin);
          f.tFactors(t, g, 0);
          expect(f.kernelWith(E, t, g, 0)).toBe(k(E, t) * 1e6);
        }
      }
    }
  });

  it("the channel/energy collapse equals the plain per-node loop bit for bit", () => {
    for (const mN of [0.05, 1]) {
      const p = darkBosonMassPoint(mN, setup);
      const fast = collapseByChannelAndEnergy(p.production), plain = collapsePlain(p.production);
      expect(Array.from(fast.EN)).toEqual(plain.EN);
      expect(Array.from(fast.weight)).toEqual(plain.weight);
      expect(Array.from(fast.channel)).toEqual(plain.channel);
      fast.flavourShare.forEach((s, g) => expect(Array.from(s)).toEqual(plain.flavourShare[g]));
    }
  });

  it("a cached mass point is the point of equal inputs, and only of equal inputs", () => {
    const a = darkBosonMassPointCached(0.21, setup);
    expect(darkBosonMassPointCached(0.21, makeSetup("fasernu2-faser2"))).toBe(a); // a new but equal setup
    const fresh = darkBosonMassPoint(0.21, setup);
    expect(a.production.total).toBe(fresh.production.total);
    expect(Array.from(a.collapsedTotal.weight)).toEqual(Array.from(fresh.collapsedTotal.weight));
    const other = darkBosonMassPointCached(0.21, makeSetup("fasernu2-faser2", { normalisation: "kling-nevay" }));
    expect(other).not.toBe(a);
    expect(other.production.total / a.production.total).not.toBeCloseTo(1, 3); // the flux differs, so does the count
    expect(darkBosonMassPointCached(0.21, setup, { ...FIG3_PARAMS, alphaEps2: 1e-10 })).not.toBe(a);
    expect(() => darkBosonMassPointCached(NaN, setup)).toThrow(/mN = NaN/);
  });
});

describe("caches of the IP production and of the Fig. 4 Z_D spectra", () => {
  it("boundedCache drops the least recently used entry", () => {
    const c = boundedCache<number>(2);
    let calls = 0;
    const get = (k: string) => c({ k }, () => ++calls);
    get("a"), get("b"), get("a"); // a is now the most recent
    get("c"); // drops b
    expect(calls).toBe(3);
    get("a");
    expect(calls).toBe(3);
    get("b");
    expect(calls).toBe(4);
  });

  it("the explicit shipped EPOS-LHC tables give the default production; another generator shares only the bremsstrahlung", () => {
    const det = fasernu2Faser2();
    const d = primaryZDProduction(0.05, det, { energyMin: 100 });
    const epos = primaryZDProduction(0.05, det, { energyMin: 100, mesonSpectra: { pi0: shippedMesonSpectrum("EPOSLHC", "pi0"), eta: shippedMesonSpectrum("EPOSLHC", "eta") } });
    expect(epos).toBe(d);
    const sib = primaryZDProduction(0.05, det, { energyMin: 100, mesonSpectra: { pi0: shippedMesonSpectrum("SIBYLL", "pi0"), eta: shippedMesonSpectrum("SIBYLL", "eta") } });
    expect(sib.hist.brem).toBe(d.hist.brem);
    expect(sib.hist.pi0).not.toBe(d.hist.pi0);
    const sum = (h: typeof d.hist.pi0) => h.w.reduce((s, a) => s + a.reduce((x, y) => x + y, 0), 0);
    expect(sum(sib.hist.pi0) / sum(d.hist.pi0)).not.toBeCloseTo(1, 3); // SIBYLL's π⁰ are not EPOS-LHC's
  });

  it("Fig. 4 Z_D spectra: the current preset's point has the paper's spectra, a different N-direction rule does not", () => {
    const model = fig4Benchmark(0.04, 1e-6);
    const paper = heavyZDMassPoint(model, makeSetup("fasernu2-faser2"), { signatures: ["zd-elastic"] });
    const current = heavyZDMassPoint(model, makeSetup("fasernu2-faser2", { preset: "current" }), { signatures: ["zd-elastic"] });
    expect(current.spectra.zdFace).toBe(paper.spectra.zdFace);
    const coarse = heavyZDMassPoint(model, makeSetup("fasernu2-faser2"), { signatures: ["zd-elastic"], zdAcceptance: { cosNodes: 8, phiNodes: 8 } });
    expect(coarse.spectra.zdFace).not.toBe(paper.spectra.zdFace);
    const total = (s: { count: Float64Array }) => s.count.reduce((a, b) => a + b, 0);
    expect(total(coarse.spectra.zdFace!) / total(paper.spectra.zdFace!)).toBeCloseTo(1, 1); // a coarser rule, nearly the same flux
  });
});

describe("meson table parser", () => {
  it("CRLF and LF give the same table; errors name the file and line", () => {
    const lf = "# Normalization: 2 pb\n-3.025 2.025 1.5\n-3.075 2.025 0\n";
    const a = parseAngleMomentumTable(lf, "t.txt"), b = parseAngleMomentumTable(lf.replace(/\n/g, "\r\n"), "t.txt");
    expect(b).toEqual(a);
    expect(a.sigma.length).toBe(2);
    expect(() => parseAngleMomentumTable(lf + "-3.025 2.025 1\n", "t.txt")).toThrow(/t\.txt:4: .*repeats line 2/);
    expect(() => parseAngleMomentumTable("-3.025 2.02 1\n", "t.txt")).toThrow(/t\.txt:1: log10\(p\) = 2\.02 is not a bin centre/);
    expect(() => parseAngleMomentumTable("-3.025 0x10 1\n", "t.txt")).toThrow(/t\.txt:1: "0x10" is not a finite number/);
  });
});
