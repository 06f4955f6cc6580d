/**
 * What the CLI writes: the readable tables, one JSON key style (snake_case words with unit
 * suffixes; physics symbols spelled as their options — mN_GeV, mZD_GeV, U2, alphaEps2), a guard
 * that no number in an output is NaN or ±∞, the progress bar on stderr, and atomic files
 * (temporary name in the target directory, then rename).
 */
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import * as path from "node:path";
import { UsageError } from "./options";

/**
 * Writes `text` to standard output with a synchronous write on descriptor 1, in order with
 * anything written before. A command's answer is one string, and process.stdout would first build
 * a stream object for the descriptor (net.Socket for a pipe, tty.WriteStream for a terminal):
 * ~4 ms of a 60-ms start. A descriptor that is non-blocking and full (EAGAIN) gets the rest
 * through process.stdout; a closed reader (EPIPE, `| head`) ends the output quietly.
 */
export function writeStdout(text: string): void {
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  try {
    while (off < buf.length) off += writeSync(1, buf, off, buf.length - off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return;
    if (code !== "EAGAIN") throw e;
    process.stdout.write(buf.subarray(off));
  }
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

/** Key segments kept as written: physics symbols and units. */
const SYMBOLS = new Set(["mN", "mZD", "gD", "U2", "alphaD", "alphaEps2", "GeV", "GeV2", "cm2", "fb", "BReff", "BRprinted", "Evis1", "Evis2", "nuN", "nuZD"]);
/** Keys the CLI itself used to write in camelCase, renamed explicitly. */
const RENAMED: Record<string, string> = {
  tAbsMax_GeV2: "tmax_GeV2",
  brZDtoNN: "br_ZD_to_NN",
  widthN_GeV: "width_N_GeV",
  angleCuts: "electron_angle_cuts",
  ecc1TeV: "ecc_1TeV",
  ecc3TeV: "ecc_3TeV",
  eccTAbsMax: "ecc_t_abs_max",
  lnEHi: "ln_E_hi",
  lnELo: "ln_E_lo",
  TMaxPhys: "Tmax_phys",
  TMinPhys: "Tmin_phys",
};

/** camelCase → snake_case for one key (spaces become "_"; symbols and ALLCAPS pieces kept). */
export function snakeKey(key: string): string {
  if (RENAMED[key] !== undefined) return RENAMED[key]!;
  return key
    .replace(/ /g, "_")
    .split("_")
    .map((seg) =>
      SYMBOLS.has(seg)
        ? seg
        : seg.replace(/(?<=[a-z0-9])([A-Z])(?=[a-z])/g, (c: string) => `_${c.toLowerCase()}`).replace(/(?<=[a-z0-9])([A-Z]+)/g, "_$1"),
    )
    .join("_");
}

/** A deep copy with every object key in the CLI's key style. */
export function snakeKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(snakeKeys);
  if (x !== null && typeof x === "object" && !ArrayBuffer.isView(x)) {
    return Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, v]) => [snakeKey(k), snakeKeys(v)]));
  }
  return x;
}

/** Throws (an internal error) if any number in x is NaN or ±∞, or (unless allowNull: figure data, where null marks "not defined at this mass") null. */
export function assertFinite(x: unknown, where = "output", allowNull = false): void {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new Error(`${where} = ${String(x)} is not a finite number (a bug: please report the command)`);
  } else if (x === null) {
    if (!allowNull) throw new Error(`${where} is null (a bug: please report the command)`);
  } else if (Array.isArray(x) || ArrayBuffer.isView(x)) {
    Array.from(x as ArrayLike<unknown>).forEach((y, i) => assertFinite(y, `${where}[${i}]`, allowNull));
  } else if (typeof x === "object") {
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) if (v !== undefined) assertFinite(v, `${where}.${k}`, allowNull);
  }
}

/** Checks that `file` can be written: its parent directory exists and it is not a directory. */
export function checkOutFile(option: string, file: string): void {
  const dir = path.dirname(path.resolve(file));
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new UsageError(`--${option} = ${JSON.stringify(file)}: the directory ${JSON.stringify(dir)} does not exist`);
  }
  if (!st.isDirectory()) throw new UsageError(`--${option} = ${JSON.stringify(file)}: ${JSON.stringify(dir)} is not a directory`);
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--${option} = ${JSON.stringify(file)} is a directory, not a file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
}

/** Checks an output directory: it exists as a directory, or its parent exists (it is then created by the caller). */
export function checkOutDir(option: string, dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--${option} = ${JSON.stringify(dir)} exists and is not a directory`);
    return true;
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  const parent = path.dirname(path.resolve(dir));
  try {
    if (!statSync(parent).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`--${option} = ${JSON.stringify(dir)}: the parent directory ${JSON.stringify(parent)} does not exist`);
  }
  return false;
}

/** Writes `content` to `file` atomically: a temporary file in the same directory, fsync, rename. */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, "wx");
  try {
    writeSync(fd, typeof content === "string" ? Buffer.from(content) : content);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}

/** Streams chunks to `file` atomically (for large samples): returns write and commit. */
export function atomicStream(file: string): { write: (s: string) => void; commit: () => void; abort: () => void } {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, "wx");
  let open = true;
  const abort = () => {
    if (open) closeSync(fd);
    open = false;
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  };
  return {
    write: (s) => void writeSync(fd, s),
    commit: () => {
      fsyncSync(fd);
      closeSync(fd);
      open = false;
      renameSync(tmp, file);
    },
    abort,
  };
}

/**
 * Runs a writer that takes a file path (lib/events' streaming writers) on a temporary name in
 * the target directory, then fsyncs and renames it onto `file`: an interrupted or failed write
 * leaves the old file (or none), never a partial one.
 */
export async function atomicPath<T>(file: string, write: (tmp: string) => T | Promise<T>): Promise<T> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const remove = () => {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
  };
  let result: T;
  try {
    result = await write(tmp);
    const fd = openSync(tmp, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    remove();
    throw e;
  }
  return result;
}
