import { afterEach, describe, expect, it, vi } from "vitest";
import { expectRelClose } from "./support/relClose";
import { main } from "../cli/main";
import { widthNuGammaPerFlavour } from "../lib/models/dipole";

/** Run the CLI in-process and capture what it prints. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("nudump xsec", () => {
  it("answers with sigma_cm2 and the inputs in JSON", async () => {
    const r = await run("xsec", "--model", "dipole", "--process", "coherent", "--target", "W", "--E", "1000", "--mN", "1", "--mu", "1e-6", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sigma_cm2).toBeGreaterThan(1e-38);
    expect(j.sigma_cm2).toBeLessThan(1e-35);
    expect(j.inputs).toMatchObject({ model: "dipole", process: "coherent", E_GeV: 1000, mN_GeV: 1, mu_GeV_inv: 1e-6 });
  });
  it("σ ∝ μ²: doubling --mu quadruples sigma_cm2", async () => {
    const a = JSON.parse((await run("xsec", "--model", "dipole", "--process", "electron", "--E", "500", "--mN", "0.1", "--mu", "1e-6", "--json")).out);
    const b = JSON.parse((await run("xsec", "--model", "dipole", "--process", "electron", "--E", "500", "--mN", "0.1", "--mu", "2e-6", "--json")).out);
    expect(b.sigma_cm2 / a.sigma_cm2).toBeCloseTo(4, 10);
  });
  it("below threshold σ is 0 with a note, not an error", async () => {
    const r = await run("xsec", "--model", "dipole", "--process", "electron", "--E", "100", "--mN", "1", "--mu", "1e-6", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sigma_cm2).toBe(0);
    expect(j.note).toMatch(/threshold/);
  });
  it("dark boson: N e → N e (electron-elastic) and coherent up-scattering at the Fig. 3 benchmark", async () => {
    const r = await run("xsec", "--model", "darkboson", "--process", "coherent", "--E", "300", "--mN", "0.5", "--mZD", "0.03", "--alphaD", "0.25", "--alphaEps2", "2e-10", "--U2", "1e-6", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).sigma_cm2).toBeGreaterThan(0);
    const e = await run("xsec", "--model", "darkboson", "--process", "electron-elastic", "--E", "100", "--mN", "0.1", "--mZD", "0.8", "--gD", "1", "--eps", "1e-3", "--recoil", "0.3,20", "--json");
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out).sigma_cm2).toBeGreaterThan(0);
  });
  it.each([
    [["xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "-1"], /mN/],
    [["xsec", "--model", "dipole", "--process", "coherent", "--E", "abc", "--mN", "1"], /--E/],
    [["xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "1", "--bogus", "1"], /bogus/],
    [["xsec", "--model", "axion", "--process", "coherent", "--E", "1000", "--mN", "1"], /model/],
    [["xsec", "--model", "dipole", "--process", "electron-elastic", "--E", "1000", "--mN", "1"], /darkboson/],
    [["width", "--model", "dipole", "--mN", "1"], /--mu/],
    [["frobnicate"], /unknown command/],
  ])("bad input %j prints one line to stderr and exits 2", async (argv, pattern) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(pattern as RegExp);
    expect(r.out).toBe("");
  });
});

describe("nudump width", () => {
  it("dipole: widths, total, branching, cτ and the decay length at --E; (3.2) within its rounding", async () => {
    const r = await run("width", "--model", "dipole", "--mN", "1", "--mu", "1e-6", "--coupling", "tau", "--E", "500", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expectRelClose(j.widths_GeV.nu_gamma, widthNuGammaPerFlavour(1, 1e-6), 1e-12);
    const sumBR = Object.values(j.branching as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sumBR).toBeCloseTo(1, 12);
    // (3.2): ~1 m at E_N = 500 GeV, m_N = 1 GeV, μ_N = 1e-6 for one flavour (1.24 m from (B.1), ERRATA E12; ν ℓℓ shorten it by 1%)
    expect(j.decay_length_m).toBeGreaterThan(1.2);
    expect(j.decay_length_m).toBeLessThan(1.25);
  });
  it("Z_D: the (3.4) rule of thumb, ~1 m at E = 300 GeV for the Fig. 3 benchmark (ERRATA E13)", async () => {
    const r = await run("width", "--particle", "ZD", "--mZD", "0.03", "--alphaD", "0.25", "--alphaEps2", "2e-10", "--U2", "1e-6", "--E", "300", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.decay_length_m).toBeGreaterThan(0.95);
    expect(j.decay_length_m).toBeLessThan(1.0);
    expect(j.branching.ee).toBeGreaterThan(0.99);
  });
});

describe("nudump events, spectrum, sample", () => {
  it("events: JSON with events, by_channel, by_flavour and inputs, consistent sums", async () => {
    const r = await run("events", "--model", "dipole", "--signature", "vessel-photons", "--detector", "fasernu2-faser2", "--flux", "fasernu2-paper", "--mN", "0.5", "--mu", "5e-7", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const sc = Object.values(j.by_channel as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sc / j.events).toBeCloseTo(1, 10);
    expect(j.inputs).toMatchObject({ preset: "paper", flux_source: "tables", normalisation: "tp", decay_flavours: 1 });
  });
  it("events: the TP normalisation scales ν_μ-dominated counts up (×3.6 for the ν_μ family)", async () => {
    const a = JSON.parse((await run("events", "--signature", "electron-scattering", "--mN", "0.1", "--mu", "1e-6", "--normalisation", "kling-nevay", "--json")).out);
    const b = JSON.parse((await run("events", "--signature", "electron-scattering", "--mN", "0.1", "--mu", "1e-6", "--normalisation", "tp", "--json")).out);
    // 20000 TP ν_μ CC interactions over the tables' 5782 (FASER_CCint, ν_μ + ν̄_μ)
    expect(b.by_flavour.nu_mu / a.by_flavour.nu_mu).toBeCloseTo(20000 / 5782.28, 3);
  });
  it("spectrum: bins and events whose sum equals the events count", async () => {
    const e = JSON.parse((await run("events", "--signature", "ecc-photons-1tev", "--mN", "2", "--mu", "1e-6", "--json")).out);
    const s = JSON.parse((await run("spectrum", "--signature", "ecc-photons-1tev", "--mN", "2", "--mu", "1e-6", "--emin", "1000", "--emax", "20000", "--bins", "30", "--json")).out);
    expect(s.edges_GeV).toHaveLength(31);
    expect(s.total_events / e.events).toBeCloseTo(1, 5);
  });
  it("sample: CSV on stdout with a header and n rows; same seed, same bytes", async () => {
    const a = await run("sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "50", "--seed", "3");
    const b = await run("sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "50", "--seed", "3");
    expect(a.code).toBe(0);
    const lines = a.out.trim().split("\n");
    expect(lines[0]).toMatch(/^flavour,channel,E_nu_GeV,t_GeV2/);
    expect(lines).toHaveLength(51);
    expect(a.out).toBe(b.out);
  });
});

describe("nudump reach", () => {
  it("--figure 2 writes every line as JSON and CSV (and PNG/SVG when Chromium is there), with consistent numbers", async () => {
    const { mkdtempSync, readFileSync, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(`${tmpdir()}/nudump-reach-`);
    const r = await run("reach", "--figure", "2", "--out", dir, "--json", "--images");
    expect(r.code).toBe(0);
    const right = JSON.parse(readFileSync(`${dir}/fig2-right.json`, "utf8"));
    const csvRows = readFileSync(`${dir}/fig2-right.csv`, "utf8").trim().split("\n");
    expect(csvRows).toHaveLength(right.mN.length + 1);
    // BR(νee) grows with m_N (logarithmically, ERRATA E8's asymptotic form)
    const br = right.total.e.filter((x: number | null) => x !== null) as number[];
    expect(br[br.length - 1]!).toBeGreaterThan(br[0]!);
    expect(existsSync(`${dir}/fig2-right.png`)).toBe(true); // drawn because --images was given (CI installs Chromium)
    // the manifest, written last, lists every file of the run with its size and SHA-256; no temporary file is left
    const { createHash } = await import("node:crypto");
    const { readdirSync } = await import("node:fs");
    const manifest = JSON.parse(readFileSync(`${dir}/fig2-manifest.json`, "utf8")) as { files: { name: string; bytes: number; sha256: string }[] };
    expect(JSON.parse(r.out).written.at(-1)).toBe(`${dir}/fig2-manifest.json`);
    for (const f of manifest.files) {
      const content = readFileSync(`${dir}/${f.name}`);
      expect(content.length).toBe(f.bytes);
      expect(createHash("sha256").update(content).digest("hex")).toBe(f.sha256);
    }
    expect(readdirSync(dir).sort()).toEqual([...manifest.files.map((f) => f.name), "fig2-manifest.json"].sort());
  });
  it("an unknown figure is a usage error (exit 2)", async () => {
    const r = await run("reach", "--figure", "7", "--out", "/tmp/x");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/figure/);
  });
});

describe("the installed command (bin/nudump.js, a real process)", () => {
  it("prints the package version and exits 2 with one line (no stack) on a bad input", async () => {
    const { spawnSync } = await import("node:child_process");
    const { readFileSync } = await import("node:fs");
    const bin = `${__dirname}/../bin/nudump.js`;
    const v = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(`${__dirname}/../package.json`, "utf8")).version);
    const bad = spawnSync(process.execPath, [bin, "events", "--signature", "vessel-photons", "--mN", "0x10", "--mu", "1e-6"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
  it("events --mN 500MeV equals --mN 0.5", async () => {
    const a = await run("events", "--signature", "vessel-photons", "--mN", "500MeV", "--mu", "5e-7", "--json");
    const b = await run("events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json");
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });
});

describe("decay-flavour counting of the dipole width", () => {
  it("--decay-flavours 3 sums three flavours (3 × (B.1)); widths_per_flavour_GeV and --decay-flavours 1 give (B.1) itself", async () => {
    const a = JSON.parse((await run("width", "--model", "dipole", "--mN", "1", "--mu", "1e-6", "--decay-flavours", "3", "--json")).out);
    const b = JSON.parse((await run("width", "--model", "dipole", "--mN", "1", "--mu", "1e-6", "--decay-flavours", "1", "--E", "500", "--json")).out);
    const B1 = (1e-12 * 1) / (4 * Math.PI);
    expectRelClose(a.widths_per_flavour_GeV.nu_gamma, B1, 1e-12);
    expect(a.widths_GeV.nu_gamma / B1).toBeCloseTo(3, 12);
    expect(b.widths_GeV.nu_gamma / B1).toBeCloseTo(1, 12);
    // (3.2) with the one-flavour width: 1.24 m from (B.1), 1% shorter with the ν ℓℓ channels (ERRATA E12)
    expect(b.decay_length_m).toBeGreaterThan(1.2);
    expect(b.decay_length_m).toBeLessThan(1.25);
  });
  it("for a long-lived N the vessel count is ∝ Γ: three decay flavours give 3× the events of one", async () => {
    const one = JSON.parse((await run("events", "--signature", "vessel-photons", "--mN", "0.05", "--mu", "1e-7", "--decay-flavours", "1", "--json")).out);
    const three = JSON.parse((await run("events", "--signature", "vessel-photons", "--mN", "0.05", "--mu", "1e-7", "--decay-flavours", "3", "--json")).out);
    expect(three.events / one.events).toBeCloseTo(3, 2);
    expect(one.inputs.decay_flavours).toBe(1);
    expect(three.inputs.decay_flavours).toBe(3);
    expect((await run("events", "--signature", "vessel-photons", "--mN", "0.05", "--mu", "1e-7", "--decay-flavours", "4")).code).toBe(2);
  });
});
