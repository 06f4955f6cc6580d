/** The single owners of small helpers in lib/core (grids, interpolation, text tables). */
import { describe, expect, it } from "vitest";
import { linGrid, logGrid } from "../lib/core/grids";
import { logInterpolant } from "../lib/core/interpolation";
import { lineCount, numberField, tableError, tableRows } from "../lib/core/textTable";
import { WeightedHistogram, weightedHistogram } from "../lib/core/histogram";

describe("grids", () => {
  it("logGrid: exact ends, constant ratio between neighbours; bad input is a RangeError naming it", () => {
    const g = logGrid(1e-3, 10, 9);
    expect(g[0]).toBe(1e-3);
    expect(g[8]).toBe(10);
    for (let i = 1; i < g.length; i++) expect(g[i]! / g[i - 1]!).toBeCloseTo(10 ** 0.5, 12);
    expect(() => logGrid(0, 1, 3)).toThrow(/a = 0/);
    expect(() => logGrid(1, 2, 1)).toThrow(/n = 1/);
  });
  it("linGrid: exact ends and equal steps", () => {
    const g = linGrid(-1, 1, 5);
    expect(g).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

describe("logInterpolant", () => {
  it("reproduces a power law E^a within the linear-interpolation bound a²h²/8 (h = ln 10 / 40), and f itself outside the range", () => {
    const a = 0.7, h = Math.LN10 / 40;
    const f = (E: number) => E ** a;
    const g = logInterpolant(f, 100, 1e4);
    const errs = logGrid(101, 9900, 57).map((E) => Math.abs(g(E) / f(E) - 1));
    expect(Math.max(...errs)).toBeLessThan(((a * h) ** 2 / 8) * 1.01);
    expect(Math.max(...errs)).toBeGreaterThan(0); // it interpolates, not calls f
    expect(g(50)).toBe(f(50));
    expect(g(2e4)).toBe(f(2e4));
  });
  it("an empty or reversed range is a RangeError, not a silent interpolant", () => {
    expect(() => logInterpolant((E) => E, 10, 10)).toThrow(/Emax = 10 must exceed Emin = 10/);
    expect(() => logInterpolant((E) => E, 0, 10)).toThrow(/Emin = 0/);
  });
});

describe("text tables", () => {
  it("skips blank and comment lines, keeps line numbers, hands comments to the caller", () => {
    const comments: string[] = [];
    const rows = tableRows("# head\n\n1 2\n  3\t4  \n", { onComment: (c) => comments.push(c) });
    expect(rows.map((r) => [r.line, r.fields])).toEqual([[3, ["1", "2"]], [4, ["3", "4"]]]);
    expect(comments).toEqual(["# head"]);
  });
  it("a non-number field is a RangeError naming source and line", () => {
    expect(numberField("1e-3", "f.txt", 2)).toBe(1e-3);
    expect(() => numberField("0x10", "f.txt", 7)).toThrow(/f.txt:7: "0x10"/);
  });
});

describe("weighted histogram", () => {
  it("Σw and √Σw² per bin [e_k, e_k+1): the lower edge in, the upper edge of the last bin out, values outside and NaN dropped", () => {
    const h = weightedHistogram([0, 1, 2, 2.5, 3, -1, NaN], [1, 2, 3, 4, 5, 6, 7], [0, 2, 3]);
    expect(h.sum).toEqual([3, 7]);
    expect(h.error[0]! / Math.sqrt(1 + 4) - 1).toBeLessThan(1e-15);
    expect(h.error[1]! / Math.sqrt(9 + 16) - 1).toBeLessThan(1e-15);
  });
  it("filled in blocks it equals the one-shot histogram (the blocked nudump spectrum loop), on log edges too", () => {
    const edges = logGrid(100, 1e4, 11);
    const x = logGrid(90, 1.1e4, 500), w = x.map((v, i) => 1 + (i % 7));
    const acc = new WeightedHistogram(edges);
    for (let i = 0; i < x.length; i++) acc.fill(x[i]!, w[i]!);
    expect(acc.sums()).toEqual(weightedHistogram(x, w, edges));
    const total = weightedHistogram(x, w, edges).sum.reduce((a, b) => a + b, 0);
    const inside = x.reduce((s, v, i) => s + (v >= 100 && v < 1e4 ? w[i]! : 0), 0);
    expect(total).toBe(inside);
  });
  it("bad edges or mismatched weights are RangeErrors naming them", () => {
    expect(() => weightedHistogram([1], [1], [0])).toThrow(/edges has 1 entries/);
    expect(() => new WeightedHistogram([0, 2, 1])).toThrow(/edges\[2\] = 1 must exceed edges\[1\] = 2/);
    expect(() => weightedHistogram([1, 2], [1], [0, 3])).toThrow(/values has 2 entries but weights has 1/);
  });
});

describe("table errors name the source and the line", () => {
  it("tableError and numberField write source:line: what", () => {
    expect(() => tableError("t.txt", 4, "bad row")).toThrow(new RangeError("t.txt:4: bad row"));
    expect(() => numberField("1e", "t.txt", 2, "column 1")).toThrow(/t\.txt:2: column 1 = "1e" is not a finite number/);
    expect(lineCount("a\nb\n")).toBe(3);
  });
});
