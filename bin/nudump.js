#!/usr/bin/env node
// nudump command line. The TypeScript sources are compiled to dist/ by `npm run build` (run
// automatically by `npm ci` through the "prepare" script), which also writes the whole CLI as one
// file, dist/cli/bundle.js (scripts/bundle-cli.ts). That file is run with V8's code cache
// (cli/codeCache.ts; NUDUMP_CODE_CACHE=0 turns the cache off): start-up, issue 15.
"use strict";
const path = require("node:path");
const dist = path.join(__dirname, "..", "dist");
const argv = process.argv.slice(2);
let loaded;
try {
  const { cacheDirectory, loadBundle } = require(path.join(dist, "cli", "codeCache.js"));
  loaded = loadBundle(path.join(dist, "cli", "bundle.js"), argv[0] ?? "help", cacheDirectory());
} catch (e) {
  if (e && (e.code === "MODULE_NOT_FOUND" || e.code === "ENOENT") && String(e.message).includes(dist)) {
    console.error("nudump: the compiled CLI is missing (dist/cli/bundle.js); run `npm run build` first");
    process.exit(2);
  }
  throw e;
}
loaded.exports.main(argv, loaded.exports.writeStdout).then((code) => {
  process.exitCode = code;
  loaded.save();
});
