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
import { assembleFig1, type Fig1Data, fig1EdgeList, fig1Mass, fig1Masses, type Fig1MassResult, type Fig1Options, fig1Variants, fig1VariantsMass, type Fig1VariantsTask } from "./fig1";
import { refineMassGrid, refineMassGridAhead } from "../engine/reach";

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

/** A queued task of a {@link MassTaskQueue}: its mass, priority (higher first) and settlement. */
interface QueuedTask<R> {
  readonly id: number;
  readonly mass: number;
  readonly priority: number;
  readonly resolve: (r: R) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Per-mass tasks submitted one at a time to pooled workers (for a refinement that asks for
 * masses as it goes, lib/engine/reach refineMassGridAhead): each worker holds up to
 * QUEUE_DEPTH tasks while more than one per worker wait (as {@link runMassTasks}), the
 * waiting task of highest priority first (a later refinement round first: it may ask for
 * more). {@link close} gives the workers back.
 */
class MassTaskQueue<R> {
  private readonly pool: Worker[];
  private readonly waiting: QueuedTask<R>[] = [];
  private readonly inFlight: Map<number, QueuedTask<R> & { sentMs: number }>[];
  private next = 0;
  private broken = false;

  constructor(file: string, private readonly task: TaskName, private readonly opts: unknown, workers: number, private readonly onTask?: (t: TaskTiming) => void) {
    this.pool = takeWorkers(file, workers);
    this.inFlight = this.pool.map(() => new Map());
    this.pool.forEach((w, wi) => {
      w.on("message", (msg: { id: number; result?: unknown; error?: string; busyMs?: number }) => this.answer(wi, msg));
      w.on("error", (e) => this.fail(e));
    });
  }

  /** The result of the task at `mass` (priority: higher runs first among those waiting). */
  submit(mass: number, priority = 0): Promise<R> {
    if (this.broken) return Promise.reject(new Error("a worker of this run failed"));
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ id: this.next++, mass, priority, resolve, reject });
      this.pool.forEach((_, wi) => this.top(wi));
    });
  }

  /** Send worker wi tasks up to its depth (one when few wait). */
  private top(wi: number): void {
    const held = this.inFlight[wi]!;
    while (this.waiting.length > 0 && (held.size < 1 || (held.size < QUEUE_DEPTH && this.waiting.length > this.pool.length))) {
      let best = 0;
      for (let i = 1; i < this.waiting.length; i++) if (this.waiting[i]!.priority > this.waiting[best]!.priority) best = i;
      const t = this.waiting.splice(best, 1)[0]!;
      held.set(t.id, { ...t, sentMs: performance.now() });
      this.pool[wi]!.postMessage({ id: t.id, task: this.task, mass: t.mass, opts: this.opts });
    }
  }

  private answer(wi: number, msg: { id: number; result?: unknown; error?: string; busyMs?: number }): void {
    const t = this.inFlight[wi]!.get(msg.id);
    if (!t) return;
    this.inFlight[wi]!.delete(msg.id);
    if (msg.error !== undefined) t.reject(new RangeError(`mass ${t.mass} GeV: ${msg.error}`));
    else {
      this.onTask?.({ mass: t.mass, worker: wi, sentMs: t.sentMs, doneMs: performance.now(), busyMs: msg.busyMs ?? 0 });
      t.resolve(msg.result as R);
    }
    this.top(wi);
  }

  /** A worker crashed: every task not answered fails, and the workers are not reused. */
  private fail(e: unknown): void {
    this.broken = true;
    for (const held of this.inFlight) for (const t of held.values()) t.reject(e);
    for (const t of this.waiting.splice(0)) t.reject(e);
    this.inFlight.forEach((h) => h.clear());
  }

  /** Give the workers back to the pool (or end them after a failure or with tasks still held). */
  async close(): Promise<void> {
    for (const t of this.waiting.splice(0)) t.reject(new Error("the task queue was closed"));
    if (this.broken || this.inFlight.some((h) => h.size > 0)) await Promise.all(this.pool.map((w) => w.terminate()));
    else returnWorkers(this.pool);
  }
}

/**
 * One Fig. 1 panel ({@link fig1} with its options) on `workers` threads (default: one per core):
 * the refinement asks for each mass as soon as it is known to be needed (lib/engine/reach
 * refineMassGridAhead), so the workers never wait for a round to end; the same data as
 * {@link fig1}. `onTask` receives each task's timing.
 */
export async function fig1OnWorkers(opts: Fig1Options, workers = cpus().length, onTask?: (t: TaskTiming) => void): Promise<Fig1Data> {
  return assembleFig1(opts.panel, await fig1MassesOnWorkers(opts, workers, onTask));
}

/**
 * The per-mass results of {@link fig1OnWorkers} (after the refinement, in mass order), for
 * callers that report them (`nudump reach`: the refined grid's size). With one thread, or
 * without the compiled worker, the rounds of lib/engine/reach refineMassGrid on
 * {@link runMassTasks}: the same results.
 */
export async function fig1MassesOnWorkers(opts: Fig1Options, workers = cpus().length, onTask?: (t: TaskTiming) => void): Promise<Fig1MassResult[]> {
  const masses = opts.masses ?? fig1Masses();
  // the grid and its refinement stay here: each task needs the per-mass options only
  const { masses: _grid, refine, ...taskOpts } = opts;
  if (refine === false) return runMassTasks("fig1", masses, taskOpts, workers, undefined, onTask);
  const file = workerFile();
  if (file === null || workers <= 1) return refineMassGrid(masses, (ms) => runMassTasks("fig1", [...ms], taskOpts, workers, undefined, onTask), (r) => r.mass, fig1EdgeList, refine ?? {});
  const queue = new MassTaskQueue<Fig1MassResult>(file, "fig1", taskOpts, workers, onTask);
  try {
    return await refineMassGridAhead(masses, (m, round) => queue.submit(m, round), (r) => r.mass, fig1EdgeList, refine ?? {});
  } finally {
    await queue.close();
  }
}
