import { describe, expect, it } from "vitest";
import { findEdges, joinEdgeIslands, joinEdges, logGrid } from "../lib/engine/reach";
import { assembleFig1, fig1Mass, insidePolygon, FIG1_LINES } from "../lib/figures/fig1";
import { fig2Right } from "../lib/figures/fig2";
import { dipoleMassPoint, makeSetup } from "../lib/signatures";

describe("contour finding in log(coupling)", () => {
  // a toy signal with both edges: N(y) = A y⁴ exp(−y²/c), maximum at y² = 2c
  const A = 1e24, c = 1e-10;
  const toy = (y: number) => A * y ** 4 * Math.exp((-y * y) / c);
  it("finds both edges of N(y) = A y⁴ e^{−y²/c} = 3 to 1e-6 relative (checked by re-evaluation)", () => {
    const e = findEdges(toy, 3, 1, { yMin: 1e-9, yMax: 1e-3 });
    expect(e.lower).not.toBeNull();
    expect(e.upper).not.toBeNull();
    expect(toy(e.lower! * (1 - 1e-5))).toBeLessThan(3);
    expect(toy(e.lower! * (1 + 1e-5))).toBeGreaterThan(3);
    expect(toy(e.upper! * (1 + 1e-5))).toBeLessThan(3);
    // analytic lower edge where the exponential is ~1: y ≈ (3/A)^{1/4}
    expect(e.lower! / Math.pow(3 / A, 0.25)).toBeCloseTo(1, 1);
  });
  it("no edges when the maximum is below the level; the maximum is reported", () => {
    const e = findEdges(toy, 1e30, 1, { yMin: 1e-9, yMax: 1e-3 });
    expect(e.lower).toBeNull();
    expect(e.upper).toBeNull();
    expect(e.maxEvents).toBeGreaterThan(0);
  });
  it("joined edges turn round at the tip where the region ends inside the mass range, and close when it ends on both sides", () => {
    const masses = logGrid(1, 100, 30);
    // ends inside at large mass only: open at the left end, turning at the right tip
    const edges = masses.map((m) => findEdges((y) => toy(y) * Math.exp(-m / 3), 3, m, { yMin: 1e-9, yMax: 1e-3 }));
    const l = joinEdges(edges, "toy", "toy", 3)!;
    expect(l.closed).toBe(false);
    const lastInside = edges.filter((e) => e.lower !== null).pop()!.mass;
    expect(Math.max(...l.x)).toBeGreaterThan(lastInside);
    // an island in mass: closed, first point repeated at the end
    const island = masses.map((m) =>
      findEdges((y) => toy(y) * Math.exp(-4 * Math.log(m / 10) ** 2), 3, m, { yMin: 1e-9, yMax: 1e-3 }),
    );
    const c = joinEdges(island, "island", "island", 3)!;
    expect(c.closed).toBe(true);
    expect(c.x[0]).toBe(c.x[c.x.length - 1]);
    expect(c.y[0]).toBe(c.y[c.y.length - 1]);
  });
  it("bad input: non-finite event counts and inverted ranges are RangeErrors", () => {
    expect(() => findEdges(() => NaN, 3, 1, { yMin: 1e-9, yMax: 1e-3 })).toThrow(RangeError);
    expect(() => findEdges(toy, 3, 1, { yMin: 1e-3, yMax: 1e-9 })).toThrow(/yMax/);
  });
});

describe("Fig. 1 lines", () => {
  it("point-in-polygon in log space: inside a square, outside beyond it", () => {
    const px = [1, 10, 10, 1, 1], py = [1, 1, 10, 10, 1];
    expect(insidePolygon(3, 3, px, py)).toBe(true);
    expect(insidePolygon(30, 3, px, py)).toBe(false);
  });
  it("at m_N = 1 GeV the vessel-photon edges bracket the region and N = 30 lies inside N = 3", () => {
    const r = fig1Mass(1, { panel: "universal" });
    const e3 = r.edges["vessel-photons-N3"]!, e30 = r.edges["vessel-photons-N30"]!;
    expect(e3.lower! < e30.lower!).toBe(true);
    expect(e30.upper! < e3.upper!).toBe(true);
    // the lower edge really is where N = 3
    const p = dipoleMassPoint(1, "universal", makeSetup("fasernu2-faser2"));
    expect(p.signatures["vessel-photons"].events(e3.lower! ** 2)).toBeCloseTo(3, 4);
    expect(p.signatures["vessel-photons"].events(e3.upper! ** 2)).toBeCloseTo(3, 4);
  });
  it("contours are smooth: the lower edge of the N = 3 vessel line changes by < 30% between neighbouring masses of a 61-point grid", () => {
    const masses = logGrid(0.05, 1, 20); // the spacing of the 61-point 1 MeV–10 GeV grid
    const per = masses.map((m) => fig1Mass(m, { panel: "universal" }));
    const lows = per.map((r) => r.edges["vessel-photons-N3"]!.lower!);
    for (let i = 1; i < lows.length; i++) expect(Math.abs(Math.log(lows[i]! / lows[i - 1]!))).toBeLessThan(Math.log(1.3));
    const d = assembleFig1("universal", per);
    expect(d.lines.map((l) => l.name)).toContain("vessel-photons-N3");
    expect(FIG1_LINES.length).toBe(9);
  });
});

describe("Fig. 2 right", () => {
  it("effective BR ≤ total BR, printed normalisation is half the correct width (ERRATA E8)", () => {
    const b = fig2Right({ masses: [0.05, 0.5, 2] });
    b.mN.forEach((_, i) => {
      expect(b.effective.e[i]!).toBeLessThanOrEqual(b.total.e[i]!);
      // BR_printed ≈ BR/2 when BR ≪ 1
      expect(b.printed.e[i]! / b.total.e[i]!).toBeCloseTo(0.5, 1);
    });
    expect(b.total.mu[0]).toBeNull(); // below the μμ threshold
  });
});

describe("islands", () => {
  it("a region in two separate mass ranges gives two lines, not one line jumping between them", () => {
    const masses = logGrid(1, 100, 40);
    const bump = (m: number) => Math.exp(-8 * Math.log(m / 3) ** 2) + Math.exp(-8 * Math.log(m / 40) ** 2);
    const edges = masses.map((m) => findEdges((y) => 1e24 * y ** 4 * Math.exp((-y * y) / 1e-10) * bump(m), 3, m, { yMin: 1e-9, yMax: 1e-3 }));
    const lines = joinEdgeIslands(edges, "two", "two", 3);
    expect(lines.map((l) => l.name)).toEqual(["two", "two-2"]);
    expect(Math.max(...lines[0]!.x)).toBeLessThan(Math.min(...lines[1]!.x));
    // the first island ends inside the scan on both sides; the second still holds N ≥ 3 at the
    // last scanned mass (100): it is left open there, not closed by a segment along m = 100
    expect(lines[0]!.closed).toBe(true);
    expect(lines[1]!.closed).toBe(false);
    expect(lines[1]!.openAt).toEqual(["high-mass"]);
    const l = lines[1]!;
    for (let i = 1; i < l.x.length; i++) expect(l.x[i - 1] === 100 && l.x[i] === 100).toBe(false);
  });
});

describe("findEdges rejects options that would hang or mis-scan (issue 13)", () => {
  const bump = (y: number) => 10 * Math.exp(-((Math.log10(y) + 5) ** 2));
  it("relTol 0 is a RangeError naming relTol, not an endless bisection", () => {
    expect(() => findEdges(bump, 3, 1, { yMin: 1e-10, yMax: 1, relTol: 0 })).toThrow(/relTol = 0/);
  });
  it("scanPoints below 3 or not an integer is a RangeError naming scanPoints", () => {
    expect(() => findEdges(bump, 3, 1, { yMin: 1e-10, yMax: 1, scanPoints: 2 })).toThrow(/scanPoints = 2/);
    expect(() => findEdges(bump, 3, 1, { yMin: 1e-10, yMax: 1, scanPoints: 10.5 })).toThrow(/scanPoints = 10.5/);
  });
  it("valid options still find both edges of the bump", () => {
    const e = findEdges(bump, 3, 1, { yMin: 1e-10, yMax: 1 });
    expect(e.lower).not.toBeNull();
    expect(e.upper).not.toBeNull();
  });
});
