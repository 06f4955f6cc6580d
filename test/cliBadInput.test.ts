/**
 * Every bad input a user can give is handled cleanly: exit status 2, exactly one line on
 * stderr naming the option or file, nothing on stdout. Over 300 cases across every
 * subcommand: malformed numbers (hex, trailing junk, empty, NaN, ∞, overflow), wrong units,
 * out-of-range values, non-integers, bad choices, unknown options, stray arguments, missing
 * values, options a combination ignores, missing/empty/wrong files and directories, and
 * unwritable outputs. Also: `--opt=value` is `--opt value`, quantities equal plain numbers.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMAND_DEFS, MAX_WORKERS } from "../cli/spec";
import { runCli } from "./support/cliRun";

const tmp = mkdtempSync(path.join(tmpdir(), "nudump-bad-"));
const emptyDir = path.join(tmp, "empty");
mkdirSync(emptyDir);
const aFile = path.join(tmp, "file.txt");
writeFileSync(aFile, "x\n");
const unreadable = path.join(tmp, "locked");
mkdirSync(unreadable);
writeFileSync(path.join(unreadable, "a"), "x");
chmodSync(unreadable, 0o000);
// a flux directory whose table is malformed (the reader names file and line)
const badFlux = path.join(tmp, "badflux");
for (const [set, prefix] of [["FASERv", "FASER_"], ["FASERv2", "FASERv2_"]]) {
  mkdirSync(path.join(badFlux, set!), { recursive: true });
  for (const pid of ["12", "-12", "14", "-14", "16", "-16"]) writeFileSync(path.join(badFlux, set!, `${prefix}${pid}.txt`), "# E N\n1.0 2.0\nnot numbers here\n");
}
afterAll(() => chmodSync(unreadable, 0o700));

const BASE: Record<string, string[]> = {
  xsec: ["xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "1", "--mu", "1e-6"],
  xsecDark: ["xsec", "--model", "darkboson", "--process", "coherent", "--E", "300", "--mN", "0.5", "--mZD", "0.03", "--alphaD", "0.25", "--alphaEps2", "2e-10", "--U2", "1e-6"],
  width: ["width", "--model", "dipole", "--mN", "1", "--mu", "1e-6"],
  widthDark: ["width", "--model", "darkboson", "--mN", "1", "--mZD", "0.1", "--gD", "1", "--eps", "1e-3", "--U2", "1e-6"],
  widthZD: ["width", "--particle", "ZD", "--mZD", "0.03", "--alphaD", "0.25", "--alphaEps2", "2e-10"],
  events: ["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7"],
  eventsDark: ["events", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.3", "--U2", "1e-7"],
  eventsDarkE: ["events", "--model", "darkboson", "--signature", "electron-scattering", "--production", "zd-decay", "--mN", "0.02", "--U2", "1e-6"],
  spectrum: ["spectrum", "--signature", "vessel-dileptons", "--mN", "0.5", "--mu", "5e-7", "--n", "100"],
  spectrumDark: ["spectrum", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.3", "--U2", "1e-7"],
  sample: ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "10", "--seed", "1"],
  sampleDark: ["sample", "--model", "darkboson", "--signature", "vessel-dileptons", "--production", "secondary", "--mN", "0.3", "--U2", "1e-7", "--n", "10", "--seed", "1"],
  reach: ["reach", "--figure", "2", "--out", path.join(tmp, "reach-out")],
  reach1: ["reach", "--figure", "1", "--panel", "universal", "--out", path.join(tmp, "reach-out")],
  reach4: ["reach", "--figure", "4", "--out", path.join(tmp, "reach-out")],
};

const MALFORMED = ["", " ", "abc", "0x10", "0b11", "1e-6x", "NaN", "Infinity", "-Infinity", "1e400", "1,2", "--", "1..2", "½"];
const cases: [string, string[]][] = [];
const add = (label: string, base: string, extra: string[]) => cases.push([`${label}: ${[...BASE[base]!.slice(0, 1), ...extra].join(" ")}`, [...BASE[base]!, ...extra]]);

// malformed numbers on every numeric option of every base
const numeric: [string, string][] = [
  ["xsec", "E"], ["xsec", "mN"], ["xsec", "mu"], ["xsec", "tmax"], ["xsecDark", "mZD"], ["xsecDark", "alphaD"], ["xsecDark", "U2"],
  ["width", "mN"], ["width", "mu"], ["width", "E"], ["widthDark", "gD"], ["widthDark", "eps"], ["widthZD", "mZD"],
  ["events", "mN"], ["events", "mu"], ["eventsDark", "U2"], ["eventsDark", "alphaEps2"], ["spectrum", "bins"], ["spectrum", "emin"],
  ["spectrum", "n"], ["spectrum", "seed"], ["sample", "n"], ["sample", "seed"], ["reach1", "masses"], ["reach1", "workers"], ["reach1", "refine-rounds"],
];
for (const [base, opt] of numeric) for (const bad of MALFORMED) add(`malformed --${opt}`, base, [`--${opt}`, bad]);
// the same with --opt=value
for (const [base, opt] of numeric.slice(0, 8)) for (const bad of ["0x10", "1e-6x", ""]) add(`malformed --${opt}=`, base, [`--${opt}=${bad}`]);

// wrong units and dimensions
for (const [base, opt, bad] of [
  ["xsec", "E", "1 m"], ["xsec", "E", "1/GeV"], ["xsec", "E", "3 kg"], ["xsec", "E", "1 foo"], ["xsec", "mN", "1 GeV^2"], ["xsec", "mu", "1e-6 GeV"],
  ["xsec", "mu", "1e-6 s"], ["xsec", "tmax", "1 GeV"], ["xsec", "recoil", "1 m,2 m"], ["width", "E", "1 TeV TeV"],
  ["events", "mN", "500 MeV junk"], ["xsecDark", "U2", "1e-6 GeV"], ["xsecDark", "alphaD", "0.25 GeV"], ["spectrum", "bins", "40 GeV"], ["events", "mN", "MeV"],
] as const) add(`unit --${opt}`, base, [`--${opt}`, bad]);

// out of the documented ranges (and non-integers where an integer is needed)
for (const [base, opt, bad] of [
  ["xsec", "E", "0"], ["xsec", "E", "-5"], ["xsec", "E", "7001"], ["xsec", "E", "8 TeV"], ["xsec", "mN", "0"], ["xsec", "mN", "-1"], ["xsec", "mN", "1e-5"],
  ["xsec", "mN", "101"], ["xsec", "mu", "0"], ["xsec", "mu", "-1e-6"], ["xsec", "mu", "0.02"], ["xsec", "mu", "1e200"], ["xsec", "mu", "1e308"], ["xsec", "mu", "1e-13"],
  ["xsec", "tmax", "0"], ["xsec", "tmax", "-1"], ["xsec", "recoil", "2,1"], ["xsec", "recoil", "-1,2"], ["xsec", "recoil", "1"], ["xsec", "recoil", "a,b"], ["xsec", "recoil", "1,2,3"],
  ["xsecDark", "mZD", "0"], ["xsecDark", "mZD", "1000"], ["xsecDark", "alphaD", "0"], ["xsecDark", "alphaD", "2"], ["xsecDark", "alphaEps2", "0.1"], ["xsecDark", "U2", "2"],
  ["xsecDark", "U2", "-1e-6"], ["widthDark", "gD", "10"], ["widthDark", "gD", "1e308"], ["widthDark", "eps", "2"], ["widthDark", "eps", "-2"], ["width", "decay-flavours", "4"],
  ["width", "decay-flavours", "0"], ["width", "decay-flavours", "1.5"], ["width", "E", "0.5"], ["events", "decay-flavours", "4"], ["events", "mu", "1e200"],
  ["eventsDark", "U2", "0"], ["eventsDark", "U2", "1.5"], ["eventsDark", "mN", "0.01"], ["spectrum", "bins", "0"], ["spectrum", "bins", "1e9"], ["spectrum", "bins", "2.5"],
  ["spectrum", "bins", "10001"], ["spectrum", "n", "0"], ["spectrum", "n", "1e10"], ["spectrum", "n", "1.5"], ["spectrum", "seed", "-1"], ["spectrum", "seed", "0.5"],
  ["spectrum", "emin", "0"], ["spectrum", "emax", "1e6"], ["spectrumDark", "bins", "1e9"], ["sample", "n", "0"], ["sample", "n", "-5"], ["sample", "n", "1e10"],
  ["sample", "n", "2.5"], ["reach1", "masses", "1"], ["reach1", "masses", "1e9"], ["reach1", "masses", "2.5"], ["reach1", "workers", "0"], ["reach1", "workers", "1.5"],
  ["reach1", "workers", String(MAX_WORKERS + 1)], ["reach1", "workers", "1000000"], ["reach1", "decay-flavours", "7"],
  ["reach1", "refine-rounds", "-1"], ["reach1", "refine-rounds", "11"], ["reach1", "refine-rounds", "2.5"], ["reach1", "refine-rounds", "1e9"],
  ["sampleDark", "U2", "0"], ["sampleDark", "U2", "1"], ["sampleDark", "n", "0"], ["sampleDark", "mZD", "1 TeV"],
] as const) add(`range --${opt}`, base, [`--${opt}`, bad]);
add("emin ≥ emax", "spectrum", ["--emin", "500", "--emax", "200"]);
add("emin ≥ emax", "spectrumDark", ["--emin", "1 TeV", "--emax", "1 TeV"]);

// bad choices
for (const [base, opt, bad] of [
  ["xsec", "model", "axion"], ["xsec", "model", ""], ["xsec", "process", "bogus"], ["xsec", "target", "Pb"], ["width", "particle", "X"], ["width", "coupling", "muon"],
  ["events", "signature", "bogus"], ["events", "detector", "atlas"], ["events", "flux", "sun"], ["events", "normalisation", "none"], ["events", "preset", "future"],
  ["events", "model", "DIPOLE"], ["eventsDark", "signature", "vessel-photons"], ["eventsDark", "production", "tertiary"], ["eventsDark", "flavour", "x"],
  ["eventsDark", "reading", "both"], ["eventsDarkE", "production", "both"], ["eventsDarkE", "flavour", "mu"], ["sample", "force-decay", "air"], ["reach", "figure", "7"],
  ["reach", "figure", "1.0"], ["reach1", "panel", "muon"], ["reach", "normalisation", "x"], ["sample", "model", "axion"], ["xsec", "preset", ""],
  // the presets' options and the sample formats (--preset on every command, --flux-source where a flux is read)
  ["width", "preset", "future"], ["widthZD", "preset", "Paper"], ["spectrum", "preset", "draft"], ["sample", "preset", "x"], ["reach", "preset", "PAPER"],
  ["eventsDark", "preset", "2020"], ["events", "flux-source", "fit"], ["eventsDark", "flux-source", "x"], ["eventsDarkE", "flux-source", "table"],
  ["spectrum", "flux-source", "Embedded"], ["sample", "flux-source", ""], ["reach", "flux-source", "tables,embedded"], ["sample", "format", "root"],
  ["sample", "format", "HEPMC3"], ["sample", "format", ""], ["sample", "format", "lhe"], ["sampleDark", "format", "txt"], ["sampleDark", "production", "both"],
  ["sampleDark", "production", "tertiary"], ["sampleDark", "signature", "vessel-photons"], ["sampleDark", "reading", "x"],
  ["sample", "compression", "zstd"], ["sample", "compression", "BROTLI"], ["sampleDark", "compression", ""],
] as const) add(`choice --${opt}`, base, [`--${opt}`, bad]);

// structure: unknown options, stray arguments, missing values and required options
for (const base of Object.keys(BASE)) {
  add("unknown option", base, ["--bogus", "1"]);
  add("unknown flag", base, ["--frobnicate"]);
  add("stray argument", base, ["extra"]);
  add("missing value", base, [BASE[base]!.includes("--mN") ? "--mN" : "--out"]);
  add("value on a flag", base, ["--json=yes"]);
}
for (const [label, argv] of [
  ["no model", ["xsec", "--process", "coherent", "--E", "1000", "--mN", "1"]],
  ["no E", ["xsec", "--model", "dipole", "--process", "coherent", "--mN", "1"]],
  ["no mZD", ["xsec", "--model", "darkboson", "--process", "coherent", "--E", "300", "--mN", "0.5", "--gD", "1", "--eps", "1e-3"]],
  ["no couplings", ["xsec", "--model", "darkboson", "--process", "coherent", "--E", "300", "--mN", "0.5", "--mZD", "0.03"]],
  ["both coupling pairs", ["xsec", "--model", "darkboson", "--process", "coherent", "--E", "300", "--mN", "0.5", "--mZD", "0.03", "--gD", "1", "--eps", "1e-3", "--alphaD", "0.25", "--alphaEps2", "2e-10"]],
  ["no mu", ["width", "--model", "dipole", "--mN", "1"]],
  ["no model (N)", ["width", "--mN", "1", "--mu", "1e-6"]],
  ["no signature", ["events", "--mN", "1", "--mu", "1e-6"]],
  ["no mN", ["events", "--signature", "vessel-photons", "--mu", "1e-6"]],
  ["no U2", ["events", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.3"]],
  ["no production", ["events", "--model", "darkboson", "--signature", "electron-scattering", "--mN", "0.02", "--U2", "1e-6"]],
  ["no n", ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--seed", "1"]],
  ["no seed", ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "10"]],
  ["no production (sample)", ["sample", "--model", "darkboson", "--signature", "vessel-dileptons", "--mN", "0.3", "--U2", "1e-7", "--n", "10", "--seed", "1"]],
  ["no U2 (sample)", ["sample", "--model", "darkboson", "--signature", "vessel-dileptons", "--production", "primary", "--mN", "0.3", "--n", "10", "--seed", "1"]],
  ["Fig. 4 IP production as CSV", ["sample", "--model", "darkboson", "--signature", "vessel-dileptons", "--production", "mixing", "--mN", "0.2", "--U2", "1e-4", "--n", "10", "--seed", "1"]],
  ["--compression on a CSV sample", ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "10", "--seed", "1", "--compression", "none"]],
  ["--compression on a HepMC3 file", ["sample", "--model", "darkboson", "--signature", "vessel-dileptons", "--production", "secondary", "--mN", "0.3", "--U2", "1e-7", "--n", "10", "--seed", "1", "--out", path.join(tmp, "c.hepmc3"), "--compression", "gzip"]],
  ["primary needs mN > mZD", ["sample", "--model", "darkboson", "--signature", "vessel-dileptons", "--production", "primary", "--mN", "0.01", "--U2", "1e-7", "--n", "10", "--seed", "1"]],
  ["no out", ["reach", "--figure", "2"]],
  ["no panel", ["reach", "--figure", "1", "--out", path.join(tmp, "o")]],
  ["no figure", ["reach", "--out", path.join(tmp, "o")]],
  ["unknown command", ["frobnicate"]],
  ["unknown help topic", ["help", "frobnicate"]],
  ["closed channels", ["width", "--particle", "ZD", "--mZD", "0.0005", "--alphaD", "0.25", "--alphaEps2", "2e-10"]],
] as [string, string[]][]) cases.push([label, argv]);

// options that the combination ignores
for (const [base, extra] of [
  ["xsec", ["--mZD", "0.03"]], ["xsec", ["--gD", "1"]], ["xsec", ["--U2", "1e-6"]], ["xsec", ["--flavour", "tau"]], ["xsec", ["--panel", "tau"]],
  ["xsecDark", ["--mu", "1e-6"]], ["xsec", ["--screening", "--process", "electron"]], ["xsec", ["--process", "electron-elastic"]],
  ["xsecDark", ["--process", "electron-elastic", "--tmax", "1", "--E", "100"]], ["width", ["--U2", "1e-6"]], ["width", ["--mZD", "0.1"]], ["widthDark", ["--mu", "1e-6"]],
  ["widthDark", ["--coupling", "tau"]], ["widthZD", ["--mu", "1e-6"]], ["widthZD", ["--model", "dipole"]], ["events", ["--U2", "1e-6"]], ["events", ["--production", "both"]],
  ["events", ["--reading", "literal"]], ["events", ["--mZD", "0.03"]], ["events", ["--no-angle-cuts"]], ["eventsDark", ["--mu", "1e-6"]], ["eventsDark", ["--coupling", "tau"]],
  ["eventsDark", ["--screening"]], ["eventsDark", ["--decay-flavours", "1"]], ["eventsDark", ["--gD", "1"]], ["eventsDark", ["--no-angle-cuts"]], ["eventsDarkE", ["--reading", "literal"]],
  ["events", ["--bins", "10"]], ["events", ["--n", "10"]], ["events", ["--csv"]], ["spectrum", ["--seed", "1", "--signature", "vessel-photons"]],
  ["spectrum", ["--n", "10", "--signature", "ecc-photons-1tev"]], ["spectrumDark", ["--n", "10"]], ["spectrumDark", ["--seed", "1"]], ["spectrumDark", ["--production", "mixing"]],
  ["spectrumDark", ["--signature", "electron-scattering"]], ["sample", ["--bins", "10"]], ["sample", ["--no-angle-cuts"]], ["sample", ["--U2", "1e-6"]],
  ["reach", ["--panel", "universal"]], ["reach", ["--masses", "10"]], ["reach", ["--workers", "1"]], ["reach", ["--hadrons-dir", tmp]], ["reach1", ["--bounds-dir", tmp]],
  ["reach", ["--decay-flavours", "1"]], ["reach", ["--mN", "1"]], ["reach", ["--refine-rounds", "2"]], ["reach4", ["--refine-rounds", "0"]],
  ["xsec", ["--flux-source", "tables"]], ["width", ["--flux-source", "embedded"]], ["xsec", ["--flux-dir", tmp]], ["width", ["--normalisation", "tp"]],
  ["sampleDark", ["--mu", "1e-6"]], ["sampleDark", ["--force-decay", "vessel"]], ["sampleDark", ["--screening"]], ["sampleDark", ["--decay-flavours", "1"]],
  ["sample", ["--production", "secondary"]], ["sample", ["--reading", "literal"]], ["sample", ["--format", "parquet"]], ["sampleDark", ["--format", "parquet"]],
] as [string, string[]][]) add("ignored option", base, extra);

// files and directories
for (const [base, opt] of [["events", "flux-dir"], ["eventsDark", "flux-dir"], ["spectrum", "flux-dir"], ["reach", "flux-dir"], ["reach4", "hadrons-dir"], ["reach4", "bounds-dir"]] as const) {
  // (root reads a mode-000 directory, so that case exists only for other users)
  for (const bad of [path.join(tmp, "does-not-exist"), emptyDir, aFile, "", ...(process.getuid?.() === 0 ? [] : [unreadable])]) add(`path --${opt}`, base, [`--${opt}`, bad]);
}
add("malformed flux table", "events", ["--flux-dir", badFlux]);
add("flux dir without the tables", "events", ["--flux-dir", path.join(tmp)]);
for (const bad of [path.join(tmp, "no", "such", "dir"), aFile, "", path.join(aFile, "sub")]) add("reach --out", "reach", ["--out", bad]);
for (const bad of [path.join(tmp, "no", "such.csv"), emptyDir, path.join(tmp, "events.txt"), "", path.join(aFile, "x.csv"), path.join(tmp, "no", "ev.hepmc3"), path.join(tmp, "ev.root")]) add("sample --out", "sample", ["--out", bad]);
for (const bad of [path.join(tmp, "no", "such.parquet"), emptyDir, path.join(tmp, "ee.lhe")]) add("sample --out", "sampleDark", ["--out", bad]);

describe("bad command-line input", () => {
  it(`has at least 300 cases over every subcommand (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const d of COMMAND_DEFS) expect(cases.some(([, a]) => a[0] === d.name)).toBe(true);
  });
  it("every one exits 2 with one line on stderr and nothing on stdout", async () => {
    const failures: string[] = [];
    const slow: string[] = [];
    for (const [label, argv] of cases) {
      const t0 = Date.now();
      const r = await runCli(argv);
      if (Date.now() - t0 > 300) slow.push(`${label} ${Date.now() - t0} ms`);
      const lines = r.err.split("\n").filter((l) => l !== "");
      if (r.code !== 2 || r.out !== "" || lines.length !== 1 || !r.err.endsWith("\n") || /\bat \S+:\d+/.test(r.err)) {
        failures.push(`${label} → code ${r.code}, stdout ${JSON.stringify(r.out.slice(0, 80))}, stderr ${JSON.stringify(r.err.slice(0, 200))}`);
      }
    }
    if (slow.length) console.log(slow.join("\n"));
    expect(failures).toEqual([]);
  }, 60_000);
  it("messages name the option or the file", async () => {
    const r = await runCli([...BASE.xsec!, "--mN", "0x10"]);
    expect(r.err).toMatch(/--mN/);
    const f = await runCli([...BASE.events!, "--flux-dir", badFlux]);
    expect(f.err).toMatch(/FASER(v2)?_-?1[246]\.txt:\d+/);
    const d = await runCli([...BASE.reach!, "--out", path.join(tmp, "no", "such", "dir")]);
    expect(d.err).toMatch(/--out/);
  });
});

describe("equivalent spellings", () => {
  it("--opt=value is --opt value; negative --eps is accepted; units equal plain numbers", async () => {
    const a = await runCli([...BASE.widthDark!, "--json"]);
    const b = await runCli(["width", "--model=darkboson", "--mN=1", "--mZD=100MeV", "--gD=1", "--eps=1e-3", "--U2=1e-6", "--json"]);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    const neg = await runCli(["width", "--model", "darkboson", "--mN", "1", "--mZD", "0.1", "--gD", "1", "--eps", "-1e-3", "--U2", "1e-6", "--json"]);
    expect(neg.code).toBe(0);
    expect(JSON.parse(neg.out).total_GeV).toBe(JSON.parse(a.out).total_GeV); // Γ ∝ ε²
    const x1 = await runCli(["xsec", "--model", "dipole", "--process", "electron", "--E", "1 TeV", "--mN", "100MeV", "--mu", "1e-6/GeV", "--json"]);
    const x2 = await runCli(["xsec", "--model", "dipole", "--process", "electron", "--E", "1000", "--mN", "0.1", "--mu", "1e-6", "--json"]);
    expect(x1.out).toBe(x2.out);
    const mu = await runCli(["xsec", "--model", "dipole", "--process", "electron", "--E", "1000", "--mN", "0.1", "--mu", "1e-9 MeV^-1", "--json"]);
    expect(mu.out).toBe(x2.out);
  });
  it("--model=darkboson and --signature=… route to the dark-boson engine", async () => {
    const r = await runCli(["events", "--model=darkboson", "--signature=electron-scattering", "--production=zd-decay", "--mN=20MeV", "--U2=1e-6", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).inputs).toMatchObject({ model: "darkboson", production: "zd-decay", mZD_GeV: 0.16, gD: 1, eps: 1e-3, flavour: "tau" });
  }, 30_000);
});
