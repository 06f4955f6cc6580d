/**
 * `nudump reach --figure 1|2 … --out <dir>`: the data of the paper's figures as JSON and CSV
 * (one file per panel), computed with worker threads and a progress bar on stderr.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import {
  assembleFig1,
  fig1Figure,
  fig1EdgeList,
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
  runMassTasks,
} from "../lib/figures";
import { chromiumPath, renderStatic, type Figure } from "../lib/plot/plots";
import { refineMassGrid } from "../lib/engine/reach";
import { makeSetup } from "../lib/detector/setup";
import { choice, decayFlavoursFromArgs, num, progressBar, resolvedInputs as inputsOf, setupOptionsFromArgs, table, UsageError } from "./args";
import type { Parsed } from "./options";
import { assertFinite, checkOutDir, snakeKeys, writeAtomic } from "./output";
import { version } from "./version";
import { fpfFig1Files } from "./reachFpf";
import { fpfFig1Figure } from "../lib/plot/paper/fpf";
import { FPF_DETECTOR_NAMES } from "../lib/detector/fpf";

function csv(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map((x) => (x === null ? "" : String(x))).join(",")).join("\n") + "\n";
}

/** `nudump reach`. */
export async function reach(p: Parsed): Promise<{ json: unknown; text: string }> {
  const v = p.v;
  const figure = choice(v, "figure", ["1", "2", "3", "4"] as const);
  const out = v.out as string;
  const existed = checkOutDir("out", out);
  const fluxOpts = setupOptionsFromArgs(v);
  // what the figure's FASERν2 setup resolves to, echoed in every JSON file under `inputs`
  const resolvedInputs = (nf?: number) => inputsOf(makeSetup("fasernu2-faser2", { ...fluxOpts, ...(nf !== undefined ? { decayFlavours: nf } : {}) }).resolved);
  // compute everything first, then write: a failed computation leaves the directory untouched
  const files: [string, string | Uint8Array][] = [];
  const write = (name: string, content: string | Uint8Array) => void files.push([name, content]);
  const writeJson = (name: string, data: unknown) => {
    const j = snakeKeys(data);
    assertFinite(j, name, true);
    write(name, JSON.stringify(j, null, 1) + "\n");
  };
  let summary: Record<string, unknown>;
  const figs: Figure[] = [];
  const fpfDetector = figure === "1" ? choice(v, "detector", ["fasernu2-faser2", ...FPF_DETECTOR_NAMES] as const, "fasernu2-faser2") : "fasernu2-faser2";
  if (fpfDetector !== "fasernu2-faser2") {
    // the FPF lines with their flux band (cli/reachFpf.ts); the paper's flux options do not apply
    const ignored = ["normalisation", "flux-source", "flux-dir"].filter((k) => v[k] !== undefined);
    if (ignored.length > 0) throw new UsageError(`--${ignored[0]} does not apply with --detector ${fpfDetector} (its band spans both normalisations of its own tables)`);
    const panel = choice(v, "panel", ["universal", "tau"] as const);
    const nf = decayFlavoursFromArgs(v);
    const r = fpfFig1Files(panel, fpfDetector, { masses: num(v, "masses"), rounds: num(v, "refine-rounds"), ...(nf !== undefined ? { decayFlavours: nf } : {}) });
    for (const [name, content] of r.files) write(name, content);
    figs.push(fpfFig1Figure(r.data));
    summary = r.summary;
  } else if (figure === "1") {
    const panel = choice(v, "panel", ["universal", "tau"] as const);
    const masses = fig1Masses(num(v, "masses"));
    const rounds = num(v, "refine-rounds");
    const workers = typeof v.workers === "number" ? v.workers : undefined;
    const nf = decayFlavoursFromArgs(v);
    const bar = progressBar(`Fig. 1 (${panel})`, masses.length);
    const t0 = Date.now();
    const taskOpts = { panel, ...fluxOpts, ...(nf !== undefined ? { decayFlavours: nf } : {}) };
    // the starting grid, then the masses where a contour turns or leaves the scan (lib/reach)
    const perMass = await refineMassGrid(masses, (ms) => runMassTasks("fig1", [...ms], taskOpts, workers, () => bar.tick()), (r) => r.mass, fig1EdgeList, { maxRounds: rounds });
    bar.done();
    const data = assembleFig1(panel, perMass);
    const inputs = { figure: 1, panel, masses: masses.length, masses_after_refinement: perMass.length, refine_rounds: rounds, workers: workers ?? "one per core", ...resolvedInputs(nf) };
    writeJson(`fig1-${panel}.json`, { ...data, inputs });
    const rows: (string | number)[][] = [["line", "label", "level", "mN_GeV", "mu_GeV_inv"]];
    for (const l of data.lines) l.x.forEach((x, i) => rows.push([l.name, JSON.stringify(l.label), l.level ?? "", x, l.y[i]!]));
    write(`fig1-${panel}-lines.csv`, csv(rows));
    const mrows: (string | number)[][] = [["signature", "max_events_allowed", "mN_GeV", "mu_GeV_inv"]];
    for (const [s, m] of Object.entries(data.maxAllowed)) mrows.push([s, m.events, m.mass, m.mu]);
    write(`fig1-${panel}-max-allowed.csv`, csv(mrows));
    figs.push(fig1Figure(data));
    summary = { lines: data.lines.map((l) => ({ name: l.name, points: l.x.length, closed: l.closed })), maxAllowed: data.maxAllowed, seconds: (Date.now() - t0) / 1000 };
  } else if (figure === "4") {
    const hadronsDir = typeof v["hadrons-dir"] === "string" ? v["hadrons-dir"] : undefined;
    const boundsDir = typeof v["bounds-dir"] === "string" ? v["bounds-dir"] : undefined;
    const opts = { ...fluxOpts, ...(hadronsDir !== undefined ? { hadronsDir } : {}), ...(boundsDir !== undefined ? { boundsDir } : {}) };
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
    const inputs = { figure: 4, ...resolvedInputs(), hadrons_dir: fig4HadronsDir(opts), bounds_dir: fig4BoundsDir(opts) };
    writeJson("fig4-left.json", { ...left, inputs });
    const rows: (string | number)[][] = [["line", "label", "level", "mN_GeV", "U2"]];
    for (const l of left.lines) l.x.forEach((x, i) => rows.push([l.name, JSON.stringify(l.label), l.level ?? "", x, l.y[i]!]));
    write("fig4-left-lines.csv", csv(rows));
    writeJson("fig4-right.json", { ...right, inputs });
    const rrows: (string | number)[][] = [["mN_GeV", "faser2_events", "faser2_no_angle_cuts", "charm2_events"]];
    right.masses.forEach((m, i) => rrows.push([m, right.faser2[i]!, right.faser2NoAngle[i]!, right.charm2[i]!]));
    write("fig4-right.csv", csv(rrows));
    figs.push(fig4Figure(left, FIG4_LINES), fig4RightFigure(right));
    summary = { lines: left.lines.map((l) => ({ name: l.name, points: l.x.length, closed: l.closed })), seconds: left.seconds };
  } else if (figure === "3") {
    const bar = progressBar("Fig. 3", 2);
    const left = fig3Lines(fluxOpts);
    bar.tick();
    const right = fig3Spectrum(fluxOpts);
    bar.tick();
    // the numbers behind the right panel's normalisation (primary count by hand, Z_D survival, αε² scan)
    const check = fig3PrimaryCheck(fluxOpts);
    writeJson("fig3-primary-check.json", check);
    bar.done();
    const inputs = { figure: 3, ...resolvedInputs(), meson_tables: "data/hadrons/14TeV/EPOSLHC" };
    writeJson("fig3-left.json", { ...left, inputs });
    const rows: (string | number)[][] = [["line", "label", "level", "mN_GeV", "U2"]];
    for (const l of left.lines) l.x.forEach((x, i) => rows.push([l.name, JSON.stringify(l.label), l.level ?? "", x, l.y[i]!]));
    write("fig3-left-lines.csv", csv(rows));
    writeJson("fig3-right.json", { ...right, inputs });
    const srows: (string | number)[][] = [["E_lo_GeV", "E_hi_GeV", "secondary_events", "primary_events"]];
    right.edges.slice(0, -1).forEach((e, b) => srows.push([e, right.edges[b + 1]!, right.secondary.events[b]!, right.primary.events[b]!]));
    write("fig3-right.csv", csv(srows));
    figs.push(fig3Figure(left), fig3SpectrumFigure(right, "shape", check), fig3SpectrumFigure(right, "events", check));
    summary = { lines: left.lines.map((l) => ({ name: l.name, points: l.x.length, closed: l.closed })), primaryEvents: left.primaryEvents, seconds: left.seconds };
  } else {
    const bar = progressBar("Fig. 2", 2);
    const left = fig2Left(fluxOpts);
    bar.tick();
    const right = fig2Right();
    bar.tick();
    bar.done();
    writeJson("fig2-left.json", { curves: left, inputs: { figure: 2, ...resolvedInputs() } });
    const lrows: (string | number)[][] = [["mN_GeV", "mu_GeV_inv", "E_lo_GeV", "E_hi_GeV", "events_quadrature", "events_sampled", "error_sampled"]];
    for (const c of left) c.quadrature.forEach((q, b) => lrows.push([c.mN, c.mu, c.edges[b]!, c.edges[b + 1]!, q, c.sampled[b]!, c.errors[b]!]));
    write("fig2-left.csv", csv(lrows));
    writeJson("fig2-right.json", right);
    const rrows: (string | number | null)[][] = [["mN_GeV", "BR_ee", "BR_mumu", "BReff_ee", "BReff_mumu", "BRprinted_ee", "BRprinted_mumu"]];
    right.mN.forEach((m, i) =>
      rrows.push([m, right.total.e[i]!, right.total.mu[i]!, right.effective.e[i]!, right.effective.mu[i]!, right.printed.e[i]!, right.printed.mu[i]!]),
    );
    write("fig2-right.csv", csv(rrows));
    figs.push(fig2LeftFigure(left), fig2RightFigure(right));
    summary = { left: left.map((c) => ({ mN: c.mN, mu: c.mu, events: c.totalQuadrature })) };
  }
  // the figures as PNG and SVG only when asked (--images): drawing costs a browser start and
  // seconds per figure that a data run does not need (one Chromium session for all figures)
  if (v["images"] === true) {
    if (chromiumPath() === null) throw new UsageError("--images needs Chromium at /usr/bin/chromium (apt-get install chromium) or $NUDUMP_CHROMIUM");
    const images = await renderStatic(figs, { scale: 2 });
    figs.forEach((f, i) => {
      write(`${f.name}.png`, images[i]!.png);
      write(`${f.name}.svg`, images[i]!.svg);
    });
  }
  // every file atomically (temporary name, rename), the manifest last: an interrupted run leaves
  // the previous result or the complete new one, and the manifest lists exactly one run's files
  if (!existed) mkdirSync(out);
  const written: string[] = [];
  const manifest: { name: string; bytes: number; sha256: string }[] = [];
  for (const [name, content] of files) {
    const f = path.join(out, name);
    writeAtomic(f, content);
    written.push(f);
    manifest.push({ name, bytes: Buffer.byteLength(content), sha256: createHash("sha256").update(content).digest("hex") });
  }
  const manifestFile = path.join(out, `fig${figure}-manifest.json`);
  writeAtomic(manifestFile, JSON.stringify({ figure: Number(figure), nudump_version: version(), files: manifest }, null, 1) + "\n");
  written.push(manifestFile);
  return {
    json: { written, ...summary },
    text: table([["figure", figure], ...written.map((f) => ["wrote", f] as [string, string])]),
  };
}
