/**
 * Where the shipped data/ directory is: one resolver for every default input (flux tables,
 * meson spectra, bound lines). Works from the TypeScript sources (lib/dataDir.ts → ../data)
 * and from the compiled package (dist/lib/dataDir.js → ../../data). Nothing here looks
 * outside the package: a user with other tables passes their directory explicitly.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";

/** The candidates for data/, in order: next to lib/ (sources), next to dist/ (compiled). */
function candidates(): string[] {
  return [path.resolve(__dirname, "..", "data"), path.resolve(__dirname, "..", "..", "data")];
}

/**
 * The absolute path of `data/<parts…>` in the package. RangeError naming the missing path
 * (and where it looked) if it does not exist: a missing shipped input is never a silent drop.
 */
export function dataDir(...parts: string[]): string {
  const tried: string[] = [];
  for (const root of candidates()) {
    if (!existsSync(path.join(root, "README.md"))) continue; // not the package's data/
    const p = path.join(root, ...parts);
    if (existsSync(p)) return p;
    tried.push(p);
  }
  if (tried.length === 0) tried.push(...candidates().map((c) => path.join(c, ...parts)));
  throw new RangeError(`shipped input data/${parts.join("/")} not found (looked in ${tried.join(", ")})`);
}

/**
 * An input directory: `dir` if given (it must exist), else the shipped `data/<parts…>`.
 * `what` names the input in the error, e.g. "hadronsDir (450 GeV Pythia meson tables)".
 */
export function inputDir(what: string, dir: string | undefined, ...parts: string[]): string {
  if (dir === undefined) return dataDir(...parts);
  if (!existsSync(dir)) throw new RangeError(`${what} = ${JSON.stringify(dir)} does not exist`);
  return dir;
}
