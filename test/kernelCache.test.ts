/**
 * The notebook kernel's conversion cache (jupyter/tslab-conversions.js): a cell converted before
 * is taken from the cache only when the cells before it, its source and every file the
 * TypeScript program read or looked for are unchanged; its result (JavaScript, declarations,
 * type errors) is then the one TypeScript gives. Each session is a separate Node process, as a
 * kernel is (test/support/tslabSession.js), in a temporary folder with a module of its own and
 * a cache directory of its own.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { jupyterPath, kernelName, writeKernelSpec } from "../scripts/notebooks/kernel";

interface Diagnostic {
  messageText: string;
  start: { line: number; character: number };
}
interface Result {
  output?: string;
  declOutput?: string;
  diagnostics: Diagnostic[];
  sideOutputs?: unknown[];
}
interface Session {
  results: Result[];
  stats: { hits: number; misses: number } | null;
}

const driver = path.resolve(__dirname, "support", "tslabSession.js");

function session(dir: string, cache: string, cells: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Session {
  const cellsFile = path.join(dir, "cells.json");
  writeFileSync(cellsFile, JSON.stringify(cells));
  const r = spawnSync(process.execPath, [driver, dir, cellsFile], { encoding: "utf8", env: { ...process.env, NUDUMP_CODE_CACHE: cache, ...extraEnv } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Session;
}

const CELLS = [
  'import { x } from "./mod";\nconst y: number = x + 1;',
  "const z = y * 2;\nz",
  'const bad: number = "not a number";', // a type error: the cell must fail every time
  "const w: string = String(z);\nw",
];

describe("kernel conversion cache", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nudump-tslab-cache-"));
  const cache = path.join(dir, "cache");
  const mod = path.join(dir, "mod.d.ts");

  it("gives TypeScript's own results, type errors included, and converts nothing again when nothing changed", () => {
    writeFileSync(mod, "export declare const x: number;\n");
    const off = session(dir, cache, CELLS, { NUDUMP_KERNEL_CACHE: "0" });
    expect(off.stats).toBeNull(); // turned off: tslab's converter as it is
    const cold = session(dir, cache, CELLS);
    const warm = session(dir, cache, CELLS);
    expect(cold.stats).toEqual({ hits: 0, misses: 4 });
    expect(warm.stats).toEqual({ hits: 4, misses: 0 });
    const stored = readdirSync(path.join(cache, "tslab"));
    const traces = stored.filter((f) => f.startsWith("trace-"));
    expect(stored.length - traces.length).toBe(4); // one entry per cell
    expect(traces.length).toBeLessThan(4); // cells that ask the file system nothing new share their predecessor's trace
    expect(cold.results).toEqual(off.results);
    expect(warm.results).toEqual(off.results);
    const bad = warm.results[2]!.diagnostics;
    expect(bad).toHaveLength(1);
    expect(bad[0]!.messageText).toBe("Type 'string' is not assignable to type 'number'.");
    expect(bad[0]!.start).toEqual({ offset: 6, line: 0, character: 6 });
    expect(warm.results[0]!.diagnostics).toEqual([]);
    expect(warm.results[1]!.output).toContain("y * 2");
  }, 60_000);

  it("converts an edited cell and the ones after it again, and only those", () => {
    const edited = [CELLS[0]!, "const z = y * 3;\nz", CELLS[2]!, CELLS[3]!];
    const s = session(dir, cache, edited);
    expect(s.stats).toEqual({ hits: 1, misses: 3 });
    expect(s.results[1]!.output).toContain("y * 3");
  }, 60_000);

  it("converts again when a declaration file the cells import changes", () => {
    writeFileSync(mod, "export declare const x: string;\n");
    const s = session(dir, cache, CELLS);
    expect(s.stats!.hits).toBe(0);
    expect(s.results[0]!.diagnostics.map((d) => d.messageText)).toEqual(["Type 'string' is not assignable to type 'number'."]);
  }, 60_000);

  it("converts again when a file appears where module resolution looked before (mod.ts shadows mod.d.ts)", () => {
    writeFileSync(mod, "export declare const x: number;\n");
    session(dir, cache, CELLS); // back to the first state (the session before stored the x: string conversions)
    expect(session(dir, cache, CELLS).stats).toEqual({ hits: 4, misses: 0 });
    writeFileSync(path.join(dir, "mod.ts"), 'export const x = "now a string";\n');
    const s = session(dir, cache, CELLS);
    expect(s.stats!.hits).toBe(0);
    expect(s.results[0]!.diagnostics.map((d) => d.messageText)).toEqual(["Type 'string' is not assignable to type 'number'."]);
    rmSync(path.join(dir, "mod.ts"));
  }, 60_000);

  it("keeps the entries in use when it prunes: the least recently used go, not the oldest written", () => {
    const store = path.join(cache, "tslab");
    session(dir, cache, CELLS); // mod.ts is gone again: the entries (one per cell) are the mod.d.ts ones again
    const old = new Date("2000-01-01T00:00:00Z");
    for (const f of readdirSync(store)) utimesSync(path.join(store, f), old, old); // written long ago…
    expect(session(dir, cache, CELLS).stats).toEqual({ hits: 4, misses: 0 }); // …and used now
    const others = new Date("2010-01-01T00:00:00Z"); // 2100 entries of other checkouts, written after ours, unused since
    for (let i = 0; i < 2100; i++) {
      const f = path.join(store, `${String(i).padStart(64, "0")}.json`);
      writeFileSync(f, "{}");
      utimesSync(f, others, others);
    }
    expect(session(dir, cache, ["const edited = 1;"]).stats).toEqual({ hits: 0, misses: 1 }); // a write: prunes to 1000
    expect(readdirSync(store).length).toBeLessThanOrEqual(1001);
    expect(session(dir, cache, CELLS).stats).toEqual({ hits: 4, misses: 0 });
  }, 60_000);

  it("converts again when the program's declaration set is switched (NUDUMP_KERNEL_TYPES=all puts every @types package in it)", () => {
    expect(session(dir, cache, CELLS).stats).toEqual({ hits: 4, misses: 0 });
    expect(session(dir, cache, CELLS, { NUDUMP_KERNEL_TYPES: "all" }).stats).toEqual({ hits: 0, misses: 4 });
  }, 60_000);
});

describe("kernel program: tslab's conversions with the stateless builder (jupyter/tslab-typescript.js)", () => {
  it("equal those of TypeScript's stateful builder, for a local .ts module (its emitted side output) and type errors too", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-tslab-builder-"));
    writeFileSync(path.join(dir, "mod.d.ts"), "export declare const x: number;\n");
    writeFileSync(path.join(dir, "local.ts"), 'import { x } from "./mod";\nexport const twice = (n: number): number => 2 * n + x;\n');
    const cells = [...CELLS, 'import { twice } from "./local";\nconst t = twice(z);\nt', "declare global { var g: number }\nconst h = [t, 1] as const;"];
    const off = { NUDUMP_KERNEL_CACHE: "0" };
    const full = session(dir, path.join(dir, "cache"), cells, { ...off, NUDUMP_KERNEL_BUILDER: "full" });
    const light = session(dir, path.join(dir, "cache"), cells, off);
    expect(light.results).toEqual(full.results);
    expect(full.results[4]!.sideOutputs).toHaveLength(1); // local.ts, emitted beside the cell
    expect(full.results[2]!.diagnostics).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe("kernel: a cell with a type error fails, also when its conversion comes from the cache", () => {
  it("execute.py stops at the cell both times with TypeScript's message", () => {
    const home = mkdtempSync(path.join(tmpdir(), "nudump-kernel-typeerror-"));
    const cacheDir = path.join(home, "cache");
    const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1", NUDUMP_CODE_CACHE: cacheDir };
    writeKernelSpec();
    const nb = path.join(home, "typeError.ipynb");
    const cells = ["const n: number = 2;\nconsole.log(n * 3);", 'const s: number = "two";\nconsole.log("not reached");'];
    const notebook = JSON.stringify({
      cells: cells.map((source, i) => ({ cell_type: "code", execution_count: null, id: `cell-${i}`, metadata: {}, outputs: [], source })),
      metadata: { kernelspec: { name: kernelName, display_name: "TypeScript (nudump, tslab)", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    });
    writeFileSync(nb, notebook);
    // a file rewritten (temporary file and rename) has a new inode; one only used has a new mtime
    const stored = () => readdirSync(path.join(cacheDir, "tslab")).map((f) => `${f} ${statSync(path.join(cacheDir, "tslab", f)).ino}`).sort();
    let afterCold: string[] = [];
    for (const run of ["cold", "warm"]) {
      const r = spawnSync("/usr/bin/python3", [path.resolve(__dirname, "..", "scripts", "notebooks", "execute.py"), nb], { encoding: "utf8", env });
      expect(r.status, `${run}: ${r.stderr}`).toBe(1);
      expect(r.stderr, run).toMatch(/FAILED .*typeError\.ipynb, cell 2 of 2/);
      const message = r.stderr.split("--- message ---\n")[1] ?? "";
      expect(message.trim(), run).toBe("1:7 - Type 'string' is not assignable to type 'number'."); // and the cell did not run
      expect(readFileSync(nb, "utf8"), run).toBe(notebook); // a failed run writes nothing
      if (run === "cold") afterCold = stored();
    }
    // Both conversions (the failing one too: its type error is its result) were stored by the cold
    // run, with their trace, and taken from the cache by the warm one, which converted nothing
    // (no file rewritten).
    expect(afterCold.filter((f) => !f.startsWith("trace-"))).toHaveLength(2);
    expect(stored()).toEqual(afterCold);
  }, 120_000);
});
