/**
 * `npm run main`: `npm run notebooks`, `npm run figures` and `npm run report` in one process —
 * one (incremental) build, one Chromium for every notebook kernel and the figures — and the
 * time of each step. The steps overlap: the notebooks run 2 at once (longest first, see
 * notebooks.ts); each notebook's figures are drawn as soon as it has passed, beside the
 * notebooks still running; the report's pages are built while the last figures are drawn.
 * Arguments are passed to the notebooks step (e.g. `--no-build`, `--jobs 1`, `--check`).
 */
import { buildReport } from "./report";
import { type FigureIndexEntry, listNotebooks, main, withSharedRenderer } from "./common";
import { writeFigureIndex, writeNotebookFigures } from "./figures";
import { executeNotebooks } from "./notebooks";

main(async () => {
  const t0 = Date.now(), times: string[] = [];
  const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
  await withSharedRenderer(async () => {
    const figures: Promise<FigureIndexEntry>[] = [], drawn = new Set<string>();
    let drawing = Promise.resolve(); // one notebook's figures at a time: the kernels have the cores
    const draw = (file: string) => {
      drawn.add(file);
      const entry = drawing.then(() => writeNotebookFigures(file));
      drawing = entry.then(() => undefined, () => undefined);
      figures.push(entry);
    };
    try {
      await executeNotebooks(process.argv.slice(2), draw);
    } catch (e) {
      await Promise.allSettled(figures); // no drawing outlives a failed run
      throw e;
    }
    times.push(`build + notebooks ${since(t0)}`);
    const t1 = Date.now();
    for (const file of listNotebooks()) if (!drawn.has(file)) draw(file); // notebooks not run this time: as committed
    const figuresDone = Promise.all(figures).then((entries) => {
      writeFigureIndex(entries);
      times.push(`figures (${entries.reduce((a, e) => a + e.figures.length, 0)}) done ${since(t1)} after the last notebook`);
    });
    figuresDone.catch(() => undefined); // awaited by the report; a failure surfaces there
    await buildReport(figuresDone);
    times.push(`report done ${since(t1)} after the last notebook`);
  });
  console.log(`npm run main: ${since(t0)} (${times.join("; ")})`);
});
