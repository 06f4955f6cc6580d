/**
 * The CLI's one options module: from the declarative description (cli/spec.ts) to parsed,
 * validated values, and the typed readers the commands take them with. commander does the
 * tokenising (`--opt value` = `--opt=value`, an option's value may start with "-", unknown
 * options and stray arguments are errors); this module converts (units via lib/core/quantity.ts),
 * range-checks, applies the documented defaults, rejects options a combination ignores, and
 * writes the help text. Every bad value is a UsageError naming the option, the value and the
 * allowed range or choices (main() prints it as one line, exit status 2).
 */
import { Command, CommanderError, Option } from "commander";
import { statSync, readdirSync, accessSync, constants as fsc } from "node:fs";
import { parseDecimal, parseQuantity } from "../lib/core/quantity";
import { COMMAND_DEFS, type CommandDef, type Condition, type OptionDef } from "./spec";

/**
 * An error in the user's input: printed as one line, exit status 2. A RangeError (a value
 * outside the allowed set), as the library's own input errors; its message names the option,
 * the value given and what is allowed.
 */
export class UsageError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Value = string | number | boolean | [number, number];
export type Values = Record<string, Value | undefined>;
export interface Parsed {
  readonly v: Values;
  /** Options the user gave (not defaults). */
  readonly given: ReadonlySet<string>;
}

function flagsOf(o: OptionDef): string {
  const long = `--${o.name}`;
  const lead = o.short ? `-${o.short}, ${long}` : long;
  const placeholder = o.unit ?? { integer: "n", choice: "name", dir: "dir", path: "path", number: "x", pair: "a,b", quantity: "x", flag: "" }[o.kind];
  return o.kind === "flag" ? lead : `${lead} <${placeholder}>`;
}

/** The range of a numeric option as text, e.g. "(0, 7000]". */
export function rangeText(o: OptionDef): string {
  const lo = o.positive ? "(0" : o.min !== undefined ? `[${o.min}` : "(-∞";
  const hi = o.max !== undefined ? `${o.max}${o.maxExclusive ? ")" : "]"}` : "∞)";
  return `${lo}, ${hi}`;
}

function conditionText(c: Condition): string {
  return Object.entries(c).map(([k, vs]) => `--${k} ${vs.join("|")}`).join(" ");
}

function holds(c: Condition, v: Values): boolean {
  return Object.entries(c).every(([k, vs]) => v[k] !== undefined && vs.includes(String(v[k])));
}

function applies(o: OptionDef, v: Values): boolean {
  return o.only === undefined || o.only.some((c) => holds(c, v));
}

function checkRange(o: OptionDef, x: number, label: string): void {
  const low = o.positive ? x > 0 : o.min === undefined || x >= o.min;
  const high = o.max === undefined || (o.maxExclusive ? x < o.max : x <= o.max);
  if (!low || !high) throw new UsageError(`--${o.name} = ${label} is outside the allowed range ${rangeText(o)}${o.unit ? ` ${o.unit}` : ""}`);
}

function checkDir(name: string, p: string): void {
  if (p.trim() === "") throw new UsageError(`--${name} is empty (a directory is needed)`);
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new UsageError(`--${name} = ${JSON.stringify(p)}: no such directory`);
  }
  if (!st.isDirectory()) throw new UsageError(`--${name} = ${JSON.stringify(p)} is not a directory`);
  try {
    accessSync(p, fsc.R_OK | fsc.X_OK);
    if (readdirSync(p).length === 0) throw new UsageError(`--${name} = ${JSON.stringify(p)} is an empty directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--${name} = ${JSON.stringify(p)} cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** Converts one raw option text to its value, or throws a UsageError naming the option. */
function convert(o: OptionDef, raw: string): Value {
  const name = `--${o.name}`;
  try {
    switch (o.kind) {
      case "quantity": {
        const x = parseQuantity(raw, o.unit!, name);
        checkRange(o, x, raw);
        return x;
      }
      case "number": {
        const x = parseDecimal(raw, name);
        checkRange(o, x, raw);
        return x;
      }
      case "integer": {
        const x = parseDecimal(raw, name);
        if (!Number.isInteger(x)) throw new UsageError(`${name} = ${JSON.stringify(raw)} must be an integer in ${rangeText(o)}`);
        checkRange(o, x, raw);
        return x;
      }
      case "choice":
        if (!o.choices!.includes(raw)) throw new UsageError(`${name} = ${JSON.stringify(raw)} is not one of ${o.choices!.join(", ")}`);
        return raw;
      case "pair": {
        const parts = raw.split(",");
        if (parts.length !== 2) throw new UsageError(`${name} = ${JSON.stringify(raw)} must be two values "a,b"`);
        const [a, b] = parts.map((p) => parseQuantity(p, o.unit!, name)) as [number, number];
        checkRange(o, a, parts[0]!);
        checkRange(o, b, parts[1]!);
        if (!(a < b)) throw new UsageError(`${name} = ${JSON.stringify(raw)}: the first value must be smaller than the second`);
        return [a, b];
      }
      case "dir":
        checkDir(o.name, raw);
        return raw;
      case "path":
        if (raw.trim() === "") throw new UsageError(`${name} is empty (a path is needed)`);
        return raw;
      case "flag":
        return true;
    }
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

/** Parses argv for one command; UsageError for every bad input. */
export function parseCommand(def: CommandDef, argv: readonly string[]): Parsed {
  const cmd = new Command(def.name)
    .exitOverride()
    .helpOption(false)
    .allowExcessArguments(false)
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  for (const o of def.options) {
    const opt = new Option(flagsOf(o), o.help);
    cmd.addOption(opt);
  }
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) throw new UsageError(e.message.replace(/^error:\s*/, "").split("\n")[0]!);
    throw e;
  }
  const raw = cmd.opts() as Record<string, string | boolean | undefined>;
  const v: Values = {};
  const given = new Set<string>();
  for (const o of def.options) {
    const key = cmd.options.find((c) => c.long === `--${o.name}`)!.attributeName();
    const r = raw[key];
    if (cmd.getOptionValueSource(key) !== "cli" || r === undefined) continue;
    if (o.kind === "flag" && o.name.startsWith("no-")) {
      v[o.name] = true;
    } else v[o.name] = typeof r === "boolean" ? r : convert(o, r);
    given.add(o.name);
  }
  if (v.help) return { v, given };
  // choices first (they decide the combinations), then defaults, then applicability
  for (const o of def.options) {
    if (v[o.name] === undefined && o.default !== undefined && o.kind === "choice") v[o.name] = o.default;
  }
  for (const o of def.options) {
    if (!applies(o, v)) {
      if (given.has(o.name)) {
        const when = o.only!.map(conditionText).join(", or ");
        throw new UsageError(`--${o.name} does not apply here (it is used only with ${when || "no combination of this command"})`);
      }
      if (o.kind === "choice" && !given.has(o.name)) delete v[o.name];
      continue;
    }
    if (v[o.name] === undefined && o.default !== undefined) v[o.name] = o.default;
    if (v[o.name] === undefined && o.required) throw new UsageError(`--${o.name} is required${o.choices ? ` (one of ${o.choices.join(", ")})` : ""}`);
  }
  return { v, given };
}

const EXAMPLE: Record<string, string> = { GeV: "500 MeV", "GeV^-1": "1e-6/GeV", "GeV^2": "0.1 GeV^2" };

/** The help of one command, listing every option with its unit, range, default and scope. */
export function helpText(def: CommandDef): string {
  const lines = [`nudump ${def.name} — ${def.summary}`, "", "options:"];
  const w = Math.max(...def.options.map((o) => flagsOf(o).length));
  for (const o of def.options) {
    const bits: string[] = [o.help];
    if (o.choices && !o.help.includes(o.choices.join("|"))) bits.push(`one of ${o.choices.join("|")}`);
    if (o.unit) bits.push(`unit ${o.unit} (or a quantity, e.g. ${JSON.stringify(EXAMPLE[o.unit] ?? `1 ${o.unit}`)})`);
    if (o.kind === "quantity" || o.kind === "number" || o.kind === "integer" || o.kind === "pair") bits.push(`range ${rangeText(o)}${o.kind === "integer" ? ", integer" : ""}`);
    if (o.required) bits.push(o.only ? "required there" : "required");
    if (o.default !== undefined) bits.push(`default ${typeof o.default === "number" && o.default !== 0 && Math.abs(o.default) < 1e-3 ? o.default.toExponential() : String(o.default)}`);
    else if (o.defaultText) bits.push(`default: ${o.defaultText}`);
    if (o.only) bits.push(`only with ${o.only.map(conditionText).join(", or ") || "(never)"}`);
    lines.push(`  ${flagsOf(o).padEnd(w)}  ${bits.join("; ")}`);
  }
  lines.push("", "examples:", ...def.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

/** Parses argv for the named command (a convenience for the library's tests and scripts). */
export function parseFor(command: string, argv: readonly string[]): Parsed {
  const def = COMMAND_DEFS.find((d) => d.name === command);
  if (!def) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  return parseCommand(def, argv);
}

/** A number from the parsed option values (already converted and range-checked by parseCommand). */
export function num(values: Record<string, unknown>, name: string, fallback?: number): number {
  const v = values[name];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required`);
  }
  if (typeof v !== "number" || !Number.isFinite(v)) throw new UsageError(`--${name} needs a finite numeric value`);
  return v;
}

/** An optional number: undefined when the option is absent. */
export function optNum(values: Record<string, unknown>, name: string): number | undefined {
  return values[name] === undefined ? undefined : num(values, name);
}

/** A pair "a,b" (converted by parseCommand). */
export function pair(values: Record<string, unknown>, name: string): [number, number] | undefined {
  const v = values[name];
  return v === undefined ? undefined : (v as [number, number]);
}

/** One of a fixed set of strings. */
export function choice<T extends string>(values: Record<string, unknown>, name: string, allowed: readonly T[], fallback?: T): T {
  const v = values[name];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required (one of ${allowed.join(", ")})`);
  }
  if (!(allowed as readonly unknown[]).includes(v)) {
    throw new UsageError(`--${name} = ${JSON.stringify(v)} is not one of ${allowed.join(", ")}`);
  }
  return v as T;
}

/** `--decay-flavours` if given (1, 2 or 3), else undefined (the preset's). */
export function decayFlavoursFromArgs(v: Record<string, unknown>): number | undefined {
  const nf = optNum(v, "decay-flavours");
  if (nf !== undefined && !(Number.isInteger(nf) && nf >= 1 && nf <= 3)) throw new UsageError(`--decay-flavours = ${nf} must be 1, 2 or 3`);
  return nf;
}

/** μ_N m_N ≤ 1 keeps N narrow (Γ/m_N = (μ_N m_N)²/4π ≤ 8 %) and the effective dipole valid (cli/spec.ts). */
export function checkNarrow(mu: number, mN: number): void {
  if (!(mu * mN <= 1)) throw new UsageError(`--mu = ${mu} GeV⁻¹ with --mN = ${mN} GeV gives μ_N m_N = ${(mu * mN).toPrecision(3)} > 1 (allowed: μ_N m_N ≤ 1, a narrow N)`);
}
