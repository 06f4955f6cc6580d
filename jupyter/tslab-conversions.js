/*
 * A cache of tslab's conversions (type check + emit of one cell) for jupyter/tslab-kernel.js.
 *
 * tslab turns each cell into JavaScript with a TypeScript program of its own: creating it parses
 * lib.es*.d.ts, @types/node and everything the cells import (≈ 3.2 MB of declarations, ~2.4 s CPU
 * per kernel), and every cell rebuilds it twice (and creates a type checker over all of it). Yet a conversion is a function of its inputs
 * only: the cell's source, the declarations of the cells before it (tslab's `prevDecl`), the
 * options (fixed here) and what the program reads from the disk. So the kernel's converter is
 * created only when a cell is not in the cache, and every conversion it makes is stored with a
 * trace of every question the program asked the file system since the converter was created
 * (each file read, by CRC-32 and length of its bytes; each existence test, directory listing and
 * realpath, by its answer; a trace is one file, by the hash of its content, shared by the cells
 * that asked nothing new). A cell is taken from the cache only if the chain of cells up to it is
 * the same (its key hashes every earlier cell's key, its own source and prevDecl) and every
 * question of its trace gets the same answer now. An edited cell, a declaration file whose bytes
 * changed, a new file where module resolution looked, another TypeScript, tslab, Node major or
 * folder: the cell (and the ones after it) is converted as before; a file that changes while the
 * kernel runs stops the kernel storing conversions. Type errors are part of a conversion's
 * result, so a cell with a type error fails exactly as without the cache.
 *
 * Not cached (the real converter does all of it): cells that emit other .ts/.js files (tslab
 * converts a local module once per kernel, so such a result depends on the kernel's history),
 * everything after a `//@module` cell (virtual files), inspection and completion.
 *
 * The cache holds JavaScript that the kernel runs, so it lives only in a directory that belongs to
 * the user and that nobody else may write (dist/cli/codeCache.js privateDirectory; default
 * <tmpdir>/nudump-code-cache-<uid>/tslab), written by temporary file and rename.
 * NUDUMP_CODE_CACHE=0 or NUDUMP_KERNEL_CACHE=0 turn it off.
 *
 * `npm run notebooks` / `npm run main` fill the cache before the kernels need it: the conversion
 * pre-pass (jupyter/tslab-prepass.js) converts every notebook's cells in one process, with this
 * wrapper, and so stores the very entries and traces the kernels would; a kernel whose cell is
 * not stored yet waits for it while the pre-pass runs (NUDUMP_CONVERSION_PREPASS).
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

/** File system questions of ts.sys that decide a program; their answers form a trace. */
const TRACED = ["readFile", "fileExists", "directoryExists", "realpath", "getDirectories", "readDirectory", "getFileSize"];
/**
 * Cache files kept (the most recently used); beyond it the least recently used are removed down to
 * half. Every worktree, clone and declaration change adds its own ≈ 150 files (a cell's entry is
 * keyed by its folder and every file it read), so used entries are touched on each hit: while
 * only creation time counted, other checkouts' runs evicted the entries that were still in use.
 */
const KEEP = 2000;
/** The longest a kernel waits for the conversion pre-pass, in all (ms; it takes ≈ 10 s CPU for every notebook). */
const PREPASS_WAIT_MS = 120_000;

const sha = (text) => crypto.createHash("sha256").update(text).digest("hex");
const fileDigest = (text) => (text === undefined ? null : `${Buffer.byteLength(text)}:${zlib.crc32(text)}`);

/** The answer of one question, as stored: file contents by digest, the rest as JSON. */
function answer(method, result) {
  return method === "readFile" ? fileDigest(result) : JSON.stringify(result === undefined ? null : result);
}

/** A question's arguments as JSON (undefined kept apart from null) and back. */
const UNDEFINED = "\u0000undefined";
const encodeArgs = (args) => JSON.stringify(args.map((a) => (a === undefined ? UNDEFINED : a)));
const decodeArgs = (text) => JSON.parse(text).map((a) => (a === UNDEFINED ? undefined : a));

/**
 * Wraps tslab's `createConverter` (from dist/converter.js of tslab `tslabDir`, over TypeScript
 * `ts`) so that Node-mode TypeScript converters answer from the cache in `dir`.
 */
function cachedConverters(createConverter, ts, tslabDir, dir) {
  const original = {};
  for (const m of TRACED) original[m] = ts.sys[m];
  /** The trace being recorded: question key → answer; null while no converter records. */
  let recording = null;
  for (const m of TRACED) {
    if (typeof original[m] !== "function") continue;
    ts.sys[m] = function (...args) {
      const result = original[m].apply(this, args);
      if (recording) {
        const key = `${m}\0${encodeArgs(args)}`, a = answer(m, result), before = recording.get(key);
        if (before !== undefined && before !== a) recording.changed = true;
        recording.set(key, a);
      }
      return result;
    };
  }
  const digestOf = (file) => fileDigest(fs.readFileSync(file, "utf8"));
  const env = JSON.stringify([
    1, // the format of this cache
    process.version.split(".")[0],
    ts.version,
    digestOf(path.join(tslabDir, "dist", "converter.js")),
    digestOf(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] })),
    digestOf(__filename),
    digestOf(path.join(__dirname, "tslab-typescript.js")), // the program's `types` and its builder
    // …and their switches: `types` decides which globals a cell sees (the builder's results are the same, test/kernelCache.test.ts)
    process.env.NUDUMP_KERNEL_TYPES === "all",
    process.env.NUDUMP_KERNEL_BUILDER === "full",
    ts.sys.newLine,
  ]);
  /** Questions already asked again in this kernel, with whether the answer is unchanged. */
  const checked = new Map();
  const unchanged = ([key, stored]) => {
    let ok = checked.get(key);
    if (ok === undefined) {
      const cut = key.indexOf("\0");
      const method = key.slice(0, cut);
      try {
        ok = TRACED.includes(method) && answer(method, original[method].apply(ts.sys, decodeArgs(key.slice(cut + 1)))) === stored;
      } catch {
        ok = false;
      }
      checked.set(key, ok);
    }
    return ok;
  };
  const read = (key) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), "utf8"));
    } catch {
      return null;
    }
  };
  /** Marks a cache file as just used: {@link prune} removes the least recently used, not the oldest written. */
  const touch = (key) => {
    try {
      const now = new Date();
      fs.utimesSync(path.join(dir, `${key}.json`), now, now);
    } catch {
      // removed meanwhile by another kernel's prune: a miss next time
    }
  };
  const write = (key, entry) => {
    const file = path.join(dir, `${key}.json`), tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
      fs.renameSync(tmp, file);
      prune();
    } catch {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // nothing was written
      }
    }
  };
  /**
   * Traces are stored once, by the hash of their content (cells that import nothing new share
   * their predecessor's); a cell's entry names its trace. Traces already found to hold here.
   */
  const holding = new Set();
  const traceHolds = (name) => {
    if (holding.has(name)) return true;
    const stored = typeof name === "string" && /^trace-[0-9a-f]{64}$/.test(name) ? read(name) : null;
    if (!Array.isArray(stored) || !stored.every(unchanged)) return false;
    holding.add(name);
    touch(name);
    return true;
  };
  /** Stores `trace` unless stored already; `last` remembers the converter's previous one (a trace only grows). */
  const storeTrace = (trace, last) => {
    if (last.size === trace.size) return last.name;
    const entries = [...trace];
    const name = `trace-${sha(JSON.stringify(entries))}`;
    if (!fs.existsSync(path.join(dir, `${name}.json`))) write(name, entries);
    last.size = trace.size;
    last.name = name;
    return name;
  };
  /** A stored conversion of the chain `key` whose trace holds, or null. */
  const lookup = (key) => {
    const hit = read(key);
    return hit && traceHolds(hit.trace) ? hit : null;
  };
  /**
   * While the conversion pre-pass of this run is converting (jupyter/tslab-prepass.js; the runner
   * names its done file in NUDUMP_CONVERSION_PREPASS): waits for it to store `key`, the cell
   * this kernel is to convert, and returns it if its trace holds; null once the pre-pass is done
   * without it (it does not convert cells after a `//@module` cell, for instance) or after
   * PREPASS_WAIT_MS in all. The wait is a sleep: the pre-pass has the core meanwhile.
   */
  const prepassFile = process.env.NUDUMP_CONVERSION_PREPASS;
  let prepassDone = !prepassFile || prepassFile === "0", waitedMs = 0;
  const awaitPrepass = (key, stats) => {
    if (prepassDone) return null;
    const nap = new Int32Array(new SharedArrayBuffer(4)), t0 = Date.now();
    try {
      while (!prepassDone) {
        prepassDone = fs.existsSync(prepassFile) || waitedMs + Date.now() - t0 > PREPASS_WAIT_MS;
        if (fs.existsSync(path.join(dir, `${key}.json`))) return lookup(key);
        if (!prepassDone) Atomics.wait(nap, 0, 0, 5);
      }
      return null;
    } finally {
      waitedMs += Date.now() - t0;
      stats.waitS = waitedMs / 1000;
    }
  };
  let pruned = false;
  const prune = () => {
    if (pruned) return;
    pruned = true;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
    if (files.length <= KEEP) return;
    const byAge = files.map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => a.t - b.t);
    for (const { f } of byAge.slice(0, files.length - KEEP / 2)) fs.unlinkSync(path.join(dir, f));
  };

  return function (options, ...rest) {
    if (!options || options.isBrowser || options.isJS) return createConverter.call(this, options, ...rest);
    let real = null;
    /** This converter's trace since its real converter was created (null: not yet). */
    let trace = null;
    const lastTrace = { size: -1, name: null };
    /** Whether conversions may still be taken from or put into the cache. */
    let usable = true;
    let chain = sha(env + JSON.stringify([process.cwd(), options]));
    /** Conversions taken from the cache and made by TypeScript (for tests and profiles). */
    const stats = { hits: 0, misses: 0 };
    const ensureReal = () => {
      if (!real) {
        trace = new Map();
        recording = trace;
        try {
          real = createConverter(options, ...rest);
        } finally {
          recording = null;
        }
      }
      return real;
    };
    const recorded = (fn) => {
      const conv = ensureReal();
      recording = trace;
      try {
        return fn(conv);
      } finally {
        recording = null;
      }
    };
    return {
      stats,
      convert(prevDecl, src) {
        chain = sha(JSON.stringify([chain, prevDecl, src]));
        if (usable) {
          const hit = lookup(chain) || awaitPrepass(chain, stats);
          if (hit) {
            touch(chain);
            stats.hits++;
            return hit.result;
          }
        }
        stats.misses++;
        const result = recorded((conv) => conv.convert(prevDecl, src));
        if (result.sideOutputs) usable = false;
        if (trace.changed) usable = false; // the file system changed while this kernel ran
        if (usable) write(chain, { trace: storeTrace(trace, lastTrace), result });
        return result;
      },
      inspect: (...a) => recorded((conv) => conv.inspect(...a)),
      complete: (...a) => recorded((conv) => conv.complete(...a)),
      addModule(...a) {
        usable = false;
        return recorded((conv) => conv.addModule(...a));
      },
      close() {
        if (real) real.close();
      },
    };
  };
}

/** `createConverter` with the cache, or as it is when the cache is off or has no private directory. */
function withConversionCache(createConverter, ts, tslabDir, projectRoot) {
  const codeCache = path.join(projectRoot, "dist", "cli", "codeCache.js");
  if (process.env.NUDUMP_KERNEL_CACHE === "0" || typeof zlib.crc32 !== "function" || !fs.existsSync(codeCache)) return createConverter;
  const { cacheDirectory, privateDirectory } = require(codeCache);
  const base = cacheDirectory();
  const dir = base === null ? null : path.join(base, "tslab");
  if (dir === null || !privateDirectory(base) || !privateDirectory(dir)) return createConverter;
  return cachedConverters(createConverter, ts, tslabDir, dir);
}

module.exports = { withConversionCache };
