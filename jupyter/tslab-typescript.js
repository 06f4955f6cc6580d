/*
 * Loads the TypeScript that tslab bundles (@tslab/typescript-for-tslab, one 7.8 MB script) for
 * jupyter/tslab-kernel.js, faster and with a lighter program, before tslab itself asks for it.
 *
 * - V8 code cache: Node 20 compiles each function of a script when it first runs, and a kernel
 *   runs a large part of TypeScript (parser, binder, checker, emitter) before its first cell
 *   is done. The script is loaded through the CLI's code cache (dist/cli/codeCache.js,
 *   loadBundle: `vm.Script` cachedData, keyed by the script's bytes, Node's version and
 *   architecture, V8 checks its flags again), and the cache is written once the first cell has
 *   been converted, so later kernels deserialise that bytecode instead of compiling it. No
 *   built library (dist/) or NUDUMP_CODE_CACHE=0: plain `require`, as before.
 * - Declaration files: tslab lists no `types`, so TypeScript puts every package under
 *   node_modules/@types into each kernel's program — here chai, deep-eql, estree, long,
 *   node-fetch, offscreencanvas, resolve, seedrandom, webgl-ext, webgl2 (≈ 0.3 MB of
 *   declarations from test and danfojs dependencies that no notebook uses; their globals, such
 *   as `chai`, exist only as types). The kernel's program gets `types: ["node"]`: Node's
 *   globals (console, process, Buffer, require) stay; packages a cell imports are resolved as
 *   before, with their own types. NUDUMP_KERNEL_TYPES=all restores tslab's default.
 *
 * TypeScript's module exports are read-only getters, so the options are changed on a copy of
 * its export object (getters onto the real one) that stands in require's cache for the module.
 */
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

/**
 * Puts tslab's TypeScript into require's cache; returns `save()`, to call once a cell has been
 * converted (writes the code cache if this kernel had none; later calls do nothing).
 */
function loadTypeScript(tslabDir, projectRoot, { shareDeclarations = false } = {}) {
  const file = require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] });
  const codeCache = path.join(projectRoot, "dist", "cli", "codeCache.js");
  let ts;
  let save = () => {};
  if (fs.existsSync(codeCache)) {
    const { loadBundle, cacheDirectory } = require(codeCache);
    const loaded = loadBundle(file, "tslab-typescript", cacheDirectory());
    ts = loaded.exports;
    save = () => {
      save = () => {};
      loaded.save();
    };
  } else {
    ts = require(file);
  }
  const exported = {};
  for (const key of Object.keys(ts)) Object.defineProperty(exported, key, { enumerable: true, configurable: true, get: () => ts[key] });
  const shared = shareDeclarations ? new Map() : null;
  const allTypes = process.env.NUDUMP_KERNEL_TYPES === "all", fullBuilder = process.env.NUDUMP_KERNEL_BUILDER === "full";
  if (!allTypes || !fullBuilder) {
    const createHost = ts.createWatchCompilerHost;
    Object.defineProperty(exported, "createWatchCompilerHost", {
      enumerable: true,
      value(rootFiles, options, system, createProgram, ...rest) {
        if (!Array.isArray(rootFiles)) return createHost.call(ts, rootFiles, options, system, createProgram, ...rest);
        const types = !allTypes && options && options.types === undefined ? { ...options, types: ["node"] } : options;
        return createHost.call(ts, rootFiles, types, system, createProgram || fullBuilder ? createProgram : lightBuilder(ts, shared), ...rest);
      },
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.exports = exported;
  mod.loaded = true;
  require.cache[file] = mod;
  return { save: () => save() };
}

/** tslab's filter of a program's files down to the ones it checks and emits (converter.js getAllSrcDependencies). */
const isSource = (f) => f.endsWith(".js") || (f.endsWith(".ts") && !f.endsWith(".d.ts"));

/**
 * The `createProgram` of tslab's watch host: a builder without state (TypeScript's
 * createAbstractBuilder) in place of the default EmitAndSemanticDiagnosticsBuilderProgram.
 * tslab uses the builder only for getProgram, getSourceFile, emit of one file (the stateful
 * builder then calls program.emit as well: with tslab's custom transformers it records no
 * signature) and getAllDependencies. The stateful builder computed at every program — twice per
 * cell — every file's references, creating a type checker for it (≈ 0.1 s a program with the
 * ≈ 300 declaration files of a kernel). Here:
 * - the cell's file is bound when the program is made (tslab reads its `locals` to export them;
 *   the stateful builder's checker bound it; binding is per file, the same whichever does it);
 * - getAllDependencies(file) answers only what tslab keeps of it (isSource): if no other file of
 *   the program passes isSource, that is the file itself (every file's dependencies include it);
 *   else TypeScript's own BuilderState is built for this program and asked, as before.
 */
function lightBuilder(ts, shared) {
  return function createProgram(rootNames, options, host, oldProgram, ...rest) {
    if (shared) shareDeclarationFiles(host, rootNames, shared);
    const builder = ts.createAbstractBuilder(rootNames, options, host, oldProgram, ...rest);
    const program = builder.getProgram();
    for (const name of rootNames) {
      const file = program.getSourceFile(name);
      if (file && !file.isDeclarationFile) ts.bindSourceFile(file, program.getCompilerOptions());
    }
    let state = null;
    builder.getAllDependencies = (file) => {
      if (program.getSourceFiles().every((f) => f === file || !isSource(f.fileName))) return [file.fileName];
      state = state || ts.BuilderState.create(program, undefined, false);
      return ts.BuilderState.getAllDependencies(state, program, file);
    };
    return builder;
  };
}

/**
 * For jupyter/tslab-prepass.js (several converters in one process): the watch host's declaration
 * files come from `shared` (file name and parse options → text and SourceFile), parsed and bound
 * once for all converters. TypeScript itself reuses a SourceFile between the programs of one
 * watch (twice per cell) and between projects (its DocumentRegistry); a program only reads it.
 * The file is still read through the host, once per converter, as the watch host would (the
 * conversion cache's trace records that question and its answer); a text that differs from the
 * shared one is parsed by the host as before. Later programs of the converter get the same
 * SourceFile without reading again, as from the watch host's own cache.
 */
function shareDeclarationFiles(host, rootNames, shared) {
  if (host.nudumpShared) return;
  const own = new Map();
  const get = host.getSourceFileByPath;
  const roots = new Set(rootNames);
  host.getSourceFileByPath = function (fileName, filePath, languageVersionOrOptions, onError, shouldCreateNewSourceFile) {
    if (!fileName.endsWith(".d.ts") || roots.has(fileName) || shouldCreateNewSourceFile) return get.apply(this, arguments);
    const mine = own.get(filePath);
    if (mine) return mine;
    const text = host.readFile(fileName);
    if (text === undefined) return get.apply(this, arguments);
    const o = typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };
    const key = `${filePath}\0${o.languageVersion}\0${o.impliedNodeFormat}`;
    let entry = shared.get(key);
    if (!entry || entry.text !== text) {
      entry = { text, file: get.apply(this, arguments) };
      if (!entry.file || entry.file.text !== text) return entry.file;
      shared.set(key, entry);
    }
    // TypeScript keeps a file's module and type reference resolutions on it and reuses them
    // when another program gets the same file: this converter's first program resolves them
    // again, asking its own host (same options, same folder: the same resolutions, and the
    // questions that the conversion cache's trace must hold)
    entry.file.resolvedModules = undefined;
    entry.file.resolvedTypeReferenceDirectiveNames = undefined;
    own.set(filePath, entry.file);
    return entry.file;
  };
  host.getSourceFile = function (fileName, ...args) {
    return host.getSourceFileByPath(fileName, host.toPath(fileName), ...args);
  };
  host.nudumpShared = true;
}

module.exports = { loadTypeScript };
