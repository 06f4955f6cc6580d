/**
 * The conversion pre-pass (jupyter/tslab-prepass.js, started by scripts/notebooks/prepass.ts): it
 * converts the notebooks' cells in one process, sharing the parsed declaration files between
 * them, and must store exactly what the kernels would have stored — the same entries (the same
 * chain keys, the same conversions) and the same traces (every file system question a kernel's
 * own program asks: a shared declaration file must not hide a read or a module resolution from
 * the trace) — so that a kernel takes them from the cache and converts nothing. A kernel that
 * starts before the pre-pass has stored its cell waits for it. Each kernel is a separate Node
 * process (test/support/tslabSession.js), in a temporary folder with caches of its own.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const driver = path.join(__dirname, "support", "tslabSession.js");
const prepassScript = path.join(root, "jupyter", "tslab-prepass.js");
const { PROBE } = JSON.parse(readFileSync(path.join(root, "scripts", "notebooks", "probe-cell.json"), "utf8")) as { PROBE: string };

interface Session {
  results: { diagnostics: unknown[]; output?: string }[];
  stats: { hits: number; misses: number; waitS?: number } | null;
}

/** Two notebooks; b stops at its type error (its kernel would fail there and convert nothing more). */
const A = ['import { x } from "./mod";\nconst y: number = x + 1;', "", "const z = y * 2;\nz", "const s = [1, 2].map(String);\ns"];
const B = ['import { x } from "./mod";\nconst big = x * 1e6;', 'const bad: number = "text";', "const never = 1;"];
/** The cells each kernel converts, as execute.py sends them: blank cells skipped, the probe appended; b ends at its error. */
const KERNEL_A = [A[0]!, A[2]!, A[3]!, PROBE];
const KERNEL_B = [B[0]!, B[1]!];

function writeNotebook(file: string, cells: readonly string[]): void {
  const nb = { cells: cells.map((source, i) => ({ cell_type: "code", execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source })), metadata: {}, nbformat: 4, nbformat_minor: 5 };
  writeFileSync(file, JSON.stringify(nb));
}

function cacheDir(base: string, name: string): string {
  const d = path.join(base, name);
  mkdirSync(d, { mode: 0o700 });
  return d;
}

const sessionArgs = (dir: string, cells: readonly string[], name: string) => {
  const file = path.join(dir, `${name}.cells.json`);
  writeFileSync(file, JSON.stringify(cells));
  return [driver, dir, file];
};

function session(dir: string, cache: string, cells: readonly string[], name: string, env: NodeJS.ProcessEnv = {}): Session {
  const r = spawnSync(process.execPath, sessionArgs(dir, cells, name), { encoding: "utf8", env: { ...process.env, NUDUMP_CODE_CACHE: cache, ...env } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Session;
}

function runPrepass(dir: string, cache: string, done?: string): { cells: number; misses: number } {
  const args = [prepassScript, "--jobs", "2", ...(done ? ["--done", done] : []), path.join(dir, "a.ipynb"), path.join(dir, "b.ipynb")];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NUDUMP_CODE_CACHE: cache } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cells: number; misses: number };
}

/** Every file of a cache's conversions, name → bytes. */
const stored = (cache: string) => new Map(readdirSync(path.join(cache, "tslab")).map((f) => [f, readFileSync(path.join(cache, "tslab", f), "utf8")]));

describe("conversion pre-pass", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nudump-prepass-"));
  writeFileSync(path.join(dir, "mod.d.ts"), "export declare const x: number;\n");
  writeNotebook(path.join(dir, "a.ipynb"), A);
  writeNotebook(path.join(dir, "b.ipynb"), B);

  it("stores byte for byte the entries and traces the kernels store, and the kernels then convert nothing", () => {
    const pre = cacheDir(dir, "pre"), kernels = cacheDir(dir, "kernels");
    expect(runPrepass(dir, pre)).toMatchObject({ cells: 6, misses: 6 });
    const own = [session(dir, kernels, KERNEL_A, "a"), session(dir, kernels, KERNEL_B, "b")];
    expect(own.map((s) => s.stats)).toEqual([{ hits: 0, misses: 4 }, { hits: 0, misses: 2 }]);
    expect(stored(pre)).toEqual(stored(kernels)); // b (converted second) shares a's parsed files, not its trace
    const taken = [session(dir, pre, KERNEL_A, "a"), session(dir, pre, KERNEL_B, "b")];
    expect(taken.map((s) => s.stats)).toEqual([{ hits: 4, misses: 0 }, { hits: 2, misses: 0 }]);
    expect(taken.map((s) => s.results)).toEqual(own.map((s) => s.results));
    expect(taken[1]!.results[1]!.diagnostics).toHaveLength(1); // the type error is a result like any other
    expect(runPrepass(dir, pre)).toMatchObject({ cells: 6, misses: 0 }); // a second pre-pass converts nothing either
  }, 120_000);

  it("a kernel that asks before the pre-pass has stored its cell waits for it; without a running pre-pass it converts at once", async () => {
    const cache = cacheDir(dir, "waiting"), done = path.join(dir, "done");
    const child = spawn(process.execPath, sessionArgs(dir, KERNEL_A, "a-waiting"), { env: { ...process.env, NUDUMP_CODE_CACHE: cache, NUDUMP_CONVERSION_PREPASS: done } });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    runPrepass(dir, cache, done);
    expect(await exited).toBe(0);
    const waited = JSON.parse(out) as Session;
    expect(waited.stats).toMatchObject({ hits: 4, misses: 0 });
    expect(waited.stats!.waitS).toBeGreaterThan(0);
    const edited = session(dir, cache, [...KERNEL_A.slice(0, 3), "const edited = 1;"], "a-edited", { NUDUMP_CONVERSION_PREPASS: done });
    expect(edited.stats).toMatchObject({ hits: 3, misses: 1 });
    expect(edited.stats!.waitS).toBeLessThan(0.05); // the pre-pass is done: no wait for a cell it never stores
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
