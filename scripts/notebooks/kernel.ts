/**
 * Registers the tslab TypeScript kernel for this project, and makes `import … from "nudump"`
 * work in notebooks.
 *
 * - Kernel spec: writes `jupyter/kernels/tslab/kernel.json` (no Python, no `jupyter
 *   kernelspec install`, nothing in the user's home). Jupyter finds it through
 *   `JUPYTER_PATH=<project>/jupyter`, which the npm scripts set and environment.md explains.
 *   The spec starts `jupyter/tslab-kernel.js` (the project's own tslab plus a fix that turns
 *   asynchronous errors into failed cells) with the current Node, by absolute paths, so that
 *   it works whatever the kernel's working folder. The file is generated (absolute paths of
 *   this checkout), hence git-ignored.
 * - Library import: tslab type-checks with Node10 module resolution rooted at the notebook's
 *   folder and ignores tsconfig, so neither `../lib` (yunabe/tslab#63) nor package
 *   self-reference works. We create the symlink `node_modules/nudump → ..`; both tslab's type
 *   checker (package.json "types") and Node's require (package.json "exports") then resolve
 *   "nudump" to the built library in `dist/`. `npm ci` wipes node_modules, so every notebook
 *   script calls this first; it is idempotent.
 *
 * Usage: `npx tsx scripts/notebooks/kernel.ts` (or `npm run kernel`).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const projectRoot = path.resolve(__dirname, "..", "..");
export const jupyterPath = path.join(projectRoot, "jupyter");
export const kernelName = "tslab";

/** Creates node_modules/nudump → .. (relative link) unless it already points there. */
export function linkPackage(): void {
  const link = path.join(projectRoot, "node_modules", "nudump");
  const target = "..";
  let current: string | null = null;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = null;
  }
  if (current === target) return;
  if (fs.existsSync(link) || current !== null) {
    const st = fs.lstatSync(link);
    if (!st.isSymbolicLink()) throw new Error(`${link} exists and is not a symlink; remove it (it must link to the project root)`);
    fs.unlinkSync(link);
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(target, link, "dir");
}

/** Writes the kernel spec and returns its path. */
export function writeKernelSpec(): string {
  const tslabBin = path.join(projectRoot, "node_modules", "tslab", "bin", "tslab");
  if (!fs.existsSync(tslabBin)) throw new Error(`tslab not found at ${tslabBin}: run \`npm ci\` first`);
  const entry = path.join(jupyterPath, "tslab-kernel.js");
  const dir = path.join(jupyterPath, "kernels", kernelName);
  fs.mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, entry, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (nudump, tslab)",
    language: "typescript",
  };
  const file = path.join(dir, "kernel.json");
  fs.writeFileSync(file, JSON.stringify(spec, null, 2) + "\n");
  return file;
}

if (require.main === module) {
  linkPackage();
  const file = writeKernelSpec();
  console.log(`kernel spec: ${path.relative(projectRoot, file)} (use JUPYTER_PATH=${jupyterPath})`);
  console.log(`library link: node_modules/nudump -> .. (notebooks import from "nudump")`);
}
