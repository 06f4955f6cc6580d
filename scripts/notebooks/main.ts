/**
 * `npm run main`: `npm run notebooks`, `npm run figures` and `npm run report` in one process —
 * one (incremental) build, one render service (one Chromium, its pages opened once) for every
 * notebook kernel and the figures — and the time of each step. The steps overlap: the notebooks
 * run 2 at once (longest first, see notebooks.ts); each notebook's figures and its page of the
 * report (one nbconvert process for the run) are made as soon as it has passed, beside the
 * notebooks still running; the report's explorer is built beside the first kernels. A failed
 * run leaves site/ as it was.
 * Arguments are passed to the notebooks step (e.g. `--no-build`, `--jobs 1`, `--check`).
 * At the end it prints the run's timeline: the build, each kernel's start-up and cells, each
 * notebook's figures and the report's steps, with their start and end on the run's clock.
 */
import { startReport } from "./report";
import * as path from "node:path";
import { type FigureIndexEntry, listNotebooks, main, Timeline, withSharedRenderer } from "./common";
import { writeFigureIndex, writeNotebookFigures } from "./figures";
import { executeNotebooks } from "./notebooks";

main(async () => {
  const t0 = Date.now(), times: string[] = [], timeline = new Timeline(t0);
  const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
  await withSharedRenderer(async () => {
    timeline.add("render service listening (its Chromium and 2 pages start beside the kernels)", 0, timeline.at());
    const report = startReport(timeline); // the explorer builds and the converter starts beside the build and the kernels
    const figures: Promise<FigureIndexEntry>[] = [], drawn = new Set<string>();
    let drawing = Promise.resolve(); // one notebook's figures at a time, on one page while kernels have the cores
    const draw = (file: string, running = 0) => {
      drawn.add(file);
      report.page(file).catch(() => undefined); // its page now (a failure surfaces in report.finish)
      const pages = running === 0 ? 2 : 1; // no kernel left: both cores
      const entry = drawing.then(() => timeline.time(`${path.basename(file, ".ipynb")}: figures`, () => writeNotebookFigures(file, pages)));
      drawing = entry.then(() => undefined, () => undefined);
      figures.push(entry);
    };
    try {
      await executeNotebooks(process.argv.slice(2), draw, timeline);
    } catch (e) {
      await Promise.allSettled(figures); // no drawing outlives a failed run
      await report.abandon(); // site/ stays as it was
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
    await report.finish(figuresDone);
    times.push(`report done ${since(t1)} after the last notebook`);
  });
  console.log(`\ntimeline of the run (seconds since \`npm run main\` started):\n${timeline.format()}`);
  console.log(`npm run main: ${since(t0)} (${times.join("; ")})`);
});
