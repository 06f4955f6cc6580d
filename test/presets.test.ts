/**
 * The named input sets (lib/detector/presets.ts) and how commands resolve them: `paper` is the default
 * of every command, `current` differs from it only in the flux normalisation, and an explicit
 * option always wins. Expected values are derived here from the shipped tables and from (B.1),
 * not copied from an output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dataDir } from "../lib/core/dataDir";
import { ccintTotals, TP_CC_COUNTS } from "../lib/flux";
import { fig4BoundsDir, fig4HadronsDir } from "../lib/figures/fig4";
import { DEFAULT_PRESET, PRESET_NAMES, presetByName } from "../lib/detector/presets";
import { makeSetup } from "../lib/engine/setup";
import { decayFlavourCount, dipoleModel } from "../lib/models/dipole";
import { hbarc_GeV_m as hbar_c } from "../lib/core/units";
import { runCli } from "./support/cliRun";

const run = (...argv: string[]) => runCli(argv);
afterEach(() => vi.restoreAllMocks());

/** Σ of the second column of a shipped table. */
function tableSum(file: string): number {
  return readFileSync(file, "utf8").trim().split("\n").reduce((s, l) => s + Number(l.trim().split(/\s+/)[1]), 0);
}

describe("the presets", () => {
  it("paper is the default; names are checked", () => {
    expect(DEFAULT_PRESET).toBe("paper");
    expect(PRESET_NAMES).toEqual(["paper", "current"]);
    expect(() => presetByName("tp")).toThrow(RangeError);
    expect(() => presetByName("tp")).toThrow(/paper, current/);
  });
  it("paper: fasernu2-paper from the tables, TP-normalised, one decay flavour, no screening; current: the same but Kling–Nevay", () => {
    const p = presetByName("paper"), c = presetByName("current");
    expect(p).toMatchObject({ flux: "fasernu2-paper", fluxSource: "tables", normalisation: "tp", decayFlavours: 1, screening: false, geometry: "spec" });
    expect({ ...c, name: "paper", description: "", sources: {} }).toEqual({ ...p, normalisation: "kling-nevay", description: "", sources: {} });
    // the library default of the model follows the default preset
    expect(decayFlavourCount(dipoleModel({ mN: 1, mu: 1e-6, coupling: "universal" }))).toBe(1);
  });
});

describe("TP normalisation from the tables' own CC-interaction files", () => {
  const dir = dataDir("flux");
  const sums = {
    e: tableSum(join(dir, "FASERv", "FASER_CCint_12.txt")) + tableSum(join(dir, "FASERv", "FASER_CCint_-12.txt")),
    mu: tableSum(join(dir, "FASERv", "FASER_CCint_14.txt")) + tableSum(join(dir, "FASERv", "FASER_CCint_-14.txt")),
    tau: tableSum(join(dir, "FASERv", "FASER_CCint_16.txt")) + tableSum(join(dir, "FASERv", "FASER_CCint_-16.txt")),
  };
  it("the FASER_CCint sums are the README's 1711 / 5782 / 40.6 (ν + ν̄)", () => {
    const t = ccintTotals(dir);
    for (const f of ["e", "mu", "tau"] as const) expect(t[f] / sums[f]).toBeCloseTo(1, 12);
    expect(t.e / 1711).toBeCloseTo(1, 3);
    expect(t.mu / 5782).toBeCloseTo(1, 3);
    expect(t.tau / 40.6).toBeCloseTo(1, 2);
  });
  it("the paper setup's family factors are TP / CCint, and current's are 1", () => {
    const p = makeSetup("fasernu2-faser2").resolved, c = makeSetup("fasernu2-faser2", { preset: "current" }).resolved;
    for (const f of ["e", "mu", "tau"] as const) {
      expect(p.familyFactors[f] / (TP_CC_COUNTS[f] / sums[f])).toBeCloseTo(1, 12);
      expect(c.familyFactors[f]).toBe(1);
    }
    expect(p.familyFactors.mu).toBeCloseTo(3.459, 3);
  });
  it("paper spectra = current spectra × the family factor, bin by bin", () => {
    const p = makeSetup("fasernu2-faser2"), c = makeSetup("fasernu2-faser2", { preset: "current" });
    for (const [k, s] of p.flux.entries()) {
      const fam = s.flavour.includes("_e") ? "e" : s.flavour.includes("_mu") ? "mu" : "tau";
      s.counts.forEach((n, i) => {
        const ref = c.flux[k]!.counts[i]!;
        if (ref > 0) expect(n / ref).toBeCloseTo(p.resolved.familyFactors[fam], 10);
      });
    }
  });
});

describe("makeSetup resolves preset and overrides", () => {
  it("explicit options override the preset; the resolved values say so", () => {
    const s = makeSetup("fasernu2-faser2", { preset: "paper", normalisation: "kling-nevay", decayFlavours: 3, fluxSource: "embedded", screening: true });
    expect(s.resolved).toMatchObject({ preset: "paper", normalisation: "kling-nevay", decayFlavours: 3, fluxSource: "embedded", fluxDir: null, screening: true });
    expect(s.decayFlavours).toBe(3);
    expect(makeSetup("fasernu2-faser2", { preset: "paper", normalisation: "kling-nevay" }).flux[2]!.counts).toEqual(makeSetup("fasernu2-faser2", { preset: "current" }).flux[2]!.counts);
    expect(() => makeSetup("fasernu2-faser2", { decayFlavours: 4 })).toThrow(/decayFlavours = 4/);
  });
  it("FASERν (Run 3) keeps fasernu-run3 under every preset", () => {
    for (const preset of PRESET_NAMES) expect(makeSetup("fasernu-faser", { preset }).resolved.flux).toBe("fasernu-run3");
  });
});

describe("the command line follows the preset", () => {
  it("width: (3.2) holds with the default — d = √(E² − m²)/m · 4π/(μ²m²) ħc × Γ(νγ)/Γ_tot ≈ 1.24 m", async () => {
    const j = JSON.parse((await run("width", "--model", "dipole", "--mN", "1", "--mu", "1e-6", "--E", "500", "--json")).out);
    const gammaB1 = (1e-12 * 1) / (4 * Math.PI);
    const dB1 = (Math.sqrt(500 ** 2 - 1) / 1) * (hbar_c / gammaB1); // m, from (B.1) alone
    expect(dB1).toBeCloseTo(1.2398, 3);
    expect(j.inputs).toMatchObject({ preset: "paper", decay_flavours: 1 });
    expect(j.widths_GeV.nu_gamma / gammaB1).toBeCloseTo(1, 12);
    expect(j.decay_length_m / (dB1 * (j.widths_GeV.nu_gamma / j.total_GeV))).toBeCloseTo(1, 9);
    expect(Math.abs(j.decay_length_m / 1.24 - 1)).toBeLessThan(0.015); // ν ℓℓ channels take 1.1 %
    const three = JSON.parse((await run("width", "--model", "dipole", "--mN", "1", "--mu", "1e-6", "--E", "500", "--decay-flavours", "3", "--json")).out);
    expect(three.decay_length_m / j.decay_length_m).toBeCloseTo(1 / 3, 9);
    // decay_length_nu_gamma_m: Γ(N → νγ) = (B.1) once, whatever the flavour count — the paper's (3.2), 1.24 m;
    // decay_length_m from the total width is shorter by Γ(νℓℓ)/Γ_tot (1.227 m)
    expect(j.decay_length_nu_gamma_m / dB1).toBeCloseTo(1, 9);
    expect(three.decay_length_nu_gamma_m / dB1).toBeCloseTo(1, 9);
    expect(j.decay_length_nu_gamma_m).toBeCloseTo(1.24, 2);
    expect(j.decay_length_m / j.decay_length_nu_gamma_m).toBeCloseTo(j.widths_GeV.nu_gamma / j.total_GeV, 9);
    expect(j.decay_length_m).toBeLessThan(j.decay_length_nu_gamma_m);
    // the particle Z_D has no such field
    const zd = JSON.parse((await run("width", "--particle", "ZD", "--mZD", "0.03", "--alphaD", "0.25", "--alphaEps2", "2e-10", "--E", "300", "--json")).out);
    expect(zd.decay_length_nu_gamma_m).toBeUndefined();
  });
  it("events: no flux/width option = --preset paper; --preset current differs by the family factors; an explicit option overrides", async () => {
    const args = ["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"];
    const d = JSON.parse((await run(...args)).out);
    const p = JSON.parse((await run(...args, "--preset", "paper")).out);
    const c = JSON.parse((await run(...args, "--preset", "current")).out);
    const o = JSON.parse((await run(...args, "--preset", "current", "--normalisation", "tp")).out);
    expect(d.events).toBe(p.events);
    expect(o.events).toBe(p.events);
    expect(d.inputs).toMatchObject({ preset: "paper", flux: "fasernu2-paper", flux_source: "tables", normalisation: "tp", decay_flavours: 1, screening: false });
    expect(c.inputs).toMatchObject({ preset: "current", normalisation: "kling-nevay" });
    expect(o.inputs).toMatchObject({ preset: "current", normalisation: "tp" });
    const k = d.inputs.family_factors;
    for (const [f, fam] of [["nu_e", "e"], ["nubar_mu", "mu"], ["nu_tau", "tau"]] as const) {
      // the dipole integrates the flavour-summed spectrum (mergeFlavours) with the interpolated
      // within-bin model, whose slope in a bin is that of the sum: the family factors change the
      // sum's slope, so the per-flavour ratio equals k only to the within-bin slope effect (< 1e-3)
      expect(Math.abs(d.by_flavour[f] / c.by_flavour[f] / k[fam] - 1)).toBeLessThan(1e-3);
    }
  });
  it("--preset is accepted by xsec and width and rejected when unknown (exit 2)", async () => {
    const x = JSON.parse((await run("xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "1", "--preset", "current", "--json")).out);
    expect(x.inputs.preset).toBe("current");
    const r = await run("width", "--model", "dipole", "--mN", "1", "--mu", "1e-6", "--preset", "tp");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/preset/);
  });
});

describe("missing inputs are errors that name what is missing", () => {
  it("dataDir and the Fig. 4 input directories", () => {
    expect(() => dataDir("bounds", "no-such-dir")).toThrow(/data\/bounds\/no-such-dir not found/);
    expect(() => fig4HadronsDir({ hadronsDir: "/nonexistent/hadrons" })).toThrow(/hadronsDir.*\/nonexistent\/hadrons/);
    expect(() => fig4HadronsDir({ hadronsDir: dataDir("flux") })).toThrow(/Pythia_0\.45TeV_111\.txt not found/);
    expect(fig4HadronsDir()).toBe(dataDir("hadrons"));
    expect(() => fig4BoundsDir({ boundsDir: "/nonexistent/hnl-tau" })).toThrow(/boundsDir.*\/nonexistent\/hnl-tau/);
  });
  it("nudump reach --figure 4 with a missing --bounds-dir exits 2 before computing", async () => {
    const r = await run("reach", "--figure", "4", "--out", "/tmp/nudump-missing", "--bounds-dir", "/nonexistent/hnl-tau");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\/nonexistent\/hnl-tau/);
  });
});

describe("a flux directory without CC-interaction tables", () => {
  it("works with the Kling–Nevay normalisation and is a RangeError naming the missing file for the TP one", async () => {
    const { mkdtempSync, mkdirSync, copyFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "nudump-flux-"));
    mkdirSync(join(dir, "FASERv"));
    for (const p of [12, -12, 14, -14, 16, -16]) copyFileSync(join(dataDir("flux"), "FASERv", `FASER_${p}.txt`), join(dir, "FASERv", `FASER_${p}.txt`));
    const kn = makeSetup("fasernu2-faser2", { fluxDir: dir, normalisation: "kling-nevay" });
    expect(kn.resolved.fluxDir).toBe(dir);
    expect(kn.flux[2]!.counts).toEqual(makeSetup("fasernu2-faser2", { preset: "current" }).flux[2]!.counts);
    expect(() => makeSetup("fasernu2-faser2", { fluxDir: dir })).toThrow(/FASER_CCint_12\.txt, which is missing/);
  });
});
