#!/usr/bin/env node
/*
 * The project's tslab kernel: tslab 1.0.22 (pinned in package.json), plus one fix.
 *
 * tslab reports a cell as failed ("status": "error" in the execute_reply, the message on
 * stderr) only when the error surfaces while the cell's code runs. An exception thrown later
 * by a timer, or a promise rejected with nobody awaiting it, is only logged by tslab's
 * process-wide handlers, to whichever cell happens to own stderr then — usually none, so the
 * error is lost and the notebook "passes". Here every such error is recorded, and the cell
 * that is running when it surfaces (or the next one to finish) fails with the error's
 * message and a note saying that it was raised asynchronously.
 *
 * The patch wraps `JupyterHandlerImpl.prototype.handleExecuteImpl`, an internal of tslab;
 * it refuses to start with another tslab version rather than guess.
 *
 * With NUDUMP_KERNEL_PROFILE=<file> (set by scripts/notebooks/execute.py) the kernel also
 * appends its own account of its time to that file, one JSON line each: {"kind":"start",
 * "ready": s, "readyCpu": s} when it can take the first cell (since Node started: Node, tslab,
 * TypeScript's first program; wall and CPU seconds), and per cell {"kind":"cell", "compile",
 * "compileCpu", "run", "runCpu"} — tslab's type check and emit of the cell, and the rest
 * (running it; its CPU includes worker threads). Nothing of it reaches a notebook.
 *
 * Jupyter starts this file through jupyter/kernels/tslab/kernel.json, written by
 * `npm run kernel` (scripts/notebooks/kernel.ts).
 */
"use strict";
const path = require("node:path");
const util = require("node:util");

const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [path.join(__dirname, "..")] }));
const version = require(path.join(tslabDir, "package.json")).version;
if (version !== "1.0.22") {
  process.stderr.write(`jupyter/tslab-kernel.js patches tslab 1.0.22 internals but found tslab ${version}; update the patch.\n`);
  process.exit(1);
}

/** Errors raised outside any cell's synchronous run, not yet reported. */
const pending = [];
process.on("uncaughtException", (err) => pending.push({ kind: "uncaught exception", err }));
process.on("unhandledRejection", (err) => pending.push({ kind: "unhandled promise rejection", err }));

const profileFile = process.env.NUDUMP_KERNEL_PROFILE;
const profile = (record) => {
  if (profileFile) require("node:fs").appendFileSync(profileFile, JSON.stringify(record) + "\n");
};
/** CPU seconds of this process so far (every thread). */
const cpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let compileMs = 0, compileCpu = 0;
// TypeScript with a V8 code cache and `types: ["node"]` (jupyter/tslab-typescript.js); the cache
// is written after the first cell's conversion, when the checker and emitter have run.
const typescript = require("./tslab-typescript.js").loadTypeScript(tslabDir, path.join(__dirname, ".."));
const converter = require(path.join(tslabDir, "dist", "converter.js"));
// Conversions of cells seen before come from a cache checked against every file the program read
// (jupyter/tslab-conversions.js): the TypeScript program is created at the first cell that is not.
const create = require("./tslab-conversions.js").withConversionCache(converter.createConverter, require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] })), tslabDir, path.join(__dirname, ".."));
converter.createConverter = function (...args) {
  const conv = create.apply(this, args);
  const convert = conv.convert;
  conv.convert = function (...a) {
    const t = performance.now(), c = profileFile ? cpuS() : 0;
    try {
      return convert.apply(this, a);
    } finally {
      if (profileFile) {
        compileMs += performance.now() - t;
        compileCpu += cpuS() - c;
      }
      setImmediate(typescript.save);
    }
  };
  if (profileFile && !(args[0] && args[0].isBrowser)) setImmediate(() => profile({ kind: "start", ready: process.uptime(), readyCpu: cpuS() }));
  return conv;
};

const jupyter = require(path.join(tslabDir, "dist", "jupyter.js"));
const original = jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl;
jupyter.JupyterHandlerImpl.prototype.handleExecuteImpl = async function (req, writeStream, writeDisplayData) {
  const t0 = performance.now(), c0 = compileMs, u0 = cpuS(), k0 = compileCpu;
  const count = await original.call(this, req, writeStream, writeDisplayData).finally(() => {
    const compile = compileMs - c0, cpu = compileCpu - k0;
    profile({ kind: "cell", compile: compile / 1000, run: (performance.now() - t0 - compile) / 1000, compileCpu: cpu, runCpu: cpuS() - u0 - cpu });
  });
  // Let rejections of promises created by the cell surface (Node reports them after the
  // microtask queue drains) before deciding that the cell succeeded.
  await new Promise((resolve) => setImmediate(resolve));
  if (pending.length > 0) {
    const lines = pending.splice(0).map(({ kind, err }) => {
      const text = err instanceof Error && err.stack ? err.stack : util.inspect(err);
      return `${kind} (raised asynchronously, after its cell's code returned):\n${text}\n`;
    });
    writeStream("stderr", lines.join(""));
    throw count; // tslab's own failure signal: an ExecutionCount thrown from here means "error".
  }
  return count;
};

process.argv = [process.argv[0], path.join(tslabDir, "bin", "tslab"), ...process.argv.slice(2)];
require(path.join(tslabDir, "dist", "main.js")).main();
