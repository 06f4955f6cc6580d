/**
 * Users do not have ../shared: nothing the package or the notebooks run may read it. The scan
 * looks at code, not prose — string literals and code of every .ts/.js/.cjs/.sh/.py file under
 * lib/, cli/, bin/ and scripts/ (what `npm run main` and the CLI execute), with comments removed,
 * and the code cells of every notebook — for "../shared", "shared/data" and "/work/shared".
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const PATTERN = /\.\.\/shared|shared\/data|\/work\/shared/;

/**
 * Notebook code cells that still pass ../shared paths ("<notebook>#<cell id>"). The notebook
 * work empties this list as it moves each cell to the shipped data/; the test below fails if a
 * cell NOT listed reads ../shared, and also if a listed cell no longer does (so the list only
 * shrinks, to []).
 */
export const NOTEBOOK_CELLS_STILL_ON_SHARED: readonly string[] = [];

function filesUnder(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, exts));
    else if (exts.some((x) => e.endsWith(x))) out.push(p);
  }
  return out;
}

/** TypeScript/JavaScript source with // and /* *\/ comments blanked, strings and templates kept. */
export function stripJsComments(src: string): string {
  let out = "";
  let i = 0;
  let quote: string | null = null;
  while (i < src.length) {
    const c = src[i]!, d = src[i + 1];
    if (quote) {
      out += c;
      if (c === "\\") out += src[++i] ?? "";
      else if (c === quote) quote = null;
      i++;
    } else if (c === "/" && d === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && d === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
    } else {
      if (c === '"' || c === "'" || c === "`") quote = c;
      out += c;
      i++;
    }
  }
  return out;
}

/** Shell/Python source with # comments removed (a # inside quotes is kept only roughly: lines are cut at " #"). */
function stripHashComments(src: string): string {
  return src
    .split("\n")
    .map((l) => (l.trimStart().startsWith("#") ? "" : l.replace(/\s#.*$/, "")))
    .join("\n");
}

describe("nothing the package runs reads ../shared", () => {
  it("the comment stripper keeps code and strings and drops comments", () => {
    expect(stripJsComments('const a = "../shared/x"; // ../shared/y\n/* shared/data */ b')).toBe('const a = "../shared/x"; \n b');
    expect(stripJsComments("const u = 'http://x'; c")).toBe("const u = 'http://x'; c");
  });
  it("lib/, cli/, bin/ and scripts/ code", () => {
    const offending: string[] = [];
    for (const d of ["lib", "cli", "bin", "scripts"]) {
      for (const f of filesUnder(path.join(ROOT, d), [".ts", ".js", ".cjs", ".sh", ".py"])) {
        const src = readFileSync(f, "utf8");
        const code = f.endsWith(".sh") || f.endsWith(".py") ? stripHashComments(src) : stripJsComments(src);
        for (const l of code.split("\n")) if (PATTERN.test(l)) offending.push(`${path.relative(ROOT, f)}: ${l.trim()}`);
      }
    }
    expect(offending).toEqual([]);
  });
  it("notebook code cells: exactly the cells listed in NOTEBOOK_CELLS_STILL_ON_SHARED (none once the notebooks are moved to data/)", () => {
    const found: string[] = [];
    for (const f of readdirSync(path.join(ROOT, "notebooks")).filter((x) => x.endsWith(".ipynb")).sort()) {
      const nb = JSON.parse(readFileSync(path.join(ROOT, "notebooks", f), "utf8")) as { cells: { cell_type: string; id?: string; source: string | string[] }[] };
      nb.cells.forEach((c, k) => {
        if (c.cell_type !== "code") return;
        const src = Array.isArray(c.source) ? c.source.join("") : c.source;
        if (PATTERN.test(stripJsComments(src))) found.push(`${f}#${c.id ?? `index-${k}`}`);
      });
    }
    expect(found).toEqual([...NOTEBOOK_CELLS_STILL_ON_SHARED].sort());
  });
});
