/**
 * Loads the CLI bundle (dist/cli/bundle.js, scripts/bundle-cli.ts) as a CommonJS module with V8's
 * code cache (issue 15, start-up). Node 20 compiles a script's functions when they first run; on
 * a second call V8 can instead deserialise the bytecode a previous call produced
 * (`vm.Script` `cachedData`, written after the command ran, so it holds every function the
 * command used). Node 22's module.enableCompileCache does this for every module; Node 20 has
 * only the vm API, hence one file.
 *
 * Safety: a cache file holds a copy of the exact bytes it was made from, and is used only when
 * they equal the bundle's bytes now (one memcmp), so an edited or rebuilt bundle never sees an old
 * cache. Its name carries the bundle's length, a hash of its path, Node's version and the
 * architecture, so checkouts and Node versions keep caches of their own. (A digest would need
 * zlib's crc32 or crypto: loading either module cost 5–9 ms of a 60-ms start, more than reading
 * and comparing the copy.) V8 checks its own version, flags and the source length again and
 * rejects a mismatch (`cachedDataRejected`: the call compiles as without a cache and writes a
 * new one). A cache is
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
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import Module = require("node:module");
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Script } from "node:vm";
import { privateDirectory } from "../lib/core/privateDirectory";

export { privateDirectory };

/** Where the caches go, or null (turned off): see the file comment. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.NUDUMP_CODE_CACHE;
  if (v === "0") return null;
  if (v !== undefined && v !== "") return path.isAbsolute(v) ? v : null;
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return path.join(tmpdir(), `nudump-code-cache-${uid}`);
}

/** FNV-1a (32 bits) of a string's UTF-16 code units, as 8 hex digits: tells checkouts apart in a file name (not a safety check). */
function pathHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The first bytes of a cache file; then the source's length (uint32, little-endian), the source, V8's data. */
const MAGIC = Buffer.from("nudumpC1", "latin1");
const HEAD = MAGIC.length + 4;

/** V8's data in cache file contents `buf` if they were made from exactly `source`, else undefined. */
function cachedDataFor(buf: Buffer | undefined, source: Buffer): Buffer | undefined {
  if (buf === undefined || buf.length <= HEAD + source.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (buf.readUInt32LE(MAGIC.length) !== source.length || !buf.subarray(HEAD, HEAD + source.length).equals(source)) return undefined;
  return buf.subarray(HEAD + source.length);
}

/** The contents of a cache file: magic, the source's length and bytes, V8's data. */
function cacheContents(source: Buffer, data: Buffer): Buffer {
  const head = Buffer.alloc(HEAD);
  MAGIC.copy(head);
  head.writeUInt32LE(source.length, MAGIC.length);
  return Buffer.concat([head, source, data]);
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

/** The cache file of the bundle at `file` (its bytes `source`) for command `tag`. */
export function cacheFileName(file: string, source: Buffer, tag: string): string {
  return `bundle-${source.length.toString(16)}-${pathHash(path.resolve(file))}-${process.version}-${process.arch}-${safeTag(tag)}.v8`;
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
  /** How the code cache was used: "off" (no directory), "hit", "miss" (none made from these bytes yet) or "rejected" (V8 refused it). */
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
  const cacheFile = dir !== null && privateDirectory(dir) ? path.join(dir, cacheFileName(file, bytes, tag)) : null;
  const cachedData = cacheFile !== null ? cachedDataFor(tryRead(cacheFile), bytes) : undefined;
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
      writeAtomically(cacheFile, cacheContents(bytes, script.createCachedData()));
      try {
        prune(path.dirname(cacheFile), tag, path.basename(cacheFile));
      } catch {
        // another call pruned at the same time
      }
    },
  };
}
