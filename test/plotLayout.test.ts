import { describe, expect, it } from "vitest";
import { fig1Figure, fig2LeftFigure, fig2RightFigure, fig3Figure, fig3SpectrumFigure, fig4Figure, fig4RightFigure, fig2Right, FIG1_MISSING, panelBounds, panelMarkers, readFig3Bounds } from "../lib/figures";
import { BOUND_STYLES, boundLabel, drawBounds } from "../lib/plot/paper/bounds";
import * as plots from "../lib/plot";

type Fig = plots.Figure;
const legendOf = (f: Fig) => f.layout["legend"] as Record<string, unknown>;

/** The legend box of a figure placed inside the plot (null when it sits below the axes). */
function legendBox(f: Fig): plots.PaperBox | null {
  const l = legendOf(f);
  if (l["orientation"] === "h") return null;
  const { w, h } = plots.legendSize(plots.legendEntries(f.data), f.layout, (l["font"] as { size: number }).size);
  const x0 = l["xanchor"] === "right" ? (l["x"] as number) - w : l["xanchor"] === "left" ? (l["x"] as number) : (l["x"] as number) - w / 2;
  const y0 = l["yanchor"] === "top" ? (l["y"] as number) - h : (l["y"] as number);
  return { x0, x1: x0 + w, y0, y1: y0 + h };
}

/** A legend covers no data: inside the plot with no drawn point under it, or below the axes (y < 0). */
function expectLegendOffData(f: Fig): void {
  const box = legendBox(f);
  if (box === null) {
    expect(legendOf(f)["y"] as number).toBeLessThan(0);
    return;
  }
  expect(plots.legendOverlap(f, box)).toBe(0);
}

const curve = (n: number, f: (x: number) => number) => {
  const x = plots.logspace(1, 1000, n);
  return { x, y: x.map(f) };
};

describe("legend placement", () => {
  it("legendOverlap counts the points of a line crossing the box, and the filled area under it", () => {
    const f = plots.figure({ name: "t", title: "t", x: { title: "x", range: [0, 1] }, y: { title: "y", range: [0, 1] }, traces: [plots.line([0, 1], [0.5, 0.5], { name: "a" })], legend: {} });
    expect(plots.legendOverlap(f, { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 })).toBeGreaterThan(10);
    expect(plots.legendOverlap(f, { x0: 0.4, x1: 0.6, y0: 0.7, y1: 0.9 })).toBe(0);
    const g = plots.figure({ name: "t", title: "t", x: { title: "x", range: [0, 1] }, y: { title: "y", range: [0, 1] }, traces: [plots.region([0, 1, 1, 0], [0, 0, 1, 1], { name: "r" })], legend: {} });
    expect(plots.legendOverlap(g, { x0: 0.4, x1: 0.6, y0: 0.4, y1: 0.6 })).toBeGreaterThan(0);
  });

  it("goes to the first empty corner: a falling line leaves the top right free, a rising one the top left", () => {
    const falling = plots.figure({ name: "t", title: "t", x: { title: "x", log: true }, y: { title: "y", log: true }, traces: [plots.line(curve(30, (x) => 1 / x).x, curve(30, (x) => 1 / x).y, { name: "falling" })] });
    expect(legendOf(falling)["xanchor"]).toBe("right");
    expect(legendOf(falling)["yanchor"]).toBe("top");
    expectLegendOffData(falling);
    const rising = plots.figure({ name: "t", title: "t", x: { title: "x", log: true }, y: { title: "y", log: true }, traces: [plots.line(curve(30, (x) => x).x, curve(30, (x) => x).y, { name: "rising" })] });
    expect(legendOf(rising)["xanchor"]).toBe("left");
    expect(legendOf(rising)["yanchor"]).toBe("top");
    expectLegendOffData(rising);
  });

  it("goes below the axes when every corner holds data, and the figure grows by the room it needs", () => {
    const fill = plots.region([1, 1000, 1000, 1], [1, 1, 1000, 1000], { name: "everywhere" });
    const f = plots.figure({ name: "t", title: "t", x: { title: "x", log: true, range: [1, 1000] }, y: { title: "y", log: true, range: [1, 1000] }, traces: [fill], height: 400 });
    expect(legendOf(f)["orientation"]).toBe("h");
    expect(legendOf(f)["y"] as number).toBeLessThan(0);
    expect(f.layout["height"] as number).toBeGreaterThan(400);
  });

  it("puts no legend on data in the paper's figures (built from their data shapes)", () => {
    const br = fig2Right({ masses: plots.logspace(3e-3, 10, 30) });
    const edges = plots.logspace(100, 25000, 41);
    const sec = edges.slice(0, -1).map((e) => 10 * Math.exp(-((Math.log10(e) - 2.5) ** 2) / 0.2));
    const prim = edges.slice(0, -1).map((e) => (e > 4000 && e < 7000 ? 1e-6 * (e / 4000) ** 10 : 1e-320));
    const spec = { edges, secondary: { events: sec }, primary: { events: prim }, benchmark: { mN: 0.42, U2: 9e-7 } };
    const m = plots.logspace(0.005, 0.6, 12);
    const right = { masses: m, faser2: m.map((x) => 1e4 * x ** -1), faser2NoAngle: m.map((x) => 2e4 * x ** -1), charm2: m.map((x) => 1e3 * x ** -1.5), levels: { faser2: 20, charm2: 500 } };
    const pe = plots.logspace(100, 1e4, 31);
    const photon = (mN: number, k: number) => ({ mN, mu: 5e-7, edges: pe, quadrature: pe.slice(0, -1).map((e) => k * (e / 100) ** (mN > 1 ? 0.5 : -1) * Math.exp(-e / 2000)), sampled: pe.slice(0, -1).map(() => 0), errors: pe.slice(0, -1).map(() => 0), totalQuadrature: 1, nSampled: 200000, seed: 1 });
    for (const f of [fig2LeftFigure([photon(0.5, 5), photon(2, 0.02)]), fig2RightFigure(br), fig3SpectrumFigure(spec, "shape"), fig3SpectrumFigure(spec, "events"), fig4RightFigure(right)]) expectLegendOffData(f);
  });
});

describe("bounds drawn in the paper's figures", () => {
  it("each bound is labelled from its file (label, else title, else a known name, else the id) in physics notation", () => {
    expect(boundLabel("charm2", "name: charm2\ntitle: CHARM-II (nu_mu e scattering / upscattering), excluded region")).toBe("CHARM-II");
    expect(boundLabel("x", "label: ΔN_eff band\ntitle: something else")).toBe("ΔN<sub>eff</sub> band");
    expect(boundLabel("delphi_long", "")).toBe("DELPHI (long-lived)");
    expect(boundLabel("new_file", "")).toBe("new file");
  });

  it("Fig. 1: every bound of the panel is a separately styled region named on the plot; N = 3 and N = 30 differ; ≤ 760 px wide; legend off data", () => {
    const bounds = panelBounds("universal");
    const lines = [3, 30].map((level) => ({ name: `vessel-photons-N${level}`, label: `FASER 2 vessel γ, N = ${level}`, x: [0.01, 0.1, 1], y: [1e-5 / level, 1e-6 / level, 1e-7 / level], closed: false, level, color: "green", dash: "solid" }));
    const f = fig1Figure({ panel: "universal", lines, bounds, markers: panelMarkers("universal"), maxAllowed: {}, notes: [] });
    const texts = ((f.layout["annotations"] as { text: string }[] | undefined) ?? []).map((a) => a.text);
    expect(texts).toEqual(expect.arrayContaining(["CHARM-II", "MiniBooNE", "NOMAD", "LEP", "SN1987A", "BBN"]));
    const styles = drawBounds(bounds).map((b) => JSON.stringify([b.trace["fillcolor"], (b.trace["line"] as { dash: string }).dash, b.trace["fillpattern"] ?? null]));
    expect(new Set(styles).size).toBe(bounds.length);
    const widths = f.data.filter((t) => String(t["name"]).startsWith("FASER 2 vessel γ")).map((t) => (t["line"] as { width: number }).width);
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeGreaterThan(widths[1]! * 1.5);
    expect(f.data.map((t) => t["name"])).toEqual(expect.arrayContaining(["thick: N = 3 events", "thin: N = 30 events"]));
    expect(f.layout["width"] as number).toBeLessThanOrEqual(760);
    expectLegendOffData(f);
    expect((f.layout["title"] as { subtitle: { text: string } }).subtitle.text.replace(/<br>/g, " ")).toBe(plots.notation(FIG1_MISSING));
    expect(BOUND_STYLES.length).toBeGreaterThanOrEqual(6);
  });

  it("Fig. 3 left draws every shipped bound file: the region of interest hatched blue in the legend, any excluded region grey and named", () => {
    const bounds = readFig3Bounds();
    const f = fig3Figure({ lines: [{ x: [0.05, 1], y: [1e-8, 1e-8], label: "FASERν2 ν_μ e → N e, 20 events", color: "gold", dash: "solid" }], bounds, primaryEvents: { total: 3.6e-5 } });
    const roi = bounds.filter((b) => /roi/.test(b.name));
    expect(roi.length).toBeGreaterThan(0);
    expect(f.data.filter((t) => t["fillpattern"] && String(t["name"]).includes("RoI"))).toHaveLength(roi.length);
    const named = ((f.layout["annotations"] as { text: string }[] | undefined) ?? []).length;
    expect(named).toBe(bounds.length - roi.length);
    expect(f.data.some((t) => String(t["name"]).includes("ν<sub>μ</sub>"))).toBe(true);
    expect((f.layout["title"] as { subtitle: { text: string } }).subtitle.text).toContain("3.6×10⁻⁵");
    expectLegendOffData(f);
  });

  it("Fig. 3 left: a new excluded-region file (as the bounds directory may gain) is drawn grey and named from its title, without code changes", () => {
    const grey = { name: "minerva_charm2", x: [0.02, 1, 1, 0.02, 0.02], y: [1e-6, 1e-6, 1e-2, 1e-2, 1e-6], closed: true, provenance: "name: minerva_charm2\ntitle: MINERνA and CHARM-II (as in Ref. [82]), excluded region" };
    const shipped = readFig3Bounds();
    const f = fig3Figure({ lines: [], bounds: [...shipped, grey], primaryEvents: { total: 3.6e-5 } });
    const texts = ((f.layout["annotations"] as { text: string }[] | undefined) ?? []).map((a) => a.text);
    // one name per excluded region (the shipped ones that are not a region of interest, plus the new one)
    expect(texts).toHaveLength(shipped.filter((b) => !/roi/.test(b.name)).length + 1);
    expect(texts).toContain("MINERνA and CHARM-II");
    expect(f.data.some((t) => t["fill"] === "toself" && String(t["fillcolor"]).startsWith("rgba(120,120,120"))).toBe(true);
  });

  it("Fig. 4 left: a filled region open towards small U2 is filled down past the plot's bottom between its mass edges, not along a diagonal", () => {
    const line = { name: "zd-elastic", label: "FASERν2: N e → N e, N from Z_D → N N̄, 20 events", x: [0.6, 0.3, 0.1, 0.02, 0.01], y: [1e-12, 1e-4, 1e-3, 1e-2, 1e-12], openAt: ["low-coupling" as const] };
    const f = fig4Figure({ lines: [line], regions: [] }, [{ name: "zd-elastic", color: "red", dash: "solid", fill: true }]);
    const fill = f.data.find((t) => t["fill"] === "toself")!;
    const ys = fill["y"] as number[], xs = fill["x"] as number[];
    expect(ys.slice(-2).every((y) => y < 1e-10)).toBe(true);
    expect(xs.slice(-2)).toEqual([0.01, 0.6]);
    expect(f.data.some((t) => String(t["name"]).includes("Z<sub>D</sub>"))).toBe(true);
    expectLegendOffData(f);
  });

  it("Fig. 3 right: unit-area shapes on a 4-decade log axis; denormal bins stay below the axis", () => {
    const edges = plots.logspace(100, 25000, 41);
    const prim = edges.slice(0, -1).map((e) => (e > 4000 && e < 7000 ? 1e-6 : 1e-320));
    const sec = edges.slice(0, -1).map(() => 6);
    const f = fig3SpectrumFigure({ edges, secondary: { events: sec }, primary: { events: prim }, benchmark: { mN: 0.42, U2: 9e-7 } }, "shape");
    const r = (f.layout["yaxis"] as { range: [number, number] }).range;
    expect(r[1] - r[0]).toBeCloseTo(4 + Math.log10(3), 6);
    for (const t of f.data) for (const y of (t["y"] as number[])) expect(y).toBeGreaterThan(1e-300);
    expect(String(f.data[0]!["name"])).toContain("events");
  });
});
