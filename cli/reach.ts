/**
 * `nudump reach --figure 1|2 … --out <dir>`: the data of the paper's figures as JSON and CSV
 * (one file per panel), computed with worker threads and a progress bar on stderr.
 */
import { mkdirSync, writeFileSync } from "node:fs";
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
import { chromiumPath, renderStatic, type Figure } from "../lib/plots";
import { logGrid } from "../lib/reach";
import { makeSetup, inputsJson } from "../lib/signatures/setup";
import { choice, decayFlavoursFromArgs, num, parse, progressBar, SETUP_OPTION_HELP, SETUP_OPTION_SPEC, setupOptionsFromArgs, table, UsageError } from "./args";

export const REACH_HELP = `nudump reach — the data of the paper's figures

  --figure 1 --panel universal|tau   Fig. 1 (dipole portal reach)  [--masses <n>] [--workers <n>] [--decay-flavours 1|2|3]
  --figure 2                         Fig. 2 (photon spectrum; N → νℓℓ branching fractions)
  --figure 3                         Fig. 3 (dark gauge boson: e⁺e⁻ reach, bi-modal spectrum)
  --figure 4 [--hadrons-dir <path>] [--bounds-dir <path>]
                                     Fig. 4 (heavy Z_D, ν_τ mixing); CHARM-II reads the 450 GeV meson
                                     tables of data/hadrons/0.45TeV, the gray bounds data/bounds/hnl-tau
                                     (the options point elsewhere; a missing directory is an error)
  --out <dir>      where to write JSON and CSV (required), and PNG/SVG when Chromium is installed
${SETUP_OPTION_HELP}
  --json           print a JSON summary on stdout`;

function csv(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map((x) => (x === null ? "" : String(x))).join(",")).join("\n") + "\n";
}

/** `nudump reach`. */
export async function reach(argv: string[]): Promise<{ json: unknown; text: string }> {
  const v = parse(argv, {
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    figure: { type: "string" },
    panel: { type: "string" },
    out: { type: "string" },
    masses: { type: "string" },
    workers: { type: "string" },
    ...SETUP_OPTION_SPEC,
    "hadrons-dir": { type: "string" },
    "decay-flavours": { type: "string" },
    "bounds-dir": { type: "string" },
  });
  if (v.help) return { json: { help: REACH_HELP }, text: REACH_HELP };
  const figure = choice(v, "figure", ["1", "2", "3", "4"] as const);
  if (typeof v.out !== "string") throw new UsageError("--out <dir> is required");
  const out = v.out;
  mkdirSync(out, { recursive: true });
  if (v.flux !== undefined) throw new UsageError("--flux is not an option of reach: the figures use the preset's FASERν2 flux (and fasernu-run3 for FASERν)");
  const fluxOpts = setupOptionsFromArgs(v);
  // what the figure's FASERν2 setup resolves to, echoed in every JSON file under `inputs`
  const resolvedInputs = (nf?: number) => inputsJson(makeSetup("fasernu2-faser2", { ...fluxOpts, ...(nf !== undefined ? { decayFlavours: nf } : {}) }).resolved);
  const written: string[] = [];
  const write = (name: string, content: string | Buffer) => {
    const f = path.join(out, name);
    writeFileSync(f, content);
    written.push(f);
  };
  let summary: Record<string, unknown>;
  const figs: Figure[] = [];
  if (figure === "1") {
    const panel = choice(v, "panel", ["universal", "tau"] as const);
    const nm = num(v, "masses", 61);
    if (!Number.isInteger(nm) || nm < 2) throw new UsageError(`--masses = ${nm} must be an integer ≥ 2`);
    const masses = nm === 61 ? fig1Masses() : logGrid(1e-3, 10, nm);
    const workers = num(v, "workers", 0) || undefined;
    const nf = decayFlavoursFromArgs(v);
    const bar = progressBar(`Fig. 1 (${panel})`, masses.length);
    const t0 = Date.now();
    const perMass = await runMassTasks("fig1", masses, { panel, ...fluxOpts, ...(nf !== undefined ? { decayFlavours: nf } : {}) }, workers, () => bar.tick());
    bar.done();
    const data = assembleFig1(panel, perMass);
    const inputs = { figure: 1, panel, masses: masses.length, ...resolvedInputs(nf) };
    write(`fig1-${panel}.json`, JSON.stringify({ ...data, inputs }, null, 1) + "\n");
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
    const right = fig4RightPanel(opts);
    bar.tick();
    bar.done();
    const inputs = { figure: 4, ...resolvedInputs(), hadrons_dir: fig4HadronsDir(opts), bounds_dir: fig4BoundsDir(opts) };
    write("fig4-left.json", JSON.stringify({ ...left, inputs }, null, 1) + "\n");
    const rows: (string | number)[][] = [["line", "label", "level", "mN_GeV", "U2"]];
    for (const l of left.lines) l.x.forEach((x, i) => rows.push([l.name, JSON.stringify(l.label), l.level ?? "", x, l.y[i]!]));
    write("fig4-left-lines.csv", csv(rows));
    write("fig4-right.json", JSON.stringify({ ...right, inputs }, null, 1) + "\n");
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
    bar.done();
    const inputs = { figure: 3, ...resolvedInputs(), meson_tables: "data/hadrons/14TeV/EPOSLHC" };
    write("fig3-left.json", JSON.stringify({ ...left, inputs }, null, 1) + "\n");
    const rows: (string | number)[][] = [["line", "label", "level", "mN_GeV", "U2"]];
    for (const l of left.lines) l.x.forEach((x, i) => rows.push([l.name, JSON.stringify(l.label), l.level ?? "", x, l.y[i]!]));
    write("fig3-left-lines.csv", csv(rows));
    write("fig3-right.json", JSON.stringify({ ...right, inputs }, null, 1) + "\n");
    const srows: (string | number)[][] = [["E_lo_GeV", "E_hi_GeV", "secondary_events", "primary_events"]];
    right.edges.slice(0, -1).forEach((e, b) => srows.push([e, right.edges[b + 1]!, right.secondary.events[b]!, right.primary.events[b]!]));
    write("fig3-right.csv", csv(srows));
    figs.push(fig3Figure(left), fig3SpectrumFigure(right, "shape"), fig3SpectrumFigure(right, "events"));
    summary = { lines: left.lines.map((l) => ({ name: l.name, points: l.x.length, closed: l.closed })), primaryEvents: left.primaryEvents, seconds: left.seconds };
  } else {
    const bar = progressBar("Fig. 2", 2);
    const left = fig2Left(fluxOpts);
    bar.tick();
    const right = fig2Right();
    bar.tick();
    bar.done();
    write("fig2-left.json", JSON.stringify({ curves: left, inputs: { figure: 2, ...resolvedInputs() } }, null, 1) + "\n");
    const lrows: (string | number)[][] = [["mN_GeV", "mu_GeV_inv", "E_lo_GeV", "E_hi_GeV", "events_quadrature", "events_sampled", "error_sampled"]];
    for (const c of left) c.quadrature.forEach((q, b) => lrows.push([c.mN, c.mu, c.edges[b]!, c.edges[b + 1]!, q, c.sampled[b]!, c.errors[b]!]));
    write("fig2-left.csv", csv(lrows));
    write("fig2-right.json", JSON.stringify(right, null, 1) + "\n");
    const rrows: (string | number | null)[][] = [["mN_GeV", "BR_ee", "BR_mumu", "BReff_ee", "BReff_mumu", "BRprinted_ee", "BRprinted_mumu"]];
    right.mN.forEach((m, i) =>
      rrows.push([m, right.total.e[i]!, right.total.mu[i]!, right.effective.e[i]!, right.effective.mu[i]!, right.printed.e[i]!, right.printed.mu[i]!]),
    );
    write("fig2-right.csv", csv(rrows));
    figs.push(fig2LeftFigure(left), fig2RightFigure(right));
    summary = { left: left.map((c) => ({ mN: c.mN, mu: c.mu, events: c.totalQuadrature })) };
  }
  // the figures as PNG and SVG when a browser is available (Debian chromium), one session
  if (chromiumPath() !== null) {
    const images = await renderStatic(figs, { scale: 2 });
    figs.forEach((f, i) => {
      write(`${f.name}.png`, images[i]!.png);
      write(`${f.name}.svg`, images[i]!.svg);
    });
  } else summary = { ...summary, note: "no Chromium at /usr/bin/chromium ($NUDUMP_CHROMIUM): figures not drawn, data written" };
  return {
    json: { written, ...summary },
    text: table([["figure", figure], ...written.map((f) => ["wrote", f] as [string, string])]),
  };
}
