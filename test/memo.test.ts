/**
 * memo with async computations (lib/engine/memo.ts): equal inputs share one running promise,
 * a rejected computation is forgotten (the next call recomputes, as an edited and re-run
 * notebook cell needs), and the disk copy holds the resolved value, not the promise.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clearMemo, memo, memoSize } from "../lib/engine/memo";

afterEach(() => clearMemo());

describe("memo of async computations", () => {
  it("shares one running computation between equal inputs and recomputes for others", async () => {
    let calls = 0;
    const f = (x: number) => memo("async-sq", { x }, async () => (calls++, x * x));
    const [a, b] = await Promise.all([f(3), f(3)]);
    expect([a, b, calls]).toEqual([9, 9, 1]);
    expect(await f(4)).toBe(16);
    expect(calls).toBe(2);
  });

  it("forgets a rejected computation, so the next call runs again", async () => {
    let calls = 0;
    const f = () => memo("async-fail", { x: 1 }, async () => {
      calls++;
      if (calls === 1) throw new Error("first attempt fails");
      return "ok";
    });
    await expect(f()).rejects.toThrow("first attempt fails");
    await new Promise((r) => setImmediate(r));
    expect(memoSize()).toBe(0);
    expect(await f()).toBe("ok");
    expect(await f()).toBe("ok");
    expect(calls).toBe(2);
  });

  it("stores the resolved value on disk and reads it back after the memory is cleared", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-memo-async-"));
    try {
      expect(await memo("async-disk", { x: 2 }, async () => ({ v: 7 }), { dir })).toEqual({ v: 7 });
      await new Promise((r) => setImmediate(r));
      const files = readdirSync(dir);
      expect(files.length).toBe(1);
      expect((JSON.parse(readFileSync(path.join(dir, files[0]!), "utf8")) as { value: unknown }).value).toEqual({ v: 7 });
      clearMemo();
      const again = memo("async-disk", { x: 2 }, async () => ({ v: -1 }), { dir });
      expect(again).toBeInstanceOf(Promise); // as the computation returned it
      expect(await again).toEqual({ v: 7 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
