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
