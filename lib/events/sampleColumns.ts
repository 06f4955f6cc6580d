/**
 * The dipole sampler's event columns (lib/engine/sampler EventTable) in memory, generated on
 * this thread and on worker threads that stay alive between calls (a pool, unref'd between
 * calls, so it never keeps the process alive): the sample is cut into chunks as a written sample
 * is (lib/events/chunks.ts: chunk k drawn from seed chunkSeed(seed, k), weights normalised to the
 * whole sample), each chunk copied into columns in shared memory at its place. The columns are
 * the same numbers for any number of threads. The workers build a mass point once per inputs,
 * taking the production table and sampler plan from this thread (dipoleSource.ts DipoleShared),
 * and keep it for the next call with the same inputs.
 *
 * The draws differ from {@link sampleDipole}'s (one stream of n events): the same distribution,
 * in chunks of their own seeds.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { seededRandom } from "../core/random";
import { type EventTable, type ForceDecay, sampleEvents } from "../engine/sampler";
import { atCoupling, dipoleDecayModel, signatureSelection } from "../models/dipole/sampling";
import { signatureTable } from "../models/dipole/signatures";
import { chunkCount, chunkSeed, SAMPLE_CHUNK, WORKER_QUEUE } from "./chunks";
import { adoptShared, type DipoleSampleInputs, type DipoleShared, prepareDipoleSample, shareOf } from "./dipoleSource";
import { columnsWorkerFile, COLUMN_NAMES, type ColumnsTask, type ColumnsReply, columnTable, columnViews, columnBytes } from "./columnsShared";

/** A thread's sampler for one set of inputs: the table, decay model and detector, and the factor μ_N². */
export interface ColumnSampler {
  readonly key: string;
  readonly shared: DipoleShared;
  readonly draw: (seed: number, m: number, weightDivisor: number, reuse?: EventTable) => EventTable;
  readonly names: { readonly flavours: readonly string[]; readonly channels: readonly string[]; readonly modes: readonly string[] };
}

/** The sampler of inputs `a` on this thread: the mass point built (or its table adopted from `shared`). */
export function columnSampler(a: DipoleSampleInputs, shared?: DipoleShared): ColumnSampler {
  const p = prepareDipoleSample(a);
  if (shared !== undefined) adoptShared(p.point, a.signature, shared);
  const table = signatureTable(p.point, a.signature);
  const decay = dipoleDecayModel(p.model);
  const detector = p.point.setup.detector;
  const forceDecay: ForceDecay = a.forceDecay ?? signatureSelection(a.signature).region;
  const draw = (seed: number, m: number, weightDivisor: number, reuse?: EventTable): EventTable =>
    atCoupling(sampleEvents(seededRandom(seed), table, decay, detector, { n: m, forceDecay, weightDivisor, ...(reuse ? { reuse } : {}) }), p.model.mu);
  return { key: JSON.stringify(a), shared: shared ?? shareOf(p.point, a.signature), draw, names: { flavours: table.flavours, channels: table.channels, modes: decay.modes } };
}

/** Draw chunk k of a sample into the shared columns (a reusable table for full chunks); returns its trials. */
export function drawChunkInto(s: ColumnSampler, task: Pick<ColumnsTask, "buffer" | "n" | "seed" | "chunk" | "k">, scratch: { ev?: EventTable }): number {
  const start = task.k * task.chunk, m = Math.min(task.chunk, task.n - start);
  const ev = s.draw(chunkSeed(task.seed, task.k), m, task.n, scratch.ev?.weight.length === m ? scratch.ev : undefined);
  if (m === task.chunk) scratch.ev = ev;
  const out = columnViews(task.buffer, task.n);
  for (const c of COLUMN_NAMES) out[c].set(ev[c], start);
  return ev.stats.trials;
}

/** Options of {@link sampleDipoleColumns}. */
export interface ColumnSampleOptions {
  readonly n: number;
  readonly seed: number;
  /** Threads, this one included (default os.availableParallelism()); the columns are the same for any number. */
  readonly workers?: number;
  /** Events per chunk (default SAMPLE_CHUNK); part of what the numbers depend on. */
  readonly chunk?: number;
}

let mainSampler: ColumnSampler | undefined;
const pool: { w: Worker; key?: string }[] = [];

function check(o: ColumnSampleOptions): { n: number; seed: number; chunk: number; threads: number } {
  const chunk = o.chunk ?? SAMPLE_CHUNK;
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > 2 ** 28) throw new RangeError(`n = ${o.n} must be an integer in [1, 2^28]`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new RangeError(`seed = ${o.seed} must be an integer in [0, 4294967295]`);
  if (!Number.isInteger(chunk) || chunk < 1 || chunk > 1 << 20) throw new RangeError(`chunk = ${chunk} must be an integer in [1, 2^20]`);
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 256)) throw new RangeError(`workers = ${o.workers} must be an integer in [1, 256]`);
  return { n: o.n, seed: o.seed, chunk, threads: Math.min(o.workers ?? Math.max(1, availableParallelism()), Math.ceil(o.n / chunk)) };
}

/**
 * n dipole-sampler events of inputs `a` (the columns of lib/engine/sampler, weights in expected
 * events at μ_N) on `workers` threads (module comment); the same numbers for any thread count.
 * Without a compiled worker file (running from the TypeScript sources) it runs in this thread.
 */
export async function sampleDipoleColumns(a: DipoleSampleInputs, opts: ColumnSampleOptions): Promise<EventTable> {
  const { n, seed, chunk, threads } = check(opts);
  if (mainSampler?.key !== JSON.stringify(a)) mainSampler = columnSampler(a);
  const s = mainSampler;
  const buffer = new SharedArrayBuffer(columnBytes(n));
  const plan = { buffer, n, seed, chunk };
  const total = chunkCount(plan);
  const wf = columnsWorkerFile();
  const nWorkers = wf === null ? 0 : threads - 1;
  while (pool.length < nWorkers) pool.push({ w: new Worker(wf!) });
  let next = 0, done = 0, trials = 0;
  const scratch = {};
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      void closeColumnPool(); // a failed worker may be dead: the next call starts new ones
      reject(e);
    };
    const finish = () => {
      if (done < total || failed) return;
      for (const p of pool.slice(0, nWorkers)) p.w.removeAllListeners("message").removeAllListeners("error").unref();
      resolve();
    };
    const give = (p: (typeof pool)[number]) => {
      if (next >= total) return;
      const task: ColumnsTask = { ...plan, k: next++, key: s.key, ...(p.key === s.key ? {} : { init: { args: a, shared: s.shared } }) };
      p.key = s.key;
      p.w.postMessage(task);
    };
    for (const p of pool.slice(0, nWorkers)) {
      p.w.ref();
      p.w.on("message", (r: ColumnsReply) => {
        if (r.error !== undefined) return fail(new Error(`sampleDipoleColumns: a worker thread failed on chunk ${r.k}: ${r.error}`));
        trials += r.trials;
        done++;
        give(p);
        finish();
      });
      p.w.on("error", (e) => fail(new Error(`sampleDipoleColumns: a worker thread failed: ${e.message}`)));
      // chunks queued (chunks.ts WORKER_QUEUE): a reply waits for this thread's current chunk (~6 ms)
      // before the worker is given the next, so with one in hand it would sit idle for that time
      for (let q = 0; q < WORKER_QUEUE; q++) give(p);
    }
    const mainStep = () => {
      if (failed || next >= total) return;
      try {
        trials += drawChunkInto(s, { ...plan, k: next++ }, scratch);
      } catch (e) {
        return fail(e instanceof Error ? e : new Error(String(e)));
      }
      done++;
      finish();
      setImmediate(mainStep);
    };
    mainStep();
  });
  return columnTable(buffer, n, s.names, trials);
}

/** Stop the pool's workers (they are unref'd between calls anyway); the next call starts new ones. */
export async function closeColumnPool(): Promise<void> {
  const ws = pool.splice(0);
  await Promise.all(ws.map((p) => p.w.terminate()));
}
