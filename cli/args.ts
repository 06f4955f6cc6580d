/**
 * Helpers shared by the nudump subcommands: reading the parsed option values (cli/options.ts),
 * table formatting, the progress bar, and the usage error type that main() turns into one
 * stderr line and exit status 2.
 */
import { inputsJson, type ResolvedInputs } from "../lib/engine/setup";

/** An error in the user's input: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A number from the parsed option values (already converted and range-checked by cli/options.ts). */
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

/** A pair "a,b" (converted by cli/options.ts). */
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

/** Format a number for the human-readable tables. */
export function fmt(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) throw new Error(`a non-finite number (${String(x)}) reached the output (a bug: please report the command)`);
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? x.toPrecision(6) : x.toExponential(5);
}

/** Print a two-column table of name/value rows. */
export function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
}

/** A progress bar on stderr (only when stderr is a TTY or NUDUMP_PROGRESS=1). */
export function progressBar(label: string, total: number): { tick: (n?: number) => void; done: () => void } {
  const show = process.stderr.isTTY || process.env.NUDUMP_PROGRESS === "1";
  let count = 0;
  let lastPct = -1;
  const draw = () => {
    const pct = total > 0 ? Math.floor((100 * count) / total) : 100;
    if (pct === lastPct) return;
    lastPct = pct;
    const width = 30;
    const filled = Math.round((width * pct) / 100);
    process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct}% (${count}/${total})`);
  };
  return {
    tick: (n = 1) => {
      count += n;
      if (show) draw();
    },
    done: () => {
      if (show) {
        count = total;
        lastPct = -1;
        draw();
        process.stderr.write("\n");
      }
    },
  };
}

/**
 * makeSetup options from the parsed values: only what the user gave (the preset fills the rest).
 * `--flux` is left to the caller (its allowed values depend on the detector).
 */
export function setupOptionsFromArgs(v: Record<string, unknown>): {
  preset?: "paper" | "current";
  fluxDir?: string;
  fluxSource?: "tables" | "embedded";
  normalisation?: "kling-nevay" | "tp";
} {
  const out: { preset?: "paper" | "current"; fluxDir?: string; fluxSource?: "tables" | "embedded"; normalisation?: "kling-nevay" | "tp" } = {};
  if (v.preset !== undefined) out.preset = choice(v, "preset", ["paper", "current"] as const);
  if (typeof v["flux-dir"] === "string") out.fluxDir = v["flux-dir"];
  if (v["flux-source"] !== undefined) out.fluxSource = choice(v, "flux-source", ["tables", "embedded"] as const);
  if (v.normalisation !== undefined) out.normalisation = choice(v, "normalisation", ["kling-nevay", "tp"] as const);
  return out;
}

/** `--decay-flavours` if given (1, 2 or 3), else undefined (the preset's). */
export function decayFlavoursFromArgs(v: Record<string, unknown>): number | undefined {
  const nf = optNum(v, "decay-flavours");
  if (nf !== undefined && !(Number.isInteger(nf) && nf >= 1 && nf <= 3)) throw new UsageError(`--decay-flavours = ${nf} must be 1, 2 or 3`);
  return nf;
}

/**
 * The resolved inputs as echoed under `inputs` (lib/detector/setup.ts inputsJson), with text in
 * place of the null table directory of the embedded fit: no output carries null for a value.
 */
export function resolvedInputs(r: ResolvedInputs): Record<string, unknown> {
  const j = inputsJson(r);
  if (j.flux_dir === null) j.flux_dir = "none: the embedded fit of the shipped data/flux tables";
  return j;
}
