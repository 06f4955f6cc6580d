/**
 * Worker-thread entry of lib/events/sampleColumns.ts: keeps the sampler of the last inputs it was
 * given (built from the main thread's share), draws each chunk it is sent into the shared
 * columns and answers with its trials (or the error).
 */
import { parentPort } from "node:worker_threads";
import type { EventTable } from "../engine/sampler";
import type { ColumnsReply, ColumnsTask } from "./columnsShared";
import { type ColumnSampler, columnSampler, drawChunkInto } from "./sampleColumns";

const port = parentPort!;
let sampler: ColumnSampler | undefined;
let scratch: { ev?: EventTable } = {};

port.on("message", (task: ColumnsTask) => {
  try {
    if (task.init !== undefined) {
      sampler = columnSampler(task.init.args, task.init.shared);
      scratch = {};
    }
    if (sampler?.key !== task.key) throw new Error("no sampler for these inputs");
    const reply: ColumnsReply = { k: task.k, trials: drawChunkInto(sampler, task, scratch) };
    port.postMessage(reply);
  } catch (e) {
    const reply: ColumnsReply = { k: task.k, trials: 0, error: e instanceof Error ? e.message : String(e) };
    port.postMessage(reply);
  }
});
