/**
 * `nudump reach --figure 1|2|3|4 … --out <dir>`: the data of the paper's figures as JSON and CSV
 * (one file per panel), computed with worker threads (Fig. 1) and a progress bar on stderr; the
 * figures as PNG and SVG with --images. Everything is computed before anything is written, every
 * file is written atomically and the manifest last.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import {
  assembleFig1,
  fig1Figure,
  fig1Masses,
  fig2Left,
  fig2LeftFigure,
  fig2Right,
  fig2RightFigure,
  fig3Figure,
  fig3Lines,
  fig3PrimaryCheck,
  fig3Spectrum,
  fig3SpectrumFigure,
  FIG4_LINES,
  fig4BoundsDir,
  fig4Figure,
  fig4HadronsDir,
  fig4Lines,
  fig4MassPoints,
  fig4RightFigure,
  fig4RightPanel,
  fig1MassesOnWorkers,
} from "../lib/figures";
import type { Figure } from "../lib/plot/figure";
import { makeSetup } from "../lib/engine/setup";
import { choice, decayFlavoursFromArgs, num, UsageError, type Parsed, type Values } from "./options";
import { assertFinite, checkOutDir, progressBar, snakeKeys, table, writeAtomic } from "./output";
import { resolvedInputs, setupOptionsFromArgs, type InputOptions } from "./setup";
import { version } from "./version";
import { fpfFig1Files } from "./reachFpf";
import { fpfFig1Figure } from "../lib/plot/paper/fpf";
import { FPF_DETECTOR_NAMES } from "../lib/detector/fpf";

type Row = (string | number | null)[];

function csv(rows: Row[]): string {
  return rows.map((r) => r.map((x) => (x === null ? "" : String(x))).join(",")).join("\n") + "\n";
}

/** The files and figures of one run, collected before anything is written. */
class Output {
  readonly files: [string, string | Uint8Array][] = [];
  readonly figs: Figure[] = [];
  write(name: string, content: string | Uint8Array): void {
    this.files.push([name, content]);
  }
  /** JSON in the CLI's key style; null allowed (figure data: "not defined at this mass"), NaN/∞ never. */
  json(name: string, data: unknown): void {
    const j = snakeKeys(data);
    assertFinite(j, name, true);
    this.write(name, JSON.stringify(j, null, 1) + "\n");
  }
  /** The lines of a reach panel as CSV, one row per point. */
  lines(name: string, lines: readonly { name: string; label: string; level?: number | null; x: readonly number[]; y: readonly number[] }[], yName: string): void {
    const rows: Row[] = [["line", "label", "level", "mN_GeV", yName]];
    for (const l of lines) l.x.forEach((x, i) => rows.push([l.name, JSON.stringify(l.label), l.level ?? "", x, l.y[i]!]));
    this.write(name, csv(rows));
  }
}

/** What every figure needs: the input options and the resolved FASERν2 inputs echoed under `inputs`. */
interface Context {
  readonly v: Values;
  readonly fluxOpts: InputOptions;
  readonly out: Output;
  /** The figure's FASERν2 setup, resolved (with --decay-flavours where it applies). */
  inputs(decayFlavours?: number): Record<string, unknown>;
}

const lineSummary = (lines: readonly { name: string; x: readonly number[]; closed?: boolean }[]) =>
  lines.map((l) => ({ name: l.name, points: l.x.length, closed: l.closed }));

/** Fig. 1: the starting mass grid, refined where a contour turns or leaves the scan (lib/engine/reach). */
async function reachFig1(c: Context): Promise<Record<string, unknown>> {
  const { v, out } = c;
  const detector = choice(v, "detector", ["fasernu2-faser2", ...FPF_DETECTOR_NAMES] as const, "fasernu2-faser2");
  if (detector !== "fasernu2-faser2") return reachFig1Fpf(c, detector);
  const panel = choice(v, "panel", ["universal", "tau"] as const);
  const masses = fig1Masses(num(v, "masses"));
  const rounds = num(v, "refine-rounds");
  const workers = typeof v.workers === "number" ? v.workers : undefined;
  const nf = decayFlavoursFromArgs(v);
  const bar = progressBar(`Fig. 1 (${panel})`, masses.length);
  const t0 = Date.now();
  const taskOpts = { panel, ...c.fluxOpts, ...(nf !== undefined ? { decayFlavours: nf } : {}) };
  // each refinement mass asked for as soon as its interval's ends are in (the same grid and numbers as the rounds)
  const perMass = await fig1MassesOnWorkers({ ...taskOpts, masses, refine: { maxRounds: rounds } }, workers, () => bar.tick());
  bar.done();
  const data = assembleFig1(panel, perMass);
  const inputs = { figure: 1, panel, masses: masses.length, masses_after_refinement: perMass.length, refine_rounds: rounds, workers: workers ?? "one per core", ...c.inputs(nf) };
  out.json(`fig1-${panel}.json`, { ...data, inputs });
  out.lines(`fig1-${panel}-lines.csv`, data.lines, "mu_GeV_inv");
  const mrows: Row[] = [["signature", "max_events_allowed", "mN_GeV", "mu_GeV_inv"]];
  for (const [s, m] of Object.entries(data.maxAllowed)) mrows.push([s, m.events, m.mass, m.mu]);
  out.write(`fig1-${panel}-max-allowed.csv`, csv(mrows));
  out.figs.push(fig1Figure(data));
  return { lines: lineSummary(data.lines), maxAllowed: data.maxAllowed, seconds: (Date.now() - t0) / 1000 };
}

/** Fig. 1 for an FPF detector (lib/detector/fpf.ts): its lines with the flux band (cli/reachFpf.ts); the paper's flux options do not apply. */
function reachFig1Fpf(c: Context, detector: (typeof FPF_DETECTOR_NAMES)[number]): Record<string, unknown> {
  const { v, out } = c;
  const ignored = ["normalisation", "flux-source", "flux-dir"].filter((k) => v[k] !== undefined);
  if (ignored.length > 0) throw new UsageError(`--${ignored[0]} does not apply with --detector ${detector} (its band spans both normalisations of its own tables)`);
  const panel = choice(v, "panel", ["universal", "tau"] as const);
  const nf = decayFlavoursFromArgs(v);
  const r = fpfFig1Files(panel, detector, { masses: num(v, "masses"), rounds: num(v, "refine-rounds"), ...(nf !== undefined ? { decayFlavours: nf } : {}) });
  for (const [name, content] of r.files) out.write(name, content);
  out.figs.push(fpfFig1Figure(r.data));
  return r.summary;
}

/** Fig. 2: the photon spectra (quadrature and sampled) and the dilepton branching fractions. */
function reachFig2(c: Context): Record<string, unknown> {
  const { out } = c;
  const bar = progressBar("Fig. 2", 2);
  const left = fig2Left(c.fluxOpts);
  bar.tick();
  const right = fig2Right();
  bar.tick();
  bar.done();
  out.json("fig2-left.json", { curves: left, inputs: { figure: 2, ...c.inputs() } });
  const lrows: Row[] = [["mN_GeV", "mu_GeV_inv", "E_lo_GeV", "E_hi_GeV", "events_quadrature", "events_sampled", "error_sampled"]];
  for (const cv of left) cv.quadrature.forEach((q, b) => lrows.push([cv.mN, cv.mu, cv.edges[b]!, cv.edges[b + 1]!, q, cv.sampled[b]!, cv.errors[b]!]));
  out.write("fig2-left.csv", csv(lrows));
  out.json("fig2-right.json", right);
  const rrows: Row[] = [["mN_GeV", "BR_ee", "BR_mumu", "BReff_ee", "BReff_mumu", "BRprinted_ee", "BRprinted_mumu"]];
  right.mN.forEach((m, i) => rrows.push([m, right.total.e[i]!, right.total.mu[i]!, right.effective.e[i]!, right.effective.mu[i]!, right.printed.e[i]!, right.printed.mu[i]!]));
  out.write("fig2-right.csv", csv(rrows));
  out.figs.push(fig2LeftFigure(left), fig2RightFigure(right));
  return { left: left.map((cv) => ({ mN: cv.mN, mu: cv.mu, events: cv.totalQuadrature })) };
}

/** Fig. 3: the reach lines and the vessel e⁺e⁻ spectrum, with the numbers behind its normalisation. */
function reachFig3(c: Context): Record<string, unknown> {
  const { out } = c;
  const bar = progressBar("Fig. 3", 2);
  const left = fig3Lines(c.fluxOpts);
  bar.tick();
  const right = fig3Spectrum(c.fluxOpts);
  bar.tick();
  // the numbers behind the right panel's normalisation (primary count by hand, Z_D survival, αε² scan)
  const check = fig3PrimaryCheck(c.fluxOpts);
  out.json("fig3-primary-check.json", check);
  bar.done();
  const inputs = { figure: 3, ...c.inputs(), meson_tables: "data/hadrons/14TeV/EPOSLHC" };
  out.json("fig3-left.json", { ...left, inputs });
  out.lines("fig3-left-lines.csv", left.lines, "U2");
  out.json("fig3-right.json", { ...right, inputs });
  const srows: Row[] = [["E_lo_GeV", "E_hi_GeV", "secondary_events", "primary_events"]];
  right.edges.slice(0, -1).forEach((e, b) => srows.push([e, right.edges[b + 1]!, right.secondary.events[b]!, right.primary.events[b]!]));
  out.write("fig3-right.csv", csv(srows));
  out.figs.push(fig3Figure(left), fig3SpectrumFigure(right, "shape", check), fig3SpectrumFigure(right, "events", check));
  return { lines: lineSummary(left.lines), primaryEvents: left.primaryEvents, seconds: left.seconds };
}

/** Fig. 4: the heavy-Z_D reach lines and the event counts of the right panel, from the same mass points. */
function reachFig4(c: Context): Record<string, unknown> {
  const { v, out } = c;
  const hadronsDir = typeof v["hadrons-dir"] === "string" ? v["hadrons-dir"] : undefined;
  const boundsDir = typeof v["bounds-dir"] === "string" ? v["bounds-dir"] : undefined;
  const opts = { ...c.fluxOpts, ...(hadronsDir !== undefined ? { hadronsDir } : {}), ...(boundsDir !== undefined ? { boundsDir } : {}) };
  // both inputs checked before the (minutes-long) computation: a missing one is an error, never a silent drop
  fig4HadronsDir(opts);
  fig4BoundsDir(opts);
  const bar = progressBar("Fig. 4", 3);
  const points = fig4MassPoints(opts);
  bar.tick();
  const left = fig4Lines({ ...opts, points });
  bar.tick();
  const right = fig4RightPanel({ ...opts, points }); // the same mass points (fig4Panels)
  bar.tick();
  bar.done();
  const inputs = { figure: 4, ...c.inputs(), hadrons_dir: fig4HadronsDir(opts), bounds_dir: fig4BoundsDir(opts) };
  out.json("fig4-left.json", { ...left, inputs });
  out.lines("fig4-left-lines.csv", left.lines, "U2");
  out.json("fig4-right.json", { ...right, inputs });
  const rrows: Row[] = [["mN_GeV", "faser2_events", "faser2_no_angle_cuts", "charm2_events"]];
  right.masses.forEach((m, i) => rrows.push([m, right.faser2[i]!, right.faser2NoAngle[i]!, right.charm2[i]!]));
  out.write("fig4-right.csv", csv(rrows));
  out.figs.push(fig4Figure(left, FIG4_LINES), fig4RightFigure(right));
  return { lines: lineSummary(left.lines), seconds: left.seconds };
}

const FIGURES = { "1": reachFig1, "2": reachFig2, "3": reachFig3, "4": reachFig4 } as const;

/**
 * The figures as PNG and SVG (only with --images: drawing costs a browser start and seconds per
 * figure that a data run does not need; one Chromium session for all figures). The renderer
 * (lib/plot/render.ts) is loaded only here.
 */
async function drawImages(out: Output): Promise<void> {
  const { chromiumPath, renderStatic } = await import("../lib/plot/render.js");
  if (chromiumPath() === null) throw new UsageError("--images needs Chromium at /usr/bin/chromium (apt-get install chromium) or $NUDUMP_CHROMIUM");
  const images = await renderStatic(out.figs, { scale: 2 });
  out.figs.forEach((f, i) => {
    out.write(`${f.name}.png`, images[i]!.png);
    out.write(`${f.name}.svg`, images[i]!.svg);
  });
}

/**
 * Every file atomically (temporary name, rename), the manifest last: an interrupted run leaves
 * the previous result or the complete new one, and the manifest lists exactly one run's files.
 */
function writeAll(dir: string, existed: boolean, figure: string, out: Output): string[] {
  if (!existed) mkdirSync(dir);
  const written: string[] = [];
  const manifest: { name: string; bytes: number; sha256: string }[] = [];
  for (const [name, content] of out.files) {
    const f = path.join(dir, name);
    writeAtomic(f, content);
    written.push(f);
    manifest.push({ name, bytes: Buffer.byteLength(content), sha256: createHash("sha256").update(content).digest("hex") });
  }
  const manifestFile = path.join(dir, `fig${figure}-manifest.json`);
  writeAtomic(manifestFile, JSON.stringify({ figure: Number(figure), nudump_version: version(), files: manifest }, null, 1) + "\n");
  written.push(manifestFile);
  return written;
}

/** `nudump reach`. */
export async function reach(p: Parsed): Promise<{ json: unknown; text: string }> {
  const v = p.v;
  const figure = choice(v, "figure", ["1", "2", "3", "4"] as const);
  const dir = v.out as string;
  const existed = checkOutDir("out", dir);
  const fluxOpts = setupOptionsFromArgs(v);
  const out = new Output();
  const inputs = (nf?: number) => resolvedInputs(makeSetup("fasernu2-faser2", { ...fluxOpts, ...(nf !== undefined ? { decayFlavours: nf } : {}) }).resolved);
  // compute everything first, then write: a failed computation leaves the directory untouched
  const summary = await FIGURES[figure]({ v, fluxOpts, out, inputs });
  if (v["images"] === true) await drawImages(out);
  const written = writeAll(dir, existed, figure, out);
  return {
    json: { written, ...summary },
    text: table([["figure", figure], ...written.map((f) => ["wrote", f] as [string, string])]),
  };
}
