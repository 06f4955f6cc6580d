/**
 * The two ln|t| integration paths of lib/engine/tIntegration (per node for the first
 * PER_NODE_CALLS integrations of a process, batched with kernelMany after) give the same
 * production table bit for bit: a table tabulated entirely on the per-node path equals the
 * same table tabulated entirely on the batched path.
 */
import { describe, expect, it } from "vitest";
import { dipoleMassPoint, makeSetup, type ProductionTable } from "../lib/signatures";
import { batchableIntegrations, PER_NODE_CALLS } from "../lib/engine/tIntegration";

const setup = makeSetup("fasernu2-faser2");
const table = (mN: number): ProductionTable => dipoleMassPoint(mN, "universal", setup, { lazy: true }).production;

describe("ln|t| integration paths", () => {
  it("a table on the per-node path equals the same table on the batched path, node by node", () => {
    // this file's module instance starts with no integrations (vitest isolates test files)
    const perNode = table(0.5);
    expect(batchableIntegrations()).toBeLessThanOrEqual(PER_NODE_CALLS);
    while (batchableIntegrations() <= PER_NODE_CALLS) table(0.3);
    const before = batchableIntegrations();
    const batched = table(0.5);
    expect(batchableIntegrations()).toBeGreaterThan(before);
    expect(batched.cells.length).toBe(perNode.cells.length);
    expect(batched.nodes.length).toBe(perNode.nodes.length);
    expect(perNode.nodes.length).toBeGreaterThan(1000);
    for (const col of ["t", "EN", "weight"] as const) {
      const a = perNode.nodes[col], b = batched.nodes[col];
      let same = 0;
      for (let k = 0; k < a.length; k++) if (Object.is(a[k], b[k])) same++;
      expect(same, col).toBe(a.length);
    }
    expect(batched.cells.map((c) => c.weight)).toEqual(perNode.cells.map((c) => c.weight));
    expect(batched.total).toBe(perNode.total);
  });
});
