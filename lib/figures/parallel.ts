/**
 * Run independent per-mass tasks of a reach figure on worker threads (one per core by
 * default). Results come back in mass order. From the TypeScript sources (tests, tsx) there is
 * no compiled worker file, so the tasks run in this thread instead — same results, slower.
 *
 * The threads are kept in a pool between calls (issue 15): the rounds of an adaptive mass-grid
 * refinement, and the panels of a notebook, reuse warm workers (loaded modules, compiled code,
 * the per-thread caches of fig1) instead of paying start-up and a cold JIT each time. Idle
 * workers are unref'd, so they never keep the process alive; {@link closeWorkerPool} ends them.
 */
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { fig1Mass, type Fig1MassResult, type Fig1Options } from "./fig1";

/** Task name → the in-thread implementation (mirrors worker.ts). */
const LOCAL = { fig1: (m: number, o: Fig1Options) => fig1Mass(m, o) } as const;
type TaskName = keyof typeof LOCAL;
type TaskResult<T extends TaskName> = T extends "fig1" ? Fig1MassResult : never;

/** The compiled worker file, or null when running from sources. */
function workerFile(): string | null {
  const f = path.join(__dirname, "worker.js");
  return __filename.endsWith(".js") && existsSync(f) ? f : null;
}

/** Idle workers of this process (unref'd while idle). */
const IDLE: Worker[] = [];

/** Take `n` workers from the pool, starting new ones as needed. */
function takeWorkers(file: string, n: number): Worker[] {
  const out = IDLE.splice(0, n);
  while (out.length < n) out.push(new Worker(file));
  for (const w of out) w.ref();
  return out;
}

/** Give healthy workers back to the pool (unref'd: an idle pool never holds the process open). */
function returnWorkers(ws: readonly Worker[]): void {
  for (const w of ws) {
    w.removeAllListeners("message");
    w.removeAllListeners("error");
    w.unref();
    IDLE.push(w);
  }
}

/** End the pooled workers (tests, or a long-lived process that is done with figures). */
export async function closeWorkerPool(): Promise<void> {
  const ws = IDLE.splice(0);
  await Promise.all(ws.map((w) => w.terminate()));
}

/** Run `task` for every mass; `workers` threads (default: number of cores; 1 = this thread). */
export async function runMassTasks<T extends TaskName>(
  task: T,
  masses: readonly number[],
  opts: Fig1Options,
  workers = cpus().length,
  onProgress?: (done: number, total: number) => void,
): Promise<TaskResult<T>[]> {
  const file = workerFile();
  const n = Math.max(1, Math.min(workers, masses.length));
  if (file === null || n === 1) {
    const out: TaskResult<T>[] = [];
    masses.forEach((m, i) => {
      out.push(LOCAL[task](m, opts) as TaskResult<T>);
      onProgress?.(i + 1, masses.length);
    });
    return out;
  }
  const results = new Array<TaskResult<T>>(masses.length);
  let next = 0, done = 0;
  const pool = takeWorkers(file, n);
  let failed = false;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (failed || next >= masses.length) return resolve();
              const id = next++;
              w.postMessage({ id, task, mass: masses[id], opts });
            };
            w.on("message", (msg: { id: number; result?: unknown; error?: string }) => {
              if (msg.error !== undefined) {
                failed = true;
                return reject(new RangeError(`mass ${masses[msg.id]} GeV: ${msg.error}`));
              }
              results[msg.id] = msg.result as TaskResult<T>;
              onProgress?.(++done, masses.length);
              send();
            });
            w.on("error", (e) => {
              failed = true;
              reject(e);
            });
            send();
          }),
      ),
    );
  } catch (e) {
    // a failed run may leave tasks in flight: these workers are not reused
    await Promise.all(pool.map((w) => w.terminate()));
    throw e;
  }
  returnWorkers(pool);
  return results;
}
