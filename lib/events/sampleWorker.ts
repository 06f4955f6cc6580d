/**
 * Worker-thread entry of lib/events/parallel.ts: builds the stream factory from the source once
 * (the mass point and its tables; for a source with a prepareExport: prepares, then waits for the
 * main thread's share and builds the factory with it), says "ready" with the weight names and metadata, then
 * answers each chunk index with the encoded chunk (its buffer transferred, not copied), or with
 * an error message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ChunkEncoder } from "./chunks";
import type { ChunkFactory } from "./chunks";
import { localFactory, sourceExport, type WorkerInit, type WorkerInput, type WorkerMessage, type WorkerTask } from "./parallel";

const input = workerData as WorkerInput;
const port = parentPort!;

function send(m: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** Say ready, then answer each chunk index with its encoded chunk. */
function serve(factory: ChunkFactory): void {
  send({ kind: "ready", weightNames: [...factory.weightNames], meta: factory.meta });
  const enc = new ChunkEncoder(factory, input.plan, input.format, input.compression);
  port.on("message", ({ k, buffer }: WorkerTask) => {
    try {
      const c = enc.encode(k);
      // the chunk's bytes copied into a buffer of their own (the spare one handed back, if large enough; else a new one 1/4 larger), which is transferred
      const room = buffer && buffer.byteLength >= c.bytes.length ? buffer : new ArrayBuffer(Math.ceil(1.25 * c.bytes.length) + 1024);
      const bytes = new Uint8Array(room, 0, c.bytes.length);
      bytes.set(c.bytes);
      send({ kind: "chunk", k, chunk: { bytes, summary: c.summary, ...(c.groups ? { groups: c.groups } : {}) } }, [bytes.buffer as ArrayBuffer]);
    } catch (e) {
      send({ kind: "error", k, message: e instanceof Error ? e.message : String(e) });
    }
  });
}

const failed = (e: unknown): void => send({ kind: "error", k: -1, message: `building the stream: ${e instanceof Error ? e.message : String(e)}` });

try {
  const src = input.source;
  if (src.prepareExport === undefined) serve(localFactory(src));
  else {
    const prepared = sourceExport(src, src.prepareExport)(src.args);
    port.once("message", ({ shared }: WorkerInit) => {
      try {
        serve(sourceExport(src, src.exportName)(src.args, shared, prepared));
      } catch (e) {
        failed(e);
      }
    });
  }
} catch (e) {
  failed(e);
}
