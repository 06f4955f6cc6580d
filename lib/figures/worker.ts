/**
 * Worker-thread entry for independent per-mass tasks of the reach figures. Receives
 * { id, task, mass, opts } and answers { id, result, busyMs } (the task's time in this thread) or
 * { id, error }.
 */
import { parentPort } from "node:worker_threads";
import { fig1Mass, type Fig1Options, fig1VariantsMass, type Fig1VariantsTask } from "./fig1";
import { preferBatchedIntegration } from "../engine/tIntegration";

const TASKS: Record<string, (mass: number, opts: unknown) => unknown> = {
  fig1: (mass, opts) => fig1Mass(mass, opts as Fig1Options),
  fig1Variants: (mass, opts) => fig1VariantsMass(mass, opts as Fig1VariantsTask),
};

if (parentPort) {
  const port = parentPort;
  // a worker tabulates tens of mass points: the batched ln|t| path from the first (lib/engine/tIntegration)
  preferBatchedIntegration();
  port.on("message", (msg: { id: number; task: string; mass: number; opts: unknown }) => {
    try {
      const f = TASKS[msg.task];
      if (!f) throw new RangeError(`unknown task ${JSON.stringify(msg.task)}`);
      const t0 = performance.now();
      const result = f(msg.mass, msg.opts);
      port.postMessage({ id: msg.id, result, busyMs: performance.now() - t0 });
    } catch (e) {
      port.postMessage({ id: msg.id, error: (e as Error).message });
    }
  });
}
