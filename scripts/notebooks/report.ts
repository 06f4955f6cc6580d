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
 * site/ is rebuilt from scratch and git-ignores itself (site/.gitignore).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { plotlyPath } from "../../lib/plot";
import { buildExplorer } from "./explorer";
import { type FigureIndexEntry, figuresDir, jupyterEnv, listNotebooks, main, notebookTitle, projectRoot, python, requireJupyter, runAsync, siteDir, Timeline } from "./common";

const mathjaxDir = "/usr/share/javascript/mathjax";
/** MathJax 2 files needed for TeX input and SVG output (config TeX-AMS_SVG-full). */
const mathjaxParts = ["MathJax.js", "config/TeX-AMS_SVG-full.js", "config/Safe.js", "extensions", "jax/input/TeX", "jax/element", "jax/output/SVG/jax.js", "jax/output/SVG/config.js", "jax/output/SVG/autoload", "jax/output/SVG/fonts/TeX", "localization/en"];

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function copyAssets(): void {
  const assets = path.join(siteDir, "assets");
  fs.mkdirSync(assets, { recursive: true });
  fs.copyFileSync(plotlyPath(), path.join(assets, "plotly.min.js"));
  if (!fs.existsSync(path.join(mathjaxDir, "MathJax.js"))) {
    throw new Error(`MathJax not found in ${mathjaxDir}: apt-get install libjs-mathjax (see environment.md)`);
  }
  for (const part of mathjaxParts) {
    const from = path.join(mathjaxDir, part);
    if (!fs.existsSync(from)) continue; // optional parts differ between MathJax 2 builds
    fs.cpSync(from, path.join(assets, "mathjax", part), { recursive: true, dereference: true });
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

/**
 * Builds site/ from the executed notebooks and figures/ (see the file comment). The notebook
 * pages and the explorer are built first; figures/ is read once `figuresReady` has settled
 * (`npm run main` passes the drawing of the last notebooks' figures, which goes on meanwhile).
 * The steps are recorded on `timeline` (`npm run main`'s).
 */
export async function buildReport(figuresReady: Promise<unknown> = Promise.resolve(), timeline: Timeline = new Timeline()): Promise<void> {
  const t0 = Date.now();
  requireJupyter();
  const notebooks = listNotebooks();
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.mkdirSync(siteDir, { recursive: true });
  fs.writeFileSync(path.join(siteDir, ".gitignore"), "# built by `npm run report`\n*\n");
  copyAssets();
  const pages = timeline.time("report: notebook pages (nbconvert)", () => runAsync(
    python,
    [
      "-m", "nbconvert", "--to", "html", "--template", "nudump",
      `--TemplateExporter.extra_template_basedirs=${path.join(__dirname, "nbconvert")}`,
      "--HTMLExporter.mathjax_url=assets/mathjax/MathJax.js?config=TeX-AMS_SVG-full",
      "--output-dir", siteDir,
      ...notebooks,
    ],
    jupyterEnv(),
  ));
  const [ex] = await Promise.all([timeline.time("report: explorer", () => buildExplorer(siteDir)), pages]);
  for (const nb of notebooks) fs.copyFileSync(nb, path.join(siteDir, path.basename(nb)));
  await figuresReady;
  const i0 = timeline.at();
  const indexFile = path.join(figuresDir, "index.json");
  const entries: FigureIndexEntry[] = fs.existsSync(indexFile) ? (JSON.parse(fs.readFileSync(indexFile, "utf8")) as FigureIndexEntry[]) : [];
  if (entries.length === 0) console.warn("figures/index.json missing: run `npm run figures` first to list figures on the index page");
  else fs.cpSync(figuresDir, path.join(siteDir, "figures"), { recursive: true });
  const titles = new Map(notebooks.map((nb) => [path.basename(nb, ".ipynb"), notebookTitle(nb)] as const));
  fs.writeFileSync(path.join(siteDir, "index.html"), indexPage(entries, titles));
  timeline.add("report: figures copied, index", i0, timeline.at());
  console.log(`site/explorer.html: ${(ex.bytes.page / 1e6).toFixed(2)} MB (library worker ${(ex.bytes.worker / 1e6).toFixed(2)} MB with ${ex.dataFiles} data files, ${(ex.bytes.data / 1e3).toFixed(0)} kB)`);
  console.log(`site/: index.html and ${notebooks.length} notebook page(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s → open ${path.relative(projectRoot, path.join(siteDir, "index.html"))}`);
}

if (require.main === module) main(buildReport);
