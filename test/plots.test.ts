import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import * as plots from "../lib/plot";
import { readXY } from "../lib/core/textTable";

const hasChromium = plots.chromiumPath() !== null;

describe("figure builders", () => {
  it("logspace has exact endpoints and a constant ratio between neighbours", () => {
    const xs = plots.logspace(1e-3, 10, 9);
    expect(xs[0]).toBe(1e-3);
    expect(xs[8]).toBe(10);
    // ratio 10^(4/8) = √10 everywhere
    for (let i = 1; i < xs.length; i++) expect((xs[i] as number) / (xs[i - 1] as number)).toBeCloseTo(Math.sqrt(10), 12);
    expect(() => plots.logspace(0, 1, 3)).toThrow(RangeError);
    expect(() => plots.logspace(1, 2, 1)).toThrow(RangeError);
  });

  it("linspace has exact endpoints and a constant step", () => {
    const xs = plots.linspace(-1, 1, 5);
    expect(xs).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it("a curve with a NaN, mismatched lengths or no points is refused, naming the offending point", () => {
    expect(() => plots.line([1, 2, 3], [1, NaN, 3], { name: "a" })).toThrow(/y\[1\] = NaN/);
    expect(() => plots.line([1, 2], [1, 2, 3], { name: "a" })).toThrow(/x has 2 points but y has 3/);
    expect(() => plots.line([1, Infinity], [1, 2], { name: "a" })).toThrow(RangeError);
    expect(() => plots.line([], [], { name: "empty" })).toThrow(/"empty" has no points/);
  });

  it("trace uids are functions of content and position: equal inputs give equal figures, different inputs different uids", () => {
    const mk = (y: number) =>
      plots.figure({ name: "t", title: "t", x: { title: "x" }, y: { title: "y" }, traces: [plots.line([1, 2], [y, 2], { name: "a" }), plots.line([1, 2], [y, 2], { name: "a" })] });
    const a = mk(1);
    const b = mk(1);
    const c = mk(1.5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.data[0]?.["uid"]).not.toBe(c.data[0]?.["uid"]);
    // two identical traces in one figure still get distinct ids
    expect(a.data[0]?.["uid"]).not.toBe(a.data[1]?.["uid"]);
  });

  it("figure names must be usable as file names", () => {
    const spec = { title: "t", x: { title: "x" }, y: { title: "y" }, traces: [] };
    expect(() => plots.figure({ ...spec, name: "Bad Name" })).toThrow(RangeError);
    expect(() => plots.figure({ ...spec, name: "../x" })).toThrow(RangeError);
    expect(plots.figure({ ...spec, name: "fig-1a" }).name).toBe("fig-1a");
  });

  it("log-axis ranges and annotations are given in data units and converted to log10 for plotly", () => {
    const f = plots.figure({
      name: "t", title: "t",
      x: { title: "x", log: true, range: [1e-3, 1e2] }, y: { title: "y", range: [0, 1] },
      traces: [], annotations: [plots.label(100, 0.5, "here")],
    });
    expect((f.layout["xaxis"] as { range: number[] }).range).toEqual([-3, 2]);
    expect((f.layout["yaxis"] as { range: number[] }).range).toEqual([0, 1]);
    const a = (f.layout["annotations"] as { x: number; y: number }[])[0];
    expect(a?.x).toBe(2); // log10(100)
    expect(a?.y).toBe(0.5); // linear axis untouched
    expect(() => plots.figure({ name: "t", title: "t", x: { title: "x", log: true, range: [0, 1] }, y: { title: "y" }, traces: [] })).toThrow(/> 0 on a log axis/);
  });

  it("drawings to scale: rect() shapes are refused on log axes, and scaleanchor makes 1 m equal on both axes", () => {
    const r = plots.rect(0, 1, -1, 1, { fill: "#ccc" });
    expect(() => plots.figure({ name: "t", title: "t", x: { title: "x", log: true }, y: { title: "y" }, traces: [], shapes: [r] })).toThrow(RangeError);
    const f = plots.figure({ name: "t", title: "t", x: { title: "x" }, y: { title: "y", scaleanchor: "x" }, traces: [], shapes: [r] });
    expect(f.layout["yaxis"]).toMatchObject({ scaleanchor: "x", scaleratio: 1 });
  });

  it("contourLines gives one line-only trace per level, each drawn exactly at its level", () => {
    const g = { x: [1, 2, 3], y: [10, 20], z: [[1, 2, 3], [4, 5, 6]] };
    const t = plots.contourLines(g, [3, 30], { name: "N", color: "green" });
    expect(t).toHaveLength(2);
    t.forEach((tr, k) => {
      const c = tr["contours"] as { start: number; end: number; coloring: string; showlabels: boolean };
      expect(c.start).toBe([3, 30][k]);
      expect(c.end).toBe(c.start);
      expect(c.coloring).toBe("lines");
      expect(c.showlabels).toBe(true);
    });
    expect(t.filter((tr) => tr["showlegend"] !== false)).toHaveLength(1); // one legend entry per family
    expect(() => plots.contourLines({ ...g, z: [[1, 2, 3]] }, [1], { name: "N" })).toThrow(/rows/);
    expect(() => plots.contourLines({ ...g, z: [[1, 2], [3, 4]] }, [1], { name: "N" })).toThrow(/grid.z\[0\]/);
  });

  it("an open bound line closed to an edge becomes a polygon with two extra corners at that edge", () => {
    const r = plots.region([1, 2, 3], [5, 4, 5], { name: "excluded", closeTo: { y: 10 } });
    expect(r["x"]).toEqual([1, 2, 3, 3, 1]);
    expect(r["y"]).toEqual([5, 4, 5, 10, 10]);
    expect(r["fill"]).toBe("toself");
  });

  it("bound files: two columns with comments parse; a malformed row is reported with its line number", () => {
    expect(readXY("# m  eps\n0.01 1e-5\n\n0.1, 2e-6 # inline\n")).toEqual({ x: [0.01, 0.1], y: [1e-5, 2e-6] });
    expect(() => readXY("1 2\nfoo bar\n", "bounds.txt")).toThrow(/bounds.txt:2: /);
    expect(() => readXY("# only comments\n")).toThrow(/no data rows/);
  });

  it("a histogram is a step line over its edges plus error bars at the (geometric, on log x) bin centres", () => {
    const [step, err] = plots.histogram({ edges: [1, 4, 16], counts: [5, 7], errors: [1, 2] }, { name: "h", logX: true });
    expect(step?.["x"]).toEqual([1, 4, 16]);
    expect(step?.["y"]).toEqual([5, 7, 7]); // last level repeated to close the final bin
    expect((step?.["line"] as { shape: string }).shape).toBe("hv");
    expect(err?.["x"]).toEqual([2, 8]); // √(1·4), √(4·16)
    expect((err?.["error_y"] as { array: number[] }).array).toEqual([1, 2]);
    const [, lin] = plots.histogram({ edges: [0, 2, 6], counts: [1, 1], errors: [0, 0] }, { name: "h" });
    expect(lin?.["x"]).toEqual([1, 4]);
    expect(() => plots.histogram({ edges: [1, 2], counts: [1, 2] }, { name: "h" })).toThrow(/edges = counts \+ 1/);
    expect(() => plots.histogram({ edges: [2, 1, 3], counts: [1, 2] }, { name: "h" })).toThrow(/increase/);
  });

  it("the CSV export has one row per plotted point and one per grid node", () => {
    const f = plots.figure({
      name: "t", title: "t", x: { title: "x" }, y: { title: "y" },
      traces: [plots.line([1, 2, 3], [4, 5, 6], { name: "a, quoted" }), plots.contourLines({ x: [1, 2], y: [1, 2, 3], z: [[1, 2], [3, 4], [5, 6]] }, [2], { name: "c" })],
    });
    const lines = plots.figureCsv(f).trimEnd().split("\n");
    expect(lines[0]).toBe("trace,name,x,y,z,error_y");
    expect(lines).toHaveLength(1 + 3 + 6);
    expect(lines[1]).toBe('0,"a, quoted",1,4,,');
    expect(lines[4]).toBe("1,c,1,1,1,"); // z[0][0] at (x[0], y[0])
    expect(lines[9]).toBe("1,c,2,3,6,"); // z[2][1] at (x[1], y[2])
  });
});

describe("mime bundle", () => {
  const fig = plots.figure({ name: "demo", title: "A </script> title", x: { title: "x" }, y: { title: "y" }, traces: [plots.line([1, 2], [3, 4], { name: "a" })] });
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

  it("stores the plot once: the plotly figure, one PNG fallback and plain text (no HTML copy)", () => {
    const b = plots.mimeBundle(fig, png);
    expect(Object.keys(b).sort()).toEqual(["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
    expect((b["application/vnd.plotly.v1+json"] as { data: unknown[] }).data).toEqual(fig.data);
    expect(b["image/png"]).toBe(png.toString("base64"));
    expect(b["text/plain"]).toBe("<Figure demo: A  title; 1 traces>") // tags stripped;
  });

  it("without a static image the bundle has the figure and text only", () => {
    const b = plots.mimeBundle(fig, null);
    expect(Object.keys(b).sort()).toEqual(["application/vnd.plotly.v1+json", "text/plain"]);
  });

  it("show() outside a tslab kernel fails with a clear message instead of printing nothing", async () => {
    await expect(plots.show(fig)).rejects.toThrow(/tslab notebook kernel/);
  });
});

describe.skipIf(!hasChromium)("static rendering in headless Chromium", () => {
  it("draws PNG and SVG offline, and the same figure twice gives identical bytes", async () => {
    const f = plots.figure({
      name: "r", title: "r", x: { title: "x", log: true }, y: { title: "y", log: true },
      traces: [plots.line(plots.logspace(1, 100, 20), plots.logspace(1, 100, 20), { name: "a" }), plots.contourLines({ x: [1, 10, 100], y: [1, 10, 100], z: [[1, 2, 3], [2, 3, 4], [3, 4, 5]] }, [2.5], { name: "c" })],
    });
    const [a, b] = await plots.renderStatic([f, f]);
    expect(a?.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(a?.png.readUInt32BE(16)).toBe(760); // IHDR width = default width at scale 1
    expect(a?.svg.startsWith("<svg")).toBe(true);
    expect(a?.svg).toContain(">r<"); // the title was drawn
    expect(b?.png.equals(a!.png)).toBe(true);
    expect(b?.svg).toBe(a?.svg);
  });

  it("on 2 pages: the same images in the same order as on one, PNG-only draws equal to the PNG of a full draw", async () => {
    const mk = (name: string, k: number) => plots.figure({ name, title: name, x: { title: "x", log: true }, y: { title: "y" }, traces: [plots.line([1, 10, 100], [k, 2 * k, 4 * k], { name: `k = ${k}` })] });
    const figs = [mk("p", 1), mk("q", 2), mk("s", 3)];
    const one = await plots.renderStatic(figs, { pages: 1 });
    const two = await plots.renderStatic(figs, { pages: 2 });
    const pngOnly = await plots.renderStatic(figs, { svg: false, pages: 2 });
    expect(two.map((i) => i.svg)).toEqual(one.map((i) => i.svg));
    two.forEach((img, k) => expect(img.png.equals(one[k]!.png)).toBe(true));
    pngOnly.forEach((img, k) => expect([img.svg, img.png.equals(one[k]!.png)]).toEqual(["", true]));
    expect(one[0]!.svg).not.toBe(one[1]!.svg); // the figures differ, so the order is tested
    await expect(plots.renderStatic(figs, { pages: 0 })).rejects.toThrow(RangeError);
  });
});

if (!hasChromium) {
  describe("static rendering in headless Chromium", () => {
    it.skip("skipped: /usr/bin/chromium is missing (apt-get install chromium, or set NUDUMP_CHROMIUM)", () => {});
  });
}

// Keep the module import honest: the generic plotting layer has no physics in it.
it("lib/plot's generic builders import nothing from the physics modules", () => {
  const dir = path.join(__dirname, "..", "lib", "plot");
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    expect(src, f).not.toMatch(/from "\.\.\/(models|flux|ip|engine|detector)/);
  }
});
