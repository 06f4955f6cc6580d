/**
 * Issue 15, the Fig. 1 panel under a second: the fast paths give the numbers of the direct
 * computation bit for bit (the batch acceptances to the rounding of ln E_N and 1/p_N) — the collapse fed while tabulating (lib/engine/collapseStream), a
 * table that keeps no nodes (re-tabulated when read), the one-loop event count
 * (lib/engine/decayScan fastEvents), the batch acceptances and kernels — and the monotone parts
 * of the vessel count (decayScan monotoneRange, proved there) hold on a fine grid and give the
 * edges of the full scan.
 */
import { describe, expect, it } from "vitest";
import { collapseSegments } from "../lib/engine/collapse";
import { fastEvents, monotoneRange } from "../lib/engine/decayScan";
import { findEdgesAt } from "../lib/engine/reach";
import { groupSegments } from "../lib/engine/signatureGroups";
import { dileptonAcceptance, signatureGroups } from "../lib/models/dipole/signatureAcceptance";
import { transverseAcceptance } from "../lib/detector/geometry";
import { DIPOLE_SIGNATURES, dipoleMassPoint, makeSetup } from "../lib/signatures";

const hl = makeSetup("fasernu2-faser2");
const run3 = makeSetup("fasernu-faser");
const logGrid = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => Math.exp(Math.log(a) + ((Math.log(b) - Math.log(a)) * i) / (n - 1)));

/** Largest relative difference of two arrays of the same length (0 where both are 0). */
function maxRel(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  a.forEach((x, i) => (worst = Math.max(worst, x === b[i] ? 0 : Math.abs(x - b[i]!) / Math.max(Math.abs(x), Math.abs(b[i]!)))));
  return worst;
}

describe("collapse while tabulating, nodes not kept", () => {
  for (const mN of [0.003, 0.4, 6]) {
    it(`m_N = ${mN} GeV: the streamed segments are collapseSegments of the finished table (cells and bins exactly, sums to rounding)`, () => {
      const p = dipoleMassPoint(mN, "universal", hl);
      const groups = signatureGroups(mN, transverseAcceptance(hl.detector), p.decay!, () => p.production, () => p.productionElectron);
      for (const g of [0, 1]) {
        const streamed = groupSegments(p)!(g);
        const direct = collapseSegments(p.production, groups[g]!.members.length, groups[g]!.accept, groups[g]!.opts);
        expect(streamed.bins).toBe(direct.bins);
        expect(Array.from(streamed.cell)).toEqual(Array.from(direct.cell));
        expect(Array.from(streamed.bin)).toEqual(Array.from(direct.bin));
        // the sums: the same but for the batch acceptances' ln E_N and 1/p_N (to their rounding, signatureAcceptance;
        // ~10⁻¹² relative just above a cut, where an acceptance is a small difference)
        expect(maxRel(streamed.w, direct.w)).toBeLessThan(1e-11);
        expect(maxRel(streamed.wE, direct.wE)).toBeLessThan(1e-11);
      }
    });

    it(`m_N = ${mN} GeV: a point without kept nodes has the same signatures, and its nodes when read are the kept ones`, () => {
      const kept = dipoleMassPoint(mN, "tau", hl);
      const lean = dipoleMassPoint(mN, "tau", hl, { keepNodes: false });
      for (const s of DIPOLE_SIGNATURES) {
        expect(Array.from(lean.signatures[s].weight)).toEqual(Array.from(kept.signatures[s].weight));
        expect(Array.from(lean.signatures[s].EN)).toEqual(Array.from(kept.signatures[s].EN));
      }
      expect(Array.from(lean.production.nodes.weight)).toEqual(Array.from(kept.production.nodes.weight));
      expect(Array.from(lean.production.nodes.EN)).toEqual(Array.from(kept.production.nodes.EN));
      expect(Array.from(lean.production.nodes.bin)).toEqual(Array.from(kept.production.nodes.bin));
    });
  }

  it("the batch dilepton acceptance equals the one-energy form at every energy, below, inside and above the grid", () => {
    const fs = [(E: number) => 1 - 100 / E, (E: number) => Math.sqrt(1 - 100 / E)];
    const one = dileptonAcceptance(fs, [0.3, 0.2], 100, 2e4);
    // a log grid, and the energies of cells (E_ν − |t|/2M on a |t| grid: ln E from a nearby energy's, to the rounding)
    const cells = logGrid(90, 3e4, 40).flatMap((Enu) => logGrid(1e-12, 0.3 * Enu, 60).map((at) => Enu - at));
    for (const E of [Float64Array.from(logGrid(50, 4e4, 997)), Float64Array.from(cells)]) {
      const out = new Float64Array(E.length + 3);
      one.many(E, E.length, out, 3, 0.7);
      let worst = 0;
      E.forEach((e, i) => {
        const want = 0.7 * one(e);
        if (want === 0) expect(out[3 + i]).toBe(0);
        else worst = Math.max(worst, Math.abs(out[3 + i]! / want - 1));
      });
      expect(worst).toBeLessThan(1e-13);
      // a call's values depend on its energies only (not on the calls before)
      const again = new Float64Array(E.length + 3);
      one.many(E.subarray(5), E.length - 5, again, 0, 0.7);
      const fresh = dileptonAcceptance(fs, [0.3, 0.2], 100, 2e4), ref = new Float64Array(E.length);
      fresh.many(E.subarray(5), E.length - 5, ref, 0, 0.7);
      expect(Array.from(again)).toEqual(Array.from(ref).concat([0, 0, 0]).slice(0, again.length));
    }
  });
});

describe("event counts of a μ_N scan (lib/engine/decayScan)", () => {
  const points = [0.002, 0.05, 0.7, 3].flatMap((m) => [dipoleMassPoint(m, "universal", hl), dipoleMassPoint(m, "universal", run3)]);

  it("fastEvents is sig.events (tungsten and no decay bit for bit, vessel to the rounding) for every signature, from long-lived to far past the upper edge", () => {
    let vesselNonZero = 0;
    for (const p of points) {
      for (const s of DIPOLE_SIGNATURES) {
        const sig = p.signatures[s], ev = fastEvents(sig);
        for (const mu of logGrid(1e-11, 1e-2, 37)) {
          const a = ev(mu * mu), b = sig.events(mu * mu);
          if (sig.region !== "vessel") expect(a).toBe(b);
          else {
            // an exact 0 stays an exact 0 (the underflow skip), else the rounding of reordered products,
            // and of the exponent a/d: amplified by its size |a/d| ≲ |ln N| far past the upper edge
            expect(a === 0).toBe(b === 0);
            if (b > 0) vesselNonZero++;
            if (b > 0) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-15 * (10 + Math.abs(Math.log(b))) * b);
          }
        }
      }
    }
    expect(vesselNonZero).toBeGreaterThan(50);
    expect(() => fastEvents(points[0]!.signatures["vessel-photons"])(0)).toThrow(RangeError);
  });

  it("the vessel count is non-decreasing below increasingBelow and non-increasing above decreasingAbove (2000-point grid)", () => {
    for (const p of points) {
      for (const s of ["vessel-photons", "vessel-dileptons"] as const) {
        const sig = p.signatures[s];
        const r = monotoneRange(sig)!;
        expect(r.increasingBelow).toBeLessThanOrEqual(r.decreasingAbove);
        const ks = logGrid(1e-24, 1e-2, 2000), ev = ks.map((k) => sig.events(k));
        for (let i = 1; i < ks.length; i++) {
          if (ks[i]! <= r.increasingBelow) expect(ev[i]!).toBeGreaterThanOrEqual(ev[i - 1]!);
          if (ks[i - 1]! >= r.decreasingAbove) expect(ev[i]!).toBeLessThanOrEqual(ev[i - 1]!);
        }
        // and it is not vacuous: a maximum inside the grid lies between the two bounds
        const iMax = ev.indexOf(Math.max(...ev));
        if (ev[iMax]! > 0 && iMax > 0 && iMax < ks.length - 1) {
          expect(ks[iMax]!).toBeGreaterThanOrEqual(r.increasingBelow / 1.02);
          expect(ks[iMax]!).toBeLessThanOrEqual(r.decreasingAbove * 1.02);
        }
      }
    }
  });

  it("edges with the shape are those of the full scan (both edges, maximum, where), with a quarter of the evaluations", () => {
    let withShape = 0, full = 0;
    for (const p of points) {
      for (const s of ["vessel-photons", "vessel-dileptons"] as const) {
        const sig = p.signatures[s], r = monotoneRange(sig)!;
        const shape = { increasingBelow: Math.sqrt(r.increasingBelow), decreasingAbove: Math.sqrt(r.decreasingAbove) };
        const count = (c: { n: number }) => (mu: number) => (c.n++, sig.events(mu * mu));
        const a = { n: 0 }, b = { n: 0 };
        const levels = [0.01, 3, 30, 1e4];
        const got = findEdgesAt(count(a), levels, p.mN, { yMin: 1e-10, yMax: 1e-3, shape });
        const ref = findEdgesAt(count(b), levels, p.mN, { yMin: 1e-10, yMax: 1e-3 });
        expect(got).toEqual(ref);
        withShape += a.n;
        full += b.n;
      }
    }
    expect(withShape).toBeLessThan(0.5 * full);
  });

  it("a unimodal toy with its mode as the shape gives the full scan's edges; a flat head keeps the first maximum", () => {
    const toy = (y: number) => 1e24 * y ** 4 * Math.exp((-y * y) / 1e-10);
    const mode = Math.sqrt(2e-10);
    const opts = { yMin: 1e-9, yMax: 1e-3 };
    expect(findEdgesAt(toy, [3, 30, 1e5], 1, { ...opts, shape: { increasingBelow: mode, decreasingAbove: mode } })).toEqual(findEdgesAt(toy, [3, 30, 1e5], 1, opts));
    const capped = (y: number) => Math.min(toy(y), 50);
    expect(findEdgesAt(capped, [3], 1, { ...opts, shape: { increasingBelow: mode, decreasingAbove: mode } })).toEqual(findEdgesAt(capped, [3], 1, opts));
    expect(findEdgesAt(() => 0, [3], 1, { ...opts, shape: { increasingBelow: 1e-6, decreasingAbove: 1e-5 } })).toEqual(findEdgesAt(() => 0, [3], 1, opts));
  });
});
