/**
 * The CLI's start-up shortcuts (issue 15) change no answer and cannot be fooled by a stale or
 * foreign cache: the code cache of the bundle (cli/codeCache.ts) is used only for the exact
 * bytes it was made from, a corrupt cache is rejected and rewritten, a directory others may write
 * is never used, and an installed call runs without Node's ES-module loader.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { cacheDirectory, cacheFileName, KEEP, loadBundle, privateDirectory } from "../cli/codeCache";
import { main } from "../cli/main";

const root = path.resolve(__dirname, "..");

function requireDist(): void {
  if (!existsSync(path.join(root, "dist", "cli", "bundle.js"))) throw new Error("dist/cli/bundle.js is missing: run `npm run build` before this test");
}

/** A small CommonJS "bundle" in a fresh directory: exports.f(x) = x * k, and the module's own location. */
function fakeBundle(k: number): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "nudump-cc-"));
  const file = path.join(dir, "bundle.js");
  writeFileSync(file, `"use strict";\nconst path = require("node:path");\nexports.f = (x) => x * ${k};\nexports.where = [path.basename(__filename), __dirname];\n`);
  return { dir, file };
}

describe("code cache of the CLI bundle (cli/codeCache.ts)", () => {
  it("a first call writes the cache, the next uses it; the module runs with its own __filename and require", () => {
    const { dir, file } = fakeBundle(3);
    const cache = path.join(dir, "cache");
    const a = loadBundle(file, "events", cache);
    expect(a.cache).toBe("miss");
    a.save();
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-events\.v8$/);
    const b = loadBundle(file, "events", cache);
    expect(b.cache).toBe("hit");
    const e = b.exports as { f: (x: number) => number; where: [string, string] };
    expect(e.f(7)).toBe(21);
    expect(e.where).toEqual(["bundle.js", dir]);
    expect(loadBundle(file, "xsec", cache).cache).toBe("miss"); // one cache per command
  });

  it("a bundle with other bytes (same length) never sees the old cache", () => {
    const { dir, file } = fakeBundle(3);
    const cache = path.join(dir, "cache");
    loadBundle(file, "events", cache).save();
    const { file: other } = fakeBundle(4);
    writeFileSync(file, readFileSync(other)); // same length, one digit differs
    expect(cacheFileName(file, readFileSync(file), "events")).toBe(readdirSync(cache)[0]); // same name: the copy of the bytes decides
    const b = loadBundle(file, "events", cache);
    expect(b.cache).toBe("miss");
    expect((b.exports as { f: (x: number) => number }).f(7)).toBe(28);
    b.save(); // replaces the old cache
    expect(readdirSync(cache)).toHaveLength(1);
    expect(loadBundle(file, "events", cache).cache).toBe("hit");
    writeFileSync(file, readFileSync(fakeBundle(3).file)); // the old bytes again: the cache is of the new ones
    expect(loadBundle(file, "events", cache).cache).toBe("miss");
  });

  it("the same bytes at another path keep a cache of their own", () => {
    const { dir, file } = fakeBundle(3);
    const cache = path.join(dir, "cache");
    loadBundle(file, "events", cache).save();
    const other = path.join(dir, "copy.js");
    writeFileSync(other, readFileSync(file));
    expect(cacheFileName(other, readFileSync(other), "events")).not.toBe(cacheFileName(file, readFileSync(file), "events"));
    expect(loadBundle(other, "events", cache).cache).toBe("miss");
  });

  it("rebuilds do not fill the directory: a command keeps its KEEP newest caches, other commands' caches stay", () => {
    const { dir, file } = fakeBundle(3);
    const cache = path.join(dir, "cache");
    loadBundle(file, "xsec", cache).save();
    for (let k = 1; k < KEEP + 4; k++) {
      writeFileSync(file, `exports.f = (x) => x * ${10 ** k};\n`); // a new build of another length: another name
      loadBundle(file, "events", cache).save();
    }
    const files = readdirSync(cache);
    expect(files.filter((f) => f.endsWith("-events.v8"))).toHaveLength(KEEP);
    expect(files).toContain(cacheFileName(file, readFileSync(file), "events")); // the newest is kept
    expect(files.filter((f) => f.endsWith("-xsec.v8"))).toHaveLength(1);
  });

  it("a file that is not one of our caches is not used; a damaged cache is rejected by V8, the module still runs, and the call writes a good cache (atomically: no temporary file left)", () => {
    requireDist();
    const { dir, file } = fakeBundle(5);
    const cache = path.join(dir, "cache");
    mkdirSync(cache, { mode: 0o700 });
    const name = cacheFileName(file, readFileSync(file), "events");
    // the good cache is made in another process: in this one, V8 would find the script in its
    // compilation cache and never read the damaged data below
    const made = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(path.join(root, "dist", "cli", "codeCache.js"))}).loadBundle(${JSON.stringify(file)}, "events", ${JSON.stringify(cache)}).save()`], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const good = readFileSync(path.join(cache, name));
    const v8Start = 12 + readFileSync(file).length; // after our head (8-byte magic, uint32 length) and the source copy
    writeFileSync(path.join(cache, name), Buffer.concat([good.subarray(0, v8Start), Buffer.alloc(16, 7), good.subarray(v8Start + 16)])); // V8's header damaged
    const a = loadBundle(file, "events", cache);
    expect(a.cache).toBe("rejected");
    expect((a.exports as { f: (x: number) => number }).f(2)).toBe(10);
    a.save();
    expect(readdirSync(cache)).toEqual([name]);
    expect(loadBundle(file, "events", cache).cache).toBe("hit");
    const other = fakeBundle(6);
    const otherCache = path.join(other.dir, "cache");
    mkdirSync(otherCache, { mode: 0o700 });
    writeFileSync(path.join(otherCache, cacheFileName(other.file, readFileSync(other.file), "events")), Buffer.alloc(4096, 7));
    const b = loadBundle(other.file, "events", otherCache);
    expect(b.cache).toBe("miss"); // not a cache file of ours: ignored, then replaced
    expect((b.exports as { f: (x: number) => number }).f(2)).toBe(12);
    b.save();
    expect(loadBundle(other.file, "events", otherCache).cache).toBe("hit");
  });

  it("a cache directory others may write is not used; NUDUMP_CODE_CACHE turns it off or moves it", () => {
    const { dir, file } = fakeBundle(2);
    const open = path.join(dir, "open");
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(privateDirectory(open)).toBe(false);
    const a = loadBundle(file, "events", open);
    expect(a.cache).toBe("off");
    a.save();
    expect(readdirSync(open)).toEqual([]);
    expect(loadBundle(file, "events", null).cache).toBe("off");
    expect(cacheDirectory({ NUDUMP_CODE_CACHE: "0" })).toBeNull();
    expect(cacheDirectory({ NUDUMP_CODE_CACHE: "relative/dir" })).toBeNull();
    expect(cacheDirectory({ NUDUMP_CODE_CACHE: open })).toBe(open);
    expect(cacheDirectory({})).toBe(path.join(tmpdir(), `nudump-code-cache-${process.getuid!()}`));
  });

  it("the installed command runs the bundle without Node's ES-module loader, first without a cache and then with it", () => {
    requireDist();
    const cache = mkdtempSync(path.join(tmpdir(), "nudump-cc-bin-"));
    const args = [path.join(root, "bin", "nudump.js"), "events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"];
    const runs = [0, 1].map(() => spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, NODE_DEBUG: "esm", NUDUMP_CODE_CACHE: cache } }));
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/ESM \d+:/); // NODE_DEBUG=esm logs every ES-module load
    }
    expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    expect(JSON.parse(runs[0]!.stdout).events).toBeGreaterThan(1);
    expect(readdirSync(cache).filter((f) => f.endsWith("-events.v8"))).toHaveLength(1);
  });

  it("the installed command writes its answer on descriptor 1 byte for byte as main() writes it through process.stdout; a reader that closes early ends it quietly", async () => {
    requireDist();
    for (const argv of [["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"], ["--version"], ["help", "events"]]) {
      let inProcess = "";
      const spy = vi.spyOn(process.stdout, "write").mockImplementation((t: string | Uint8Array) => ((inProcess += String(t)), true));
      try {
        expect(await main(argv)).toBe(0);
      } finally {
        spy.mockRestore();
      }
      const r = spawnSync(process.execPath, [path.join(root, "bin", "nudump.js"), ...argv], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.replaceAll(path.join(root, "dist", "data"), path.join(root, "data"))).toBe(inProcess.replaceAll(path.join(root, "dist", "data"), path.join(root, "data")));
    }
    // 4 MB into `head -c 1`: the pipe closes after the first byte (EPIPE), the writer stops without an error
    const output = JSON.stringify(path.join(root, "dist", "cli", "output.js"));
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" -e 'require(${output}).writeStdout("x".repeat(4 << 20))' | head -c 1 >/dev/null`], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
