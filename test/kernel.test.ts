/**
 * The Jupyter kernel is installed where a plain Jupyter finds it: after installKernel (what
 * `npm run kernel` does), `jupyter kernelspec list` lists it with no JUPYTER_PATH, and
 * `jupyter nbconvert --execute` runs a one-cell TypeScript notebook on it. HOME is a temporary
 * directory, so the test installs into a throw-away user data directory.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { installKernel, kernelName } from "../scripts/notebooks/kernel";

const home = mkdtempSync(path.join(tmpdir(), "nudump-kernel-"));
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, PYDEVD_DISABLE_FILE_VALIDATION: "1" };

describe("Jupyter kernel for a user", () => {
  it("is listed by `jupyter kernelspec list` without JUPYTER_PATH and executes a notebook", () => {
    installKernel({ kind: "user" }, env);
    const list = spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8", env });
    expect(list.status, list.stderr).toBe(0);
    const specs = (JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string; spec: { display_name: string; argv: string[] } }> }).kernelspecs;
    const k = specs[kernelName]!;
    expect(k.spec.display_name).toBe("TypeScript (nudump, tslab)");
    expect(k.resource_dir.startsWith(path.join(home, ".local", "share", "jupyter", "kernels"))).toBe(true);
    const nb = path.join(home, "tiny.ipynb");
    writeFileSync(
      nb,
      JSON.stringify({
        cells: [{ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: ["const squares: number[] = [1, 2, 3].map((x) => x * x);\n", "console.log(squares.join(\",\"));"] }],
        metadata: { kernelspec: { name: kernelName, display_name: "TypeScript (nudump, tslab)", language: "typescript" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    const run = spawnSync("jupyter", ["nbconvert", "--execute", "--to", "notebook", "--inplace", "--ExecutePreprocessor.timeout=60", nb], { encoding: "utf8", env });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(readFileSync(nb, "utf8")) as { cells: { outputs: { text?: string | string[] }[] }[] };
    expect([out.cells[0]!.outputs[0]!.text].flat().join("")).toBe("1,4,9\n");
  }, 60_000);
});
