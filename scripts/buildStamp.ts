/**
 * The build stamp (node builtins only, so that scripts/bundle-cli.ts can write it too): the key
 * of the inputs of the last build of dist/, read by `npm run main` / `npm run notebooks`
 * (scripts/notebooks/common.ts prepare) to skip tsc when nothing changed.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const projectRoot = path.resolve(__dirname, "..");

/**
 * Fingerprint of the inputs of the last build (git-ignored; scripts/notebooks/common.ts prepare): when no input
 * changed since (see {@link buildInputsKey}) and every output is there, tsc is not started at
 * all — an incremental tsc that finds nothing to do still parses the whole program, ≈ 5 s of
 * CPU on the critical path of `npm run main`, before any kernel can start.
 */
export const buildStamp = path.join(projectRoot, "node_modules", ".cache", "nudump", "build.stamp");

/** Files (relative paths) whose change can change dist/: everything under lib/ and cli/ (sources and the JSON they import), the tsconfigs, the package files, TypeScript's and Node's type versions. */
export function buildInputs(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const fixed = ["scripts/bundle-cli.ts", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json", "node_modules/typescript/package.json", "node_modules/@types/node/package.json"];
  return [...walk("lib"), ...walk("cli"), ...fixed.filter((f) => fs.existsSync(path.join(projectRoot, f)))].sort();
}

/** The key of the build inputs: path, size and modification time of each of {@link buildInputs}, and the Node version. */
export function buildInputsKey(): string {
  const h = createHash("sha256").update(process.version);
  for (const f of buildInputs()) {
    const st = fs.statSync(path.join(projectRoot, f));
    h.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return h.digest("hex");
}


/** Writes the stamp: `key`, the {@link buildInputsKey} taken before the build read its inputs. */
export function writeBuildStamp(key: string): void {
  fs.mkdirSync(path.dirname(buildStamp), { recursive: true });
  fs.writeFileSync(buildStamp, key + "\n");
}

/**
 * After `tsc -p tsconfig.build.json` (`npm run build`, `npm ci`'s prepare; called by
 * scripts/bundle-cli.ts): stamps dist/ as built from the inputs as they are now, so that the first
 * `npm run main` after `npm ci` does not build again (≈ 12 s on two cores). Only when every input
 * is older than tsc's output dist/cli/main.js, i.e. none was edited after tsc wrote it; otherwise
 * the stamp is removed and the next run builds.
 */
export function stampAfterBuild(): boolean {
  const out = path.join(projectRoot, "dist", "cli", "main.js");
  const key = buildInputsKey();
  const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : -Infinity;
  const fresh = buildInputs().every((f) => fs.statSync(path.join(projectRoot, f)).mtimeMs < built);
  if (fresh) writeBuildStamp(key);
  else fs.rmSync(buildStamp, { force: true });
  return fresh;
}
