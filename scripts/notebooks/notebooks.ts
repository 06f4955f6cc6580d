/**
 * `npm run notebooks`: executes every notebook in notebooks/ with the tslab kernel (headless,
 * Jupyter's nbconvert) and writes the outputs back.
 * `npm run notebooks -- --check`: executes them without writing and fails if any committed
 * notebook differs from its re-execution (CI's stale check).
 * `--no-build` uses the library already built in dist/ instead of rebuilding it.
 * `--jobs N` runs up to N notebooks at once (default: the number of cores), each in its own
 * kernel, the longest first (the CPU seconds of their last run, node_modules/.cache/nudump/
 * notebook-cpu.json; first run: {@link EXPECTED_ORDER}) so that the short ones fill in
 * beside it and the kernel starts overlap the others' work.
 * Any other arguments name notebooks to run instead of all of them.
 * The cells' type check and emit (tslab's conversions) are made beforehand, for all the kernels, by
 * one conversion pre-pass (prepass.ts) started beside them: the kernels take them from the cache.
 * The kernels render their static PNGs through one render service started for the run
 * (lib/plot/renderService.ts: one Chromium whose pages have plotly loaded once).
 * Details of failure detection and determinism: scripts/notebooks/execute.py.
 */
import * as fs from "node:fs";
import { cpus } from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { withPrepass } from "./prepass";
import { jupyterEnv, listNotebooks, main, prepare, projectRoot, python, requireJupyter, type Timeline, withSharedRenderer } from "./common";

/** Where execute.py records each notebook's CPU seconds (git-ignored, like every cache in node_modules/.cache). */
export const cpuRecord = path.join(projectRoot, "node_modules", ".cache", "nudump", "notebook-cpu.json");

/**
 * Longest first, as measured before any record exists: the kernels' CPU seconds of this
 * machine's runs (fig4 17.9, fig1 12.4, fpf 12.3, fig3 10.1, 01 6.9, fig2 5.2, 00 1.7).
 */
export const EXPECTED_ORDER = ["fig4-", "fig1-", "fpf-", "fig3-", "01-", "fig2-", "00-"];

/** The notebooks longest first: by the recorded CPU seconds, else by {@link EXPECTED_ORDER}, else by name. */
export function longestFirst(files: readonly string[], recorded: Readonly<Record<string, number>> = readRecord()): string[] {
  const hint = (f: string) => {
    const i = EXPECTED_ORDER.findIndex((p) => path.basename(f).startsWith(p));
    return i < 0 ? EXPECTED_ORDER.length : i;
  };
  return [...files].sort((a, b) => {
    const ca = recorded[path.basename(a)], cb = recorded[path.basename(b)];
    if (ca !== undefined && cb !== undefined && ca !== cb) return cb - ca;
    return hint(a) - hint(b) || a.localeCompare(b);
  });
}

function readRecord(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(cpuRecord, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The value of `--name N` in `args` (a positive integer), or `fallback`. */
function intOption(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} ${args[i + 1]}: expected a positive integer`);
  return v;
}

/**
 * Executes the notebooks (all, or those named) with one Chromium shared by their kernels;
 * `onNotebook(file, running)` is called as soon as a notebook has run and passed (absolute path;
 * `running`: how many of the notebooks have not finished yet).
 * With a `timeline`, the build and each notebook's kernel start-up and cells are recorded on it.
 */
export async function executeNotebooks(args: readonly string[], onNotebook?: (file: string, running: number) => void, timeline?: Timeline): Promise<void> {
  const check = args.includes("--check");
  const jobs = intOption(args, "--jobs", cpus().length);
  const named = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--jobs").map((a) => path.resolve(a));
  requireJupyter();
  const b0 = timeline?.at();
  prepare(!args.includes("--no-build"));
  if (timeline && b0 !== undefined) timeline.add("build", b0, timeline.at());
  const notebooks = longestFirst(named.length > 0 ? named : listNotebooks()).map((f) => path.relative(projectRoot, f));
  if (notebooks.length === 0) throw new Error("no notebooks in notebooks/");
  const py = [path.join(__dirname, "execute.py"), "--jobs", String(jobs), "--record", cpuRecord, ...(check ? ["--check"] : []), ...(timeline ? ["--t0", String(timeline.t0 / 1000)] : []), ...notebooks];
  // jupyterEnv() is read inside: it carries the render service's socket to the kernels
  // one page per kernel at once (loading plotly in a page costs ≈ 2 s of CPU): one notebook alone needs one
  // the conversion pre-pass (prepass.ts) converts the cells beside the kernels' start-up, for them
  const execute = (env: NodeJS.ProcessEnv) => runExecute(py, new Set(notebooks), env, onNotebook, timeline);
  await withSharedRenderer(() => withPrepass(notebooks, jobs, execute, timeline), Math.min(2, jobs, notebooks.length));
}

/** execute.py's line of a finished notebook: path, then "(run's clock: +a → +b s, kernel ready +k s)". */
const CLOCK = /\(run's clock: ([+-]?[\d.]+) → ([+-]?[\d.]+) s(?:, kernel ready ([+-]?[\d.]+) s)?\)/;

function recordNotebook(timeline: Timeline, file: string, line: string): void {
  const m = CLOCK.exec(line);
  if (!m) return;
  const [began, end] = [Number(m[1]), Number(m[2])], ready = m[3] === undefined ? began : Number(m[3]);
  const stem = path.basename(file, ".ipynb");
  timeline.add(`${stem}: kernel start`, began, ready);
  timeline.add(`${stem}: cells`, ready, end);
}

/** Runs execute.py, echoing its lines; a line that starts with a notebook's path reports that notebook done. */
function runExecute(args: readonly string[], notebooks: ReadonlySet<string>, env: NodeJS.ProcessEnv, onNotebook?: (file: string, running: number) => void, timeline?: Timeline): Promise<void> {
  return new Promise((resolve, reject) => {
    let running = notebooks.size;
    const child = spawn(python, args, { stdio: ["ignore", "pipe", "inherit"], env: { ...jupyterEnv(), ...env }, cwd: projectRoot });
    let rest = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        process.stdout.write(line + "\n");
        const file = line.split(" ", 1)[0]!;
        if (!notebooks.has(file)) continue;
        if (timeline) recordNotebook(timeline, file, line);
        onNotebook?.(path.join(projectRoot, file), --running);
      }
    });
    child.on("error", reject);
    child.on("close", (status) => {
      if (rest) process.stdout.write(rest);
      if (status === 0) return resolve();
      const e = new Error(`execute.py exited with status ${status}`);
      (e as Error & { exitCode: number }).exitCode = status ?? 1;
      reject(e);
    });
  });
}

if (require.main === module) main(() => executeNotebooks(process.argv.slice(2)));
