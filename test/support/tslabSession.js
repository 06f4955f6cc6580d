// One tslab kernel's conversions, as jupyter/tslab-kernel.js sets them up (TypeScript through
// jupyter/tslab-typescript.js, the conversion cache of jupyter/tslab-conversions.js), without Jupyter.
// node tslabSession.js <cwd> <cells.json>: converts the cells in order from <cwd> (each with the
// declarations of the ones before, as tslab's executor does) and prints
// {"results": [...], "stats": {"hits", "misses"}} as JSON. NUDUMP_CODE_CACHE picks the cache directory.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..", "..");
const [cwd, cellsFile] = process.argv.slice(2);
const cells = JSON.parse(fs.readFileSync(cellsFile, "utf8"));
process.chdir(cwd);
const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [root] }));
require(path.join(root, "jupyter", "tslab-typescript.js")).loadTypeScript(tslabDir, root);
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] }));
const { createConverter } = require(path.join(tslabDir, "dist", "converter.js"));
const create = require(path.join(root, "jupyter", "tslab-conversions.js")).withConversionCache(createConverter, ts, tslabDir, root);
const conv = create({ isJS: false, isBrowser: false });
const results = [];
let prev = "";
for (const src of cells) {
  const r = conv.convert(prev, src);
  results.push(r);
  if (r.diagnostics.length === 0) prev = r.declOutput || "";
}
process.stdout.write(JSON.stringify({ results, stats: conv.stats || null }) + "\n");
process.exit(0); // TypeScript's file watchers would keep Node running
