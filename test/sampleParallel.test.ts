/**
 * Samples written on worker threads (lib/events/parallel.ts): the compiled library (dist/, where
 * the worker file exists) writes every format byte-identically with 1, 2 and 3 threads (the main
 * thread and n − 1 workers) and in this thread from the TypeScript sources; pooled workers serve
 * the next sample (other inputs, or after a failure) with the same bytes; a failing worker rejects
 * the write with its message instead of hanging.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as src from "../lib/events";

const root = path.resolve(__dirname, "..");
const distIndex = path.join(root, "dist", "lib", "index.js");
if (!existsSync(distIndex)) throw new Error("dist/ is missing: run `npm run build` before this test");
const nd = createRequire(__filename)(distIndex) as typeof import("../lib");
const dir = mkdtempSync(path.join(tmpdir(), "nudump-parallel-"));
const inputs = { mN: 0.5, mu: 5e-7, signature: "vessel-photons" as const };
// 3 full chunks and a short one, small enough for a test; minParallel 0 starts workers anyway
const opts = { n: 3 * 1500 + 400, seed: 11, chunk: 1500, minParallel: 0 };

describe("writeSample on worker threads", () => {
  for (const format of nd.events.EVENT_FORMATS) {
    it(`${format}: 1, 2 and 3 threads and the in-thread path from the sources write the same bytes`, async () => {
      const files = ["w1", "w2", "src", "w3"].map((k) => path.join(dir, `${k}.${format}`));
      const r1 = await nd.events.writeSample(nd.events.dipoleSampleSource(inputs), format, files[0], { ...opts, workers: 1 });
      const r2 = await nd.events.writeSample(nd.events.dipoleSampleSource(inputs), format, files[1], { ...opts, workers: 2 });
      const r3 = await src.writeSample(src.dipoleSampleSource(inputs), format, files[2], { ...opts, workers: 2 });
      // 3 threads: this one and 2 workers make chunks in whatever order they finish
      const r4 = await nd.events.writeSample(nd.events.dipoleSampleSource(inputs), format, files[3], { ...opts, workers: 3 });
      expect([r1.workers, r2.workers, r3.workers, r4.workers]).toEqual([1, 2, 1, 3]);
      const [b1, b2, b3, b4] = files.map((f) => readFileSync(f));
      expect(b1!.length).toBeGreaterThan(opts.n * 50);
      expect(b2!.equals(b1!)).toBe(true);
      expect(b3!.equals(b1!)).toBe(true);
      expect(b4!.equals(b1!)).toBe(true);
      expect(r2.events).toBe(opts.n);
      expect(r2.weightSum).toBe(r1.weightSum);
    }, 120_000);
  }

  it("pooled workers serve one sample after another: other inputs, then after a failed write, the same bytes as one thread", async () => {
    const other = { ...inputs, mN: 0.3 };
    const f = (k: string) => path.join(dir, `pool-${k}.parquet`);
    const small = { n: 2 * 1500 + 100, seed: 4, chunk: 1500, minParallel: 0 };
    await nd.events.writeSample(nd.events.dipoleSampleSource(inputs), "parquet", f("a"), { ...small, workers: 2 });
    await nd.events.writeSample(nd.events.dipoleSampleSource(other), "parquet", f("b2"), { ...small, workers: 2 });
    await nd.events.writeSample(nd.events.dipoleSampleSource(other), "parquet", f("b1"), { ...small, workers: 1 });
    expect(readFileSync(f("b2")).equals(readFileSync(f("b1")))).toBe(true);
    expect(readFileSync(f("b2")).equals(readFileSync(f("a")))).toBe(false);
    await expect(nd.events.writeSample(failing("chunk"), "hepmc3", f("x"), { n: 3500, seed: 1, chunk: 1000, minParallel: 0, workers: 2 })).rejects.toThrow(/failed on chunk 3/);
    await nd.events.writeSample(nd.events.dipoleSampleSource(inputs), "parquet", f("a2"), { ...small, workers: 2 });
    expect(readFileSync(f("a2")).equals(readFileSync(f("a")))).toBe(true);
    await nd.events.closeSamplePool();
  }, 120_000);

  it("the chunked sample's weights sum to the stream's expectation: Σ weight_unselected/n-scaling holds chunk by chunk (one chunk vs many, within 4σ)", async () => {
    const one = await src.writeSample(src.dipoleSampleSource(inputs), "csv", path.join(dir, "one.csv"), { n: 6000, seed: 5, chunk: 6000 });
    const many = await src.writeSample(src.dipoleSampleSource(inputs), "csv", path.join(dir, "many.csv"), { n: 6000, seed: 5, chunk: 700 });
    const sigma = (s: typeof one) => Math.sqrt(Math.max(0, s.weightSumSquares - (s.weightSum * s.weightSum) / s.events));
    expect(Math.abs(one.weightSum - many.weightSum)).toBeLessThan(4 * Math.hypot(sigma(one), sigma(many)));
    expect(one.weightSum).not.toBe(many.weightSum); // different chunk seeds: a different sample
  });

  const failing = (failAt: string) => ({ module: path.join(root, "test/fixtures/events/failingSource.cjs"), exportName: "failingFactory", args: { failAt, chunk: 1000 } });
  it("an error in a chunk (a worker's or the main thread's) rejects the write with the chunk and the message (no hang)", async () => {
    const t0 = Date.now();
    await expect(nd.events.writeSample(failing("chunk"), "hepmc3", path.join(dir, "fail.hepmc3"), { n: 3500, seed: 1, chunk: 1000, minParallel: 0, workers: 2 })).rejects.toThrow(/(worker|main) thread failed on chunk 3 \(events 3000…\): deliberate failure in the chunk of 500 events/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
  it("an error while a worker builds the stream rejects the write", async () => {
    await expect(nd.events.writeSample(failing("build"), "parquet", path.join(dir, "fail.parquet"), { n: 3500, seed: 1, chunk: 1000, minParallel: 0, workers: 2 })).rejects.toThrow(/building the stream: deliberate failure while building/);
  });
  it("bad options are RangeErrors naming the option", async () => {
    await expect(nd.events.writeSample(failing("none"), "csv", path.join(dir, "x.csv"), { n: 0, seed: 1 })).rejects.toThrow(/n = 0 must be an integer/);
    await expect(nd.events.writeSample(failing("none"), "csv", path.join(dir, "x.csv"), { n: 10, seed: 1, workers: 0 })).rejects.toThrow(/workers = 0 must be an integer in \[1, 256\]/);
  });
});
