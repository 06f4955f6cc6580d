import { dataDir } from "../lib/dataDir";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fasernu2Faser2 } from "../lib/geometry";
import {
  GENERATORS,
  compareInCone,
  defaultMesonDensity,
  defaultMesonSpectrum,
  mesonSpectraByGenerator,
  parseAngleMomentumTable,
  readAngleMomentumTable,
  readMesonSpectrum,
  sigmaInCone,
  totalSigma,
  vesselDistances,
} from "../lib/production";
import { fb_inv, mb, pb, pb_inv } from "../lib/units";

const HADRONS = dataDir("hadrons"); // the shipped FORESEE tables (byte-identical to the source, test/vendored.test.ts)
const FIX = join(__dirname, "fixtures", "mesons");

describe("angle–momentum table reader", () => {
  it("reads a 3-column table: bins in pb, the Normalization header, Σ bins", () => {
    const t = readAngleMomentumTable(join(FIX, "tiny_111.txt"));
    expect(t.sigma.length).toBe(4);
    expect(totalSigma(t) / pb).toBeCloseTo(6, 12);
    expect((t.normalization as number) / pb).toBeCloseTo(6, 12);
    expect(t.log10Theta[0]).toBe(-3.025);
    expect(t.log10P[1]).toBe(3.025);
  });
  it("number of particles = Σ bins × luminosity (1 fb⁻¹ = 1000 pb⁻¹): 6 pb × 3000 fb⁻¹ = 1.8e7", () => {
    const t = readAngleMomentumTable(join(FIX, "tiny_111.txt"));
    expect(totalSigma(t) * 3000 * fb_inv).toBeCloseTo(1.8e7, 3);
    expect(1000 * pb_inv).toBeCloseTo(fb_inv, 6);
  });
  it("cone selection uses bin centres: θ < 1 mrad keeps the log10θ = −3.025 row only", () => {
    const t = readAngleMomentumTable(join(FIX, "tiny_111.txt"));
    expect(sigmaInCone(t, 1e-3) / pb).toBeCloseTo(3, 12);
    expect(sigmaInCone(t, 1e-3, 1000) / pb).toBeCloseTo(2, 12);
  });
  const bad: [string, string, RegExp][] = [
    ["two columns", "-3.025 2.975\n", /bad\.txt:1: expected 3 numbers/],
    ["not a number", "-3.025 2.975 abc\n", /bad\.txt:1: "abc" is not a finite number/],
    ["infinite", "# h\n-3.025 2.975 Infinity\n", /bad\.txt:2: "Infinity" is not a finite number/],
    ["negative cross section", "-3.025 2.975 -1\n", /bad\.txt:1: cross section -1 pb must be ≥ 0/],
    ["off the 0.05-dex grid", "-3.025 2.975 1\n-3.01 2.975 1\n", /bad\.txt:2: log10\(θ\) = -3.01 is not a bin centre/],
    ["a repeated bin", "-3.025 2.975 1\n-3.025 2.975 1\n", /bad\.txt:2: .*repeats line 1/],
    ["no data", "# only a header\n", /bad\.txt:2: no data lines/],
    ["a bad normalization", "# Normalization: -5 pb\n-3.025 2.975 1\n", /bad\.txt:1: normalization/],
  ];
  for (const [what, text, re] of bad) {
    it(`rejects ${what}, naming the file and line`, () => {
      expect(() => parseAngleMomentumTable(text, "bad.txt")).toThrow(re);
    });
  }
  it("a missing file is an error naming the path", () => {
    expect(() => readAngleMomentumTable(join(FIX, "nope.txt"))).toThrow(/nope\.txt: cannot read/);
  });
});

describe("14 TeV meson tables (data/hadrons)", () => {
  it("the Normalization header equals Σ bins: each file holds the whole forward hemisphere", () => {
    for (const m of ["pi0", "eta"] as const) {
      const t = readMesonSpectrum(HADRONS, "EPOSLHC", m);
      expect(t.sigma.length).toBe(21000);
      expect(totalSigma(t) / (t.normalization as number)).toBeCloseTo(1, 4);
    }
  });
  it("forward π⁰ per inelastic collision is ~19 (σ_π⁰ / σ_inel with σ_inel ≈ 80 mb): the tables are per pp cross section", () => {
    // Hand estimate: ⟨N_ch⟩ ≈ 70 at 14 TeV over all rapidities, π⁰ ≈ N_ch/2 → ≈ 35 π⁰ per
    // event, half of them in the forward hemisphere: ≈ 18.
    const t = readMesonSpectrum(HADRONS, "EPOSLHC", "pi0");
    const perEvent = totalSigma(t) / (80 * mb);
    expect(perEvent).toBeGreaterThan(12);
    expect(perEvent).toBeLessThan(28);
  });
  it("the generator band: EPOS-LHC, SIBYLL and QGSJET give π⁰ and η counts inside the FASER 2 cone within a factor 2 of each other (the spread is the uncertainty band)", () => {
    const { L1, R } = vesselDistances(fasernu2Faser2());
    for (const m of ["pi0", "eta"] as const) {
      const s = mesonSpectraByGenerator(HADRONS, m);
      const n = GENERATORS.map((g) => sigmaInCone(s[g], R / L1, 100) * 3000 * fb_inv);
      console.log(`${m} with p > 100 GeV in θ < R/L₁ for 3000 fb⁻¹: ${GENERATORS.map((g, i) => `${g} ${n[i]!.toExponential(3)}`).join(", ")}`);
      expect(Math.max(...n) / Math.min(...n)).toBeLessThan(2);
    }
  });
  it("the embedded default reproduces EPOS-LHC within 10% in the momentum bins holding 99% of the mesons inside the FASER 2 acceptance", () => {
    const { L1, R } = vesselDistances(fasernu2Faser2());
    for (const m of ["pi0", "eta"] as const) {
      const c = compareInCone(defaultMesonSpectrum(m), readMesonSpectrum(HADRONS, "EPOSLHC", m), R / L1, 0.99);
      const dev = c.ratio.map((r) => Math.abs(r - 1));
      const worst = dev.indexOf(Math.max(...dev));
      console.log(
        `${m}: ${c.ratio.length} bins (p = ${(10 ** c.log10P[0]!).toFixed(1)}–${(10 ** c.log10P[c.log10P.length - 1]!).toFixed(0)} GeV), ` +
          `max |default/EPOS − 1| = ${(dev[worst]! * 100).toFixed(1)}% at p = ${(10 ** c.log10P[worst]!).toFixed(0)} GeV, in-cone total ratio ${c.totalRatio.toFixed(4)}`,
      );
      expect(Math.max(...dev)).toBeLessThan(0.1);
      expect(Math.abs(c.totalRatio - 1)).toBeLessThan(0.02);
    }
  });
  it("the default also follows the high-momentum tail p > 4 TeV in the cone (which dominates short-lived Z_D) within 15%", () => {
    const { L1, R } = vesselDistances(fasernu2Faser2());
    for (const m of ["pi0", "eta"] as const) {
      const r = sigmaInCone(defaultMesonSpectrum(m), R / L1, 4000) / sigmaInCone(readMesonSpectrum(HADRONS, "EPOSLHC", m), R / L1, 4000);
      console.log(`${m}: default/EPOS for p > 4 TeV in the cone = ${r.toFixed(3)}`);
      expect(Math.abs(r - 1)).toBeLessThan(0.15);
    }
  });
});

describe("embedded default meson spectra", () => {
  it("vanish outside their domain (θ ≥ 20 mrad, p ≥ p_beam, p_T ≥ 3 GeV) and are positive inside", () => {
    expect(defaultMesonDensity("pi0", 0.03, 100)).toBe(0);
    expect(defaultMesonDensity("pi0", 1e-4, 7001)).toBe(0);
    expect(defaultMesonDensity("eta", 1e-2, 400)).toBe(0); // p_T = 4 GeV
    expect(defaultMesonDensity("pi0", 1e-3, 1000)).toBeGreaterThan(0);
    expect(defaultMesonDensity("eta", 1e-3, 1000)).toBeGreaterThan(0);
  });
  it("at fixed x the density per dlog10θ grows like θ² at small θ (finite d²σ/dp_T² as p_T → 0)", () => {
    const r = defaultMesonDensity("pi0", 2e-9, 1000) / defaultMesonDensity("pi0", 1e-9, 1000);
    expect(Math.abs(r / 4 - 1)).toBeLessThan(0.01);
  });
  it("the η/π⁰ ratio in the forward cone is of order 0.1 (η/π⁰ ≈ 0.1 at high energy)", () => {
    const { L1, R } = vesselDistances(fasernu2Faser2());
    const r = sigmaInCone(defaultMesonSpectrum("eta"), R / L1) / sigmaInCone(defaultMesonSpectrum("pi0"), R / L1);
    expect(r).toBeGreaterThan(0.05);
    expect(r).toBeLessThan(0.25);
  });
  it("an unknown meson or generator is a RangeError", () => {
    expect(() => defaultMesonDensity("kaon" as never, 1e-3, 100)).toThrow(RangeError);
    expect(() => readMesonSpectrum(HADRONS, "PYTHIA" as never, "pi0")).toThrow(/generator = "PYTHIA"/);
  });
});
