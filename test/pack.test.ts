/**
 * nudump as a dependency, as a new user installs it: `npm pack`, then `npm install` of the
 * tarball into a fresh project, `require("nudump")` and `npx nudump events …` there. The
 * tarball must carry dist/, bin/ and data/, and must not pull danfojs-node (an optional peer
 * dependency whose own dependencies do not install offline). The pack uses the dist/ that
 * `npm ci`/`npm run build` made (the prepare script), so this test checks the package, not tsc.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

describe("npm pack → npm install → require and npx", () => {
  it("the tarball installs into a fresh project without danfojs-node; the library and the CLI work there", () => {
    if (!existsSync(path.join(root, "dist/lib/index.js")) || !existsSync(path.join(root, "dist/cli/main.js"))) {
      throw new Error("dist/ is missing: run `npm run build` (npm ci does it through the prepare script) before this test");
    }
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-pack-"));
    const opts = { cwd: dir, encoding: "utf8" as const, stdio: "pipe" as const, timeout: 150_000 };
    execFileSync("npm", ["pack", root, "--ignore-scripts", "--silent", "--pack-destination", dir], opts);
    const tgz = readdirSync(dir).find((f) => /^nudump-.*\.tgz$/.test(f));
    expect(tgz).toBeDefined();
    const listing = execFileSync("tar", ["-tzf", path.join(dir, tgz!)], opts);
    for (const f of ["package/dist/lib/index.js", "package/bin/nudump.js", "package/dist/cli/bundle.js", "package/dist/cli/codeCache.js", "package/dist/lib/events/hepmc3.js"]) expect(listing).toContain(f);
    expect(listing).toMatch(/package\/data\//);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "try-nudump", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", `./${tgz}`, "--no-audit", "--no-fund", "--prefer-offline"], opts);
    expect(existsSync(path.join(dir, "node_modules/danfojs-node"))).toBe(false);
    const lib = execFileSync("node", ["-e", 'const n = require("nudump"); console.log(JSON.stringify({ f: typeof n.events.dipoleEventStream, sig: typeof n.signatures.dipoleEvents }))'], opts);
    expect(JSON.parse(lib)).toEqual({ f: "function", sig: "function" });
    const df = execFileSync("node", ["-e", 'try { require("nudump").events.eventsDataFrame({ weightNames: [], events: () => [] }) } catch (e) { console.log(e.message) }'], opts);
    expect(df).toMatch(/optional peer dependency/);
    const ev = JSON.parse(execFileSync("npx", ["--no-install", "nudump", "events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"], opts));
    expect(ev.events).toBeGreaterThan(1);
    const file = path.join(dir, "ev.hepmc3");
    execFileSync("npx", ["--no-install", "nudump", "sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "100", "--seed", "1", "--out", file], opts);
    expect(existsSync(file)).toBe(true);
    const pq = path.join(dir, "ev.parquet");
    execFileSync("npx", ["--no-install", "nudump", "sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", "100", "--seed", "1", "--out", pq], opts);
    expect(existsSync(pq)).toBe(true);
  }, 180_000);
});
