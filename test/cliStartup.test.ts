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
import { describe, expect, it } from "vitest";
import { cacheDirectory, cacheFileName, KEEP, loadBundle, privateDirectory } from "../cli/codeCache";

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
    expect(cacheFileName(readFileSync(file), "events")).not.toBe(readdirSync(cache)[0]);
    const b = loadBundle(file, "events", cache);
    expect(b.cache).toBe("miss");
    expect((b.exports as { f: (x: number) => number }).f(7)).toBe(28);
  });

  it("rebuilds do not fill the directory: a command keeps its KEEP newest caches, other commands' caches stay", () => {
    const { dir, file } = fakeBundle(3);
    const cache = path.join(dir, "cache");
    loadBundle(file, "xsec", cache).save();
    for (let k = 10; k < 10 + KEEP + 3; k++) {
      writeFileSync(file, `exports.f = (x) => x * ${k};\n`); // a new build: new bytes, new name
      loadBundle(file, "events", cache).save();
    }
    const files = readdirSync(cache);
    expect(files.filter((f) => f.endsWith("-events.v8"))).toHaveLength(KEEP);
    expect(files).toContain(cacheFileName(readFileSync(file), "events")); // the newest is kept
    expect(files.filter((f) => f.endsWith("-xsec.v8"))).toHaveLength(1);
  });

  it("a corrupt cache is rejected by V8, the module still runs, and the call writes a good cache (atomically: no temporary file left)", () => {
    const { dir, file } = fakeBundle(5);
    const cache = path.join(dir, "cache");
    mkdirSync(cache, { mode: 0o700 });
    const name = cacheFileName(readFileSync(file), "events");
    writeFileSync(path.join(cache, name), Buffer.alloc(4096, 7));
    const a = loadBundle(file, "events", cache);
    expect(a.cache).toBe("rejected");
    expect((a.exports as { f: (x: number) => number }).f(2)).toBe(10);
    a.save();
    expect(readdirSync(cache)).toEqual([name]);
    expect(loadBundle(file, "events", cache).cache).toBe("hit");
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
});
