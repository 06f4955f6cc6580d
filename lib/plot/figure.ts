/**
 * Pure figure building: the figure, its axes and the house style (no rendering, no display).
 * Every builder validates its input (RangeError naming the argument) so that a NaN never
 * reaches a plot silently, and every trace gets a deterministic `uid`, so that a re-executed
 * notebook is byte-identical.
 */
import * as crypto from "node:crypto";
import { dataToPaper, labelPoint, paperToData, placeLegend, textSize, type PaperBox } from "./layout";

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

export function requireFiniteArray(name: string, xs: readonly number[]): void {
  if (!Array.isArray(xs)) throw new RangeError(`${name} must be an array of numbers`);
  xs.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] = ${String(v)} is not a finite number (allowed: finite reals)`);
    }
  });
}

export function requireSameLength(a: string, xs: readonly unknown[], b: string, ys: readonly unknown[]): void {
  if (xs.length !== ys.length) throw new RangeError(`${a} has ${xs.length} points but ${b} has ${ys.length} (allowed: equal lengths)`);
}

export function requireName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new RangeError(`figure name = ${JSON.stringify(name)} must match [a-z0-9][a-z0-9-]* (it becomes a file name)`);
}

/** Deterministic trace id from the trace's content and its position. */
export function uidFor(content: unknown, index: number): string {
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
   * covers no data, else below the axes (lib/plot/layout `placeLegend`); "below" always below
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

