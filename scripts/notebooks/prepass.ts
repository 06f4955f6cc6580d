/**
 * The conversion pre-pass of a notebook run (jupyter/tslab-prepass.js): one Node process, started
 * beside execute.py, converts every notebook's cells in the order the kernels will take them and
 * stores the conversions in the kernels' cache (jupyter/tslab-conversions.js), sharing one parse
 * of the declaration files (lib, @types/node, dist/) between the notebooks where each kernel would
 * parse them all again. A kernel that finds its cell not stored yet waits for it while the
 * pre-pass runs (NUDUMP_CONVERSION_PREPASS names the file the pre-pass writes when it is done);
 * a cell that the pre-pass did not store (the file system changed meanwhile, a `//@module` cell…)
 * the kernel converts itself, as without it. The pre-pass changes no output: what a kernel takes
 * from the cache is checked against every file its program read, as for any cache entry.
 * NUDUMP_CONVERSION_PREPASS=0 turns it off (the kernels convert every cell not cached before).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { projectRoot, type Timeline } from "./common";

const script = path.join(projectRoot, "jupyter", "tslab-prepass.js");

/** The pre-pass's summary line (tslab-prepass.js prints it as JSON). */
export interface PrepassSummary {
  notebooks: number;
  cells: number;
  hits: number;
  misses: number;
  cpu: number;
}

/** One line for the run's log: what the pre-pass converted and its CPU seconds. */
export function describePrepass(s: PrepassSummary, wall: number): string {
  return `conversion pre-pass: ${s.cells} cells of ${s.notebooks} notebooks (${s.hits} already in the cache) in ${wall.toFixed(1)} s (cpu ${s.cpu.toFixed(1)} s)`;
}

/**
 * Runs `fn(env)` beside the pre-pass of `notebooks` (paths relative to the project, in the order
 * execute.py starts them, `jobs` at once); `env` is what the kernels need to wait for it. Resolves
 * when both are done; a failed pre-pass only costs the kernels their own conversions (noted).
 */
export async function withPrepass<T>(notebooks: readonly string[], jobs: number, fn: (env: NodeJS.ProcessEnv) => Promise<T>, timeline?: Timeline): Promise<T> {
  if (process.env.NUDUMP_CONVERSION_PREPASS === "0") return fn({});
  const dir = fs.mkdtempSync(path.join(tmpdir(), "nudump-prepass-"));
  const done = path.join(dir, "done");
  const t0 = Date.now();
  const finished = new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [script, "--jobs", String(jobs), "--done", done, ...notebooks], { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    let ended = false;
    const end = (status: number | null) => {
      if (ended) return;
      ended = true;
      fs.writeFileSync(done, ""); // also when it failed: no kernel waits any longer
      if (timeline) timeline.add("conversion pre-pass", timeline.at(t0), timeline.at());
      const wall = (Date.now() - t0) / 1000;
      if (status === 0 && out.trim()) console.log(describePrepass(JSON.parse(out) as PrepassSummary, wall));
      else console.log(`conversion pre-pass failed (status ${status}); the kernels converted their cells themselves:\n${err.trim()}`);
      resolve();
    };
    child.on("error", (e) => {
      err += String(e);
      end(null);
    });
    child.on("close", end);
  });
  try {
    return await fn({ NUDUMP_CONVERSION_PREPASS: done });
  } finally {
    await finished;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
