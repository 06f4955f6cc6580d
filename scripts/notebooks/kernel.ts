/**
 * Registers the tslab TypeScript kernel for this project, and makes `import … from "nudump"`
 * work in notebooks.
 *
 * - Kernel spec: writes `jupyter/kernels/tslab/kernel.json`, which the npm scripts use
 *   through `JUPYTER_PATH=<project>/jupyter` (headless runs never touch the user's Jupyter).
 * - Install for the user: `npm run kernel` also runs `jupyter kernelspec install` on that
 *   spec, so a plain `jupyter lab` finds the kernel without JUPYTER_PATH: into the active
 *   virtualenv/conda environment (`--sys-prefix`) when one is active, else into the user's
 *   data directory (`--user`, ~/.local/share/jupyter/kernels). `--prefix <dir>` picks a prefix,
 *   `--no-install` skips this step. The kernel is named "tslab" (the notebooks' metadata ask
 *   for it), so it replaces an earlier "tslab" kernel spec in that place.
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
import { spawnSync } from "node:child_process";
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

/** Where {@link installKernel} puts the spec: the active environment, a prefix, or the user's data directory. */
export type InstallTarget = { readonly kind: "user" } | { readonly kind: "sys-prefix" } | { readonly kind: "prefix"; readonly prefix: string };

/** The target a plain `jupyter lab` of this shell searches: the active venv/conda env, else the user's. */
export function defaultTarget(env: NodeJS.ProcessEnv = process.env): InstallTarget {
  return env.VIRTUAL_ENV || env.CONDA_PREFIX ? { kind: "sys-prefix" } : { kind: "user" };
}

/**
 * Installs the kernel spec written by {@link writeKernelSpec} with `jupyter kernelspec install`
 * (so that Jupyter itself decides the directory) and returns Jupyter's answer.
 */
export function installKernel(target: InstallTarget = defaultTarget(), env: NodeJS.ProcessEnv = process.env): string {
  const dir = path.dirname(writeKernelSpec());
  const where = target.kind === "prefix" ? ["--prefix", target.prefix] : [`--${target.kind}`];
  const r = spawnSync("jupyter", ["kernelspec", "install", dir, "--name", kernelName, "--replace", ...where], { encoding: "utf8", env });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split("\n").pop();
    throw new Error(`jupyter kernelspec install failed (${why}); is Jupyter installed (\`jupyter --version\`)?`);
  }
  return (r.stderr + r.stdout).trim().split("\n").filter((l) => /Installed kernelspec/.test(l)).join("\n");
}

if (require.main === module) {
  const args = process.argv.slice(2);
  linkPackage();
  const file = writeKernelSpec();
  console.log(`kernel spec: ${path.relative(projectRoot, file)} (the npm scripts use JUPYTER_PATH=${jupyterPath})`);
  console.log(`library link: node_modules/nudump -> .. (notebooks import from "nudump")`);
  if (!args.includes("--no-install")) {
    const i = args.indexOf("--prefix");
    const target: InstallTarget = i >= 0 && args[i + 1] ? { kind: "prefix", prefix: args[i + 1]! } : defaultTarget();
    try {
      console.log(installKernel(target) || `installed (${target.kind})`);
      console.log("a plain `jupyter lab` now lists the kernel \"TypeScript (nudump, tslab)\"");
    } catch (e) {
      console.error(`kernel: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
