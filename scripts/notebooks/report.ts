/**
 * `npm run report`: builds the static site in site/, browsable offline:
 * - site/<notebook>.html: each executed notebook rendered by Jupyter's nbconvert (template
 *   scripts/notebooks/nbconvert/nudump: JupyterLab's look, plotly.js and MathJax served
 *   from site/assets/ instead of a CDN), with interactive plots drawn from each figure's stored
 *   application/vnd.plotly.v1+json output (the notebooks store a plot once: that JSON and a PNG);
 * - site/index.html: every notebook with its figures (thumbnails linking to PNG, SVG, CSV
 *   and JSON copied from figures/ — run `npm run figures` first);
 * - site/explorer.html: the live explorer (scripts/notebooks/explorer.ts), linked from the index;
 * - site/assets/: plotly.min.js (node_modules/plotly.js-dist-min) and the parts of MathJax 2
 *   (Debian's libjs-mathjax, /usr/share/javascript/mathjax) that the TeX→SVG output needs.
 * site/ is rebuilt from scratch (in site.building/, moved to site/ when complete) and git-ignores
 * itself (site/.gitignore). The pages are rendered by one converter process
 * (scripts/notebooks/convert.py), each as soon as it is asked for: `npm run main` asks as each
 * notebook passes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { plotlyPath } from "../../lib/plot";
import { buildExplorer } from "./explorer";
import { type FigureIndexEntry, figuresDir, jupyterEnv, listNotebooks, main, notebookTitle, projectRoot, python, requireJupyter, siteDir, Timeline } from "./common";

const mathjaxDir = "/usr/share/javascript/mathjax";
/** MathJax 2 files needed for TeX input and SVG output (config TeX-AMS_SVG-full). */
const mathjaxParts = ["MathJax.js", "config/TeX-AMS_SVG-full.js", "config/Safe.js", "extensions", "jax/input/TeX", "jax/element", "jax/output/SVG/jax.js", "jax/output/SVG/config.js", "jax/output/SVG/autoload", "jax/output/SVG/fonts/TeX", "localization/en"];

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Copies plotly.js and MathJax's parts to <dir>/assets (asynchronously: beside the kernels under `npm run main`). */
async function copyAssets(dir: string): Promise<void> {
  const assets = path.join(dir, "assets");
  await fs.promises.mkdir(assets, { recursive: true });
  await fs.promises.copyFile(plotlyPath(), path.join(assets, "plotly.min.js"));
  if (!fs.existsSync(path.join(mathjaxDir, "MathJax.js"))) {
    throw new Error(`MathJax not found in ${mathjaxDir}: apt-get install libjs-mathjax (see environment.md)`);
  }
  for (const part of mathjaxParts) {
    const from = path.join(mathjaxDir, part);
    if (!fs.existsSync(from)) continue; // optional parts differ between MathJax 2 builds
    await fs.promises.cp(from, path.join(assets, "mathjax", part), { recursive: true, dereference: true });
  }
}

function indexPage(entries: readonly FigureIndexEntry[], titles: Map<string, string>): string {
  const items = [...titles.entries()]
    .map(([stem, title]) => {
      const figs = entries.find((e) => e.notebook === stem)?.figures ?? [];
      const cards = figs
        .map(
          (f) => `<figure><a href="figures/${f.files.png}"><img src="figures/${f.files.png}" alt="${escapeHtml(f.title)}" loading="lazy"></a>
<figcaption>${escapeHtml(f.title)}<br><a href="figures/${f.files.svg}">SVG</a> · <a href="figures/${f.files.png}">PNG</a> · <a href="figures/${f.files.csv}">CSV</a> · <a href="figures/${f.files.json}">JSON</a> · <a href="${stem}.html">cell ${f.cell}</a></figcaption></figure>`,
        )
        .join("\n");
      return `<section><h2><a href="${stem}.html">${escapeHtml(title)}</a></h2><p class="meta">${stem}.ipynb · ${figs.length} figure(s) · <a href="${stem}.ipynb">notebook file</a></p>\n<div class="figs">${cards}</div></section>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>nudump report</title>
<style>
body { font: 15px/1.45 "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 20px 40px; color: #222 }
h1 { margin-top: 28px } h2 { margin-bottom: 2px } .meta { color: #666; margin-top: 0 }
.figs { display: flex; flex-wrap: wrap; gap: 16px }
figure { margin: 0; width: 330px } figure img { width: 100%; border: 1px solid #ddd }
figcaption { font-size: 13px; color: #444 }
</style></head>
<body>
<h1>nudump report</h1>
<p class="explorer"><a href="explorer.html"><strong>Live explorer</strong></a> — the library running in this browser: change m<sub>N</sub>, μ<sub>N</sub> or |U|² and see the event counts, spectra and reach recomputed.</p>
<p>Notebooks of <em>nudump</em>, a TypeScript reproduction of K. Jodłowski and S. Trojanowski, “Neutrino beam-dump experiment with FASER at the LHC”, arXiv:2011.04751. Each page is an executed notebook with interactive plots; the figures below link to their static PNG and SVG and to the plotted numbers (CSV, JSON). Everything here works offline.</p>
${items}
</body></html>
`;
}

/** One request to the converter: its notebook and how to settle it. */
interface PageRequest {
  readonly file: string;
  resolve(): void;
  reject(e: Error): void;
}

/**
 * The report being built (see the file comment), in steps so that `npm run main` can overlap
 * them with the notebooks: {@link startReport} wipes a staging folder, copies the assets, starts
 * the explorer's build and one converter process (scripts/notebooks/convert.py: nbconvert
 * imported once); {@link Report.page} renders one notebook's page as soon as it has run;
 * {@link Report.finish} adds the figures and the index and moves the staging folder to site/ —
 * so a failed run leaves the previous site/ as it was.
 */
export interface Report {
  /** Renders site/<notebook>.html from the notebook file as it is now. */
  page(file: string): Promise<void>;
  /** Waits for the pages and the explorer, reads figures/ once `figuresReady` has settled, writes the index, publishes site/. */
  finish(figuresReady?: Promise<unknown>): Promise<void>;
  /** Stops the converter and removes the staging folder (after a failure). */
  abandon(): Promise<void>;
}

/** Starts building the report (see {@link Report}); the steps are recorded on `timeline`. */
export function startReport(timeline: Timeline = new Timeline()): Report {
  const t0 = Date.now();
  requireJupyter();
  const staging = `${siteDir}.building`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, ".gitignore"), "# built by `npm run report`\n*\n");
  const assets = copyAssets(staging);
  assets.catch(() => undefined); // awaited by finish()
  const explorer = timeline.time("report: explorer", () => buildExplorer(staging));
  explorer.catch(() => undefined); // awaited by finish(); abandon() drops it
  const child = spawn(python, [path.join(__dirname, "convert.py"), "--template-dir", path.join(__dirname, "nbconvert"), "--output-dir", staging], { stdio: ["pipe", "pipe", "inherit"], env: jupyterEnv(), cwd: projectRoot });
  const queue: PageRequest[] = [];
  let exited: Error | null = null;
  const fail = (e: Error) => {
    exited = e;
    for (const r of queue.splice(0)) r.reject(e);
  };
  child.on("error", (e) => fail(new Error(`report: could not start ${path.basename(python)} convert.py: ${e.message}`)));
  child.on("close", (status) => fail(new Error(`report: convert.py exited (status ${status}) with ${queue.length} page(s) not rendered`)));
  let rest = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const line of lines) {
      if (line === "ready") continue;
      const r = queue.shift(); // pages are rendered in the order asked
      if (!r) continue;
      if (line === `done ${r.file}`) r.resolve();
      else r.reject(new Error(`report: nbconvert failed on ${path.relative(projectRoot, r.file)}: ${line}`));
    }
  });
  const pages: Promise<void>[] = [];
  const page = (file: string): Promise<void> => {
    const start = timeline.at();
    const done = exited
      ? Promise.reject(exited)
      : new Promise<void>((resolve, reject) => {
          queue.push({ file, resolve, reject });
          child.stdin!.write(file + "\n");
        });
    const timed = done.finally(() => timeline.add(`report: page ${path.basename(file, ".ipynb")}`, start, timeline.at()));
    pages.push(timed);
    return timed;
  };
  const stop = () => {
    if (exited === null) child.stdin!.end();
    return new Promise<void>((resolve) => (exited !== null ? resolve() : child.once("close", () => resolve())));
  };
  return {
    page,
    async abandon() {
      await stop();
      await Promise.all([explorer, assets].map((p) => p.catch(() => undefined)));
      fs.rmSync(staging, { recursive: true, force: true });
    },
    async finish(figuresReady: Promise<unknown> = Promise.resolve()) {
      const notebooks = listNotebooks();
      try {
        const [ex] = await Promise.all([explorer, Promise.all(pages), assets]);
        await stop();
        for (const nb of notebooks) fs.copyFileSync(nb, path.join(staging, path.basename(nb)));
        await figuresReady;
        const i0 = timeline.at();
        const indexFile = path.join(figuresDir, "index.json");
        const entries: FigureIndexEntry[] = fs.existsSync(indexFile) ? (JSON.parse(fs.readFileSync(indexFile, "utf8")) as FigureIndexEntry[]) : [];
        if (entries.length === 0) console.warn("figures/index.json missing: run `npm run figures` first to list figures on the index page");
        else fs.cpSync(figuresDir, path.join(staging, "figures"), { recursive: true });
        const titles = new Map(notebooks.map((nb) => [path.basename(nb, ".ipynb"), notebookTitle(nb)] as const));
        fs.writeFileSync(path.join(staging, "index.html"), indexPage(entries, titles));
        const missing = notebooks.filter((nb) => !fs.existsSync(path.join(staging, `${path.basename(nb, ".ipynb")}.html`)));
        if (missing.length > 0) throw new Error(`report: no page for ${missing.map((f) => path.basename(f)).join(", ")}`);
        fs.rmSync(siteDir, { recursive: true, force: true });
        fs.renameSync(staging, siteDir);
        timeline.add("report: figures copied, index", i0, timeline.at());
        console.log(`site/explorer.html: ${(ex.bytes.page / 1e6).toFixed(2)} MB (library worker ${(ex.bytes.worker / 1e6).toFixed(2)} MB with ${ex.dataFiles} data files, ${(ex.bytes.data / 1e3).toFixed(0)} kB)`);
        console.log(`site/: index.html and ${notebooks.length} notebook page(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s → open ${path.relative(projectRoot, path.join(siteDir, "index.html"))}`);
      } catch (e) {
        await this.abandon();
        throw e;
      }
    },
  };
}

/**
 * Builds site/ from the executed notebooks and figures/ (see the file comment): every page,
 * then the index once `figuresReady` has settled.
 */
export async function buildReport(figuresReady: Promise<unknown> = Promise.resolve(), timeline: Timeline = new Timeline()): Promise<void> {
  const report = startReport(timeline);
  for (const nb of listNotebooks()) report.page(nb).catch(() => undefined); // a failure surfaces in finish()
  await report.finish(figuresReady);
}

if (require.main === module) main(() => buildReport());
