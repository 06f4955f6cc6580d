/**
 * `npm run notebooks`: executes every notebook in notebooks/ in order with the tslab kernel
 * (headless, Jupyter's nbconvert) and writes the outputs back.
 * `npm run notebooks -- --check`: executes them without writing and fails if any committed
 * notebook differs from its re-execution (CI's stale check).
 * `--no-build` uses the library already built in dist/ instead of rebuilding it.
 * Any other arguments name notebooks to run instead of all of them.
 * The kernels render their static PNGs in one Chromium started for the run (RENDERER_ENV).
 * Details of failure detection and determinism: scripts/notebooks/execute.py.
 */
import * as path from "node:path";
import { jupyterEnv, listNotebooks, main, prepare, projectRoot, python, requireJupyter, runAsync, withSharedRenderer } from "./common";

/** Executes the notebooks (all, or those named) with one Chromium shared by their kernels. */
export async function executeNotebooks(args: readonly string[]): Promise<void> {
  const check = args.includes("--check");
  const named = args.filter((a) => !a.startsWith("--")).map((a) => path.resolve(a));
  requireJupyter();
  prepare(!args.includes("--no-build"));
  const notebooks = (named.length > 0 ? named : listNotebooks()).map((f) => path.relative(projectRoot, f));
  if (notebooks.length === 0) throw new Error("no notebooks in notebooks/");
  // jupyterEnv() is read inside: it carries the shared renderer's endpoint to the kernels
  await withSharedRenderer(() => runAsync(python, [path.join(__dirname, "execute.py"), ...(check ? ["--check"] : []), ...notebooks], jupyterEnv()));
}

if (require.main === module) main(() => executeNotebooks(process.argv.slice(2)));
