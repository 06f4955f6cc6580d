/**
 * Command-line argument handling shared by the nudump subcommands: strict option parsing
 * (unknown options are errors), numeric conversion with the option name in the message,
 * and the usage error type that main() turns into one stderr line and exit status 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** An error in the user's input: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Parse argv strictly against a spec; unknown options and missing values are UsageErrors. */
export function parse(argv: string[], options: OptionSpec): Record<string, string | boolean | undefined> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    return values as Record<string, string | boolean | undefined>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.split("\n")[0] ?? String(e));
  }
}

/** A finite number from an option value; UsageError naming the option otherwise. */
export function num(values: Record<string, unknown>, name: string, fallback?: number): number {
  const v = values[name];
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required`);
  }
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} needs a numeric value`);
  const x = Number(v);
  if (!Number.isFinite(x)) throw new UsageError(`--${name} = ${JSON.stringify(v)} is not a finite number`);
  return x;
}

/** An optional number: undefined when the option is absent. */
export function optNum(values: Record<string, unknown>, name: string): number | undefined {
  return values[name] === undefined ? undefined : num(values, name);
}

/** A pair "a,b" of finite numbers. */
export function pair(values: Record<string, unknown>, name: string): [number, number] | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const parts = String(v).split(",");
  if (parts.length !== 2) throw new UsageError(`--${name} = ${JSON.stringify(v)} must be two numbers "a,b"`);
  const [a, b] = parts.map((p) => Number(p)) as [number, number];
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new UsageError(`--${name} = ${JSON.stringify(v)} must be two finite numbers`);
  if (!(a < b)) throw new UsageError(`--${name} = ${JSON.stringify(v)}: the first number must be smaller than the second`);
  return [a, b];
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
  if (!Number.isFinite(x)) return String(x);
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

/** The input options every setup-using command accepts (lib/presets.ts, lib/signatures/setup.ts). */
export const SETUP_OPTION_SPEC: OptionSpec = {
  preset: { type: "string" },
  flux: { type: "string" },
  "flux-dir": { type: "string" },
  "flux-source": { type: "string" },
  normalisation: { type: "string" },
};

/** Help lines for {@link SETUP_OPTION_SPEC}. */
export const SETUP_OPTION_HELP = `  --preset paper|current   input set (default paper: Kling–Nevay tables TP-normalised, Γ(N → νγ) = (B.1);
                           current: the Kling–Nevay flux as published); every option below overrides it
  --flux-dir <path>  tables of the Kling–Nevay format instead of the shipped data/flux   [--flux-source tables|embedded]
  --normalisation kling-nevay|tp   (tp: rescaled to the FASERν Technical Proposal CC counts)`;

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
