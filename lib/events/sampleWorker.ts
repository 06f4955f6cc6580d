/**
 * Worker-thread entry of lib/events/parallel.ts. A worker serves one sample (a job) after
 * another: it stays alive in the pool between samples, so its compiled code is warm for the
 * next one. Per job it builds the stream factory from the source (for a source with a
 * prepareExport: prepares, then waits for the main thread's share and builds the factory with
 * it), or keeps the factory of its last job when the source is the same (module, export and
 * arguments); says "ready" with the weight names and metadata; then answers each chunk index
 * with the encoded chunk (its buffer transferred, not copied), or with an error message.
 */
import { parentPort } from "node:worker_threads";
import { ChunkEncoder } from "./chunks";
import type { ChunkFactory } from "./chunks";
import { localFactory, sourceExport, type ToWorker, type WorkerInput, type WorkerMessage } from "./parallel";

const port = parentPort!;

function send(m: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** The current job: its id, its encoder once the factory is built, and a share awaited from the main thread. */
let job: { id: number; input: WorkerInput; enc?: ChunkEncoder; prepared?: unknown } | undefined;
/** The factory of the last job, by its source's key. */
let kept: { key: string; factory: ChunkFactory } | undefined;

const sourceKey = (input: WorkerInput): string => JSON.stringify([input.source.module, input.source.exportName, input.source.args]);
const failed = (id: number, e: unknown): void => send({ kind: "error", id, k: -1, message: `building the stream: ${e instanceof Error ? e.message : String(e)}` });

/** Say ready and make the job's encoder. */
function serve(factory: ChunkFactory): void {
  const j = job!;
  kept = { key: sourceKey(j.input), factory };
  j.enc = new ChunkEncoder(factory, j.input.plan, j.input.format, j.input.compression);
  send({ kind: "ready", id: j.id, weightNames: [...factory.weightNames], meta: factory.meta });
}

function startJob(id: number, input: WorkerInput): void {
  job = { id, input };
  const src = input.source;
  if (kept?.key === sourceKey(input)) return serve(kept.factory);
  kept = undefined;
  if (src.prepareExport === undefined) serve(localFactory(src));
  else job.prepared = sourceExport(src, src.prepareExport)(src.args);
}

/** One chunk of the current job. */
function chunk(id: number, k: number, buffer: ArrayBuffer | undefined): void {
  try {
    const c = job!.enc!.encode(k);
    // the chunk's bytes copied into a buffer of their own (the spare one handed back, if large enough; else a new one 1/4 larger), which is transferred
    const room = buffer && buffer.byteLength >= c.bytes.length ? buffer : new ArrayBuffer(Math.ceil(1.25 * c.bytes.length) + 1024);
    const bytes = new Uint8Array(room, 0, c.bytes.length);
    bytes.set(c.bytes);
    send({ kind: "chunk", id, k, chunk: { bytes, summary: c.summary, ...(c.groups ? { groups: c.groups } : {}) } }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    send({ kind: "error", id, k, message: e instanceof Error ? e.message : String(e) });
  }
}

port.on("message", (m: ToWorker) => {
  if (m.kind === "job") {
    try {
      startJob(m.id, m.input);
    } catch (e) {
      failed(m.id, e);
    }
    return;
  }
  if (job?.id !== m.id) return;
  if (m.kind === "init") {
    if (job.enc !== undefined) return; // the kept factory serves (the share describes the same tables)
    try {
      const src = job.input.source;
      serve(sourceExport(src, src.exportName)(src.args, m.shared, job.prepared));
    } catch (e) {
      failed(m.id, e);
    }
  } else if (m.kind === "task") chunk(m.id, m.k, m.buffer);
  else job = undefined; // "end": drop the encoder's buffers (the kept factory stays)
});
