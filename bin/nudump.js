#!/usr/bin/env node
// nudump command line. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm ci` through the "prepare" script).
"use strict";
const path = require("node:path");
const dist = path.join(__dirname, "..", "dist");
const entry = path.join(dist, "cli", "main.js");
let cli;
try {
  // the CLI's own modules resolve each other directly (cli/fastResolve.ts; start-up, issue 15)
  require(path.join(dist, "cli", "fastResolve.js")).installFastResolve(dist);
  cli = require(entry);
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(dist)) {
    console.error("nudump: the compiled CLI is missing (dist/cli/main.js); run `npm run build` first");
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
