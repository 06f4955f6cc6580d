/**
 * The CLI's start-up shortcuts (issue 15) change no answer: the direct resolution of the
 * compiled tree's own modules (cli/fastResolve.ts) gives, for every relative require the whole
 * compiled package makes, the file Node's own algorithm gives (or leaves the request to Node),
 * and the command modules are loaded by require (no ES-module loader in a call).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { treeFile } from "../cli/fastResolve";

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");

function requireDist(): void {
  if (!existsSync(path.join(dist, "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` before this test");
}

describe("fastResolve: the compiled tree's relative requires", () => {
  it("every relative require of the compiled library and CLI resolves to Node's answer (or is left to Node)", () => {
    requireDist();
    // in a child process: load every command's module and the library with Node's resolver spied on
    const script = `
      const Module = require("node:module"); const path = require("node:path");
      const { treeFile } = require(${JSON.stringify(path.join(dist, "cli", "fastResolve.js"))});
      const tree = ${JSON.stringify(dist + path.sep)};
      const node = Module._resolveFilename; const seen = { hit: 0, left: 0, wrong: [] };
      Module._resolveFilename = function (r, p, i, o) {
        const a = node.call(this, r, p, i, o);
        const b = treeFile(tree, r, p && p.filename);
        if (b === undefined) seen.left++; else if (b === a) seen.hit++; else seen.wrong.push([r, p && p.filename, a, b]);
        return a;
      };
      for (const f of ["lib/index.js", "cli/main.js", "cli/events.js", "cli/physics.js", "cli/darkboson.js", "cli/sample.js", "cli/reach.js"]) require(path.join(tree, f));
      console.log(JSON.stringify(seen));`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", cwd: root });
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as { hit: number; left: number; wrong: unknown[] };
    expect(seen.wrong).toEqual([]);
    expect(seen.hit).toBeGreaterThan(300); // the shortcut does answer the tree's own requires
    expect(seen.left).toBeGreaterThan(0); // packages and JSON go to Node
  });

  it("leaves packages, builtins, JSON, directories, absolute paths and requests leaving the tree to Node", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-resolve-"));
    const tree = path.join(dir, "dist") + path.sep;
    mkdirSync(path.join(tree, "lib", "flux"), { recursive: true });
    writeFileSync(path.join(tree, "lib", "a.js"), "");
    writeFileSync(path.join(tree, "lib", "flux", "index.js"), "");
    writeFileSync(path.join(tree, "lib", "x.json"), "{}");
    writeFileSync(path.join(dir, "outside.js"), "");
    const from = path.join(tree, "lib", "b.js");
    expect(treeFile(tree, "./a", from)).toBe(path.join(tree, "lib", "a.js"));
    expect(treeFile(tree, "./a.js", from)).toBe(path.join(tree, "lib", "a.js"));
    for (const req of ["commander", "node:fs", "./x.json", "./flux", "./missing", "../../outside", "../../outside.js", path.join(tree, "lib", "a.js")]) {
      expect(treeFile(tree, req, from), req).toBeUndefined();
    }
    expect(treeFile(tree, "./a", path.join(dir, "outside.js"))).toBeUndefined(); // importer outside the tree
    expect(treeFile(tree, "./a", undefined)).toBeUndefined();
  });

  it("the installed command loads its command module by require: no ES-module loader in an events call", () => {
    requireDist();
    const r = spawnSync(process.execPath, [path.join(root, "bin", "nudump.js"), "events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"], {
      encoding: "utf8",
      env: { ...process.env, NODE_DEBUG: "esm" },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).events).toBeGreaterThan(1);
    expect(r.stderr).not.toMatch(/ESM \d+:/); // NODE_DEBUG=esm logs every ES-module load
  });
});
