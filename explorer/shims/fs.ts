/**
 * A read-only `node:fs` for the browser bundle of the explorer. lib/ reads its data files
 * (bound CSVs, flux tables, data/*.json) with readFileSync/existsSync/readdirSync/statSync
 * and finds them from __dirname; the build (scripts/notebooks/explorer.ts) embeds the files
 * the explorer needs as a map "/nudump/data/…" → text and gives every bundled module its
 * virtual __dirname ("/nudump/lib/…"), so the library's own path logic finds them unchanged.
 * Anything that writes, or a file that was not embedded, throws an ENOENT-like Error.
 */
import files from "nudump-vfs-data";
import { normalize } from "./path";

function enoent(op: string, p: string): Error {
  const e = new Error(`ENOENT: no such file or directory, ${op} '${p}' (the explorer bundles only the data files it needs)`) as Error & { code: string };
  e.code = "ENOENT";
  return e;
}

function isDir(p: string): boolean {
  const prefix = p.endsWith("/") ? p : `${p}/`;
  return Object.keys(files).some((f) => f.startsWith(prefix));
}

export function existsSync(p: string): boolean {
  const n = normalize(String(p));
  return n in files || isDir(n);
}

export function readFileSync(p: string, enc?: string | { encoding?: string }): string | Uint8Array {
  const n = normalize(String(p));
  const text = files[n];
  if (text === undefined) throw enoent("open", n);
  const encoding = typeof enc === "string" ? enc : enc?.encoding;
  return encoding ? text : new TextEncoder().encode(text);
}

export function readdirSync(p: string): string[] {
  const n = normalize(String(p));
  if (!isDir(n)) throw enoent("scandir", n);
  const prefix = `${n}/`;
  const names = new Set<string>();
  for (const f of Object.keys(files)) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0]!);
  return [...names].sort();
}

export function statSync(p: string): { isFile: () => boolean; isDirectory: () => boolean; size: number } {
  const n = normalize(String(p));
  if (n in files) return { isFile: () => true, isDirectory: () => false, size: files[n]!.length };
  if (isDir(n)) return { isFile: () => false, isDirectory: () => true, size: 0 };
  throw enoent("stat", n);
}

function readOnly(name: string): () => never {
  return () => {
    throw new Error(`fs.${name} is not available in the browser explorer (read-only virtual file system)`);
  };
}

export const writeFileSync = readOnly("writeFileSync");
export const mkdirSync = readOnly("mkdirSync");
export const mkdtempSync = readOnly("mkdtempSync");
export const rmSync = readOnly("rmSync");
export const lstatSync = readOnly("lstatSync"); // lib/core/privateDirectory.ts: the caches are off in the browser
export const copyFileSync = readOnly("copyFileSync");
export const cpSync = readOnly("cpSync");
export const readFile = readOnly("readFile");
export const writeFile = readOnly("writeFile");
export const promises = {};
export default { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, lstatSync, copyFileSync, cpSync, readFile, writeFile, promises };
