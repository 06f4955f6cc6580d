/**
 * Imports run one way (issue 13): core ← flux, detector, ip ← engine ← models ← events, figures ← plot.
 * A small scanner of the relative imports in lib/**\/*.ts (a dozen lines; dependency-cruiser
 * would add a dev dependency and a config for the same rule): every import must go to the
 * same layer or a lower one, and no files import each other at run time in a cycle (within a layer, e.g.
 * flux ↔ chargedCurrent, a cycle hides which one is the lower). Shipped data (data/*.json) may
 * be imported from any layer.
 *
 * Façades sit on top: lib/index.ts, lib/signatures.ts, lib/figures/index.ts, lib/plot/index.ts
 * (the `nudump/plot` entry) only re-export (no code), may re-export from any layer, and
 * nothing in lib/ imports a façade (cli/, tests and notebooks do).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { longFunctions } from "../scripts/functionLengths";

const lib = path.resolve(__dirname, "../lib");

/** Layer rank of each top-level folder of lib/ (higher may import lower). */
const RANK: Readonly<Record<string, number>> = { core: 0, flux: 1, detector: 1, ip: 1, engine: 2, models: 3, events: 4, figures: 4, plot: 5 };

const FACADES = new Set(["index.ts", "signatures.ts", "figures/index.ts", "plot/index.ts"]);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/**
 * Relative module specifiers of a file's import/export-from statements and require() calls;
 * with `runtimeOnly`, without `import type …` (which loads no module).
 */
function imports(file: string, runtimeOnly = false): string[] {
  const src = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*((?:import|export)\b[^;]*?)\bfrom\s+"(\.[^"]+)"|require\("(\.[^"]+)"\)|import\("(\.[^"]+)"\)/g)) {
    if (runtimeOnly && m[1] && /^(import|export)\s+type\b/.test(m[1])) continue;
    out.push((m[2] ?? m[3] ?? m[4]) as string);
  }
  return out;
}

function rel(file: string): string {
  return path.relative(lib, file).split(path.sep).join("/");
}

/** The lib-relative path a specifier resolves to (a folder means its index.ts). */
function target(from: string, spec: string): string {
  const abs = path.resolve(path.dirname(from), spec);
  if (fs.existsSync(abs + ".ts")) return rel(abs + ".ts");
  if (fs.existsSync(path.join(abs, "index.ts"))) return rel(path.join(abs, "index.ts"));
  return rel(abs);
}

function layer(relPath: string): string {
  return relPath.split("/")[0] as string;
}

describe("import direction in lib/", () => {
  const all = files(lib).map((f) => ({ file: f, rel: rel(f) }));

  it("every file of lib/ is in a layer or is a façade", () => {
    expect(all.filter((f) => !FACADES.has(f.rel) && RANK[layer(f.rel)] === undefined).map((f) => f.rel)).toEqual([]);
  });

  it("no import runs upward or into a façade", () => {
    const bad: string[] = [];
    for (const f of all) {
      if (FACADES.has(f.rel)) continue;
      const from = layer(f.rel);
      for (const spec of imports(f.file)) {
        const to = target(f.file, spec);
        if (/^\.\.\/data\/[^/]+\.json$/.test(to)) continue;
        if (FACADES.has(to)) bad.push(`${f.rel} → ${to} (a façade)`);
        else if (RANK[layer(to)] === undefined) bad.push(`${f.rel} → ${to} (outside the layers)`);
        else if ((RANK[layer(to)] as number) > (RANK[from] as number)) bad.push(`${f.rel} → ${to} (upward: ${from} → ${layer(to)})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("no runtime import cycles between files (type-only imports load nothing and may point back)", () => {
    const graph = new Map(all.filter((f) => !FACADES.has(f.rel)).map((f) => [f.rel, imports(f.file, true).map((s) => target(f.file, s)).filter((t) => !FACADES.has(t))] as const));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (n: string, stack: string[]): void => {
      if (state.get(n) === "done") return;
      if (state.get(n) === "open") {
        cycles.push([...stack.slice(stack.indexOf(n)), n].join(" → "));
        return;
      }
      state.set(n, "open");
      for (const t of graph.get(n) ?? []) visit(t, [...stack, n]);
      state.set(n, "done");
    };
    for (const n of graph.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });

  it("façades only re-export", () => {
    for (const f of FACADES) {
      const code = fs.readFileSync(path.join(lib, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      const statements = code.split(/;\s*/).map((s) => s.trim()).filter(Boolean);
      expect(statements.filter((s) => !/^export\s/.test(s)), f).toEqual([]);
    }
  });

  it("the scanner sees imports (it would catch an upward one)", () => {
    expect(imports(path.join(lib, "plot", "paper", "fig1.ts"))).toContain("../../figures/fig1");
  });
});

/**
 * Files over 400 lines owned by another engineer at the time of writing (issue 13), each being
 * split on its own branch; an entry is removed when its split merges (the test below does not
 * require the file to still be long, so a merge in either order passes).
 */
const LONG_FILE_PENDING = new Set<string>([]);

/**
 * Functions over 80 lines owned by other engineers at the time of writing (issue 13), as
 * `file name` (scripts/functionLengths.ts prints them with their lines). No new one may be added.
 */
const LONG_FUNCTION_PENDING = new Set<string>([]);

describe("sizes (issue 13: files under 400 lines, functions under ~80)", () => {
  const repo = path.resolve(__dirname, "..");
  it("no file in lib/ or cli/ exceeds 400 lines", () => {
    const long = ["lib", "cli"]
      .flatMap((d) => files(path.join(repo, d)))
      .map((f) => ({ f: path.relative(repo, f).split(path.sep).join("/"), n: fs.readFileSync(f, "utf8").split("\n").length - 1 }))
      .filter((x) => x.n > 400 && !LONG_FILE_PENDING.has(x.f))
      .map((x) => `${x.f}: ${x.n} lines`);
    expect(long).toEqual([]);
  });
  it("no function in lib/ or cli/ exceeds 80 lines, but for the listed ones pending their split", () => {
    const long = longFunctions(80, ["lib", "cli"]).filter((f) => !LONG_FUNCTION_PENDING.has(`${f.file} ${f.name}`));
    expect(long.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });
  it("the function measure sees a long function (it would catch one)", () => {
    const over20 = longFunctions(20, ["lib/core"]);
    expect(over20.map((f) => `${f.file} ${f.name}`)).toContain("lib/core/quadrature.ts integrate"); // 42 lines
    expect(over20.every((f) => f.lines > 20)).toBe(true);
  });
});
