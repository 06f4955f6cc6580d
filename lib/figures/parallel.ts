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
import { type Fig1Data, fig1Mass, type Fig1MassResult, type Fig1Options, fig1Variants, fig1VariantsMass, type Fig1VariantsTask } from "./fig1";

/** Task name → the in-thread implementation (mirrors worker.ts). */
const LOCAL = {
  fig1: (m: number, o: Fig1Options) => fig1Mass(m, o),
  fig1Variants: (m: number, o: Fig1VariantsTask) => fig1VariantsMass(m, o),
} as const;
type TaskName = keyof typeof LOCAL;
type TaskOptions<T extends TaskName> = Parameters<(typeof LOCAL)[T]>[1];
type TaskResult<T extends TaskName> = ReturnType<(typeof LOCAL)[T]>;

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

/** The shared state of one runMassTasks call. */
interface RunState {
  readonly masses: readonly number[];
  readonly task: TaskName;
  readonly opts: unknown;
  readonly workers: number;
  next: number;
  done: number;
  failed: boolean;
}

/**
 * Tasks a worker holds at once while many remain: the one it runs and the next, queued in its
 * port, so it never waits for the round trip to this thread between tasks. Near the end of a
 * batch (no more unsent tasks than workers) it holds one, so no worker idles while another
 * still has one queued.
 */
const QUEUE_DEPTH = 2;

/** Feed one worker tasks of `run` until none are left; resolves when its last answer is in. */
function feedWorker(w: Worker, wi: number, run: RunState, onResult: (id: number, result: unknown, t: TaskTiming) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sentAt = new Map<number, number>();
    const send = (): boolean => {
      if (run.failed || run.next >= run.masses.length) return false;
      const id = run.next++;
      sentAt.set(id, performance.now());
      w.postMessage({ id, task: run.task, mass: run.masses[id], opts: run.opts });
      return true;
    };
    const top = () => {
      while (sentAt.size < 1 || (sentAt.size < QUEUE_DEPTH && run.masses.length - run.next > run.workers)) if (!send()) break;
      if (sentAt.size === 0) resolve();
    };
    w.on("message", (msg: { id: number; result?: unknown; error?: string; busyMs?: number }) => {
      if (msg.error !== undefined) {
        run.failed = true;
        return reject(new RangeError(`mass ${run.masses[msg.id]} GeV: ${msg.error}`));
      }
      const sentMs = sentAt.get(msg.id)!;
      sentAt.delete(msg.id);
      onResult(msg.id, msg.result, { mass: run.masses[msg.id]!, worker: wi, sentMs, doneMs: performance.now(), busyMs: msg.busyMs ?? 0 });
      top();
    });
    w.on("error", (e) => {
      run.failed = true;
      reject(e);
    });
    top();
  });
}

/** When and where one task ran (for the timings of the bench): ms on this thread's performance clock. */
export interface TaskTiming {
  readonly mass: number;
  /** Worker index (0 … workers − 1; 0 when run in this thread). */
  readonly worker: number;
  /** Sent and answered (wall, this thread), and the task's own time in its thread. */
  readonly sentMs: number;
  readonly doneMs: number;
  readonly busyMs: number;
}

/**
 * Run `task` for every mass; `workers` threads (default: number of cores; 1 = this thread).
 * `onTask` receives each task's timing (which worker, when sent, answered, busy).
 */
export async function runMassTasks<T extends TaskName>(
  task: T,
  masses: readonly number[],
  opts: TaskOptions<T>,
  workers = cpus().length,
  onProgress?: (done: number, total: number) => void,
  onTask?: (t: TaskTiming) => void,
): Promise<TaskResult<T>[]> {
  const file = workerFile();
  const n = Math.max(1, Math.min(workers, masses.length));
  if (file === null || n === 1) {
    const out: TaskResult<T>[] = [];
    masses.forEach((m, i) => {
      const t0 = performance.now();
      out.push((LOCAL[task] as (m: number, o: TaskOptions<T>) => TaskResult<T>)(m, opts));
      const t1 = performance.now();
      onTask?.({ mass: m, worker: 0, sentMs: t0, doneMs: t1, busyMs: t1 - t0 });
      onProgress?.(i + 1, masses.length);
    });
    return out;
  }
  const results = new Array<TaskResult<T>>(masses.length);
  const run: RunState = { masses, task, opts, next: 0, done: 0, failed: false, workers: n };
  const pool = takeWorkers(file, n);
  try {
    await Promise.all(
      pool.map((w, wi) =>
        feedWorker(w, wi, run, (id, r, t) => {
          results[id] = r as TaskResult<T>;
          onTask?.(t);
          onProgress?.(++run.done, masses.length);
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

/**
 * {@link fig1Variants} with each refinement round's masses on `workers` threads (default: one
 * per core): the same numbers as in one thread (each mass builds its own base point either way).
 */
export function fig1VariantsOnWorkers(variants: readonly Fig1Options[], workers = cpus().length): Promise<Fig1Data[]> {
  return fig1Variants(variants, (ms, task) => runMassTasks("fig1Variants", ms, task, workers));
}
