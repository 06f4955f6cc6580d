import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildAll } from "../data/bounds/darkboson-fig3/build";
import { fig3BoundsDir, fig3Lines, fig3Masses, fig3Spectrum, parseFig3BoundCsv } from "../lib/figures/fig3";
import { darkBosonPoint, FIG3_PARAMS, chainWidths, darkBosonMassPoint, makeSetup, secondaryDileptonEvents } from "../lib/signatures";

const setup = makeSetup("fasernu2-faser2");

describe("Fig. 3 reach (m_ZD = 30 MeV, α_D = 0.25, αε² = 2e-10)", () => {
  const data = fig3Lines();
  const ee = data.lines.find((l) => l.name === "secondary-ee-N3")!;
  const esc = data.lines.find((l) => l.name === "electron-scattering-N20")!;

  it("the default mass grid starts above m_ZD (N → ν Z_D open) and the line is computed on it", () => {
    // speed is measured by `npm run bench`, not here: a wall-clock limit fails on a loaded machine
    expect(fig3Masses()[0]!).toBeGreaterThan(FIG3_PARAMS.mZD);
    expect(ee.x.length).toBeGreaterThanOrEqual(fig3Masses().length / 2);
    expect(Number.isFinite(data.seconds)).toBe(true);
  });

  it("lower edge of the e⁺e⁻ line at m_N = 1 GeV is 3/(events per unit U2): events ∝ U2 there (prompt N, Γ(νν̄) negligible)", () => {
    const i = ee.x.findIndex((x) => Math.abs(x / 0.994 - 1) < 0.01);
    const mN = ee.x[i]!;
    const p = darkBosonMassPoint(mN, setup);
    const perU2 = secondaryDileptonEvents(p, 1e-8).events / 1e-8;
    expect(ee.y[i]! / (3 / perU2)).toBeCloseTo(1, 2);
  });

  it("upper edge lies above U2 = √(2αε²/α_D) = 4e-5 where Γ(Z_D → νν̄) = Γ(ee), and below 1e-3 (BR(ee) ∝ U2⁻⁴ and d_ZD ∝ U2⁻²)", () => {
    const upper = ee.y.slice(ee.y.length / 2);
    for (const u of upper) {
      expect(u).toBeGreaterThan(4e-5);
      expect(u).toBeLessThan(1e-3);
    }
    const w = chainWidths(darkBosonPoint(FIG3_PARAMS, 0.5, 2.3e-4));
    expect(w.brEE).toBeLessThan(0.05);
  });

  it("the electron-scattering line is 20/(ν_μ e → N e per unit U2) and ends below m_N ≈ 2 GeV (√(2 m_e E_ν) reach)", () => {
    const p = darkBosonMassPoint(0.1, setup);
    const i = esc.x.findIndex((x) => Math.abs(x / 0.0988 - 1) < 0.01);
    const p2 = darkBosonMassPoint(esc.x[i]!, setup);
    expect(esc.y[i]! * p2.productionElectron.total).toBeCloseTo(20, 2);
    expect(Math.max(...esc.x)).toBeLessThan(2.5);
    expect(p.productionElectron.total).toBeGreaterThan(0);
  });

  it("the literal (B.8) reading (ERRATA E10) leaves no N = 3 contour at all", () => {
    const lit = fig3Lines({ masses: [0.1, 1], reading: "literal" });
    expect(lit.lines.find((l) => l.name === "secondary-ee-N3")).toBeUndefined();
    expect(Math.max(...lit.maxEvents.map((m) => m.events))).toBeLessThan(1e-3);
  });

  it("ships the MiniBooNE 3σ RoI of ref. [30] as a closed region, ships the MINERνA and CHARM-II exclusions, and states the primary number", () => {
    expect(data.bounds.map((b) => b.name)).toEqual(["charm2", "minerva", "miniboone_roi_3sigma"]);
    expect(data.bounds.map((b) => [b.label, b.kind])).toEqual([["CHARM-II", "exclusion"], ["MINERνA", "exclusion"], ["MiniBooNE RoI (3σ)", "region-of-interest"]]);
    const roi = data.bounds.find((b) => b.name === "miniboone_roi_3sigma")!;
    expect(roi.closed).toBe(true);
    expect(roi.provenance).toMatch(/1807\.09877/);
    // the region sits inside the plotted plane: 40–730 MeV, U2 between 2e-9 and 1.1e-5
    expect(Math.min(...roi.x)).toBeGreaterThan(0.04);
    expect(Math.max(...roi.x)).toBeLessThan(0.73);
    expect(Math.min(...roi.y)).toBeGreaterThan(2e-9);
    expect(Math.max(...roi.y)).toBeLessThan(1.1e-5);
    expect(data.notes.join(" ")).toMatch(/Shown \(grey\): the MINERνA \[75\] and CHARM-II \[81\]/);
    expect(data.primaryEvents.total).toBeGreaterThan(0);
    expect(data.primaryEvents.total).toBeLessThan(1e-3);
  });
});

describe("Fig. 3 bound files", () => {
  it("the shipped CSVs are exactly what data/bounds/darkboson-fig3/build.ts makes from its verbatim sources", () => {
    for (const [file, text] of buildAll()) expect(readFileSync(path.join(fig3BoundsDir(), file), "utf8"), file).toBe(text);
  });

  it("the reader rejects a missing header, a bad number and a wrong column count, naming the line", () => {
    expect(() => parseFig3BoundCsv("# x\n0.1,1e-8\n", "f.csv")).toThrow(/header/);
    expect(() => parseFig3BoundCsv("mN_GeV,U2\n0.1,abc\n0.2,1e-8\n", "f.csv")).toThrow(/f\.csv:2/);
    expect(() => parseFig3BoundCsv("mN_GeV,U2\n0.1,1e-8,3\n", "f.csv")).toThrow(/columns/);
  });
});

describe("Fig. 3 bi-modal e⁺e⁻ spectrum", () => {
  const s = fig3Spectrum();

  it("the secondary histogram integrates to the secondary event count (all E_ZD of the sample lie in 0.1–25 TeV)", () => {
    const p = darkBosonMassPoint(s.benchmark.mN, setup);
    expect(s.secondary.total / secondaryDileptonEvents(p, s.benchmark.U2).events).toBeCloseTo(1, 4);
  });

  it("secondary Z_D peak at a few hundred GeV, primary ones above 3 TeV (survival over 480 m needs d_ZD ≳ 20 m)", () => {
    expect(s.secondary.modeEnergy).toBeGreaterThan(150);
    expect(s.secondary.modeEnergy).toBeLessThan(600);
    expect(s.primary.modeEnergy).toBeGreaterThan(3000);
    expect(s.primary.meanEnergy / s.secondary.meanEnergy).toBeGreaterThan(5);
  });
});
