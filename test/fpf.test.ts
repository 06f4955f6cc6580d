/**
 * The Forward Physics Facility detectors (lib/detector/fpf.ts), argon as a target, the FLArE
 * flux tables, the FPF reach with its flux band (lib/figures/fpf.ts) and `nudump reach
 * --figure 1 --detector <fpf>`. Reference values are derived in the test from the cited inputs.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ARGON_A, ARGON_HELM, helm, helmFirstZero, helmParameters, helmWith, J1_FIRST_ZERO } from "../lib/core/formFactors";
import { amu, electronDensity, N_A, nucleusDensity, tungsten } from "../lib/core/constants";
import { cm, cm3, fm, m } from "../lib/core/units";
import { detectorByName, detectors, transverseAcceptance } from "../lib/detector/geometry";
import {
  FPF_DETECTOR_NAMES,
  FPF_FASERNU2_ENVELOPE,
  FPF_FASERNU2_W_LENGTH,
  FPF_NUMBERS,
  fpfFasernu2MassTonnes,
  fpfFlareFaser2,
  fpfFlareMassTonnes,
  liquidArgon,
} from "../lib/detector/fpf";
import { ccInteractions, loadFlux } from "../lib/flux";
import { readFluxTable } from "../lib/flux/reader";
import { makeSetup } from "../lib/engine/setup";
import { dipoleMassPoint } from "../lib/models/dipole/signatures";
import { fpfFig1 } from "../lib/figures/fpf";
import { bandPolygons, fpfFig1Figure } from "../lib/plot/paper/fpf";
import { runCli } from "./support/cliRun";

const HBARC_GEV_FM = 0.197_326_980_4; // CODATA 2022, independent of lib/core/units

describe("argon as a target", () => {
  it("Helm form factor: F(0) = 1, the small-Q limit 1 − Q²⟨r²⟩/6 with ⟨r²⟩ = 3r²/5 + 3s², and the first zero at Q·r = 4.4934", () => {
    for (const p of [ARGON_HELM.paper, ARGON_HELM.lewinSmith]) {
      expect(helmWith(0, p)).toBe(1);
      const Q = 1e-4; // Q²⟨r²⟩ ≈ 3e-6: the next term is a 1e-7 relative correction
      const r2 = (3 / 5) * p.r * p.r + 3 * p.s * p.s;
      expect((1 - helmWith(Q, p)) / ((Q * Q * r2) / 6)).toBeCloseTo(1, 5);
      const Q1 = helmFirstZero(p);
      expect(Math.abs(helmWith(Q1, p))).toBeLessThan(1e-12);
      expect(helmWith(0.99 * Q1, p)).toBeGreaterThan(0);
      expect(helmWith(1.01 * Q1, p)).toBeLessThan(0);
    }
    // the paper's (A.4) prescription at A = 40: r = √((1.2·40^{1/3})² − 5) fm = 3.441 fm → Q₁ = 0.2577 GeV
    const rPaper = Math.sqrt((1.2 * Math.cbrt(40)) ** 2 - 5);
    expect(ARGON_HELM.paper.r / fm).toBeCloseTo(rPaper, 10);
    expect(helmFirstZero(ARGON_HELM.paper) / ((J1_FIRST_ZERO / rPaper) * HBARC_GEV_FM)).toBeCloseTo(1, 6);
    // Lewin–Smith: c = 1.23·40^{1/3} − 0.6 fm, r_n² = c² + 7/3 π² (0.52)² − 5 (0.9)² → 3.897 fm
    const c = 1.23 * Math.cbrt(40) - 0.6;
    expect(ARGON_HELM.lewinSmith.r / fm).toBeCloseTo(Math.sqrt(c * c + (7 / 3) * Math.PI ** 2 * 0.52 ** 2 - 5 * 0.81), 10);
    expect(helm(0.1, ARGON_A)).toBe(helmWith(0.1, helmParameters(40)));
    // argon is more compact than tungsten: its first zero lies at larger Q
    expect(helmFirstZero(ARGON_HELM.paper)).toBeGreaterThan(helmFirstZero(helmParameters(tungsten.A)));
  });

  it("electron and nucleus densities of liquid argon follow from Z, ρ and the molar mass: n_e = Zρ N_A/M = 3.788e23 cm⁻³", () => {
    const expected = (18 * 1.396 * 6.022_140_76e23) / 39.948;
    expect(electronDensity(liquidArgon) * cm3 / expected).toBeCloseTo(1, 10);
    expect(electronDensity(liquidArgon) / nucleusDensity(liquidArgon)).toBe(18);
    expect(nucleusDensity(liquidArgon) * cm3 / ((1.396 * N_A) / 39.948)).toBeCloseTo(1, 10);
    // nuclear mass of ⁴⁰Ar: below A·u (mass excess −35 MeV, 18 electrons removed) by less than 0.2 %
    expect(liquidArgon.mass).toBeLessThan(40 * amu);
    expect(1 - liquidArgon.mass / (40 * amu)).toBeLessThan(2e-3);
    expect(liquidArgon.A - liquidArgon.Z).toBe(22);
  });
});

describe("FPF detectors as cited", () => {
  it("FASERν2: 3300 × 2 mm W plates = 6.6 m over 40 × 40 cm² ≈ 20 t (FPF22: 20 t); envelope 8.586 m", () => {
    expect(FPF_FASERNU2_W_LENGTH / m).toBeCloseTo(6.6, 10);
    expect(FPF_FASERNU2_ENVELOPE / m).toBeCloseTo(3300 * 2.42e-3 + 0.6, 10);
    expect(fpfFasernu2MassTonnes() / FPF_NUMBERS.fasernu2MassT.value).toBeGreaterThan(0.95);
    expect(fpfFasernu2MassTonnes() / FPF_NUMBERS.fasernu2MassT.value).toBeLessThan(1.05);
    const d = detectorByName("fpf-fasernu2-faser2");
    expect(d.target.side / cm).toBeCloseTo(40, 10);
    expect(d.target.distanceFromIP / m).toBeCloseTo(620, 10);
    expect(d.vessel.length / m).toBeCloseTo(10, 10);
    // equal-area radius of the 3 m × 1 m FASER2 aperture; the 40 cm face is fully accepted
    expect(d.vessel.radius / m).toBeCloseTo(Math.sqrt(3 / Math.PI), 10);
    expect(transverseAcceptance(d)).toBe(1);
    expect(d.vessel.start).toBeGreaterThanOrEqual(d.target.length);
  });

  it("FLArE: 1 × 1 × 7 m³ of liquid argon ≈ 10 t (FPF22: 10-tonne scale); its 1 m² face fits the FASER2 aperture", () => {
    expect(fpfFlareMassTonnes() / 10).toBeGreaterThan(0.95);
    expect(fpfFlareMassTonnes() / 10).toBeLessThan(1.05);
    const d = detectorByName("fpf-flare-faser2");
    expect(d.target.material.name).toBe("Ar");
    expect(d.target.length / m).toBeCloseTo(7, 10);
    expect(transverseAcceptance(d)).toBe(1);
    expect(() => fpfFlareFaser2({ vesselStart: 1 * m })).toThrow(RangeError);
  });

  it("every number has a source; those not found are marked as assumptions; both detectors are registered", () => {
    for (const [k, n] of Object.entries(FPF_NUMBERS)) {
      expect(n.source.length, k).toBeGreaterThan(10);
      if (!Number.isFinite(n.value)) expect((n as { assumption?: boolean }).assumption, k).toBe(true);
    }
    for (const name of FPF_DETECTOR_NAMES) expect(Object.keys(detectors)).toContain(name);
  });
});

describe("FLArE flux tables", () => {
  const REF = path.resolve(__dirname, "../../shared/data/flux/FLArE");
  const DATA = path.resolve(__dirname, "../data/flux/FLArE");
  it("are byte-identical to the reference copy and listed (md5) in the provenance README", () => {
    expect(existsSync(REF), `${REF} is missing`).toBe(true);
    const files = readdirSync(DATA).filter((f) => f !== "README.md").sort();
    expect(files).toEqual(readdirSync(REF).sort());
    const readme = readFileSync(path.join(DATA, "README.md"), "utf8");
    expect(readme).toContain("c16ed47d801615ff44226dee141c8e711740e797");
    expect(readme).toContain("Permission is hereby granted, free of charge");
    for (const f of files) {
      const md5 = createHash("md5").update(readFileSync(path.join(DATA, f))).digest("hex");
      expect(md5, f).toBe(createHash("md5").update(readFileSync(path.join(REF, f))).digest("hex"));
      expect(readme).toContain(md5);
    }
  });

  it("their CC tables imply ≈ 10 t of argon over the assumed 1 × 1 m² face (σ_CC of lib/flux)", () => {
    const fl = loadFlux("flare-fpf", { normalisation: "kling-nevay" });
    expect(fl.area_cm2).toBe(1e4);
    const cc = readFluxTable(path.join(DATA, "FLARE_CCint_14.txt")).counts.reduce((a, b) => a + b, 0);
    const colDensity = cc / ccInteractions(fl.spectra.nu_mu, 1, liquidArgon); // nucleons per GeV⁻²
    const gPerCm2 = (colDensity * cm * cm) / ((N_A * liquidArgon.A) / liquidArgon.molarMass_g);
    const tonnes = (gPerCm2 * fl.area_cm2) / 1e6;
    expect(tonnes / fpfFlareMassTonnes()).toBeGreaterThan(0.85);
    expect(tonnes / fpfFlareMassTonnes()).toBeLessThan(1.25);
  });

  it("fasernu2-fpf40 is the FASERv2 tables × (40/50)², bin by bin; FLArE has no embedded fit", () => {
    const a = loadFlux("fasernu2-fpf40", { normalisation: "kling-nevay" }), b = loadFlux("fasernu2-fpf", { normalisation: "kling-nevay" });
    b.spectra.nu_mu.counts.forEach((n, i) => expect(a.spectra.nu_mu.counts[i]! / n).toBeCloseTo(0.64, 12));
    expect(() => loadFlux("flare-fpf", { source: "embedded" })).toThrow(RangeError);
  });
});

describe("FPF reach", () => {
  it("long-lifetime limit: FPF/paper counts = target mass × flux per area × vessel length ratios (same table shape)", () => {
    // the paper's detector fed the FASERv2 tables (50 × 50 cm²), against the FPF FASERν2 (their × 0.64 over 40 × 40 cm²)
    const paper = dipoleMassPoint(0.1, "universal", makeSetup("fasernu2-faser2", { flux: "fasernu2-fpf", normalisation: "kling-nevay" }));
    const fpf = dipoleMassPoint(0.1, "universal", makeSetup("fpf-fasernu2-faser2", { normalisation: "kling-nevay" }));
    const massRatio = (40 * 40 * 6.6) / (50 * 50 * 1.8); // tonnes of W, same density
    const fluxPerArea = 1; // the same tables per cm²
    const kappa = 1e-9 ** 2; // decay length ~1e10 m ≫ every detector length
    const ratio = (s: "vessel-photons" | "vessel-dileptons" | "electron-scattering") => fpf.signatures[s].events(kappa) / paper.signatures[s].events(kappa);
    expect(ratio("vessel-photons") / (massRatio * fluxPerArea * (10 / 5))).toBeCloseTo(1, 5);
    expect(ratio("vessel-dileptons") / (massRatio * fluxPerArea * (10 / 5))).toBeCloseTo(1, 5);
    expect(ratio("electron-scattering") / (massRatio * fluxPerArea)).toBeCloseTo(1, 8);
    // argon against tungsten, same flux through the face: electron scattering ∝ n_e × length
    const w = makeSetup("fasernu2-faser2", { flux: "fasernu2-fpf", normalisation: "kling-nevay" });
    const ar = dipoleMassPoint(0.1, "universal", { ...w, detector: { ...fpfFlareFaser2(), target: { ...fpfFlareFaser2().target, side: w.detector.target.side } } });
    const expected = (electronDensity(liquidArgon) * 7 * m) / (electronDensity(tungsten) * w.detector.target.length);
    expect(ar.signatures["electron-scattering"].events(kappa) / paper.signatures["electron-scattering"].events(kappa) / expected).toBeCloseTo(1, 8);
    // up-scattering on argon works and is smaller per nucleus than on W (coherent ∝ Z² F²)
    expect(ar.production.total).toBeGreaterThan(0);
    expect(ar.production.total).toBeLessThan(paper.production.total);
  });

  it("the band is [min, max] over the variants at every mass; the TP flux (3.5× ν_μ) opens it below the central line", () => {
    const d = fpfFig1({ panel: "universal", detector: "fpf-flare-faser2", masses: [0.01, 0.1, 1], refine: false });
    for (const l of d.lines) {
      expect(l.band.length).toBe(3);
      for (const b of l.band) for (const e of [b.lower, b.upper]) if (e) expect(e[0]).toBeLessThanOrEqual(e[1]);
    }
    const vp = d.lines.find((l) => l.spec.name === "vessel-photons-N3")!;
    const b01 = vp.band[1]!;
    expect(b01.lower).not.toBeNull();
    // the TP normalisation has 3.5× the ν_μ: more events, so its lower edge is the band's bottom and strictly below the central
    expect(b01.lower![0]).toBeLessThan(b01.lower![1]);
    expect(d.maxAllowed["vessel-photons"]!.range[0]).toBeLessThanOrEqual(d.maxAllowed["vessel-photons"]!.events);
    const fig = fpfFig1Figure(d);
    expect(fig.data.some((t) => (t as { fill?: string }).fill === "toself")).toBe(true);
    const polys = bandPolygons(vp.band, "lower");
    for (const p of polys) expect(p.x.length).toBe(p.y.length);
  });

  it("nudump reach --figure 1 --panel universal --detector fpf-fasernu2-faser2 writes the FPF lines with their band", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "fpf-")), "out");
    const r = await runCli(["reach", "--figure", "1", "--panel", "universal", "--detector", "fpf-fasernu2-faser2", "--masses", "4", "--refine-rounds", "0", "--out", out, "--json"]);
    expect(r.code, r.err).toBe(0);
    const base = path.join(out, "fig1-universal-fpf-fasernu2-faser2");
    const j = JSON.parse(readFileSync(`${base}.json`, "utf8"));
    expect(j.detector).toBe("fpf-fasernu2-faser2");
    expect(j.variants).toEqual(["kling-nevay", "tp"]);
    expect(j.lines.length).toBe(6);
    expect(readFileSync(`${base}-lines.csv`, "utf8").split("\n")[0]).toBe("line,variant,label,level,mN_GeV,mu_GeV_inv");
    expect(readFileSync(`${base}-band.csv`, "utf8").split("\n").length).toBeGreaterThan(6 * 4);
    const bad = await runCli(["reach", "--figure", "1", "--panel", "universal", "--detector", "fpf-flare-faser2", "--normalisation", "tp", "--out", out]);
    expect(bad.code).toBe(2);
  }, 120_000);
});
