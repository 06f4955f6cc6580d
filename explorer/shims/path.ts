/**
 * A small POSIX `node:path` for the browser bundle of the explorer: the subset lib/ uses
 * (join, resolve, dirname, basename, extname, relative, sep). Paths are virtual ("/nudump/…",
 * see shims/fs.ts); there is no working directory other than "/".
 */

export const sep = "/";
export const delimiter = ":";

/** Collapse "." and ".." segments and repeated slashes. */
export function normalize(p: string): string {
  const abs = p.startsWith("/");
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!abs) out.push("..");
    } else out.push(seg);
  }
  const s = out.join("/");
  return abs ? `/${s}` : s === "" ? "." : s;
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((x) => x !== "").join("/"));
}

export function resolve(...parts: string[]): string {
  let acc = "";
  for (let i = parts.length - 1; i >= 0 && !acc.startsWith("/"); i--) acc = parts[i]! + (acc ? `/${acc}` : "");
  return normalize(acc.startsWith("/") ? acc : `/${acc}`);
}

export function isAbsolute(p: string): boolean {
  return p.startsWith("/");
}

export function dirname(p: string): string {
  const n = normalize(p);
  const i = n.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : n.slice(0, i);
}

export function basename(p: string, ext?: string): string {
  const b = normalize(p).split("/").pop() ?? "";
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i <= 0 ? "" : b.slice(i);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split("/").filter(Boolean), b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

export const posix = { sep, delimiter, normalize, join, resolve, isAbsolute, dirname, basename, extname, relative };
export default posix;
