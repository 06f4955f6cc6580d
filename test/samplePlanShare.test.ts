/**
 * The production table and sampler plan handed from the main thread to the workers
 * (lib/events/dipoleSource.ts, lib/engine/samplerPlan.ts sharePlan/adoptPlan): a factory made
 * from another factory's share draws the same events as one that built everything itself, for
 * the full table (vessel) and the ECC sub-table derived from it; envelopes built through either
 * plan are seen by the other; a plan that does not fit the table is refused.
 */
import { describe, expect, it } from "vitest";
import { adoptPlan, samplerPlan, sharePlan } from "../lib/engine/samplerPlan";
import { dipoleSampleFactory, prepareDipoleSample } from "../lib/events/dipoleSource";
import type { ChunkFactory } from "../lib/events/chunks";
import { makeSetup } from "../lib/engine/setup";
import { dipoleMassPoint, signatureTable } from "../lib/models/dipole/signatures";

/** Every particle's four-momentum and the weights of a stream's events, as one array. */
function numbers(f: ChunkFactory, seed: number, n: number): number[] {
  const out: number[] = [];
  for (const r of f.stream(seed, n).events()) {
    for (let j = 0; j < r.nParticles; j++) out.push(r.pdg[j]!, r.px[j]!, r.py[j]!, r.pz[j]!, r.E[j]!);
    out.push(...r.weights);
  }
  return out;
}

describe("the sampler plan shared between threads", () => {
  for (const signature of ["vessel-photons", "ecc-photons-1tev"] as const) {
    it(`${signature}: a factory from another's share draws the same events, and the envelopes are shared`, () => {
      const a = { mN: 0.5, mu: 5e-7, signature };
      const main = dipoleSampleFactory(a);
      const shared = main.share!();
      const worker = dipoleSampleFactory(a, structuredClone(shared), prepareDipoleSample(a));
      const first = numbers(worker, 3, 2000); // the worker draws first: it builds the envelopes, in shared memory
      const plan = (shared as { plan: ReturnType<typeof sharePlan> }).plan;
      const built = new Uint8Array(plan.buffer).some((x) => x !== 0);
      expect(built).toBe(true);
      expect(numbers(main, 3, 2000)).toEqual(first);
      expect(numbers(worker, 4, 1000)).toEqual(numbers(main, 4, 1000));
    }, 60_000);
  }
  it("a plan of another table (other cells or channels), or for a table with a plan, is refused", () => {
    const setup = makeSetup("fasernu2-faser2");
    const p1 = dipoleMassPoint(0.5, "universal", setup, { lazy: true });
    const p2 = dipoleMassPoint(0.3, "universal", setup, { lazy: true });
    const sp = sharePlan(signatureTable(p1, "vessel-photons"));
    expect(() => adoptPlan(signatureTable(p1, "electron-scattering"), sp)).toThrow(RangeError);
    expect(() => adoptPlan(signatureTable(p1, "ecc-photons-1tev"), sp)).toThrow(/not of this table/);
    const t2 = signatureTable(p2, "vessel-photons");
    void samplerPlan(t2);
    expect(() => adoptPlan(t2, sp)).toThrow(/already has a sampler plan/);
  }, 60_000);
});
