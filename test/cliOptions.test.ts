/**
 * The CLI's options module and start-up (issues 13 and 15): every numeric option outside its
 * range is a usage error naming the option, the value and the allowed range; a command loads
 * only its own module (static imports), and a plain number never loads mathjs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { rangeText, UsageError } from "../cli/options";
import { COMMAND_DEFS, type OptionDef } from "../cli/spec";
import { runCli } from "./support/cliRun";

const root = path.resolve(__dirname, "..");

/** A value just outside an option's range (above the maximum, else at or below the minimum). */
function outside(o: OptionDef): string | undefined {
  if (o.max !== undefined) return String(o.max * 10 + 10);
  if (o.positive) return "0";
  if (o.min !== undefined) return String(o.min - 1);
  return undefined;
}

describe("out-of-range options", () => {
  const cases = COMMAND_DEFS.flatMap((d) =>
    d.options
      .filter((o) => o.kind === "quantity" || o.kind === "number" || o.kind === "integer")
      .map((o) => [d.name, o, outside(o)] as const)
      .filter((c): c is readonly [string, OptionDef, string] => c[2] !== undefined),
  );

  it("covers every command with a numeric option", () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(["xsec", "width", "events", "spectrum", "sample", "reach"]));
  });

  it.each(cases.map((c) => [`${c[0]} --${c[1].name} ${c[2]}`, ...c] as const))("%s: exit 2 naming the option, the value and the range", async (_l, cmd, o, raw) => {
    const r = await runCli([cmd, `--${o.name}`, raw]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const line = r.err.trimEnd();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain(`--${o.name} = ${raw}`);
    expect(line).toContain(rangeText(o));
  });

  it("the usage error is a RangeError (as the library's input errors)", () => {
    expect(new UsageError("x")).toBeInstanceOf(RangeError);
  });
});

/** The relative modules a TypeScript file imports for their values (not `import type`, not `import()`). */
function staticImports(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const out: string[] = [];
  const re = /^(?:import|export)\s+(?!type\s)([^;]*?)\s+from\s+"(\.[^"]+)"/gms;
  for (const m of src.matchAll(re)) {
    const names = m[1]!.trim();
    const braces = /^\{([^}]*)\}$/s.exec(names);
    if (braces && braces[1]!.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    const base = path.resolve(path.dirname(file), m[2]!.replace(/\.js$/, ""));
    const f = [`${base}.ts`, path.join(base, "index.ts")].find((c) => existsSync(c));
    if (f) out.push(f);
  }
  return out;
}

/** Every file loaded by requiring `file`, following static imports. */
function closure(file: string): Set<string> {
  const seen = new Set<string>();
  const todo = [path.join(root, file)];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...staticImports(f));
  }
  return new Set([...seen].map((f) => path.relative(root, f)));
}

describe("a command loads only its own modules", () => {
  const COMMANDS = ["cli/physics.ts", "cli/events.ts", "cli/darkboson.ts", "cli/darkbosonElectron.ts", "cli/sample.ts", "cli/reach.ts"];
  const heavy = (f: string) => f.startsWith("lib/figures/") || f.startsWith("lib/plot/");

  it("the parser and dispatcher load no command module, no figures and no plotting", () => {
    const c = closure("cli/main.ts");
    expect(c.has("cli/options.ts")).toBe(true); // the walk follows imports
    expect([...c].filter((f) => COMMANDS.includes(f) || heavy(f))).toEqual([]);
  });

  it("xsec and width load no event streams, figures or plotting", () => {
    const c = closure("cli/physics.ts");
    expect(c.has("lib/models/dipole/index.ts")).toBe(true);
    expect([...c].filter((f) => heavy(f) || f === "lib/events/index.ts" || f === "lib/figures/index.ts")).toEqual([]);
  });

  it("events and spectrum load no event streams, figures or plotting", () => {
    const c = closure("cli/events.ts");
    expect(c.has("lib/engine/productionTable.ts")).toBe(true);
    expect([...c].filter((f) => heavy(f) || f === "lib/events/index.ts" || f === "cli/sample.ts")).toEqual([]);
  });

  it("a plain number never loads mathjs; a quantity with a unit does", () => {
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const script = (text: string) =>
      `const q = require("./lib/core/quantity.ts"); const x = q.parseQuantity(${JSON.stringify(text)}, "GeV", "--mN");` +
      `console.log(JSON.stringify([x, Object.keys(require.cache).some((f) => f.includes("node_modules/mathjs"))]));`;
    const run = (text: string) => JSON.parse(execFileSync(tsx, ["-e", script(text)], { cwd: root, encoding: "utf8" }).trim()) as [number, boolean];
    expect(run("0.5")).toEqual([0.5, false]);
    expect(run("500 MeV")).toEqual([0.5, true]);
  }, 60_000);
});
