/**
 * Writing a sample with worker threads: the sample is cut into chunks (lib/events/chunks.ts,
 * per-chunk seeds from (seed, chunk index)), the chunks are generated and encoded (Parquet row
 * groups, or formatted text) on worker threads and on the main thread, which writes them in chunk
 * order (with n threads, n − 1 workers: the main thread is one of the generators, not an idle
 * writer, and its factory is often built already).
 * The file is byte-identical for any number of threads, and to the in-thread path used for small
 * samples (below {@link MIN_PARALLEL_EVENTS}, where starting workers costs more than it saves),
 * with one thread, and when running from the TypeScript sources (no compiled worker file).
 *
 * A stream's generators hold closures (mass points, samplers), which cannot be sent to a thread:
 * each worker rebuilds them from a {@link ChunkSource}, a module path, the name of its export
 * (a function of cloneable arguments returning a {@link ChunkFactory}) and those arguments. A
 * source with a `prepareExport` has its expensive numbers (production table, sampler plan) built
 * once, by this thread: a worker prepares what it can meanwhile (that export), then waits for
 * this thread's factory's `share()`, with which its factory is made.
 * Workers stay in a pool between samples ({@link closeSamplePool}); at most 2 chunks per thread are in flight.
 * An error in a chunk (on a worker or on the main thread) rejects the write with the chunk and the
 * message, and every worker is stopped.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { type ChunkFactory, ChunkFileWriter, chunkCount, type ChunkPlan, ChunkEncoder, type EncodedChunk, SAMPLE_CHUNK, WORKER_QUEUE } from "./chunks";
import type { ParquetCompression } from "./parquet";
import type { WriteSummary } from "./record";
import type { EventFormat } from "./write";

/**
 * Below this many events a sample is written in this thread: the workers' start-up costs more
 * than it saves. Measured (vessel photons, CPU time, node 20): a worker's cold start — loading
 * the library 110–140 ms, the setup 60–70 ms, the mass point's tables and first compilation in
 * its first chunk ~200 ms — is ~0.4 s, against 6–9 µs per event generated and encoded (Parquet,
 * HepMC3), so two workers break even at n ≈ 2 · 0.4 s / 7 µs ≈ 10⁵ events.
 */
export const MIN_PARALLEL_EVENTS = 100_000;

/** How a worker makes the streams: `require(module)[exportName](args)` returns a {@link ChunkFactory}. */
export interface ChunkSource<A = unknown> {
  /** Absolute path of a CommonJS module (compiled .js or .cjs; a .ts source runs in this thread) exporting `exportName`. */
  readonly module: string;
  readonly exportName: string;
  /** Structured-cloneable arguments of the export. */
  readonly args: A;
  /** The same export, called in this thread (when running from sources, where `module` is a .ts file). */
  readonly local?: (args: A) => ChunkFactory;
  /**
   * Optional export called by a worker with `args` at its start; the worker then waits for this
   * thread's factory's `share()` (the "init" message of {@link ToWorker}) and calls `exportName(args, shared, prepared)`.
   */
  readonly prepareExport?: string;
}

/** Options of {@link writeSample}. */
export interface SampleWriteOptions {
  readonly n: number;
  readonly seed: number;
  /** Generating threads, this one included (default os.availableParallelism()): n starts n − 1 workers; 1 writes in this thread. */
  readonly workers?: number;
  /** Events per chunk (default {@link SAMPLE_CHUNK}); part of what the bytes depend on. */
  readonly chunk?: number;
  /** Fewest events for which workers are started (default {@link MIN_PARALLEL_EVENTS}). */
  readonly minParallel?: number;
  readonly compression?: ParquetCompression;
  /** Called with the events written so far, after each chunk. */
  readonly onProgress?: (written: number) => void;
}

/** What {@link writeSample} resolves to: the weight sums, the weight names and metadata, and the threads used. */
export interface SampleWriteResult extends WriteSummary {
  readonly weightNames: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly workers: number;
}

/** What the worker entry (sampleWorker.ts) receives. */
export interface WorkerInput {
  readonly source: Omit<ChunkSource<unknown>, "local">;
  readonly plan: ChunkPlan;
  readonly format: EventFormat;
  readonly compression?: ParquetCompression;
}

/**
 * Messages to a pooled worker, each with its job's id: a job (a sample to serve); for a source
 * with a `prepareExport`, this thread's factory's share; a chunk to make (its index, and a spare
 * buffer to copy it into: a written chunk's, handed back); the end of the job.
 */
export type ToWorker =
  | { readonly kind: "job"; readonly id: number; readonly input: WorkerInput }
  | { readonly kind: "init"; readonly id: number; readonly shared: unknown }
  | { readonly kind: "task"; readonly id: number; readonly k: number; readonly buffer?: ArrayBuffer }
  | { readonly kind: "end"; readonly id: number };

/**
 * Young-generation limit of a worker's heap (MB). The text formats make ~1 kB of short-lived
 * strings per event; with V8's default (48 MB on 64-bit) the two workers of a 2-core machine
 * added ~40 MB to the peak RSS of a 3·10⁵-event HepMC3 sample (280 → 244 MB, CPU time unchanged
 * within the run-to-run spread).
 */
const WORKER_YOUNG_MB = 8;

/** A worker's messages: ready (factory built), a chunk, or an error. */
export type WorkerMessage =
  | { readonly kind: "ready"; readonly id: number; readonly weightNames: readonly string[]; readonly meta: Readonly<Record<string, unknown>> }
  | { readonly kind: "chunk"; readonly id: number; readonly k: number; readonly chunk: EncodedChunk }
  | { readonly kind: "error"; readonly id: number; readonly k: number; readonly message: string };

/**
 * Idle workers, kept between samples (unref'd: they never keep the process alive). A worker's
 * cold start costs more than its library load (~0.1 s CPU): its first chunks run before V8 has
 * compiled the generators and encoders (measured: 2 threads cost ~0.6 s more CPU than one on a
 * 3·10⁵-event Parquet sample with a new worker per sample); a pooled worker is warm from its
 * last sample. A worker that failed is terminated, not returned.
 */
const pool: Worker[] = [];
let jobs = 0;

/** A worker from the pool, or a new one. */
function takeWorker(wf: string): Worker {
  const w = pool.pop();
  if (w !== undefined) {
    w.ref();
    return w;
  }
  const fresh = new Worker(wf, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  fresh.on("exit", () => {
    const i = pool.indexOf(fresh);
    if (i >= 0) pool.splice(i, 1);
  });
  return fresh;
}

/** Stop the pooled workers (they are unref'd between samples anyway); the next sample starts new ones. */
export async function closeSamplePool(): Promise<void> {
  await Promise.all(pool.splice(0).map((w) => w.terminate()));
}

/** The compiled worker entry, or null when running from the TypeScript sources. */
function workerFile(): string | null {
  const f = path.join(__dirname, "sampleWorker.js");
  return __filename.endsWith(".js") && existsSync(f) ? f : null;
}

function checkOptions(opts: SampleWriteOptions): ChunkPlan {
  const { n, seed } = opts;
  const chunk = opts.chunk ?? SAMPLE_CHUNK;
  if (!Number.isInteger(n) || n < 1 || n > 1e12) throw new RangeError(`n = ${n} must be an integer in [1, 1e12]`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed = ${seed} must be an integer in [0, 4294967295]`);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 1 << 20) throw new RangeError(`chunk = ${chunk} must be an integer in [1, 2^20]`);
  if (opts.workers !== undefined && (!Number.isInteger(opts.workers) || opts.workers < 1 || opts.workers > 256)) throw new RangeError(`workers = ${opts.workers} must be an integer in [1, 256]`);
  return { n, seed, chunk };
}

/** An export of a source's module (RangeError if it has none of that name). */
export function sourceExport(source: Omit<ChunkSource<unknown>, "local">, name: string): (a: unknown, ...rest: unknown[]) => ChunkFactory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(source.module) as Record<string, (a: unknown, ...rest: unknown[]) => ChunkFactory>;
  const make = mod[name];
  if (typeof make !== "function") throw new RangeError(`module ${source.module} has no export ${JSON.stringify(name)}`);
  return make;
}

/** The factory of a source in this thread. */
export function localFactory<A>(source: ChunkSource<A>): ChunkFactory {
  if (source.local) return source.local(source.args);
  return sourceExport(source as Omit<ChunkSource<unknown>, "local">, source.exportName)(source.args);
}

/**
 * Write a sample of `opts.n` events from a source in a format to `file` (stdout for the text
 * formats when undefined), on worker threads when there are enough events (module comment).
 */
export async function writeSample<A>(source: ChunkSource<A>, format: EventFormat, file: string | undefined, opts: SampleWriteOptions): Promise<SampleWriteResult> {
  const plan = checkOptions(opts);
  const workers = Math.min(opts.workers ?? Math.max(1, availableParallelism()), chunkCount(plan));
  const wf = workerFile();
  const parallel = workers > 1 && plan.n >= (opts.minParallel ?? MIN_PARALLEL_EVENTS) && wf !== null && !/\.[cm]?tsx?$/.test(source.module);
  if (!parallel) return writeInThread(localFactory(source), plan, format, file, opts);
  return writeWithWorkers(wf, source, plan, format, file, workers, opts);
}

/** The in-thread path: the same chunks, one after the other. */
function writeInThread(factory: ChunkFactory, plan: ChunkPlan, format: EventFormat, file: string | undefined, opts: SampleWriteOptions): SampleWriteResult {
  const out = new ChunkFileWriter(format, file, factory, opts.compression);
  try {
    const enc = new ChunkEncoder(factory, plan, format, opts.compression);
    for (let k = 0; k < chunkCount(plan); k++) {
      out.append(enc.encode(k));
      opts.onProgress?.(out.total.events);
    }
  } catch (e) {
    out.abort();
    throw e;
  }
  return { ...out.close(), weightNames: factory.weightNames, meta: factory.meta, workers: 1 };
}

/**
 * The worker path (module comment) with `nThreads` generating threads: this thread and
 * nThreads − 1 workers. This thread builds its factory (while the workers start), writes the
 * header at once, and between the workers' messages makes chunks itself, one per turn of the
 * event loop, so no core waits while the workers start and the main thread is not an idle
 * writer. Chunks are handed out in order, at most 2 per thread in flight, written in order.
 */
function writeWithWorkers<A>(wf: string, source: ChunkSource<A>, plan: ChunkPlan, format: EventFormat, file: string | undefined, nThreads: number, opts: SampleWriteOptions): Promise<SampleWriteResult> {
  return new Promise<SampleWriteResult>((resolve, reject) => new ThreadedWrite(wf, source, plan, format, file, nThreads, opts, resolve, reject).start());
}

/** A made chunk waiting for its turn; `spare`: its buffer may go back to a worker (it is not this thread's encoder's own). */
interface DoneChunk {
  readonly c: EncodedChunk;
  readonly spare: boolean;
}

/** The state of one {@link writeWithWorkers} call. */
class ThreadedWrite<A> {
  private readonly total: number;
  private readonly maxInFlight: number;
  private readonly done = new Map<number, DoneChunk>();
  private readonly pool: Worker[] = [];
  private readonly id = ++jobs;
  /** Chunks handed to each worker and not yet returned (at most {@link WORKER_QUEUE}). */
  private readonly queued = new Map<Worker, number>();
  /** Written chunks' buffers, handed back to a worker (transferred), which copies its next chunk into one: no allocation per chunk. */
  private readonly spare: ArrayBuffer[] = [];
  private out: ChunkFileWriter | undefined;
  private head: ChunkFactory | undefined;
  private enc: ChunkEncoder | undefined;
  private nextK = 0;
  private writeK = 0;
  private finished = false;
  private mainScheduled = false;
  constructor(
    private readonly wf: string,
    private readonly source: ChunkSource<A>,
    private readonly plan: ChunkPlan,
    private readonly format: EventFormat,
    private readonly file: string | undefined,
    private readonly nThreads: number,
    private readonly opts: SampleWriteOptions,
    private readonly resolve: (r: SampleWriteResult) => void,
    private readonly reject: (e: Error) => void,
  ) {
    this.total = chunkCount(plan);
    this.maxInFlight = 2 * nThreads;
  }
  /** Start the workers, then build this thread's factory, open the file and take the first chunk. */
  start(): void {
    const { local: _local, ...portable } = this.source;
    const input: WorkerInput = { source: portable, plan: this.plan, format: this.format, ...(this.opts.compression ? { compression: this.opts.compression } : {}) };
    for (let i = 0; i < this.nThreads - 1; i++) this.startWorker(input);
    if (this.finished) return;
    try {
      this.head = localFactory(this.source);
    } catch (e) {
      return this.fail(new Error(`nudump sample: building the stream: ${e instanceof Error ? e.message : String(e)}`));
    }
    try {
      if (this.source.prepareExport !== undefined) {
        const init: ToWorker = { kind: "init", id: this.id, shared: this.head.share?.() };
        for (const w of this.pool) w.postMessage(init);
      }
      this.out = new ChunkFileWriter(this.format, this.file, this.head, this.opts.compression);
      this.enc = new ChunkEncoder(this.head, this.plan, this.format, this.opts.compression);
    } catch (e) {
      return this.fail(e as Error);
    }
    // chunk 0 is this thread's (warm, written without a copy); the workers' first chunks are queued at
    // once, so a worker starts as soon as its factory is built, not when this thread next turns its event loop
    this.nextK = 1;
    this.mainScheduled = true;
    setImmediate(() => this.mainStep(0));
    this.feedWorkers();
  }
  private startWorker(input: WorkerInput): void {
    let w: Worker;
    try {
      w = takeWorker(this.wf);
    } catch (e) {
      return this.fail(new Error(`nudump sample: starting a worker thread: ${e instanceof Error ? e.message : String(e)}`));
    }
    this.pool.push(w);
    this.queued.set(w, 0);
    w.postMessage({ kind: "job", id: this.id, input } satisfies ToWorker);
    w.on("message", (m: WorkerMessage) => {
      if (this.finished || m.id !== this.id) return;
      if (m.kind === "error") return this.fail(m.k < 0 ? new Error(`nudump sample: a worker thread failed ${m.message}`) : this.chunkError("a worker thread", m.k, m.message));
      if (m.kind === "chunk") {
        this.done.set(m.k, { c: m.chunk, spare: true });
        this.queued.set(w, this.queued.get(w)! - 1);
      }
      this.drain();
    });
    w.on("error", (e) => this.fail(new Error(`nudump sample: a worker thread failed: ${e.message}`)));
    w.on("exit", this.onExit);
  }
  private readonly onExit = (code: number): void => {
    if (!this.finished) this.fail(new Error(`nudump sample: a worker thread exited (code ${code}) before the sample was written`));
  };
  private fail(e: Error): void {
    if (this.finished) return;
    this.finished = true;
    for (const w of this.pool) {
      w.removeAllListeners("message").removeAllListeners("error").off("exit", this.onExit);
      void w.terminate();
    }
    this.out?.abort();
    this.reject(e);
  }
  private chunkError(who: string, k: number, message: string): Error {
    return new Error(`nudump sample: ${who} failed on chunk ${k} (events ${k * this.plan.chunk}…): ${message}`);
  }
  private canTake(): boolean {
    return this.nextK < this.total && this.nextK - this.writeK < this.maxInFlight;
  }
  /** Top up every worker's queue to {@link WORKER_QUEUE} chunks (each with a spare buffer when there is one), while chunks may be taken. */
  private feedWorkers(): void {
    for (let depth = 1; depth <= WORKER_QUEUE; depth++) {
      for (const w of this.pool) {
        if (!this.canTake()) return;
        if (this.queued.get(w)! >= depth) continue;
        const buffer = this.spare.pop();
        const task: ToWorker = { kind: "task", id: this.id, k: this.nextK++, ...(buffer ? { buffer } : {}) };
        this.queued.set(w, this.queued.get(w)! + 1);
        w.postMessage(task, buffer ? [buffer] : []);
      }
    }
  }
  /** Write the chunks that are next in order, hand out work, finish after the last chunk. */
  private drain(): void {
    const out = this.out;
    if (!out) return;
    try {
      for (let d = this.done.get(this.writeK); d !== undefined; d = this.done.get(this.writeK)) {
        this.done.delete(this.writeK++);
        out.append(d.c);
        // at most one spare buffer per chunk in flight (this thread's copies would otherwise add to them)
        if (d.spare && this.spare.length < this.maxInFlight) this.spare.push(d.c.bytes.buffer as ArrayBuffer);
        this.opts.onProgress?.(out.total.events);
      }
      this.feedWorkers();
      if (this.writeK === this.total) {
        this.finished = true;
        this.release();
        this.resolve({ ...out.close(), weightNames: this.head!.weightNames, meta: this.head!.meta, workers: this.nThreads });
      } else this.scheduleMain();
    } catch (e) {
      this.fail(e as Error);
    }
  }
  /** Back to the pool: every chunk came back, so each worker is idle; the job's listeners go. */
  private release(): void {
    for (const w of this.pool) {
      w.postMessage({ kind: "end", id: this.id } satisfies ToWorker);
      w.removeAllListeners("message").removeAllListeners("error").off("exit", this.onExit);
      w.unref();
      pool.push(w);
    }
  }
  private scheduleMain(): void {
    if (this.mainScheduled || this.finished || this.enc === undefined || !this.canTake()) return;
    this.mainScheduled = true;
    setImmediate(() => {
      if (!this.finished && this.canTake()) this.mainStep(this.nextK++);
      else this.mainScheduled = false;
    });
  }
  /** This thread's share: chunk k, one per turn of the event loop (the workers' messages are handled in between). */
  private mainStep(k: number): void {
    this.mainScheduled = false;
    if (this.finished) return;
    try {
      const c = this.enc!.encode(k);
      if (k === this.writeK) this.done.set(k, { c, spare: false });
      else {
        // the encoder reuses its buffers: a chunk that cannot be written now is copied (into a buffer of its own)
        const top = this.spare[this.spare.length - 1];
        const room = top !== undefined && top.byteLength >= c.bytes.length ? this.spare.pop()! : new ArrayBuffer(Math.ceil(1.25 * c.bytes.length) + 1024);
        const bytes = new Uint8Array(room, 0, c.bytes.length);
        bytes.set(c.bytes);
        this.done.set(k, { c: { bytes, summary: c.summary, ...(c.groups ? { groups: c.groups } : {}) }, spare: true });
      }
    } catch (e) {
      return this.fail(this.chunkError("the main thread", k, e instanceof Error ? e.message : String(e)));
    }
    this.drain();
  }
}
