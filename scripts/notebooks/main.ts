/**
 * `npm run main`: `npm run notebooks`, `npm run figures` and `npm run report` in one process —
 * one build, one Chromium for every notebook kernel and the figures (issue 15: figures and
 * notebooks share one renderer session) — and the time of each step.
 * Arguments are passed to the notebooks step (e.g. `--no-build`).
 */
import { buildReport } from "./report";
import { main, withSharedRenderer } from "./common";
import { writeFigures } from "./figures";
import { executeNotebooks } from "./notebooks";

main(async () => {
  const t0 = Date.now(), times: string[] = [];
  const step = async (name: string, fn: () => Promise<void>) => {
    const t = Date.now();
    await fn();
    times.push(`${name} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  await withSharedRenderer(async () => {
    await step("notebooks", () => executeNotebooks(process.argv.slice(2)));
    await step("figures", writeFigures);
  });
  await step("report", buildReport);
  console.log(`npm run main: ${((Date.now() - t0) / 1000).toFixed(1)} s (${times.join(", ")})`);
});
