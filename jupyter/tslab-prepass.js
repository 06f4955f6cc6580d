#!/usr/bin/env node
/*
 * The conversion pre-pass of `npm run notebooks` / `npm run main`: converts every notebook's code
 * cells in one process, in order, as each notebook's kernel will, and stores the conversions in
 * the kernels' cache (jupyter/tslab-conversions.js) — the kernels then take them from there and
 * never create a TypeScript program of their own.
 *
 *     node jupyter/tslab-prepass.js [--jobs N] [--done FILE] NOTEBOOK.ipynb...
 *
 * Each notebook gets a converter of its own (tslab's createConverter, wrapped by the cache exactly
 * as in jupyter/tslab-kernel.js, created in the notebook's folder, where its kernel runs), so the
 * cache keys are the kernel's: the chain of its cells from the first, each with the declarations
 * of the ones before (tslab's prevDecl, reproduced here by converting in order), and every trace
 * is complete (every question that converter's program asked the file system). What the
 * converters share is the parsed and bound declaration files (lib.es*.d.ts, @types/node, the
 * project's dist/*.d.ts: jupyter/tslab-typescript.js shareDeclarations) and a warm TypeScript:
 * one parse instead of one per kernel.
 *
 * The cells, as execute.py sends them: every code cell whose source is not blank, then its probe
 * cell (scripts/notebooks/probe-cell.json, shared with execute.py). A notebook stops where its kernel would stop taking
 * conversions from the cache or stop running: a `//@module` cell, a cell with a type error or one
 * that emits other files. Browser cells are not converted by the kernel's Node converter either.
 * Nothing here runs a cell, and nothing is written but cache entries; a cell converted before
 * (the same chain, its trace still holding) is a cache hit here too.
 *
 * Prints one JSON line: {"notebooks", "cells", "hits", "misses", "cpu"}.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [root] }));

/** The code cells of a notebook file as Jupyter executes them (nbclient skips blank ones). */
function codeCells(file) {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const text = (source) => (Array.isArray(source) ? source.join("") : String(source));
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => text(c.source)).filter((s) => s.trim() !== "");
}

/**
 * Converts the cells of each notebook (absolute paths) in order, `probe` appended to each. The
 * notebooks are taken as execute.py starts them (in the order given, `jobs` at once): the first
 * `jobs` notebooks a cell each in turn, and the next one when one of them is done, so that every
 * kernel finds its first cells soon.
 */
function prepass(notebooks, probe, jobs = 1) {
  const c0 = process.cpuUsage();
  const typescript = require("./tslab-typescript.js").loadTypeScript(tslabDir, root, { shareDeclarations: true });
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] }));
  const { createConverter } = require(path.join(tslabDir, "dist", "converter.js"));
  const { getCodeMetadata } = require(path.join(tslabDir, "dist", "metadata.js"));
  const create = require("./tslab-conversions.js").withConversionCache(createConverter, ts, tslabDir, root);
  const done = { notebooks: 0, cells: 0, hits: 0, misses: 0, cpu: 0 };
  if (create === createConverter) return done; // no cache: nothing to prepare
  const open = (file) => {
    process.chdir(path.dirname(file)); // the kernel's folder: tslab's converter takes it as its root
    return { conv: create({ isJS: false, isBrowser: false }), cells: [...codeCells(file), probe], next: 0, prevDecl: "" };
  };
  /** Converts the notebook's next cell; false when its kernel would take nothing more from the cache. */
  const step = (nb) => {
    const src = nb.cells[nb.next++];
    if (src === undefined) return false;
    const meta = getCodeMetadata(src);
    if (meta.module) return false;
    if (meta.mode === "browser") return true;
    process.chdir(path.dirname(nb.file));
    const r = nb.conv.convert(nb.prevDecl, src);
    done.cells++;
    if (r.diagnostics.length > 0 || r.sideOutputs) return false;
    nb.prevDecl = r.declOutput || "";
    return true;
  };
  const waiting = [...notebooks], running = [];
  while (waiting.length > 0 || running.length > 0) {
    while (running.length < Math.max(1, jobs) && waiting.length > 0) {
      const file = waiting.shift();
      running.push({ file, ...open(file) });
    }
    const nb = running.shift();
    if (step(nb)) {
      running.push(nb);
      continue;
    }
    done.hits += nb.conv.stats.hits;
    done.misses += nb.conv.stats.misses;
    done.notebooks++;
    nb.conv.close();
    typescript.save();
  }
  const c = process.cpuUsage(c0);
  done.cpu = (c.user + c.system) / 1e6;
  return done;
}

module.exports = { prepass, codeCells };

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const jobs = Number(option("--jobs") || 1), doneFile = option("--done");
  try {
    const { PROBE } = require(path.join(root, "scripts", "notebooks", "probe-cell.json"));
    process.stdout.write(JSON.stringify(prepass(args.map((f) => path.resolve(f)), PROBE, jobs)) + "\n");
  } finally {
    if (doneFile) fs.writeFileSync(doneFile, ""); // the kernels stop waiting for conversions (tslab-conversions.js)
  }
  process.exit(0); // TypeScript's file watchers would keep Node running
}
