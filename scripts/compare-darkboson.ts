/**
 * Accuracy check of the dark-boson figures (issue 15): computes what the Fig. 3, Fig. 4 and FPF
 * notebooks show (lines, counts, spectra, primary counts) with two builds and reports the largest
 * relative difference of every number, per section.
 *
 *   npx tsx scripts/compare-darkboson.ts --ref <reference checkout> [--sections fig3,fig4,fpf] [--quick]
 *     runs both builds (this checkout's dist/ and --ref's, a built checkout of the commit before
 *     the change: scripts/compareReference.ts) in child processes and compares;
 *   npx tsx scripts/compare-darkboson.ts --compute <root> --out <file.json> [--sections …] [--quick]
 *     writes one build's numbers (internal step).
 *
 * --quick: Fig. 4 on every 4th default mass (the full grid takes minutes per build).
 * Both builds must be built (npm run build). Exit code 1 if any difference exceeds --tol (default 1e-9).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { referenceRoot, relDiff } from "./compareReference";

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };

/** Plain data of a value: typed arrays as arrays, functions dropped. */
function plain(x: unknown): Json {
  if (typeof x === "number") return Number.isFinite(x) ? x : String(x);
  if (typeof x === "string" || typeof x === "boolean" || x === null || x === undefined) return (x ?? null) as Json;
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x === "object") {
    const o: Record<string, Json> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) if (typeof v !== "function" && k !== "seconds" && k !== "setup") o[k] = plain(v);
    return o;
  }
  return null;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function fig3Numbers(nud: any, plots: any): Record<string, unknown> {
  const { darkBoson, signatures, geometry, production } = nud;
  const figures = plots.figures;
  const params = signatures.FIG3_PARAMS;
  const checkMasses = [0.05, 0.1, 0.42, 1, 3, 10];
  const strip = (d: any) => ({ lines: d.lines, maxEvents: d.maxEvents, primaryEvents: d.primaryEvents });
  const pt = signatures.darkBosonMassPoint(0.3, signatures.makeSetup("fasernu2-faser2"), params);
  const zd = darkBoson.fromAlphas({ mN: 0.42, mZD: params.mZD, alphaD: params.alphaD, alphaEps2: params.alphaEps2, U2: 1e-8, flavour: "mu" });
  const w = darkBoson.zdWidths(zd);
  return {
    left: strip(figures.fig3Lines()),
    leftPaperChecks: strip(figures.fig3Lines({ preset: "paper", masses: checkMasses })),
    leftCurrentChecks: strip(figures.fig3Lines({ preset: "current", masses: checkMasses })),
    leftPolarised: strip(figures.fig3Lines({ masses: checkMasses, polarisation: "polarised", refine: false })),
    readings: ["errata", "literal"].map((reading) => signatures.secondaryDileptonEvents(pt, 1e-6, { reading })),
    primaryCheck: figures.fig3PrimaryCheck(),
    primaryCheckKN: figures.fig3PrimaryCheck({ normalisation: "kling-nevay" }),
    spectrum: figures.fig3Spectrum(),
    spectrumCurrent: figures.fig3Spectrum({ preset: "current" }),
    byGenerator: production.primaryZDEventsByGenerator(undefined, params.mZD, zd.eps, w.total, w.ee / w.total, geometry.fasernu2Faser2()),
    polarisation: figures.fig3SpectrumPolarisation({ mN: 0.42, U2: 9e-7 }),
    countRatios: figures.fig3CountRatios({ masses: [0.05, 0.1, 0.2, 0.42, 1, 3], U2s: [1e-8, 1e-4] }),
    // the parsed meson tables behind every primary count (the parser is on the compared path)
    mesonTables: Object.fromEntries(
      ["EPOSLHC", "SIBYLL", "QGSJET"].flatMap((g) =>
        ["pi0", "eta"].map((m) => {
          const { source: _path, ...numbers } = production.shippedMesonSpectrum(g, m); // the path names the checkout
          return [`${g}/${m}`, numbers];
        }),
      ),
    ),
    // fig3PrimaryCheck's ε scan row by row and a repeated call (the second answered from the mass-point cache)
    primaryCheckAgain: figures.fig3PrimaryCheck(),
  };
}

function fig4Numbers(plots: any, quick: boolean): Record<string, unknown> {
  const figures = plots.figures;
  const all: number[] = figures.fig4DefaultMasses();
  const masses = quick ? all.filter((_, i) => i % 4 === 0) : all;
  const points = masses.map((mN) => figures.fig4MassPoints({ masses: [mN] })[0]);
  const { left, right } = figures.fig4Panels({ points });
  const U2s = [0, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 0.5];
  const events = points.map((p: any) => ({ mN: p.model.mN, ev: p.signatures.map((s: string) => U2s.map((u) => [p.events(s, u), p.events(s, u, { angleCuts: false })])) }));
  const scaling = [0.02, 0.1].map((mN) => figures.fig4ScalingCheck({ mN, U2: 1e-4, mZDs: [8 * mN, 16 * mN, 40 * mN, 100 * mN] }));
  const [pPaper] = figures.fig4MassPoints({ masses: [0.04] }), [pCurrent] = figures.fig4MassPoints({ masses: [0.04], preset: "current" });
  const at004 = pPaper.signatures.map((s: string) => [pPaper.events(s, 1e-4), pCurrent.events(s, 1e-4)]);
  return { left: { lines: left.lines, maxEvents: left.maxEvents }, right, events, scaling, at004, comparison: figures.fig4PaperComparison(left, right) };
}

function fpfNumbers(plots: any): Record<string, unknown> {
  const figures = plots.figures;
  const m3 = plots.logspace(0.0303, 10, 8);
  const out: Record<string, unknown> = {};
  for (const detector of figures.FPF_DETECTOR_NAMES) {
    const d = figures.fpfFig3({ detector, masses: m3, refine: false });
    out[detector] = { byVariant: Object.fromEntries(Object.entries(d.byVariant).map(([k, v]: [string, any]) => [k, { lines: v.lines, maxEvents: v.maxEvents, primaryEvents: v.primaryEvents }])), primaryByGenerator: d.primaryByGenerator, primaryRange: d.primaryRange };
  }
  const ref = (out["fpf-fasernu2-faser2"] as any).byVariant["kling-nevay"].primaryEvents;
  out["paperBand"] = figures.primaryGeneratorBand("fasernu2-faser2", ref.mN, ref.U2);
  return out;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Every numeric leaf of a against b: the largest relative difference, where, and structural mismatches. */
function compare(a: Json, b: Json, where = ""): { max: number; at: string; mismatches: string[] } {
  const out = { max: 0, at: "", mismatches: [] as string[] };
  const walk = (x: Json, y: Json, w: string) => {
    if (typeof x === "number" && typeof y === "number") {
      const d = relDiff(x, y);
      if (d > out.max) Object.assign(out, { max: d, at: w });
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.mismatches.push(`${w}: length ${x.length} vs ${y.length}`);
      for (let i = 0; i < Math.min(x.length, y.length); i++) walk(x[i]!, y[i]!, `${w}[${i}]`);
      return;
    }
    if (x !== null && y !== null && typeof x === "object" && typeof y === "object" && !Array.isArray(x) && !Array.isArray(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (!(k in x) || !(k in y)) out.mismatches.push(`${w}.${k}: only in one`);
        else walk(x[k]!, y[k]!, `${w}.${k}`);
      }
      return;
    }
    if (x !== y) out.mismatches.push(`${w}: ${JSON.stringify(x).slice(0, 60)} vs ${JSON.stringify(y).slice(0, 60)}`);
  };
  walk(a, b, where);
  return out;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function computeMain(root: string, out: string, sections: string[], quick: boolean): void {
  const nud = require(path.join(root, "dist/lib/index.js"));
  const plots = require(path.join(root, "dist/lib/plot/index.js"));
  const result: Record<string, Json> = {};
  for (const s of sections) {
    const t0 = process.cpuUsage();
    const v = s === "fig3" ? fig3Numbers(nud, plots) : s === "fig4" ? fig4Numbers(plots, quick) : s === "fpf" ? fpfNumbers(plots) : null;
    if (v === null) throw new RangeError(`section = ${JSON.stringify(s)} is not one of fig3, fig4, fpf`);
    const c = process.cpuUsage(t0);
    result[s] = plain(v);
    console.error(`${root} ${s}: ${((c.user + c.system) / 1e6).toFixed(1)} s CPU`);
  }
  writeFileSync(out, JSON.stringify(result));
}

function main(): void {
  const sections = (arg("--sections") ?? "fig3,fig4,fpf").split(",");
  const quick = process.argv.includes("--quick");
  const computeRoot = arg("--compute");
  if (computeRoot !== undefined) return computeMain(computeRoot, arg("--out")!, sections, quick);
  const ref = referenceRoot();
  const tol = Number(arg("--tol") ?? 1e-9);
  const dir = mkdtempSync(path.join(tmpdir(), "compare-darkboson-"));
  const here = path.resolve(__dirname, "..");
  const files = [here, ref].map((root, i) => {
    const out = path.join(dir, `${i}.json`);
    execFileSync("npx", ["tsx", __filename, "--compute", root, "--out", out, "--sections", sections.join(","), ...(quick ? ["--quick"] : [])], { stdio: ["ignore", "inherit", "inherit"] });
    return JSON.parse(readFileSync(out, "utf8")) as Record<string, Json>;
  });
  let worst = 0;
  for (const s of sections) {
    const r = compare(files[0]![s]!, files[1]![s]!, s);
    worst = Math.max(worst, r.max, r.mismatches.length > 0 ? Infinity : 0);
    console.log(`${s}: max relative difference ${r.max.toExponential(2)}${r.at ? ` at ${r.at}` : ""}; ${r.mismatches.length} structural mismatch(es)`);
    for (const m of r.mismatches.slice(0, 10)) console.log(`  ${m}`);
  }
  if (worst > tol) {
    console.log(`FAIL: a difference exceeds ${tol}`);
    process.exitCode = 1;
  }
}

main();
