/**
 * `npm run figures`: writes every figure of every executed notebook to figures/ as PNG
 * (2× pixel ratio), SVG, the figure's plotly JSON and its plotted numbers as CSV, drawn
 * by headless Chromium (lib/plot/render.ts `renderStatic`), offline: through the run's render
 * service (lib/plot/renderService.ts, pages with plotly loaded once) under `npm run figures` and `npm run main`.
 *
 * Layout: figures/<notebook>/<nn>-<name>.{png,svg,json,csv}, nn = order in the notebook;
 * figures/index.json lists them (read by the report). The figures are taken from the
 * notebooks' outputs (the `application/vnd.plotly.v1+json` part of each plots.show()), so
 * they are exactly what the committed notebooks show: run `npm run notebooks` first.
 * Each notebook's folder is rewritten from scratch, so a removed figure disappears.
 * `npm run main` writes each notebook's folder as soon as that notebook has run
 * ({@link writeNotebookFigures}), beside the notebooks still running, then the index.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { figureCsv, renderStatic } from "../../lib/plot";
import { type FigureIndexEntry, figuresDir, listNotebooks, main, notebookFigures, notebookTitle, projectRoot, withSharedRenderer } from "./common";

/**
 * Writes figures/<notebook>/ from one executed notebook (its folder rewritten from scratch) and
 * returns its index entry. `pages`: Chromium pages drawing at once (2 when the cores are free:
 * nothing else runs; 1 beside running kernels).
 */
export async function writeNotebookFigures(file: string, pages = 1): Promise<FigureIndexEntry> {
  const stem = path.basename(file, ".ipynb");
  const found = notebookFigures(file);
  const images = await renderStatic(
    found.map((f) => f.figure),
    { scale: 2, pages },
  );
  const dir = path.join(figuresDir, stem);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const entry: FigureIndexEntry = { notebook: stem, title: notebookTitle(file), figures: [] };
  found.forEach((f, k) => {
    const base = `${String(k + 1).padStart(2, "0")}-${f.figure.name}`;
    const img = images[k]!;
    fs.writeFileSync(path.join(dir, `${base}.png`), img.png);
    fs.writeFileSync(path.join(dir, `${base}.svg`), img.svg);
    fs.writeFileSync(path.join(dir, `${base}.json`), JSON.stringify({ data: f.figure.data, layout: f.figure.layout }, null, 1) + "\n");
    fs.writeFileSync(path.join(dir, `${base}.csv`), figureCsv(f.figure));
    const title = ((f.figure.layout["title"] as { text?: string } | undefined)?.text ?? f.figure.name).replace(/<[^>]*>/g, "");
    const rel = (ext: string) => path.relative(figuresDir, path.join(dir, `${base}.${ext}`)).split(path.sep).join("/");
    entry.figures.push({ name: f.figure.name, title, cell: f.cell, files: { png: rel("png"), svg: rel("svg"), json: rel("json"), csv: rel("csv") } });
  });
  return entry;
}

/** Writes figures/index.json (entries in notebook order) and removes the folders of notebooks that no longer exist. */
export function writeFigureIndex(entries: readonly FigureIndexEntry[]): void {
  const index = [...entries].sort((a, b) => (a.notebook < b.notebook ? -1 : a.notebook > b.notebook ? 1 : 0)); // listNotebooks' order
  for (const d of fs.existsSync(figuresDir) ? fs.readdirSync(figuresDir) : []) {
    const p = path.join(figuresDir, d);
    if (fs.statSync(p).isDirectory() && !index.some((e) => e.notebook === d)) fs.rmSync(p, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(figuresDir, "index.json"), JSON.stringify(index, null, 1) + "\n");
}

/** Writes figures/ from the executed notebooks (see the file comment). */
export async function writeFigures(): Promise<void> {
  const t0 = Date.now();
  const notebooks = listNotebooks();
  const index: FigureIndexEntry[] = [];
  for (const file of notebooks) index.push(await writeNotebookFigures(file, 2)); // nothing else runs: both cores
  writeFigureIndex(index);
  const n = index.reduce((a, e) => a + e.figures.length, 0);
  console.log(`${n} figure(s) from ${notebooks.length} notebook(s) → ${path.relative(projectRoot, figuresDir)}/ (PNG, SVG, JSON, CSV) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) main(() => withSharedRenderer(writeFigures));
