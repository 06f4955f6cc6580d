/**
 * The in-memory sampler on threads (lib/events/sampleColumns.ts): the compiled library (dist/,
 * with the worker file) gives the same columns on 1, 2 and 3 threads and from the TypeScript
 * sources (in this thread), and twice in a row from the pooled workers; the sample agrees with
 * sampleDipole's (one stream) within its statistical error; bad options are RangeErrors.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as src from "../lib/events";
import { seededRandom } from "../lib/core/random";
import { makeSetup } from "../lib/engine/setup";
import { dipoleModel } from "../lib/models/dipole";
import { sampleDipole } from "../lib/models/dipole/sampling";
import { dipoleMassPoint } from "../lib/models/dipole/signatures";

const distIndex = path.resolve(__dirname, "..", "dist", "lib", "index.js");
if (!existsSync(distIndex)) throw new Error("dist/ is missing: run `npm run build` before this test");
const nd = createRequire(__filename)(distIndex) as typeof import("../lib");
const inputs = { mN: 0.5, mu: 5e-7, signature: "vessel-photons" as const };
const opts = { n: 5 * 1000 + 300, seed: 13, chunk: 1000 };
const columns = ["Enu", "t", "zDecay", "xDecay", "pxN", "EN", "Evis1", "weight", "flavourIndex", "channelIndex", "modeIndex"] as const;
const sums = (w: Float64Array) => {
  let s = 0, s2 = 0;
  for (const x of w) [s, s2] = [s + x, s2 + x * x];
  return { s, sigma: Math.sqrt(s2) };
};

afterAll(async () => {
  await nd.events.closeColumnPool();
});

describe("sampleDipoleColumns", () => {
  it("the same columns on 1, 2 and 3 threads, from the sources, and on a second call to the pool", async () => {
    const one = await nd.events.sampleDipoleColumns(inputs, { ...opts, workers: 1 });
    const runs = [
      await nd.events.sampleDipoleColumns(inputs, { ...opts, workers: 2 }),
      await nd.events.sampleDipoleColumns(inputs, { ...opts, workers: 3 }),
      await nd.events.sampleDipoleColumns(inputs, { ...opts, workers: 3 }),
      await src.sampleDipoleColumns(inputs, { ...opts, workers: 2 }),
    ];
    expect(one.weight.length).toBe(opts.n);
    expect(one.weight.every((w) => w > 0)).toBe(true);
    for (const r of runs) {
      for (const c of columns) expect(Array.from(r[c])).toEqual(Array.from(one[c]));
      expect(r.stats.trials).toBe(one.stats.trials);
      expect(r.decayMode.slice(0, 50)).toEqual(one.decayMode.slice(0, 50));
    }
  }, 120_000);

  it("agrees with sampleDipole (one stream of the same n): Σ weight within 4σ, another sample", async () => {
    const n = 20_000;
    const ours = await src.sampleDipoleColumns(inputs, { n, seed: 3 });
    const setup = makeSetup("fasernu2-faser2");
    const point = dipoleMassPoint(0.5, "universal", setup, { lazy: true });
    const theirs = sampleDipole(seededRandom(3), point, dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" }), "vessel-photons", n);
    const a = sums(ours.weight), b = sums(theirs.weight);
    expect(Math.abs(a.s - b.s)).toBeLessThan(4 * Math.hypot(a.sigma, b.sigma));
    expect(a.s).not.toBe(b.s);
    // the decay vertices of the forced decays lie in the vessel
    const v = setup.detector.vessel;
    expect(ours.zDecay.every((z) => z >= v.start && z <= v.start + v.length)).toBe(true);
  }, 60_000);

  it("bad options are RangeErrors naming the option", async () => {
    await expect(src.sampleDipoleColumns(inputs, { n: 0, seed: 1 })).rejects.toThrow(/n = 0/);
    await expect(src.sampleDipoleColumns(inputs, { n: 10, seed: -1 })).rejects.toThrow(/seed = -1/);
    await expect(src.sampleDipoleColumns(inputs, { n: 10, seed: 1, workers: 0 })).rejects.toThrow(/workers = 0/);
    await expect(src.sampleDipoleColumns(inputs, { n: 10, seed: 1, chunk: 0.5 })).rejects.toThrow(/chunk = 0.5/);
  });
});
