/**
 * Notebook rows for `npm run bench` (scripts/bench.ts calls {@link notebookBenchRows} and
 * {@link mainBenchRows}); issue 15's targets: the Fig. 1 notebook < 15 s, `npm run main` < 60 s.
 *
 * - Fig. 1 notebook: `npm run notebooks -- --check --no-build notebooks/fig1-dipole-reach.ipynb`
 *   (what a user waits for when re-executing that notebook headless: Jupyter, a fresh tslab
 *   kernel, the panels, the PNGs; --check, so the committed file is compared, not rewritten).
 *   The kernel's own account splits its CPU seconds (jupyter/tslab-kernel.js profile, printed by
 *   execute.py): start-up (Node, tslab, TypeScript's first program), tslab's type check and emit
 *   of the cells, and running them (the library's compute, worker threads included).
 * - `npm run main`, the whole pipeline (build, the 7 notebooks, figures, report), and the
 *   kernels' CPU split summed over the notebooks. It rewrites figures/ and site/ (and a stale
 *   notebook) in the working tree, as `npm run main` does. Runs: {@link MAIN_RUNS} by default
 *   (`--main-reps N`): one run takes a minute or more, and a median of three already ignores one
 *   disturbed run; the CPU rows, which vary far less on a shared machine, back it up.
 * No warm-up run: every run starts fresh processes (a cold kernel is what a user gets), and the
 * build, library data and Chromium are on disk already after the first.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** The row shape of scripts/bench.ts. */
export interface NotebookBenchRow {
  readonly key: string;
  readonly label: string;
  readonly unit: "s";
  readonly values: number[];
}

/** Runs of `npm run main` per bench (see the file comment). */
export const MAIN_RUNS = 3;

const root = join(__dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** One execute.py line: notebook, wall, cpu and the kernel's split (cpu s). */
interface NotebookLine {
  readonly notebook: string;
  readonly wall: number;
  readonly cpu: number;
  readonly start: number;
  readonly compile: number;
  readonly cells: number;
}

/** The per-notebook lines of execute.py's output (see its main()). */
export function parseNotebookLines(out: string): NotebookLine[] {
  const re = /^(\S+\.ipynb)\s+([\d.]+) s\s+\(cpu\s+([\d.]+) s\).*\[cpu: kernel start\s+([\d.]+) s, type check \+ emit\s+([\d.]+) s, cells\s+([\d.]+) s\]/gm;
  return [...out.matchAll(re)].map((m) => ({ notebook: m[1]!, wall: +m[2]!, cpu: +m[3]!, start: +m[4]!, compile: +m[5]!, cells: +m[6]! }));
}

/** Runs a command `n` times: wall seconds and its stdout per run. */
function runs(n: number, args: readonly string[]): { wall: number; out: string }[] {
  return Array.from({ length: n }, () => {
    const t0 = performance.now();
    const out = execFileSync(tsx, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 });
    return { wall: (performance.now() - t0) / 1000, out };
  });
}

/** The kernel's CPU split of a set of runs (one value per run, summed over the notebooks of a run). */
function splitRows(key: string, what: string, rs: readonly { out: string }[]): NotebookBenchRow[] {
  const per = rs.map((r) => parseNotebookLines(r.out));
  if (per.some((p) => p.length === 0)) throw new Error(`bench ${key}: execute.py printed no kernel profile line`);
  const sum = (f: (l: NotebookLine) => number) => per.map((p) => p.reduce((a, l) => a + f(l), 0));
  return [
    { key: `${key}:cpu`, label: `  kernel CPU${what}`, unit: "s", values: sum((l) => l.cpu) },
    { key: `${key}:start`, label: "    of which kernel start-up (Node, tslab, TypeScript's first program)", unit: "s", values: sum((l) => l.start) },
    { key: `${key}:compile`, label: "    of which tslab's type check + emit of the cells", unit: "s", values: sum((l) => l.compile) },
    { key: `${key}:cells`, label: "    of which running the cells (library compute, worker threads included)", unit: "s", values: sum((l) => l.cells) },
  ];
}

/** The Fig. 1 notebook executed headless, `reps` runs (the library built in dist/ already). */
export function notebookBenchRows(reps: number): NotebookBenchRow[] {
  const rs = runs(reps, [join(root, "scripts", "notebooks", "notebooks.ts"), "--check", "--no-build", join(root, "notebooks", "fig1-dipole-reach.ipynb")]);
  const nb = rs.map((r) => parseNotebookLines(r.out)[0]?.wall ?? NaN);
  return [
    { key: "notebook-fig1", label: "Fig. 1 notebook, headless (npm run notebooks -- --check fig1), wall", unit: "s", values: rs.map((r) => r.wall) },
    { key: "notebook-fig1:kernel", label: "  of which the notebook in its kernel (start to shutdown), wall", unit: "s", values: nb },
    ...splitRows("notebook-fig1", "", rs),
  ];
}

/** `npm run main`, `reps` runs. */
export function mainBenchRows(reps: number): NotebookBenchRow[] {
  const rs = runs(reps, [join(root, "scripts", "notebooks", "main.ts")]);
  return [{ key: "main", label: "npm run main (build, 7 notebooks, figures, report), wall", unit: "s", values: rs.map((r) => r.wall) }, ...splitRows("main", ", summed over the notebooks", rs)];
}
