/**
 * Trace builders (pure): curves, points, contour lines, shaded regions, histograms, shapes
 * and labels, as plain plotly JSON.
 */
import { requireFiniteArray, requireSameLength, type LayoutItem, type LineStyle, type Trace } from "./figure";

export function lineOf(style: LineStyle): Record<string, unknown> {
  const l: Record<string, unknown> = { width: style.width ?? 2 };
  if (style.color) l["color"] = style.color;
  if (style.dash) l["dash"] = style.dash;
  return l;
}

export function common(style: LineStyle): Record<string, unknown> {
  const c: Record<string, unknown> = { name: style.name };
  if (style.group) c["legendgroup"] = style.group;
  if (style.showlegend === false) c["showlegend"] = false;
  return c;
}

/**
 * A curve y(x) (plotly scatter, lines). Throws on non-finite values, unequal lengths or no points.
 * `breaks`: indices i where the segment from point i−1 to i is not drawn (a gap; e.g. a
 * contour open at a scan edge, lib/engine/reach `ReachLine.breaks`).
 */
export function line(x: readonly number[], y: readonly number[], style: LineStyle & { readonly breaks?: readonly number[] }): Trace {
  requireFiniteArray("x", x);
  requireFiniteArray("y", y);
  requireSameLength("x", x, "y", y);
  if (x.length === 0) throw new RangeError(`line "${style.name}" has no points (an empty curve would be a legend entry with nothing drawn)`);
  const xs: (number | null)[] = [...x], ys: (number | null)[] = [...y];
  const breaks = [...(style.breaks ?? [])].sort((a, b) => b - a);
  for (const i of breaks) {
    if (!(Number.isInteger(i) && i > 0 && i < x.length)) throw new RangeError(`breaks: ${i} is not a point index in [1, ${x.length - 1}]`);
    xs.splice(i, 0, null);
    ys.splice(i, 0, null);
  }
  return { type: "scatter", mode: "lines", x: xs, y: ys, ...(breaks.length > 0 ? { connectgaps: false } : {}), ...common(style), line: lineOf(style) };
}

/** A legend entry with nothing drawn: a key explaining a style (e.g. "thin: N = 30"). */
export function legendKey(style: LineStyle & { readonly fill?: string }): Trace {
  const t: Record<string, unknown> = { type: "scatter", mode: "lines", x: [null], y: [null], ...common(style), line: lineOf(style), hoverinfo: "skip" };
  if (style.fill) {
    t["fill"] = "toself";
    t["fillcolor"] = style.fill;
  }
  return t as Trace;
}

/** Points with optional symmetric error bars (plotly scatter, markers). */
export function points(x: readonly number[], y: readonly number[], style: LineStyle & { readonly yErr?: readonly number[]; readonly symbol?: string }): Trace {
  requireFiniteArray("x", x);
  requireFiniteArray("y", y);
  requireSameLength("x", x, "y", y);
  const t: Record<string, unknown> = { type: "scatter", mode: "markers", x: [...x], y: [...y], ...common(style), marker: { color: style.color, symbol: style.symbol ?? "circle", size: 7 } };
  if (style.yErr) {
    requireFiniteArray("yErr", style.yErr);
    requireSameLength("y", y, "yErr", style.yErr);
    t["error_y"] = { type: "data", array: [...style.yErr], visible: true };
  }
  return t as Trace;
}

/** A regular grid of values z[j][i] = f(x[i], y[j]) (row j is one y). */
export interface Grid {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly z: readonly (readonly number[])[];
}

/** Checks a grid's shape and values; non-finite z is allowed only as null (a hole). */
export function checkGrid(g: Grid): void {
  requireFiniteArray("grid.x", g.x);
  requireFiniteArray("grid.y", g.y);
  if (g.z.length !== g.y.length) throw new RangeError(`grid.z has ${g.z.length} rows but grid.y has ${g.y.length} values (row j is y[j])`);
  g.z.forEach((row, j) => {
    if (row.length !== g.x.length) throw new RangeError(`grid.z[${j}] has ${row.length} values but grid.x has ${g.x.length}`);
    requireFiniteArray(`grid.z[${j}]`, row);
  });
}

/**
 * Contour lines of a grid at the given levels, one plotly contour trace per level, each
 * labelled on the line with its value (formatted with the d3 format `labelFormat`). Works on
 * log axes too: plotly interpolates between neighbouring grid nodes, so use a grid dense
 * enough (log-spaced on a log axis) that a straight segment between nodes is accurate.
 */
export function contourLines(g: Grid, levels: readonly number[], style: LineStyle & { readonly labelFormat?: string }): Trace[] {
  checkGrid(g);
  requireFiniteArray("levels", levels);
  if (levels.length === 0) throw new RangeError("levels must hold at least one value");
  return levels.map((level, k) => ({
    type: "contour",
    x: [...g.x],
    y: [...g.y],
    z: g.z.map((r) => [...r]),
    autocontour: false,
    contours: {
      coloring: "lines",
      start: level,
      end: level,
      size: 1,
      showlabels: true,
      labelfont: { size: 12, color: style.color ?? "#000" },
      labelformat: style.labelFormat ?? "",
    },
    line: { ...lineOf(style), smoothing: 0 },
    colorscale: [
      [0, style.color ?? "#000"],
      [1, style.color ?? "#000"],
    ],
    showscale: false,
    hoverinfo: "skip",
    name: style.name,
    legendgroup: style.group ?? style.name,
    showlegend: style.showlegend === false ? false : k === 0,
  }));
}

/** Where an open boundary is closed into a polygon: straight to this y value, at its two ends. */
export interface CloseTo {
  readonly y: number;
}

/**
 * A shaded region bounded by the polygon (x[i], y[i]) (closed automatically), or by an
 * open line closed to a horizontal edge (`closeTo: { y: edge }`, e.g. the top of the plot for
 * an exclusion above a limit line). Plotly scatter with `fill: "toself"`.
 */
export function region(x: readonly number[], y: readonly number[], style: LineStyle & { readonly opacity?: number; readonly closeTo?: CloseTo }): Trace {
  requireFiniteArray("x", x);
  requireFiniteArray("y", y);
  requireSameLength("x", x, "y", y);
  if (x.length < 2) throw new RangeError(`a region needs at least 2 points (got ${x.length})`);
  const xs = [...x];
  const ys = [...y];
  if (style.closeTo) {
    requireFiniteArray("closeTo.y", [style.closeTo.y]);
    xs.push(xs[xs.length - 1] as number, xs[0] as number);
    ys.push(style.closeTo.y, style.closeTo.y);
  }
  const color = style.color ?? "#888";
  return {
    type: "scatter",
    mode: "lines",
    x: xs,
    y: ys,
    fill: "toself",
    fillcolor: color,
    opacity: style.opacity ?? 0.35,
    ...common(style),
    line: { ...lineOf(style), color, width: style.width ?? 1 },
    hoveron: "fills",
  };
}

/** A histogram given by its bin edges (n+1) and contents (n), with optional errors (n). */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly errors?: readonly number[];
}

/**
 * A histogram drawn as a step line (correct on log axes too, unlike plotly bars) plus
 * error bars at the bin centres (geometric centres when `logX`). Returns two traces sharing
 * one legend entry.
 */
export function histogram(h: Histogram, style: LineStyle & { readonly logX?: boolean }): Trace[] {
  requireFiniteArray("edges", h.edges);
  requireFiniteArray("counts", h.counts);
  if (h.edges.length !== h.counts.length + 1) throw new RangeError(`edges has ${h.edges.length} values but counts has ${h.counts.length} (allowed: edges = counts + 1)`);
  for (let i = 1; i < h.edges.length; i++) {
    if (!((h.edges[i] as number) > (h.edges[i - 1] as number))) throw new RangeError(`edges must increase strictly (edges[${i}] = ${h.edges[i]})`);
  }
  if (style.logX && !((h.edges[0] as number) > 0)) throw new RangeError(`edges[0] = ${h.edges[0]} must be > 0 with logX`);
  const stepX = [...h.edges];
  const stepY = [...h.counts, h.counts[h.counts.length - 1] as number];
  const group = style.group ?? style.name;
  const step: Trace = { type: "scatter", mode: "lines", x: stepX, y: stepY, line: { ...lineOf(style), shape: "hv" }, name: style.name, legendgroup: group, showlegend: style.showlegend !== false };
  const out: Trace[] = [step];
  if (h.errors) {
    requireFiniteArray("errors", h.errors);
    requireSameLength("counts", h.counts, "errors", h.errors);
    const centres = h.counts.map((_, i) => {
      const a = h.edges[i] as number;
      const b = h.edges[i + 1] as number;
      return style.logX ? Math.sqrt(a * b) : (a + b) / 2;
    });
    out.push({
      type: "scatter",
      mode: "markers",
      x: centres,
      y: [...h.counts],
      marker: { size: 1, color: style.color },
      error_y: { type: "data", array: [...h.errors], visible: true, color: style.color, thickness: 1.2, width: 3 },
      name: `${style.name} (errors)`,
      legendgroup: group,
      showlegend: false,
      hoverinfo: "x+y",
    });
  }
  return out;
}

/** A filled rectangle in data coordinates (plotly layout shape), e.g. a detector drawn to scale. */
export function rect(x0: number, x1: number, y0: number, y1: number, style: { readonly fill: string; readonly line?: string; readonly opacity?: number }): LayoutItem {
  requireFiniteArray("rect corners", [x0, x1, y0, y1]);
  return { type: "rect", xref: "x", yref: "y", x0, x1, y0, y1, fillcolor: style.fill, opacity: style.opacity ?? 1, line: { color: style.line ?? "#333", width: 1 }, layer: "below" };
}

/** A text label at a data point (plotly annotation, no arrow), in data coordinates on linear and log axes alike. */
export function label(x: number, y: number, text: string, opts: { readonly size?: number; readonly color?: string; readonly yshift?: number } = {}): LayoutItem {
  requireFiniteArray("label position", [x, y]);
  return { x, y, xref: "x", yref: "y", text, showarrow: false, font: { size: opts.size ?? 12, color: opts.color ?? "#222" }, yshift: opts.yshift ?? 0 };
}

