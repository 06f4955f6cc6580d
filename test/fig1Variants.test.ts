/**
 * Issue 15 item 3: Fig. 1 variants from shared tables equal the variants computed on their own
 * (normalisation and decay-flavour variants; tables rescaled, widths recomputed), and the
 * memo returns the stored panel for equal inputs and recomputes for others.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fig1, fig1Cached, fig1Masses, fig1Variants, fig1VariantsMass, type Fig1Data, type Fig1Options } from "../lib/figures/fig1";
import { fig1VariantsOnWorkers } from "../lib/figures/parallel";
import { clearMemo, memo, memoSize, stableJson } from "../lib/engine/memo";

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
function worstDiff(a: Fig1Data, b: Fig1Data): number {
  expect(a.lines.map((l) => l.name)).toEqual(b.lines.map((l) => l.name));
  let w = 0;
  a.lines.forEach((l, i) => {
    expect(l.x.length).toBe(b.lines[i]!.x.length);
    l.x.forEach((x, j) => (w = Math.max(w, rel(x, b.lines[i]!.x[j]!), rel(l.y[j]!, b.lines[i]!.y[j]!))));
  });
  for (const [k, v] of Object.entries(b.maxAllowed)) w = Math.max(w, rel(a.maxAllowed[k]!.events, v.events));
  return w;
}

describe("Fig. 1 variants from shared tables", () => {
  const masses = fig1Masses(7);
  const variants: Fig1Options[] = [
    { panel: "tau", masses, refine: false },
    { panel: "tau", masses, refine: false, normalisation: "kling-nevay" },
    { panel: "tau", masses, refine: false, decayFlavours: 3 },
  ];
  it("each variant equals fig1 of its own options to 1e-9 (contour points and largest allowed counts)", async () => {
    const shared = await fig1Variants(variants);
    variants.forEach((o, v) => expect(worstDiff(shared[v]!, fig1(o))).toBeLessThan(1e-9));
    // the variants differ from each other (otherwise the check proves nothing)
    const vp = (d: Fig1Data) => d.maxAllowed["vessel-photons"]!.events;
    expect(rel(vp(shared[0]!), vp(shared[1]!))).toBeGreaterThan(1e-3);
    expect(rel(vp(shared[0]!), vp(shared[2]!))).toBeGreaterThan(1e-3);
  });

  it("with mass-grid refinement too (each variant its own refined grid)", async () => {
    const ref: Fig1Options[] = variants.slice(0, 2).map((o) => ({ ...o, masses: fig1Masses(5), refine: { maxRounds: 1 } }));
    const shared = await fig1Variants(ref);
    ref.forEach((o, v) => expect(worstDiff(shared[v]!, fig1(o))).toBeLessThan(1e-9));
  });

  it("through the worker-task runner (each mass its own base point, only the variants that asked) the same numbers", async () => {
    const ref: Fig1Options[] = variants.slice(0, 2).map((o) => ({ ...o, masses: fig1Masses(5), refine: { maxRounds: 1 } }));
    const [a, b] = [await fig1Variants(ref), await fig1VariantsOnWorkers(ref, 2)];
    ref.forEach((_, v) => expect(worstDiff(a[v]!, b[v]!)).toBe(0));
    // a mass serves only the variants that asked for it
    const one = fig1VariantsMass(fig1Masses(5)[2]!, { variants: ref, want: { [String(fig1Masses(5)[2]!)]: [1] } });
    expect(one[0]).toBeNull();
    expect(one[1]!.mass).toBe(fig1Masses(5)[2]!);
  });
});

describe("memo keyed by every input", () => {
  it("stable JSON ignores key order and undefined fields, rejects NaN and functions", () => {
    expect(stableJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(stableJson({ a: [1, { d: 2 }], b: 1 }));
    expect(() => stableJson({ x: NaN })).toThrow(/inputs.x = NaN/);
    expect(() => stableJson({ f: () => 1 })).toThrow(/function/);
  });
  it("equal inputs hit, other inputs recompute; the disk copy survives clearing the memory", () => {
    clearMemo();
    let calls = 0;
    const f = (x: number) => memo("sq", { x }, () => (calls++, { v: x * x }));
    expect(f(3).v).toBe(9);
    expect(f(3).v).toBe(9);
    expect(calls).toBe(1);
    expect(f(4).v).toBe(16);
    expect(calls).toBe(2);
    const dir = mkdtempSync(path.join(tmpdir(), "nudump-memo-"));
    memo("disk", { x: 1 }, () => ({ v: 42 }), { dir });
    clearMemo();
    expect(memoSize()).toBe(0);
    expect(memo("disk", { x: 1 }, () => ({ v: -1 }), { dir }).v).toBe(42);
    expect(readdirSync(dir).length).toBe(1);
  });
  it("fig1Cached returns the same panel object for equal options", () => {
    const o: Fig1Options = { panel: "universal", masses: fig1Masses(3), refine: false };
    expect(fig1Cached(o)).toBe(fig1Cached({ ...o }));
  });
});
