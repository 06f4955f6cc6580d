/**
 * Stand-ins for node:os, node:worker_threads, node:child_process, node:url, node:util, node:zlib and node:http in
 * the browser bundle of the explorer: the modules import them at top level (lib/figures/
 * parallel.ts, lib/plot's renderer, render service and notebook PNGs) but the explorer never calls them; a call throws.
 */
function unavailable(name: string): (...args: unknown[]) => never {
  return () => {
    throw new Error(`${name} is not available in the browser explorer`);
  };
}

export const cpus = unavailable("os.cpus");
export const tmpdir = unavailable("os.tmpdir");
export const homedir = unavailable("os.homedir");
export const platform = unavailable("os.platform");
export const parentPort = null;
export const isMainThread = true;
export const workerData = null;
export class Worker {
  constructor() {
    throw new Error("node:worker_threads Worker is not available in the browser explorer (the page uses Web Workers)");
  }
}
export const spawn = unavailable("child_process.spawn");
export const spawnSync = unavailable("child_process.spawnSync");
export const execFileSync = unavailable("child_process.execFileSync");
export const execFile = unavailable("child_process.execFile");
export const execSync = unavailable("child_process.execSync");
export const pathToFileURL = unavailable("url.pathToFileURL");
export const fileURLToPath = unavailable("url.fileURLToPath");
export const parseArgs = unavailable("util.parseArgs");
export const createServer = unavailable("http.createServer");
export const request = unavailable("http.request");
export default { cpus, tmpdir, homedir, platform, parentPort, isMainThread, workerData, Worker, spawn, spawnSync, execFileSync, execSync, pathToFileURL, fileURLToPath, parseArgs, createServer, request };
export const deflateSync = unavailable("zlib.deflateSync");
export const inflateSync = unavailable("zlib.inflateSync");
