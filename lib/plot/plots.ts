/**
 * Plotting layer: turns arrays of numbers into plotly figures, and shows them in a tslab
 * notebook. It knows nothing of physics — callers pass numbers already converted out of
 * natural units (metres, GeV, cm², …) and name the axes.
 *
 * Three parts:
 * 1. Figure builders (pure): {@link figure}, {@link line}, {@link contourLines},
 *    {@link region}, {@link histogram}, {@link rect}, {@link label}. They validate their input
 *    (RangeError naming the argument) so that a NaN never reaches a plot silently, and give
 *    every trace a deterministic `uid`, so that a re-executed notebook is byte-identical.
 * 2. Static rendering: {@link renderStatic} draws figures to PNG and SVG in headless Chromium
 *    (Debian's `/usr/bin/chromium`, driven by playwright-core, plotly.js from node_modules, no
 *    network). One browser for a whole batch; `Math.random` is seeded in the page so that
 *    plotly's internal ids, hence the SVG bytes, are reproducible.
 * 3. Display: {@link show} sends one Jupyter display_data message whose mime bundle holds
 *    - `application/vnd.plotly.v1+json`: the figure, drawn interactively by front-ends that
 *      know plotly (JupyterLab with the plotly renderer, VS Code, nteract);
 *    - `text/html`: a div holding the static PNG plus a script that replaces it by the
 *      interactive plot when plotly.js can be had offline (already on the page, as in the
 *      project's report, or from `node_modules` through the Jupyter server's `/files/`);
 *    - `image/png`: the static fallback for GitHub's viewer and other static renderers;
 *    - `text/plain`: a one-line description.
 *    tslab's public `display` API sends a single mime type per message (`display.raw(type, …)`),
 *    so a bundle goes through tslab's own message writer (`tslab/dist/jupyter`
 *    `lastWriteDisplayData`, the function `display.raw` itself calls), pinned to tslab 1.0.22.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as url from "node:url";
import { dataToPaper, labelPoint, paperToData, placeLegend, textSize, type PaperBox } from "./layout";

export { notation, plainText, sci, superscript, wrap, type SciOptions } from "./text";
export { labelPoint, legendEntries, legendOverlap, legendSize, paperPolylines, placeLegend, type LegendPlacement, type PaperBox } from "./layout";

// ---------------------------------------------------------------------------------------
// Types

/** A plotly trace: a plain JSON object with at least a `type`. */
export interface Trace {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A plotly layout shape (rectangle, line, path) or annotation: plain JSON. */
export type LayoutItem = Readonly<Record<string, unknown>>;

/** A figure: plotly data and layout, plus the file-friendly name used by the figure export. */
export interface Figure {
  /** Short name, `[a-z0-9-]+`; the figure export writes `<notebook>/<nn>-<name>.png` etc. */
  readonly name: string;
  readonly data: readonly Trace[];
  readonly layout: Readonly<Record<string, unknown>>;
}

/** One axis. */
export interface AxisSpec {
  /** Axis title, with its unit: "E<sub>ν</sub> [GeV]". Plotly accepts <sub>, <sup>, <i>. */
  readonly title: string;
  /** Logarithmic axis. */
  readonly log?: boolean;
  /** Visible range in data units (both ends > 0 on a log axis). */
  readonly range?: readonly [number, number];
  /** Same scale as another axis ("x"), for drawings to scale. */
  readonly scaleanchor?: "x" | "y";
}

/** Options common to line-like traces. */
export interface LineStyle {
  /** Legend entry. */
  readonly name: string;
  /** CSS colour. */
  readonly color?: string;
  /** Plotly dash style: "solid", "dash", "dot", "dashdot", "longdash". */
  readonly dash?: string;
  /** Line width in px. */
  readonly width?: number;
  /** Legend group: traces in one group toggle together. */
  readonly group?: string;
  /** Hide from the legend. */
  readonly showlegend?: boolean;
}

// ---------------------------------------------------------------------------------------
// Validation

function requireFiniteArray(name: string, xs: readonly number[]): void {
  if (!Array.isArray(xs)) throw new RangeError(`${name} must be an array of numbers`);
  xs.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] = ${String(v)} is not a finite number (allowed: finite reals)`);
    }
  });
}

function requireSameLength(a: string, xs: readonly unknown[], b: string, ys: readonly unknown[]): void {
  if (xs.length !== ys.length) throw new RangeError(`${a} has ${xs.length} points but ${b} has ${ys.length} (allowed: equal lengths)`);
}

function requireName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new RangeError(`figure name = ${JSON.stringify(name)} must match [a-z0-9][a-z0-9-]* (it becomes a file name)`);
}

/** Deterministic trace id from the trace's content and its position. */
function uidFor(content: unknown, index: number): string {
  return crypto.createHash("sha256").update(`${index}:${JSON.stringify(content)}`).digest("hex").slice(0, 12);
}

// ---------------------------------------------------------------------------------------
// Builders

/** Default font: DejaVu Sans is installed with Debian's fonts-dejavu-core (see environment.md). */
export const defaultFont = { family: "DejaVu Sans, Liberation Sans, Arial, sans-serif", size: 13 } as const;

/** Default static size in CSS px (PNG in the notebook, PNG and SVG in figures/). */
export const defaultSize = { width: 760, height: 480 } as const;

function axis(spec: AxisSpec, name: "x" | "y"): Record<string, unknown> {
  const out: Record<string, unknown> = {
    title: { text: spec.title },
    type: spec.log ? "log" : "linear",
    showline: true,
    mirror: true,
    ticks: "inside",
    linecolor: "#444",
    gridcolor: "#e5e5e5",
    zeroline: false,
    exponentformat: "power",
  };
  if (spec.range) {
    const [a, b] = spec.range;
    requireFiniteArray(`${name}.range`, [a, b]);
    if (spec.log) {
      if (!(a > 0 && b > 0)) throw new RangeError(`${name}.range = [${a}, ${b}] must be > 0 on a log axis`);
      out["range"] = [Math.log10(a), Math.log10(b)];
    } else {
      out["range"] = [a, b];
    }
  }
  if (spec.scaleanchor) {
    out["scaleanchor"] = spec.scaleanchor;
    out["scaleratio"] = 1;
  }
  return out;
}

/** Options of {@link figure}. */
export interface FigureSpec {
  readonly name: string;
  readonly title: string;
  /** A second, smaller title line (plotly title.subtitle), e.g. what the plot does not show. */
  readonly subtitle?: string;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  /** Traces, or arrays of traces (as returned by {@link contourLines}, {@link histogram}). */
  readonly traces: readonly (Trace | readonly Trace[])[];
  readonly shapes?: readonly LayoutItem[];
  readonly annotations?: readonly LayoutItem[];
  readonly width?: number;
  readonly height?: number;
  /**
   * Legend position: "auto" (default) puts it in the first corner of the plot area where it
   * covers no data, else below the axes (lib/plotLayout `placeLegend`); "below" always below
   * the axes; or an explicit plotly legend object.
   */
  readonly legend?: Readonly<Record<string, unknown>> | "auto" | "below";
  /** Legend font size, px (default 11). */
  readonly legendFontSize?: number;
  /**
   * Regions to name on the plot: each label is written at the point of its polygon (data
   * coordinates) farthest from the edge, preferring points no other listed region covers, and
   * never under the legend.
   */
  readonly regionLabels?: readonly RegionLabel[];
  /** Margins in px (defaults l 80, r 20, t 50, b 60), e.g. room for a note under the plot. */
  readonly margin?: Readonly<{ l?: number; r?: number; t?: number; b?: number }>;
}

/** A region named on the plot (see {@link FigureSpec.regionLabels}). */
export interface RegionLabel {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly text: string;
  readonly color?: string;
}

/**
 * A figure with the project's house style (white background, mirrored axes with inside ticks,
 * powers of ten on log axes). Every trace gets a deterministic `uid` from its content. The
 * legend is placed where it covers no data (see {@link FigureSpec.legend}).
 */
export function figure(spec: FigureSpec): Figure {
  requireName(spec.name);
  const flat = spec.traces.flatMap((t) => (Array.isArray(t) ? (t as readonly Trace[]) : [t as Trace]));
  const data = flat.map((t, i) => ({ ...t, uid: uidFor(t, i) }));
  const layout = baseLayout(spec);
  const fontSize = spec.legendFontSize ?? 11;
  let legendBox: PaperBox | null = null;
  if (spec.legend === undefined || spec.legend === "auto" || spec.legend === "below") {
    const placed = placeLegend({ data, layout }, fontSize, spec.legend === "below");
    layout["legend"] = placed.legend;
    legendBox = placed.box;
    if (placed.extraBottom > 0) {
      const m = layout["margin"] as Record<string, number>;
      layout["margin"] = { ...m, b: (m["b"] as number) + placed.extraBottom };
      // the figure grows by the same amount: the plot area (and the legend's offset) stay
      layout["height"] = (layout["height"] as number) + placed.extraBottom;
    }
  } else layout["legend"] = spec.legend;
  const annotations: LayoutItem[] = [...(spec.annotations ?? []).map((a) => toAxisCoordinates(a, spec.x, spec.y))];
  if (spec.regionLabels) annotations.push(...regionAnnotations({ data, layout }, spec.regionLabels, legendBox));
  if (annotations.length > 0) layout["annotations"] = annotations;
  return { name: spec.name, data, layout };
}

/** Font size of region names written on the plot, px. */
const REGION_LABEL_FONT = 11;

function regionAnnotations(fig: { data: readonly Trace[]; layout: Record<string, unknown> }, labels: readonly RegionLabel[], legendBox: PaperBox | null): LayoutItem[] {
  const polys = labels.map((r) => dataToPaper(fig, r.x, r.y));
  const taken: PaperBox[] = legendBox ? [legendBox] : [];
  const out: LayoutItem[] = [];
  labels.forEach((r, k) => {
    const size = textSize(r.text, fig.layout, REGION_LABEL_FONT);
    const others = polys.filter((_, j) => j !== k);
    // a region too narrow for its name gets it centred at its best inside point, overflowing
    const p = labelPoint(polys[k]!, others, taken, size) ?? labelPoint(polys[k]!, others, taken);
    if (!p) return; // the region lies outside the plotted range
    taken.push({ x0: p[0] - size.w / 2, x1: p[0] + size.w / 2, y0: p[1] - size.h / 2, y1: p[1] + size.h / 2 });
    const [x, y] = paperToData(fig, p);
    const xa = (fig.layout["xaxis"] as { type: string }).type === "log", ya = (fig.layout["yaxis"] as { type: string }).type === "log";
    out.push({
      x: xa ? Math.log10(x) : x, y: ya ? Math.log10(y) : y, xref: "x", yref: "y", text: r.text, showarrow: false,
      font: { size: REGION_LABEL_FONT, color: r.color ?? "#333" }, bgcolor: "rgba(255,255,255,0.6)",
    });
  });
  return out;
}

/** Top-margin px per subtitle line (font 11 px at plotly's line height). */
const SUBTITLE_LINE_PX = 15;

function baseLayout(spec: FigureSpec): Record<string, unknown> {
  const layout: Record<string, unknown> = {
    title: { text: spec.title, x: 0.02, xanchor: "left", ...(spec.subtitle ? { subtitle: { text: spec.subtitle, font: { size: 11, color: "#444" } } } : {}) },
    font: defaultFont,
    width: spec.width ?? defaultSize.width,
    height: spec.height ?? defaultSize.height,
    margin: { l: 80, r: 20, t: spec.subtitle ? 72 + SUBTITLE_LINE_PX * spec.subtitle.split("<br>").length : 50, b: 60, ...spec.margin },
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    xaxis: axis(spec.x, "x"),
    yaxis: axis(spec.y, "y"),
    showlegend: true,
  };
  if (spec.shapes) {
    if ((spec.x.log || spec.y.log) && spec.shapes.some((sh) => sh["xref"] === "x" || sh["yref"] === "y")) {
      throw new RangeError("rect() shapes are for linear axes (drawings to scale); on log axes use region()");
    }
    layout["shapes"] = spec.shapes;
  }
  // Plotly places annotations on a log axis at log10 of the position: label() takes data
  // coordinates, converted in figure().
  return layout;
}

function toAxisCoordinates(a: LayoutItem, x: AxisSpec, y: AxisSpec): LayoutItem {
  const out: Record<string, unknown> = { ...a };
  for (const [key, spec] of [["x", x], ["y", y]] as const) {
    const v = a[key];
    if (spec.log && a[`${key}ref`] === key && typeof v === "number") {
      if (!(v > 0)) throw new RangeError(`annotation ${key} = ${v} must be > 0 on a log axis`);
      out[key] = Math.log10(v);
    }
  }
  return out;
}

function lineOf(style: LineStyle): Record<string, unknown> {
  const l: Record<string, unknown> = { width: style.width ?? 2 };
  if (style.color) l["color"] = style.color;
  if (style.dash) l["dash"] = style.dash;
  return l;
}

function common(style: LineStyle): Record<string, unknown> {
  const c: Record<string, unknown> = { name: style.name };
  if (style.group) c["legendgroup"] = style.group;
  if (style.showlegend === false) c["showlegend"] = false;
  return c;
}

/**
 * A curve y(x) (plotly scatter, lines). Throws on non-finite values, unequal lengths or no points.
 * `breaks`: indices i where the segment from point i−1 to i is not drawn (a gap; e.g. a
 * contour open at a scan edge, lib/reach `ReachLine.breaks`).
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

/**
 * Parses a two-column text table (whitespace or comma separated, `#` comments), as the
 * bound files of shared/data/bounds: returns the columns. Throws on a malformed row, naming
 * the line.
 */
export function parseXY(text: string, source = "table"): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.replace(/#.*/, "").trim();
    if (s === "") return;
    const cols = s.split(/[\s,;]+/).map(Number);
    if (cols.length < 2 || !Number.isFinite(cols[0]) || !Number.isFinite(cols[1])) {
      throw new RangeError(`${source}: line ${i + 1} = ${JSON.stringify(raw)} is not two numbers`);
    }
    x.push(cols[0] as number);
    y.push(cols[1] as number);
  });
  if (x.length === 0) throw new RangeError(`${source}: no data rows`);
  return { x, y };
}

/** A shaded region read from a two-column bound file (see {@link parseXY}, {@link region}). */
export function regionFromFile(file: string, style: LineStyle & { readonly opacity?: number; readonly closeTo?: CloseTo }): Trace {
  const { x, y } = parseXY(fs.readFileSync(file, "utf8"), file);
  return region(x, y, style);
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

/** n points from a to b, logarithmically spaced (a, b > 0), endpoints exact. */
export function logspace(a: number, b: number, n: number): number[] {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) throw new RangeError(`logspace ends must be finite and > 0 (got ${a}, ${b})`);
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`n = ${n} must be an integer ≥ 2`);
  const la = Math.log10(a);
  const lb = Math.log10(b);
  return Array.from({ length: n }, (_, i) => (i === 0 ? a : i === n - 1 ? b : 10 ** (la + ((lb - la) * i) / (n - 1))));
}

/** n points from a to b, evenly spaced, endpoints exact. */
export function linspace(a: number, b: number, n: number): number[] {
  requireFiniteArray("linspace ends", [a, b]);
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`n = ${n} must be an integer ≥ 2`);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

// ---------------------------------------------------------------------------------------
// Tables of the plotted numbers (figure export)

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return "";
  const s = typeof v === "number" ? String(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The plotted numbers of a figure as one tidy CSV table, columns
 * `trace,name,x,y,z,error_y`: one row per point of scatter traces, one row per grid node of
 * contour/heatmap traces. Layout shapes are not data and are only in the JSON export.
 */
export function figureCsv(fig: Figure): string {
  const rows: string[] = ["trace,name,x,y,z,error_y"];
  fig.data.forEach((t, k) => {
    const name = typeof t["name"] === "string" ? t["name"] : "";
    const x = (t["x"] as number[] | undefined) ?? [];
    const y = (t["y"] as number[] | undefined) ?? [];
    const z = t["z"] as number[][] | undefined;
    if (z) {
      z.forEach((row, j) => row.forEach((v, i) => rows.push([k, name, x[i], y[j], v, ""].map(csvCell).join(","))));
      return;
    }
    const err = ((t["error_y"] as { array?: number[] } | undefined)?.array) ?? [];
    x.forEach((xv, i) => rows.push([k, name, xv, y[i], "", err[i]].map(csvCell).join(",")));
  });
  return rows.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------
// Static rendering in headless Chromium

/** A figure drawn to static images. */
export interface StaticImage {
  /** PNG bytes. */
  readonly png: Buffer;
  /** SVG text. */
  readonly svg: string;
}

/** Options of {@link renderStatic}. */
export interface RenderOptions {
  /** PNG pixel ratio (1 in notebooks, 2 for figures/). */
  readonly scale?: number;
  /** Chromium binary; default `$NUDUMP_CHROMIUM` or /usr/bin/chromium. */
  readonly executablePath?: string;
}

/** The Chromium binary used for static rendering, or null if there is none. */
export function chromiumPath(): string | null {
  const p = process.env["NUDUMP_CHROMIUM"] ?? "/usr/bin/chromium";
  return fs.existsSync(p) ? p : null;
}

/** Chromium flags: headless, no GPU, no network side traffic (no updates, sync or QUIC). */
export const chromiumArgs: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Absolute path of plotly.min.js in node_modules (plotly.js-dist-min). */
export function plotlyPath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** Page script: replaces Math.random by mulberry32 with a settable seed (plotly uses it for element ids). */
const pageSeedScript = `(function () {
  var state = 1;
  Math.random = function () {
    state = (state + 0x6d2b79f5) | 0;
    var t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  window.__nudumpSeed = function (s) { state = s; };
})();`;

/** Page script: draws one figure off-screen and returns its SVG text and PNG (base64). */
const pageRenderScript = `window.__nudumpRender = async function (data, layout, scale) {
  var P = window.Plotly, w = layout.width, h = layout.height;
  window.__nudumpSeed(1);
  var gd = document.createElement("div");
  document.body.appendChild(gd);
  await P.newPlot(gd, data, layout, { staticPlot: true });
  window.__nudumpSeed(2);
  var svg = await P.toImage(gd, { format: "svg", width: w, height: h });
  window.__nudumpSeed(3);
  var png = await P.toImage(gd, { format: "png", width: w, height: h, scale: scale });
  P.purge(gd);
  gd.remove();
  return { svg: decodeURIComponent(svg.replace(/^data:image\\/svg\\+xml,/, "")), png: png.replace(/^data:image\\/png;base64,/, "") };
};`;

/**
 * Draws figures to PNG and SVG with one headless Chromium for the whole batch. Offline:
 * plotly.js is read from node_modules and every network request is refused. Deterministic:
 * `Math.random` (used by plotly for element ids) is replaced by a fixed-seed generator that
 * is re-seeded before each image.
 */
export async function renderStatic(figs: readonly Figure[], opts: RenderOptions = {}): Promise<StaticImage[]> {
  const r = await openRenderer(opts.executablePath);
  try {
    return await r.render(figs, opts.scale ?? 1);
  } finally {
    await r.close();
  }
}

/** A headless Chromium page with plotly loaded, ready to draw figures (see {@link renderStatic}). */
export interface Renderer {
  render(figs: readonly Figure[], scale: number): Promise<StaticImage[]>;
  close(): Promise<void>;
}

/** Launches Chromium and loads the render page; the caller closes it. */
export async function openRenderer(executablePath?: string): Promise<Renderer> {
  const exe = executablePath ?? chromiumPath();
  if (!exe) throw new Error("no Chromium for static plots: install Debian's `chromium` (or set NUDUMP_CHROMIUM to a Chromium binary)");
  // Lazy: playwright-core is needed only to render, never to build figures.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: [...chromiumArgs] });
  try {
    const page = await browser.newPage();
    // Offline: only the page itself and plotly.js from node_modules (file: URLs) load.
    await page.route("**/*", (route) => (/^(file|data):/.test(route.request().url()) ? route.continue() : route.abort()));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudump-render-"));
    try {
      const html = path.join(dir, "render.html");
      fs.writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${pageSeedScript}</script><script src="${url.pathToFileURL(plotlyPath()).href}"></script><script>${pageRenderScript}</script></head><body></body></html>`);
      await page.goto(url.pathToFileURL(html).href);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return {
      async render(figs, scale) {
        const out: StaticImage[] = [];
        for (const fig of figs) {
          const r = await page.evaluate(
            ([data, layout, sc]) => (globalThis as unknown as { __nudumpRender: (d: unknown, l: unknown, s: number) => Promise<{ svg: string; png: string }> }).__nudumpRender(data, layout, sc),
            [fig.data, fig.layout, scale] as const,
          );
          out.push({ svg: r.svg, png: Buffer.from(r.png, "base64") });
        }
        return out;
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Display in tslab

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function plainTitle(fig: Figure): string {
  const t = (fig.layout["title"] as { text?: string } | undefined)?.text ?? fig.name;
  return t.replace(/<[^>]*>/g, "");
}

/** JSON safe to inline in a <script>: no "</script", no U+2028/2029 line breaks. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * The text/html representation: a div holding the static PNG (if any), and a script that
 * swaps it for the interactive plot when plotly.js is available offline — already loaded on
 * the page (the project's report), or served by the Jupyter server at
 * `<base>/files/<notebook folder>/<plotlyRel>` by a script tag (plotly.js 3 is not an AMD
 * module, so the classic Notebook's require.js does not interfere). Anywhere else — an
 * untrusted notebook, nbconvert's HTML without plotly, GitHub — the static image stays.
 */
export function plotHtml(fig: Figure, id: string, png: Buffer | null, plotlyRel: string): string {
  const width = fig.layout["width"] as number;
  const img = png ? `<img alt="${escapeHtml(plainTitle(fig))}" width="${width}" style="max-width:100%" src="data:image/png;base64,${png.toString("base64")}"/>` : `<pre>${escapeHtml(plainTitle(fig))} (interactive plot: needs plotly.js)</pre>`;
  const script = `(function () {
var id = ${JSON.stringify(id)}, fig = ${scriptJson({ data: fig.data, layout: fig.layout })}, rel = ${JSON.stringify(plotlyRel)};
function draw(P) { var el = document.getElementById(id); if (!el || !P) return; el.innerHTML = ""; P.newPlot(el, fig.data, fig.layout, { responsive: true }); }
if (window.Plotly) { draw(window.Plotly); return; }
var m = window.location.pathname.match(/^(.*?\\/)(?:lab\\/tree|notebooks|doc\\/tree|tree)\\/(.*\\/)?[^\\/]*\\.ipynb$/);
if (!m) return;
var url = m[1] + "files/" + (m[2] || "") + rel;
if (!window.__nudumpPlotly) {
  window.__nudumpPlotly = new Promise(function (resolve) {
    var s = document.createElement("script"); s.src = url;
    s.onload = function () { resolve(window.Plotly); }; s.onerror = function () { resolve(null); };
    document.head.appendChild(s);
  });
}
window.__nudumpPlotly.then(draw);
})();`;
  return `<div class="nudump-plot" id="${id}" data-figure="${escapeHtml(fig.name)}" style="width:${width}px;max-width:100%">${img}</div>\n<script type="text/javascript">\n${script}\n</script>`;
}

/** The mime bundle of a figure (see the file comment for each part). */
export function mimeBundle(fig: Figure, id: string, png: Buffer | null, plotlyRel: string): Record<string, unknown> {
  const bundle: Record<string, unknown> = {
    "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout, config: { responsive: true } },
    "text/html": plotHtml(fig, id, png, plotlyRel),
    "text/plain": `<Figure ${fig.name}: ${plainTitle(fig)}; ${fig.data.length} traces>`,
  };
  if (png) bundle["image/png"] = png.toString("base64");
  return bundle;
}

let displayCount = 0;

/**
 * The kernel's renderer for show(): launched on first use and closed after `idleMs` without
 * a figure, so that a notebook's consecutive cells share one Chromium (≈2 s saved per plot)
 * and no browser outlives the work. Rendering does not depend on it: every image is drawn
 * from a re-seeded page state, so sharing cannot change a byte.
 */
let shared: { renderer: Promise<Renderer>; timer: NodeJS.Timeout | null } | null = null;
const idleMs = 3000;

async function sharedRender(figs: readonly Figure[], exe: string): Promise<StaticImage[]> {
  if (!shared) shared = { renderer: openRenderer(exe), timer: null };
  const s = shared;
  if (s.timer) clearTimeout(s.timer);
  try {
    return await (await s.renderer).render(figs, 1);
  } catch (e) {
    shared = null;
    void s.renderer.then((r) => r.close()).catch(() => undefined);
    throw e;
  } finally {
    if (shared === s) {
      s.timer = setTimeout(() => {
        if (shared === s) shared = null;
        void s.renderer.then((r) => r.close()).catch(() => undefined);
      }, idleMs);
      s.timer.unref();
    }
  }
}

/**
 * Shows figures in the running tslab cell: renders their static PNGs (one Chromium for the
 * batch) and sends one mime bundle per figure. Use `await plots.show(fig)`: without await
 * the output may land after the cell has finished.
 *
 * Without Chromium the bundle has no static image, unless `NUDUMP_REQUIRE_STATIC=1` (set by
 * `npm run notebooks`), which makes a missing Chromium an error. The div id is derived from
 * the figure and its order in the kernel session, so re-execution is byte-identical.
 */
export async function show(...figs: Figure[]): Promise<void> {
  if (figs.length === 0) throw new RangeError("show() needs at least one figure");
  figs.forEach((f) => requireName(f.name));
  // tslab's message writer for the current cell (see the file comment).
  type Writer = (msg: unknown, update: boolean) => void;
  let writer: Writer | null = null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    writer = (require("tslab/dist/jupyter") as { lastWriteDisplayData: Writer | null }).lastWriteDisplayData;
  } catch {
    writer = null;
  }
  if (!writer) throw new Error("plots.show() runs inside a tslab notebook kernel; elsewhere use renderStatic() or figureCsv()");
  const write = writer; // bound now: the cell that called show() owns the outputs
  const required = process.env["NUDUMP_REQUIRE_STATIC"] === "1";
  const exe = chromiumPath();
  if (!exe && required) throw new Error("NUDUMP_REQUIRE_STATIC=1 but there is no Chromium at /usr/bin/chromium (or $NUDUMP_CHROMIUM)");
  const images = exe ? await sharedRender(figs, exe) : null;
  const plotlyRel = path.relative(process.cwd(), plotlyPath()).split(path.sep).join("/");
  figs.forEach((fig, k) => {
    displayCount += 1;
    const id = `nudump-${fig.name}-${uidFor({ data: fig.data, layout: fig.layout }, displayCount).slice(0, 8)}`;
    const png = images ? (images[k] as StaticImage).png : null;
    write({ data: mimeBundle(fig, id, png, plotlyRel), metadata: { nudump: { figure: fig.name } }, transient: {} }, false);
  });
}
