import { describe, expect, it } from "vitest";
import { findEdges, findEdgesAt } from "../lib/engine/reach";
import { fig1Mass } from "../lib/figures/fig1";
import { dipoleMassPoint, makeSetup } from "../lib/signatures";

/** The edge finder as it was before issue 15: full scan, then plain bisection in log y (the reference). */
function plainEdges(events: (y: number) => number, level: number, yMin: number, yMax: number, n = 121, tol = 1e-6) {
  const L0 = Math.log(yMin), L1 = Math.log(yMax);
  const ys: number[] = [], ev: number[] = [];
  let iMax = 0;
  for (let i = 0; i < n; i++) {
    ys.push(Math.exp(L0 + ((L1 - L0) * i) / (n - 1)));
    ev.push(events(ys[i]!));
    if (ev[i]! > ev[iMax]!) iMax = i;
  }
  const bisect = (a: number, b: number, aAbove: boolean) => {
    let la = Math.log(a), lb = Math.log(b);
    while (lb - la > tol) {
      const mid = 0.5 * (la + lb);
      if ((events(Math.exp(mid)) >= level) === aAbove) la = mid;
      else lb = mid;
    }
    return Math.exp(0.5 * (la + lb));
  };
  let lower: number | null = null, upper: number | null = null;
  if (ev[iMax]! >= level) {
    for (let i = 0; i < iMax; i++) if (ev[i]! < level && ev[i + 1]! >= level) { lower = bisect(ys[i]!, ys[i + 1]!, false); break; }
    for (let i = n - 1; i > iMax; i--) if (ev[i]! < level && ev[i - 1]! >= level) { upper = bisect(ys[i - 1]!, ys[i]!, true); break; }
  }
  return { lower, upper, maxEvents: ev[iMax]!, yAtMax: ys[iMax]! };
}

/** A function and a counter of its calls. */
function counted(f: (y: number) => number): { f: (y: number) => number; calls: () => number } {
  let n = 0;
  return { f: (y) => (n++, f(y)), calls: () => n };
}

describe("edge scan (issue 15): the same edges as full scan + bisection, with fewer evaluations", () => {
  // both edges: N(y) = A y⁴ e^{−y²/c}; a power law (monotone); a two-bump count (outermost crossings)
  const toy = (y: number) => 1e24 * y ** 4 * Math.exp((-y * y) / 1e-10);
  const power = (y: number) => 3e12 * y * y;
  const twoBumps = (y: number) => toy(y) + 0.5 * toy(y * 30);
  const opts = { yMin: 1e-9, yMax: 1e-3 };

  it("every level's edges are the plain bisection's, to the last bit (toy, two bumps, levels 0.1 … 1e5)", () => {
    for (const f of [toy, twoBumps]) {
      const levels = [0.1, 3, 30, 1e5];
      const got = findEdgesAt(f, levels, 1, opts);
      levels.forEach((L, i) => {
        const ref = plainEdges(f, L, opts.yMin, opts.yMax);
        expect({ lower: got[i]!.lower, upper: got[i]!.upper, maxEvents: got[i]!.maxEvents, yAtMax: got[i]!.yAtMax }).toEqual(ref);
        expect(findEdges(f, L, 1, opts)).toEqual(got[i]);
      });
    }
  });

  it("refining a crossing takes well under the ~17 evaluations of bisection to 1e-6", () => {
    const c = counted(toy);
    findEdges(c.f, 3, 1, opts);
    const refine = c.calls() - 121; // two crossings after the 121-point scan
    expect(refine).toBeLessThan(2 * 9);
    expect(refine).toBeGreaterThan(0);
  });

  it("monotone: a binary search of the grid gives the full scan's edges and maximum with ~10 evaluations per level", () => {
    for (const L of [1e-20, 1e-3, 3, 1e3, 1e30]) {
      const c = counted(power);
      const got = findEdges(c.f, L, 1, { ...opts, monotone: "increasing" });
      expect(got).toEqual(findEdges(power, L, 1, opts));
      expect(c.calls()).toBeLessThan(40);
    }
    // zero everywhere: the first grid point is the (first) maximum, as in the full scan
    expect(findEdges(() => 0, 3, 1, { ...opts, monotone: "increasing" })).toEqual(findEdges(() => 0, 3, 1, opts));
    // flat at the top (not strictly rising): falls back to the full scan
    const capped = (y: number) => Math.min(power(y), 1e4);
    expect(findEdges(capped, 3, 1, { ...opts, monotone: "increasing" })).toEqual(findEdges(capped, 3, 1, opts));
  });

  it("bad input stays a RangeError on every path", () => {
    expect(() => findEdges(() => NaN, 3, 1, { ...opts, monotone: "increasing" })).toThrow(RangeError);
    expect(() => findEdgesAt(toy, [3, -1], 1, opts)).toThrow(/level/);
  });
});

describe("Fig. 1: the counts searched as non-decreasing in μ_N are so", () => {
  it("ECC photons and electron scattering rise with μ_N on the scan grid (m_N = 0.01, 0.3, 3 GeV), the vessel count does not (3 GeV)", () => {
    const setup = makeSetup("fasernu2-faser2");
    const mus = Array.from({ length: 121 }, (_, i) => 1e-10 * Math.pow(1e7, i / 120));
    for (const m of [0.01, 0.3, 3]) {
      const p = dipoleMassPoint(m, "universal", setup);
      if (m === 3) {
        // at 3 GeV the N decay before the vessel at large μ_N: the vessel count falls there
        const v = mus.map((mu) => p.signatures["vessel-photons"].events(mu * mu));
        expect(v.some((e, i) => i > 0 && e < v[i - 1]!)).toBe(true);
      }
      for (const s of ["ecc-photons-1tev", "ecc-photons-3tev", "electron-scattering"] as const) {
        const ev = mus.map((mu) => p.signatures[s].events(mu * mu));
        ev.slice(1).forEach((e, i) => expect(e).toBeGreaterThanOrEqual(ev[i]!));
      }
    }
  });

  it("fig1Mass's edges equal a full scan of each line (m_N = 0.05, 1 GeV; the vessel maximum to the rounding)", () => {
    const setup = makeSetup("fasernu2-faser2");
    for (const m of [0.05, 1]) {
      const r = fig1Mass(m, { panel: "universal" });
      const p = dipoleMassPoint(m, "universal", setup);
      const full = (s: "ecc-photons-1tev" | "electron-scattering" | "vessel-photons", L: number) => findEdges((mu) => p.signatures[s].events(mu * mu), L, m, { yMin: 1e-10, yMax: 1e-3 });
      expect(r.edges["ecc-1tev-N30"]).toEqual(full("ecc-photons-1tev", 30));
      expect(r.edges["electron-scattering-N20"]).toEqual(full("electron-scattering", 20));
      // the vessel count of the scan (decayScan fastEvents) is sig.events to the rounding: the same
      // edges and maximum's place, the maximum itself to 1e-14
      const { maxEvents, ...vessel } = r.edges["vessel-photons-N30"]!;
      const { maxEvents: fullMax, ...fullVessel } = full("vessel-photons", 30);
      expect(vessel).toEqual(fullVessel);
      expect(Math.abs(maxEvents - fullMax)).toBeLessThanOrEqual(1e-14 * fullMax);
    }
  });
});
