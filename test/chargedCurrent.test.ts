import { describe, it, expect } from "vitest";
import { expectRelClose } from "./support/relClose";
import { dataDir } from "../lib/core/dataDir";
import { join } from "node:path";
import {
  sigmaCC,
  sigmaCCIsoscalar,
  ccShape,
  nonIsoscalarFactor,
  leptonMassSuppression,
  sigmaOverE_nu_PDG,
  sigmaOverE_nubar_PDG,
} from "../lib/flux/chargedCurrent";
import { tungsten, m_tau, m_p, m_n, type Material } from "../lib/core/constants";
import { cm2, cm, GeV, gram, tonne } from "../lib/core/units";
import {
  FLAVOURS,
  PDG_ID,
  readFluxTable,
  makeSpectrum,
  ccInteractionsPerBin,
  fasernuColumnDensity,
  nucleonColumnDensity,
} from "../lib/flux";

const FLUX_DIR = dataDir("flux"); // the shipped Kling–Nevay tables (FASERv/FASER_CCint_<pid>.txt)

describe("charged-current cross sections", () => {
  it("isoscalar σ/E at 100 GeV equals the PDG 2024 averages 0.677 and 0.334 × 10⁻³⁸ cm²/GeV", () => {
    expectRelClose(sigmaCCIsoscalar(100, false) / cm2 / 100, 0.677e-38, 1e-12);
    expectRelClose(sigmaCCIsoscalar(100, true) / cm2 / 100, 0.334e-38, 1e-12);
    expect(sigmaOverE_nubar_PDG / sigmaOverE_nu_PDG).toBeCloseTo(0.334 / 0.677, 12);
  });

  it("σ/E falls slowly with energy (W propagator, parton evolution): power law between the GQRS energies", () => {
    for (const bar of [false, true]) {
      let prev = Infinity;
      for (const E of [10, 30, 100, 300, 1000, 3000, 10000]) {
        const s = ccShape(E, bar);
        expect(s).toBeLessThan(prev);
        prev = s;
      }
      // Power-law interpolation: at the geometric mean of two table energies σ/E is the
      // geometric mean of its values there.
      expect(ccShape(Math.sqrt(1e3 * 1e4), bar)).toBeCloseTo(Math.sqrt(ccShape(1e3, bar) * ccShape(1e4, bar)), 12);
      // The decrease over 10 GeV – 1 TeV stays below 25 % (ν̄ flatter than ν: sea vs valence).
      expect(ccShape(10, bar) / ccShape(1e3, bar)).toBeLessThan(1.25);
    }
    expect(ccShape(1e3, true)).toBeGreaterThan(ccShape(1e3, false));
  });

  it("an isoscalar nucleus needs no neutron-excess correction; for W the ν and ν̄ corrections are ±(A−2Z)/(3A)", () => {
    const iso: Material = { ...tungsten, name: "iso", Z: 92, A: 184 };
    expect(nonIsoscalarFactor(iso, false)).toBe(1);
    expect(nonIsoscalarFactor(iso, true)).toBe(1);
    // By hand: (183.84 − 148)/(3 × 183.84) = 0.064983.
    expect(nonIsoscalarFactor(tungsten, false)).toBeCloseTo(1.064983, 5);
    expect(nonIsoscalarFactor(tungsten, true)).toBeCloseTo(0.935017, 5);
  });

  it("the τ mass suppresses σ_CC near threshold and the suppression vanishes at high energy", () => {
    const thr = (m_tau * m_tau) / (m_p + m_n); // m_τ²/(2M): partonic threshold ŝ = 2 x M E ≤ 2 M E
    expect(leptonMassSuppression(0.999 * thr, m_tau, false)).toBe(0);
    expect(leptonMassSuppression(1.5 * thr, m_tau, false)).toBeGreaterThan(0);
    let prev = 0;
    for (const E of [10, 30, 100, 300, 1000, 3000, 10000]) {
      const r = leptonMassSuppression(E, m_tau, false);
      const rb = leptonMassSuppression(E, m_tau, true);
      expect(r).toBeGreaterThan(prev);
      expect(r).toBeLessThan(1);
      // ν̄'s J = 0 partner is the soft sea: more suppressed than ν.
      expect(rb).toBeLessThan(r);
      prev = r;
    }
    expect(leptonMassSuppression(1e4, m_tau, false)).toBeGreaterThan(0.97);
    expect(leptonMassSuppression(50, 0, true)).toBe(1);
    // ν_τ / ν_μ is exactly R_τ (same isoscalar and neutron-excess factors); e and μ get no mass correction.
    expect(sigmaCC(100, "nu_tau") / sigmaCC(100, "nu_mu")).toBeCloseTo(leptonMassSuppression(100, m_tau, false), 12);
    expect(sigmaCC(100, "nu_mu")).toBe(sigmaCCIsoscalar(100, false) * nonIsoscalarFactor(tungsten, false));
    expect(sigmaCC(100, "nubar_e")).toBe(sigmaCC(100, "nubar_mu"));
  });

  it("for a massive lepton at large E the deficit 1 − R falls roughly like 1/E (slightly slower: small-x sea)", () => {
    const d1 = 1 - leptonMassSuppression(1e3, m_tau, false);
    const d2 = 1 - leptonMassSuppression(1e4, m_tau, false);
    expect(d1 / d2).toBeGreaterThan(5);
    expect(d1 / d2).toBeLessThan(10);
  });

  it("bad input is a RangeError naming the parameter, its value and the allowed range", () => {
    expect(() => sigmaCC(5, "nu_mu")).toThrow(/E \(GeV\) = 5 is outside the allowed range \[10, 10000\]/);
    expect(() => sigmaCC(2e4, "nubar_e")).toThrow(RangeError);
    expect(() => sigmaCC(NaN, "nu_e")).toThrow(/not a finite number/);
    expect(() => leptonMassSuppression(100, -1, false)).toThrow(/m \(GeV\) = -1/);
    expect(() => nucleonColumnDensity(-1, 25 * cm)).toThrow(/mass = -1 must be > 0/);
  });
});

describe("column density of FASERν", () => {
  it("1.2 t of tungsten over 25 × 25 cm² is 1920 g/cm² (99.5 cm of W at 19.3 g/cm³), ≈ the data README's 1913", () => {
    const col = fasernuColumnDensity(); // nucleons per GeV⁻²
    const gPerCm2 = (col * cm2) / 6.022_140_76e23; // A nucleons weigh A g/mol for W (A = molar mass)
    expect(gPerCm2).toBeCloseTo(1.2e6 / 625, 6);
    expect(Math.abs(gPerCm2 / 1913 - 1)).toBeLessThan(0.005);
    const thickness_cm = (1.2 * tonne) / (25 * cm) ** 2 / tungsten.density / cm;
    expect(thickness_cm).toBeCloseTo(1920 / 19.3, 6);
    expect(thickness_cm).toBeLessThan(110); // fits in the 1.1 m long detector with the emulsion
    expect(gram).toBeGreaterThan(0);
  });
});

describe("flux × σ_CC × column density against the Kling–Nevay CCint tables", () => {
  const col = fasernuColumnDensity();
  for (const f of FLAVOURS) {
    const flux = readFluxTable(join(FLUX_DIR, "FASERv", `FASER_${PDG_ID[f]}.txt`));
    const ref = readFluxTable(join(FLUX_DIR, "FASERv", `FASER_CCint_${PDG_ID[f]}.txt`));
    const ours = ccInteractionsPerBin(makeSpectrum(f, flux.centres, flux.counts), col);
    const tot = ours.reduce((a, b) => a + b, 0);
    const refTot = ref.counts.reduce((a, b) => a + b, 0);
    // Bins with at least one reference interaction ("where statistics allow").
    const usable = ref.counts.map((n, i) => i).filter((i) => (ref.counts[i] as number) >= 1);
    const ratios = usable.map((i) => (ours[i] as number) / (ref.counts[i] as number));
    const worst = Math.max(...ratios.map((r) => Math.abs(r - 1)));
    it(`${f}: CC interactions in FASERν (1.2 t W, 150 fb⁻¹) within 10 % of the reference total`, () => {
      expect(Math.abs(tot / refTot - 1)).toBeLessThan(0.1);
    });
    it(`${f}: every bin with ≥ 1 reference interaction within 15 %`, () => {
      expect(worst).toBeLessThan(0.15);
    });
  }
});

describe("cross-section scale", () => {
  it("σ_CC(ν_μ W, 1 TeV) per nucleon is 0.6–0.7 × 10⁻³⁵ cm² (PDG σ/E × falling shape × neutron excess)", () => {
    const s = sigmaCC(1000 * GeV, "nu_mu") / cm2;
    expect(s).toBeGreaterThan(0.6e-35);
    expect(s).toBeLessThan(0.7e-35);
  });
});
