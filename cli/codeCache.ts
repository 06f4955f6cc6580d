/**
 * Loads the CLI bundle (dist/cli/bundle.js, scripts/bundle-cli.ts) as a CommonJS module with V8's
 * code cache (issue 15, start-up). Node 20 compiles a script's functions when they first run; on
 * a second call V8 can instead deserialise the bytecode a previous call produced
 * (`vm.Script` `cachedData`, written after the command ran, so it holds every function the
 * command used). Node 22's module.enableCompileCache does this for every module; Node 20 has
 * only the vm API, hence one file.
 *
 * Safety: the cache file's name carries the bundle's length and CRC-32 (zlib.crc32, Node ≥ 20.15;
 * SHA-256 on older Node, whose crypto module costs ~5 ms to load), Node's version and the
 * architecture, so an edited or rebuilt bundle or another Node never sees an old cache;
 * V8 checks its own version, flags and the source length again and rejects a mismatch
 * (`cachedDataRejected`: the call compiles as without a cache and writes a new one). A cache is
 * written to a temporary file and renamed (a reader never sees half a file), into a directory
 * that must belong to the user and be writable by nobody else (a foreign cache would be foreign
 * code); anything unusual (no such directory, not ours, a full disk) means no cache, never a
 * different answer. The cache is per command (`events`, `xsec`, …): each holds the functions
 * that command compiles. Writing one removes the oldest caches of that command beyond
 * {@link KEEP} (other builds, other Node versions), so rebuilding does not fill the directory.
 *
 * NUDUMP_CODE_CACHE=0 turns it off; NUDUMP_CODE_CACHE=<absolute dir> puts it there; default
 * `<os.tmpdir()>/nudump-code-cache-<uid>`.
 */
import { isAscii } from "node:buffer";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import Module = require("node:module");
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Script } from "node:vm";
import * as zlib from "node:zlib";

/** Where the caches go, or null (turned off): see the file comment. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.NUDUMP_CODE_CACHE;
  if (v === "0") return null;
  if (v !== undefined && v !== "") return path.isAbsolute(v) ? v : null;
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return path.join(tmpdir(), `nudump-code-cache-${uid}`);
}

/** Whether `dir` is a directory of this user that no one else may write (made if missing). */
export function privateDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (typeof process.getuid === "function" && st.uid !== process.getuid()) return false;
    return process.platform === "win32" || (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** A digest of `bytes`: length and CRC-32, or SHA-256 where zlib has no crc32. */
function digest(bytes: Buffer): string {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (typeof crc32 === "function") return `${bytes.length.toString(16)}-${crc32(bytes).toString(16).padStart(8, "0")}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("node:crypto") as typeof import("node:crypto")).createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}

/** Caches kept per command (the newest by modification time); several checkouts or Node versions may alternate. */
export const KEEP = 4;

/** The command tag of a cache file name. */
function safeTag(tag: string): string {
  return /^[a-z][a-z0-9-]{0,15}$/.test(tag) ? tag : "other";
}

/** Removes the caches of command `tag` in `dir` beyond the {@link KEEP} newest; `current` (just written) always stays. */
function prune(dir: string, tag: string, current: string): void {
  const others = readdirSync(dir).filter((f) => f !== current && f.startsWith("bundle-") && f.endsWith(`-${safeTag(tag)}.v8`));
  if (others.length < KEEP) return;
  const byAge = others.map((f) => ({ f, t: statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of byAge.slice(KEEP - 1)) unlinkSync(path.join(dir, f));
}

/** The cache file of `source` (bytes of the bundle) for command `tag`. */
export function cacheFileName(source: Buffer, tag: string): string {
  return `bundle-${digest(source)}-${process.version}-${process.arch}-${safeTag(tag)}.v8`;
}

/** Reads a file, undefined when it cannot be read. */
function tryRead(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` by way of a temporary file in the same directory and a rename. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** How the code cache was used: "off" (no directory), "hit", "miss" (none yet) or "rejected" (V8 refused it). */
  readonly cache: "off" | "hit" | "miss" | "rejected";
  /** Writes the cache if this call had none (or V8 rejected it); call when the command is done. */
  save(): void;
}

/**
 * Runs `file` (an ASCII or UTF-8 CommonJS script) as a module of its own, with the code cache of
 * command `tag` from `dir` (null: no cache).
 */
export function loadBundle(file: string, tag: string, dir: string | null): LoadedBundle {
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const cacheFile = dir !== null && privateDirectory(dir) ? path.join(dir, cacheFileName(bytes, tag)) : null;
  const cachedData = cacheFile !== null ? tryRead(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const cache = cacheFile === null ? "off" : cachedData === undefined ? "miss" : script.cachedDataRejected === true ? "rejected" : "hit";
  const M = Module as unknown as typeof Module & { _nodeModulePaths(dir: string): string[] };
  const mod = new Module(file, require.main);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(path.dirname(file));
  const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return {
    exports: mod.exports,
    cache,
    save() {
      if (cacheFile === null || cache === "hit") return;
      writeAtomically(cacheFile, script.createCachedData());
      try {
        prune(path.dirname(cacheFile), tag, path.basename(cacheFile));
      } catch {
        // another call pruned at the same time
      }
    },
  };
}
