/**
 * Shared helpers of the notebook scripts (execute, figures, report): where things are, and
 * the preparation every one of them needs (library link, kernel spec, built library).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { chromiumPath, RENDER_SERVICE_ENV, startRenderService, type Figure, type Trace } from "../../lib/plot";
import { jupyterPath, linkPackage, projectRoot, writeKernelSpec } from "./kernel";

export { projectRoot, jupyterPath };
export const notebooksDir = path.join(projectRoot, "notebooks");
export const figuresDir = path.join(projectRoot, "figures");
export const siteDir = path.join(projectRoot, "site");
/** Debian's Python, which has nbconvert/nbclient/nbformat from apt (see environment.md). */
export const python = "/usr/bin/python3";

/** The notebooks in execution order: notebooks/*.ipynb sorted by name (00-…, 01-…). */
export function listNotebooks(): string[] {
  return fs
    .readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join(notebooksDir, f));
}

/** Runs a command with inherited stdio; throws with its exit status on failure. */
export function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { stdio: "inherit", env, cwd: projectRoot });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const e = new Error(`${path.basename(cmd)} ${args.map((a) => path.relative(projectRoot, a) || a).join(" ")} exited with status ${r.status}`);
    (e as Error & { exitCode: number }).exitCode = r.status ?? 1;
    throw e;
  }
}

/** {@link run} without blocking the event loop (the figures drawn in this process keep going meanwhile). */
export function runAsync(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env, cwd: projectRoot });
    child.on("error", reject);
    child.on("close", (status) => {
      if (status === 0) return resolve();
      const e = new Error(`${path.basename(cmd)} ${args.map((a) => path.relative(projectRoot, a) || a).join(" ")} exited with status ${status}`);
      (e as Error & { exitCode: number }).exitCode = status ?? 1;
      reject(e);
    });
  });
}

/**
 * Runs `fn` with one render service (lib/plot/renderService.ts: one headless Chromium, `pages`
 * pages with plotly loaded once, default 2) shared by every renderer of the run — this process and the notebook
 * kernels it starts ({@link RENDER_SERVICE_ENV}); without Chromium, `fn` runs as it is and each
 * renderer reports the missing browser itself.
 */
export async function withSharedRenderer<T>(fn: () => Promise<T>, pages = 2): Promise<T> {
  if (!chromiumPath() || process.env[RENDER_SERVICE_ENV]) return fn();
  const service = await startRenderService({ pages });
  process.env[RENDER_SERVICE_ENV] = service.socket;
  try {
    return await fn();
  } finally {
    delete process.env[RENDER_SERVICE_ENV];
    await service.close();
  }
}

/**
 * tsc's record of the last incremental build of dist/ by {@link prepare} (git-ignored; `npm run
 * build`, hence `npm ci`'s prepare, builds in full and stamps dist/ instead, scripts/buildStamp.ts):
 * with it a build re-emits only what changed since. It is
 * dropped when dist/ lacks the library's entry points (dist/ wiped: everything is re-emitted).
 */
export const buildInfo = path.join(projectRoot, "node_modules", ".cache", "nudump", "build.tsbuildinfo");

export { buildInputs, buildInputsKey, buildStamp } from "../buildStamp";
import { buildInputs, buildInputsKey, buildStamp, writeBuildStamp } from "../buildStamp";

/** True when every .ts of lib/ and cli/ (not .d.ts) has its .js and .d.ts in dist/, and the CLI's bundle is there. */
function outputsPresent(): boolean {
  return fs.existsSync(path.join(projectRoot, "dist", "cli", "bundle.js")) && buildInputs()
    .filter((f) => /^(lib|cli)\//.test(f) && f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .every((f) => ["js", "d.ts"].every((ext) => fs.existsSync(path.join(projectRoot, "dist", f.replace(/\.ts$/, `.${ext}`)))));
}

/** Link `nudump`, write the kernel spec, build the library to dist/ (unless `build` is false), incrementally; nothing to do when no input changed (see {@link buildStamp}). */
export function prepare(build = true): void {
  linkPackage();
  writeKernelSpec();
  if (!build) return;
  const key = buildInputsKey();
  const stamp = fs.existsSync(buildStamp) ? fs.readFileSync(buildStamp, "utf8").trim() : "";
  if (stamp === key && outputsPresent()) {
    console.log("dist/ is up to date (no file of lib/, cli/ or the build configuration changed since the last build)");
    return;
  }
  fs.rmSync(buildStamp, { force: true });
  if (!["lib/index.js", "lib/plot/index.js", "cli/main.js"].every((f) => fs.existsSync(path.join(projectRoot, "dist", f)))) fs.rmSync(buildInfo, { force: true });
  const tsc = path.join(projectRoot, "node_modules", "typescript", "bin", "tsc");
  run(process.execPath, [tsc, "-p", path.join(projectRoot, "tsconfig.build.json"), "--incremental", "--tsBuildInfoFile", buildInfo]);
  // the same second step as `npm run build`: bin/nudump.js runs dist/cli/bundle.js, made from the dist/ just written
  run(process.execPath, [path.join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs"), path.join(projectRoot, "scripts", "bundle-cli.ts")]);
  writeBuildStamp(key); // the key of the inputs this build read (taken before it started)
}

/** Environment for Jupyter commands: the project's kernel spec, and static plots required. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  return { ...process.env, JUPYTER_PATH: jupyterPath, NUDUMP_REQUIRE_STATIC: "1", PYDEVD_DISABLE_FILE_VALIDATION: "1" };
}

let jupyterFound = false;

/** Fails early, with the install command, when Debian's Jupyter packages are missing (checked once per process). */
export function requireJupyter(): void {
  if (jupyterFound) return;
  // find_spec locates each package without importing it (importing them costs ≈ 1.5 s of CPU)
  const r = spawnSync(python, ["-c", "import importlib.util, sys; sys.exit(any(importlib.util.find_spec(m) is None for m in ('nbconvert', 'nbclient', 'nbformat', 'jupyter_client', 'ipykernel')))"], { encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(
      "Jupyter's Python packages are missing. Install them (Debian, as root):\n" +
        "  apt-get update && apt-get install -y --no-install-recommends jupyter-core jupyter-client python3-ipykernel python3-nbclient jupyter-nbconvert python3-nbformat chromium fonts-dejavu-core libjs-mathjax\n" +
        "or run scripts/ci-notebooks.sh, which does it when they are missing.",
    );
  }
  jupyterFound = true;
}

/** Runs main() and turns a thrown error into a message and an exit status. */
export function main(fn: () => Promise<void> | void): void {
  Promise.resolve()
    .then(fn)
    .catch((e: unknown) => {
      const err = e as Error & { exitCode?: number };
      console.error(err.exitCode ? err.message : (err.stack ?? String(e)));
      process.exit(err.exitCode ?? 1);
    });
}

/** One figure found in a notebook. */
export interface FoundFigure {
  readonly notebook: string;
  readonly cell: number;
  readonly figure: Figure;
}

interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; outputs?: { output_type: string; data?: Record<string, unknown>; metadata?: Record<string, unknown> }[] }[];
}

/** The figures of one notebook file, in order. */
export function notebookFigures(file: string): FoundFigure[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
  const stem = path.basename(file, ".ipynb");
  const out: FoundFigure[] = [];
  nb.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      const spec = o.data?.["application/vnd.plotly.v1+json"] as { data: Trace[]; layout: Record<string, unknown> } | undefined;
      const name = (o.metadata?.["nudump"] as { figure?: string } | undefined)?.figure;
      if (spec && name) out.push({ notebook: stem, cell: i + 1, figure: { name, data: spec.data, layout: spec.layout } });
    }
  });
  return out;
}

/** The title of a notebook: its first markdown heading. */
export function notebookTitle(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
  for (const c of nb.cells) {
    if (c.cell_type !== "markdown") continue;
    const text = Array.isArray(c.source) ? c.source.join("") : c.source;
    const m = /^#\s+(.+)$/m.exec(text);
    if (m?.[1]) return m[1].trim();
  }
  return path.basename(file, ".ipynb");
}

/** Entry of figures/index.json. */
export interface FigureIndexEntry {
  readonly notebook: string;
  readonly title: string;
  readonly figures: { readonly name: string; readonly title: string; readonly cell: number; readonly files: Record<"png" | "svg" | "json" | "csv", string> }[];
}


/** One step of a run, in seconds since the run started. */
export interface Span {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The timeline of a run (`npm run main` prints it at the end): each step's start and end on the
 * run's clock, drawn as bars so that the overlaps (2 kernels at once, figures beside them) and
 * any wait (nothing but one step running) show.
 */
export class Timeline {
  readonly spans: Span[] = [];
  constructor(readonly t0: number = Date.now()) {}
  /** Seconds on the run's clock of the epoch time `ms`. */
  at(ms: number = Date.now()): number {
    return (ms - this.t0) / 1000;
  }
  add(label: string, start: number, end: number): void {
    this.spans.push({ label, start, end });
  }
  /** Runs `fn` and records it as `label`. */
  async time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
    const start = this.at();
    try {
      return await fn();
    } finally {
      this.add(label, start, this.at());
    }
  }
  /** The spans by start time, with a bar each over `width` columns of the run's length. */
  format(width = 60): string {
    const spans = [...this.spans].sort((a, b) => a.start - b.start || a.end - b.end);
    const total = Math.max(...spans.map((s) => s.end), 1e-9);
    const col = (t: number) => Math.round((t / total) * width);
    const pad = Math.max(...spans.map((s) => s.label.length));
    return spans
      .map((s) => {
        const a = col(s.start), b = Math.max(col(s.end), a + 1);
        const bar = " ".repeat(a) + "█".repeat(b - a) + " ".repeat(Math.max(0, width - b));
        return `${s.label.padEnd(pad)} ${s.start.toFixed(1).padStart(6)} → ${s.end.toFixed(1).padStart(6)} s  |${bar}|`;
      })
      .join("\n");
  }
}
