import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  fig4DefaultMasses,
  fig4Lines,
  fig4MassPoints,
  fig4ResonanceMasses,
  fig4RightPanel,
  fig4Panels,
  hnlTauBoundsDir,
  readHnlTauBounds,
} from "../lib/figures/fig4";
import { fig4PaperComparison, fig4ScalingCheck, massRangesAbove } from "../lib/figures/fig4Checks";
import { F1_POLES, protonFormFactorF1Squared } from "../lib/ip/bremsstrahlung";
import { fig4Benchmark } from "../lib/models/darkBoson";
import { heavyZDMassPoint } from "../lib/models/darkBoson/fig4/heavyZD";
import { makeSetup } from "../lib/engine/setup";
import { darkbosonElectronEvents } from "../cli/darkbosonElectron";
import { UsageError } from "../cli/options";
import { parseFor } from "../cli/options";

/** The package's data/bounds/hnl-tau (copied from the reference data; never committed from this branch). */
const BOUNDS = path.resolve(__dirname, "../data/bounds/hnl-tau");

describe("Fig. 4 left: the (m_N, |U_τN|²) plane", () => {
  const masses = [0.006, 0.02, 0.06];
  const points = fig4MassPoints({ masses });
  const res = fig4Lines({ points, U2Min: 1e-12, U2Max: 1, boundsDir: BOUNDS });

  it("the electron-scattering line's lower edge is 20/(events per U2) where N survives (both terms ∝ U2)", () => {
    const line = res.lines.find((l) => l.name === "electron-scattering")!;
    const p = points[0]!;
    const perU2 = p.events("inelastic", 1e-9) / 1e-9 + p.events("mixing-elastic", 1e-9) / 1e-9;
    const i = line.x.findIndex((x) => Math.abs(x / masses[0]! - 1) < 1e-12);
    expect(line.y[i]! / (20 / perU2)).toBeCloseTo(1, 3);
  });

  it("the Z_D → N N̄ scattering region is open towards small U2 (production does not need the mixing) and closed above by N decays", () => {
    const line = res.lines.find((l) => l.name === "zd-elastic")!;
    expect(Math.min(...line.y) / 1e-12).toBeCloseTo(1, 6);
    expect(Math.max(...line.y)).toBeLessThan(1);
  });

  it("every line has finite, positive coordinates and a threshold", () => {
    for (const l of res.lines) {
      expect(l.x.length).toBe(l.y.length);
      for (const v of [...l.x, ...l.y]) expect(Number.isFinite(v) && v > 0).toBe(true);
      expect(l.level).toBeGreaterThan(0);
    }
  });

  it("fig4Panels: the right panel from the left panel's points equals the right panel computed on its own (masses ≤ 0.6 GeV kept, heavier dropped)", () => {
    const both = fig4Panels({ points: [...points, ...fig4MassPoints({ masses: [0.9] })], boundsDir: BOUNDS });
    const alone = fig4RightPanel({ masses: [masses[0]!, masses[2]!] });
    expect(both.right.masses).toEqual(masses);
    for (const k of ["faser2", "faser2NoAngle", "charm2"] as const) {
      [0, 2].forEach((i, j) => expect(Math.abs(both.right[k][i]! / alone[k][j]! - 1)).toBeLessThan(1e-12));
    }
    expect(both.left.lines.map((l) => l.name)).toEqual(res.lines.map((l) => l.name));
  });

  it("the right panel is the U2 → 0 limit of the Z_D → N N̄ scattering counts, and releasing the angle cuts only adds events", () => {
    const rp = fig4RightPanel({ points });
    rp.masses.forEach((m, i) => {
      expect(rp.faser2[i]).toBe(points[i]!.events("zd-elastic", 0));
      expect(rp.faser2NoAngle[i]!).toBeGreaterThanOrEqual(rp.faser2[i]!);
    });
    // CHARM-II and the bounds come from the package's data/ by default, never silently dropped
    expect(rp.charm2.every((c) => c > 0)).toBe(true);
    expect(res.regions.length).toBeGreaterThan(0);
    expect(hnlTauBoundsDir()).toBe(BOUNDS);
  });

  it("a missing input directory is a RangeError naming it", () => {
    expect(() => fig4Lines({ points, boundsDir: "/nonexistent/hnl-tau" })).toThrow(/nonexistent\/hnl-tau/);
    expect(() => fig4MassPoints({ masses: [0.02], hadronsDir: "/nonexistent/hadrons" })).toThrow(/hadronsDir.*\/nonexistent\/hadrons/);
  });

  it("the paper-comparison rows restate the right panel's ranges: each CHARM-II range ends at a grid mass ≥ 500 whose neighbour is below", () => {
    const rp = fig4RightPanel({ points });
    const rows = fig4PaperComparison(res, rp);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) for (const v of [r.claim, r.paper, r.nudump, r.reason]) expect(v.length).toBeGreaterThan(5);
    const x = [0.01, 0.02, 0.03, 0.04, 0.05];
    const r = massRangesAbove(x, [600, 700, 400, 800, 10], 500);
    const logCross = (x1: number, y1: number, x2: number, y2: number) => x1 * (x2 / x1) ** (Math.log(y1 / 500) / Math.log(y1 / y2));
    expect(r.length).toBe(2);
    expect(r[0]![0]).toBe(0.01); // open at the grid edge
    expect(r[0]![1] / logCross(0.02, 700, 0.03, 400)).toBeCloseTo(1, 12);
    expect(r[1]![0] / logCross(0.03, 400, 0.04, 800)).toBeCloseTo(1, 12);
    expect(r[1]![1] / logCross(0.04, 800, 0.05, 10)).toBeCloseTo(1, 12);
    for (const [lo, hi] of massRangesAbove(rp.masses, rp.charm2, 500)) expect(hi).toBeGreaterThanOrEqual(lo);
  });
});

describe("the ρ/ω resonance of the bremsstrahlung is resolved (m_ZD = 8 m_N = m_ω)", () => {
  const omega = F1_POLES.find((p) => p.name === "omega(782)")!;

  it("the default grid samples |F₁(m_ZD²)|² so that log-linear interpolation between neighbours is within 3% of the exact value in [0.70, 0.85] GeV", () => {
    const mZD = fig4DefaultMasses().map((m) => 8 * m).filter((m) => m >= 0.7 && m <= 0.85);
    expect(mZD.some((m) => Math.abs(m / omega.mass - 1) < 1e-12)).toBe(true);
    for (let i = 0; i + 1 < mZD.length; i++) {
      const a = mZD[i]!, b = mZD[i + 1]!, mid = (a + b) / 2;
      const interp = Math.sqrt(protonFormFactorF1Squared(a * a) * protonFormFactorF1Squared(b * b));
      expect(Math.abs(interp / protonFormFactorF1Squared(mid * mid) - 1)).toBeLessThan(0.03);
    }
  });

  it("the FASERν2 N e → N e peak is resolved: counts at the midpoints next to the pole follow the grid's interpolation (3%), and the parabola vertex moves < 1% when the spacing is halved", () => {
    const setup = makeSetup("fasernu2-faser2");
    const count = (mZD: number) => Math.log(heavyZDMassPoint(fig4Benchmark(mZD / 8, 1e-6), setup, { signatures: ["zd-elastic"] }).events("zd-elastic", 0));
    const grid = fig4DefaultMasses().map((m) => 8 * m);
    const i = grid.findIndex((m) => Math.abs(m / omega.mass - 1) < 1e-12);
    const [a, b] = [grid[i - 1]!, grid[i + 1]!];
    const [ma, mb] = [(a + omega.mass) / 2, (omega.mass + b) / 2];
    const [ya, y0, yb, yma, ymb] = [a, omega.mass, b, ma, mb].map(count) as [number, number, number, number, number];
    expect(Math.abs(Math.exp(yma - (ya + y0) / 2) - 1)).toBeLessThan(0.03);
    expect(Math.abs(Math.exp(ymb - (y0 + yb) / 2) - 1)).toBeLessThan(0.03);
    // vertex of the parabola in (m_ZD − m_ω, ln N) through three points
    const vertex = (x1: number, y1: number, x2: number, y2: number) => {
      // y = y0 + B x + A x²: (y − y0)/x = B + A x is linear in x
      const d1 = (y1 - y0) / x1, d2 = (y2 - y0) / x2;
      const A = (d2 - d1) / (x2 - x1), B = d1 - A * x1;
      return Math.exp(y0 - (B * B) / (4 * A));
    };
    const coarse = vertex(a - omega.mass, ya, b - omega.mass, yb);
    const fine = vertex(ma - omega.mass, yma, mb - omega.mass, ymb);
    expect(Math.abs(fine / coarse - 1)).toBeLessThan(0.01);
    expect(Math.abs(Math.exp(y0) / fine - 1)).toBeLessThan(0.01); // the grid point at the pole is the peak within 1%
  });
});

describe("the scaling with g_D² U2 α ε²/m_ZD⁴ (§4.3 of arXiv:2011.04751)", () => {
  it("holds in the contact regime m_ZD² ≫ |t|_max ≈ 0.02 GeV² and fails by the propagator at m_ZD = 0.16 GeV", () => {
    const rows = fig4ScalingCheck({ mN: 0.02, U2: 1e-5, mZDs: [0.16, 0.64, 1.28, 2.56] });
    expect(rows.every((r) => Math.abs(r.combination / rows[0]!.combination - 1) < 1e-12)).toBe(true);
    // contact limit: the last two agree within (0.02/1.28²)·2 ≈ 2.5%
    expect(rows[3]!.ratioToFirst / rows[2]!.ratioToFirst).toBeCloseTo(1, 1);
    // at m_ZD = 0.16 GeV the (m_ZD² − t)⁻² suppression removes ~ 25–30% of the contact value
    expect(rows[0]!.ratioToFirst / rows[3]!.ratioToFirst).toBeLessThan(0.8);
  });
});

describe("existing ν_τ-HNL bounds", () => {
  it("are read as |U| and squared: DELPHI's reach becomes |U_τN|² ≈ 1.3e-5", () => {
    const r = readHnlTauBounds(BOUNDS);
    const delphi = r.find((b) => b.name === "delphi_short")!;
    expect(Math.min(...delphi.y)).toBeCloseTo(1.27e-5, 6);
  });
});

describe("CLI: nudump events --model darkboson --signature electron-scattering --production …", () => {
  it("zd-decay gives the FASERν2 N e → N e count of the library and does not need U2", () => {
    const out = darkbosonElectronEvents(parseFor("events", ["--model", "darkboson", "--signature", "electron-scattering", "--production", "zd-decay", "--mN", "0.02", "--U2", "0"])) as { json: { events: number; inputs: { mZD_GeV: number } } };
    expect(out.json.inputs.mZD_GeV).toBeCloseTo(0.16, 12);
    expect(out.json.events).toBeGreaterThan(100);
  });

  it("rejects a non-τ flavour and an unknown production with a usage error", () => {
    expect(() => darkbosonElectronEvents(parseFor("events", ["--model", "darkboson", "--signature", "electron-scattering", "--production", "mixing", "--mN", "0.02", "--U2", "1e-4", "--flavour", "mu"]))).toThrow(UsageError);
    expect(() => darkbosonElectronEvents(parseFor("events", ["--model", "darkboson", "--signature", "electron-scattering", "--production", "beam", "--mN", "0.02"]))).toThrow(UsageError);
  });
});
