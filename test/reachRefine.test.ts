import { describe, expect, it } from "vitest";
import { type EdgePair, findEdges, joinEdges, logGrid, massesToRefine, refineMassGridAhead, refineMassGridSync } from "../lib/engine/reach";

// toy signal with both edges in y: N(y) = A y⁴ exp(−y²/c), maximum A (2c)² e⁻² at y² = 2c
const c = 1e-10;
const toy = (A: number) => (y: number) => A * y ** 4 * Math.exp((-y * y) / c);
const A3 = 3 / ((2 * c) ** 2 * Math.exp(-2)); // A at which the maximum is exactly N = 3
const scan = { yMin: 1e-9, yMax: 1e-3 };

/** Segments drawn by a line (pairs of consecutive points not separated by a break). */
function segments(l: { x: number[]; y: number[]; breaks?: readonly number[] }): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let i = 1; i < l.x.length; i++) if (!(l.breaks ?? []).includes(i)) out.push([l.x[i - 1]!, l.y[i - 1]!, l.x[i]!, l.y[i]!]);
  return out;
}

describe("reach finder: where a contour leaves the scanned range", () => {
  it("a region that ends inside the mass range at high mass is open at low mass only, and turns at its tip", () => {
    const masses = logGrid(1, 100, 30);
    const edges = masses.map((m) => findEdges(toy(10 * A3 * (7 / m) ** 4), 3, m, scan));
    const l = joinEdges(edges, "t", "t", 3)!;
    expect(l.openAt).toEqual(["low-mass"]);
    expect(l.closed).toBe(false);
    expect(l.breaks).toEqual([]);
    // it starts and ends at the first scanned mass (lower and upper branch) and never draws along it
    expect(l.x[0]).toBe(1);
    expect(l.x[l.x.length - 1]).toBe(1);
    expect(segments(l).some(([x0, , x1]) => x0 === 1 && x1 === 1)).toBe(false);
  });

  it("a region closed at low mass and still open at the last scanned mass is not closed by a vertical segment at the scan edge", () => {
    const masses = logGrid(1, 100, 30);
    const edges = masses.map((m) => findEdges(toy(10 * A3 * (m / 3) ** 4), 3, m, scan));
    const l = joinEdges(edges, "t", "t", 3)!;
    expect(l.openAt).toEqual(["high-mass"]);
    expect(l.closed).toBe(false);
    expect(l.breaks).toEqual([]);
    expect(l.x[0]).toBe(100);
    expect(l.x[l.x.length - 1]).toBe(100);
    expect(segments(l).some(([x0, , x1]) => x0 === 100 && x1 === 100)).toBe(false);
    expect(Math.min(...l.x)).toBeLessThan(3); // the tip, refined between grid masses
  });

  it("a region open at both mass ends is two pieces (lower and upper branch), one break, no segment along either scan edge", () => {
    const masses = logGrid(1, 100, 20);
    const edges = masses.map((m) => findEdges(toy(100 * A3), 3, m, scan));
    const l = joinEdges(edges, "t", "t", 3)!;
    expect(l.openAt).toEqual(["low-mass", "high-mass"]);
    expect(l.breaks).toHaveLength(1);
    expect(segments(l).some(([x0, , x1]) => x0 === x1)).toBe(false);
    expect(segments(l)).toHaveLength(2 * (masses.length - 1));
  });

  it("a region reaching above the scanned couplings reports high-coupling and leaves the line open at the top", () => {
    const masses = logGrid(1, 100, 20);
    // the whole toy stretched by 0.1 m² in y: the upper edge passes yMax = 1e-3 for the heavier masses
    const edges = masses.map((m) => findEdges((y) => toy(1e3 * A3)(y / (m * m * 0.1)), 3, m, { yMin: 1e-9, yMax: 1e-3 }));
    const l = joinEdges(edges, "t", "t", 3)!;
    expect(l.openAt).toContain("high-coupling");
    expect(l.closed).toBe(false);
  });

  it("a region closed on both sides in mass is a closed line with no break and no open side", () => {
    const masses = logGrid(1, 100, 30);
    const edges = masses.map((m) => findEdges(toy(10 * A3 * Math.exp(-4 * Math.log(m / 10) ** 2)), 3, m, scan));
    const l = joinEdges(edges, "t", "t", 3)!;
    expect(l.closed).toBe(true);
    expect(l.openAt).toEqual([]);
    expect(l.breaks).toEqual([]);
  });
});

describe("adaptive mass grid", () => {
  // maximum = 3 exp(3(1 − m²/mTip²)): the region ends at exactly m = mTip; not a power law, so the
  // log-log interpolation of the tip between two grid masses is not exact
  const mTip = 7.3;
  const evaluate = (m: number) => ({ m, e: findEdges(toy(A3 * Math.exp(3 * (1 - (m / mTip) ** 2))), 3, m, scan) });
  const lines = (r: { e: EdgePair }) => [r.e];

  it("bisects in log m around a tip until the tip is bracketed to 2 % and the interpolated tip is within 2 % of the true one", () => {
    const coarse = logGrid(1, 100, 11); // ln-step 0.46
    const rows = refineMassGridSync(coarse, evaluate, (r) => r.m, lines, { tipLogTol: 0.02, maxRounds: 8 });
    const i = rows.findIndex((r) => r.e.lower === null && r.e.upper === null);
    const a = rows[i - 1]!.m, b = rows[i]!.m;
    expect(a).toBeLessThan(mTip);
    expect(b).toBeGreaterThan(mTip);
    expect(Math.log(b / a)).toBeLessThanOrEqual(0.02);
    const l = joinEdges(rows.map((r) => r.e), "t", "t", 3)!;
    expect(Math.abs(Math.log(Math.max(...l.x) / mTip))).toBeLessThan(0.02);
    // and the coarse grid alone misses it by more
    const l0 = joinEdges(coarse.map((m) => evaluate(m).e), "t", "t", 3)!;
    expect(Math.abs(Math.log(Math.max(...l0.x) / mTip))).toBeGreaterThan(0.02);
    // cost: a handful of masses per round, not a uniformly finer grid (11 × 2⁵ points)
    expect(rows.length).toBeLessThan(11 + 8 * 6);
  });

  it("asks for nothing when every interval is finer than the tolerance or nothing changes, and rejects unsorted masses", () => {
    const flat = logGrid(1, 1.5, 40).map((m) => findEdges(toy(10 * A3), 3, m, scan));
    expect(massesToRefine([flat])).toEqual([]);
    const far = [1, 100].map((m) => findEdges(toy(10 * A3), 3, m, scan));
    expect(massesToRefine([far])).toEqual([]); // same edges at both masses: nothing to resolve
    expect(() => massesToRefine([[far[1]!, far[0]!]])).toThrow(/increase/);
  });

  it("resolves an edge that changes fast between neighbours", () => {
    const steep = [1, 2].map((m) => findEdges(toy(10 * A3 * m ** 40), 3, m, scan));
    expect(massesToRefine([steep])).toEqual([Math.SQRT2]);
  });

  it("asking for masses ahead of the rounds gives the rounds' grid, each mass evaluated once, also when a round is capped", async () => {
    const coarse = logGrid(1, 100, 11);
    for (const opts of [{ tipLogTol: 0.02, maxRounds: 8 }, { tipLogTol: 0.005, maxRounds: 8, maxNewPerRound: 1 }]) {
      const want = refineMassGridSync(coarse, evaluate, (r) => r.m, lines, opts);
      const calls: number[] = [];
      // answers out of order (a later request may finish first), as worker threads do
      const got = await refineMassGridAhead(coarse, (m) => {
        calls.push(m);
        return new Promise<ReturnType<typeof evaluate>>((ok) => setTimeout(() => ok(evaluate(m)), (calls.length * 7) % 5));
      }, (r) => r.m, lines, opts);
      expect(got.map((r) => r.m)).toEqual(want.map((r) => r.m));
      expect(got.map((r) => r.e)).toEqual(want.map((r) => r.e));
      expect(new Set(calls).size).toBe(calls.length);
      // uncapped, nothing is evaluated in vain; capped, the replay takes at most one mass a round (8 rounds)
      if (opts.maxNewPerRound === undefined) expect(calls.length).toBe(want.length);
      else expect(want.length).toBeLessThanOrEqual(11 + 8);
    }
  });

  it("a failed evaluation fails the refinement only where the rounds need that mass", async () => {
    const coarse = logGrid(1, 100, 11);
    const bad = (m: number) => (m === coarse[3] ? Promise.reject(new RangeError("bad mass")) : Promise.resolve(evaluate(m)));
    await expect(refineMassGridAhead(coarse, bad, (r) => r.m, lines, { tipLogTol: 0.02 })).rejects.toThrow(/bad mass/);
  });
});
