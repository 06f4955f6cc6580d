#!/usr/bin/env node
// nudump command line. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm ci` through the "prepare" script).
"use strict";
const path = require("node:path");
const entry = path.join(__dirname, "..", "dist", "cli", "main.js");
let cli;
try {
  cli = require(entry);
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(entry)) {
    console.error("nudump: the compiled CLI is missing (dist/cli/main.js); run `npm run build` first");
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
