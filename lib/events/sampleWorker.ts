/**
 * Worker-thread entry of lib/events/parallel.ts: builds the stream factory from the source once
 * (the mass point and its tables), says "ready" with the weight names and metadata, then
 * answers each chunk index with the encoded chunk (its buffer transferred, not copied), or with
 * an error message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ChunkEncoder } from "./chunks";
import { localFactory, type WorkerInput, type WorkerMessage, type WorkerTask } from "./parallel";

const input = workerData as WorkerInput;
const port = parentPort!;

function send(m: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

try {
  const factory = localFactory(input.source);
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
} catch (e) {
  send({ kind: "error", k: -1, message: `building the stream: ${e instanceof Error ? e.message : String(e)}` });
}
