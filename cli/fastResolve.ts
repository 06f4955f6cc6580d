/**
 * A short path through Node's CommonJS resolution for the command line's own modules (issue 15,
 * start-up). A `nudump events` call loads ~70 compiled modules of dist/, each `require("./x")`
 * going through Node's general algorithm (lookup paths, the relative-resolve cache, stat of
 * `x`, then `x.js`, realpath, package scope): ~15–20 ms of CPU of a ~90 ms start-up on this
 * machine (bench row cli-start). Inside the compiled tree every module is a `.js` file that tsc
 * wrote next to its importer, so a relative request from a file of that tree that names a
 * `.js` file of the same tree is that file: this hook answers those with one stat and hands
 * every other request (packages, builtins, JSON, directories, `index.js`, anything outside the
 * tree or with resolution options) to Node unchanged.
 *
 * Installed only by bin/nudump.js for the CLI process, never by the library (a program that
 * requires nudump keeps Node's own resolution). The answer is the path Node gives: the importer's
 * path is already real (Node resolves it), and tsc writes no symlinks and no extensionless
 * files, so Node's first candidate (the request without extension) never exists here.
 */
import { statSync } from "node:fs";
import Module = require("node:module");
import * as path from "node:path";

type Resolve = (request: string, parent: { filename?: string | null } | undefined, isMain: boolean, options?: unknown) => string;

/** Whether `file` is a regular file (one stat, no exception when it is missing). */
function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * The file a relative `request` of the module `parentFile` names, if both lie in `tree` (an
 * absolute directory ending in the path separator) and the target is a `.js` file there; else
 * undefined (Node resolves it).
 */
export function treeFile(tree: string, request: string, parentFile: string | null | undefined): string | undefined {
  if (typeof parentFile !== "string" || !parentFile.startsWith(tree)) return undefined;
  if (!(request.startsWith("./") || request.startsWith("../"))) return undefined;
  const base = path.resolve(path.dirname(parentFile), request);
  if (!base.startsWith(tree)) return undefined;
  const ext = path.extname(base);
  if (ext !== "" && ext !== ".js") return undefined; // JSON, .node, "./x.min": Node decides
  const file = ext === ".js" ? base : `${base}.js`;
  return isFile(file) ? file : undefined;
}

let installed: string | undefined;

/** Answer the relative requests between modules under `tree` (absolute directory) directly; idempotent. */
export function installFastResolve(tree: string): void {
  const dir = path.resolve(tree) + path.sep;
  if (installed !== undefined) {
    if (installed !== dir) throw new RangeError(`installFastResolve: tree = ${JSON.stringify(tree)}, but it is installed for ${JSON.stringify(installed)} (allowed: one tree per process)`);
    return;
  }
  installed = dir;
  const M = Module as unknown as { _resolveFilename: Resolve };
  const node = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    const hit = options === undefined && !isMain ? treeFile(dir, request, parent?.filename) : undefined;
    return hit ?? node.call(this, request, parent, isMain, options);
  };
}
