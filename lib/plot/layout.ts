/**
 * Placement on a plot, computed from the figure's numbers (no browser): where the legend goes
 * so that it covers no data ({@link placeLegend}), how much data a legend box covers
 * ({@link legendOverlap}, for tests), and where a label sits inside a shaded region
 * ({@link labelPoint}). Positions are in plotly "paper" coordinates (0–1 across the plot area).
 */
import { plainText } from "./text";

/** A rectangle in paper coordinates. */
export interface PaperBox {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

interface AxisMap {
  readonly log: boolean;
  readonly lo: number;
  readonly hi: number;
}

type Layout = Readonly<Record<string, unknown>>;
type TraceLike = Readonly<Record<string, unknown>>;

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function axisMap(layout: Layout, key: "xaxis" | "yaxis", data: readonly TraceLike[], coord: "x" | "y"): AxisMap {
  const ax = (layout[key] ?? {}) as { type?: string; range?: [number, number] };
  const log = ax.type === "log";
  if (ax.range) return { log, lo: ax.range[0], hi: ax.range[1] };
  // plotly's autorange: data extent (+ a few % padding on lines); estimated from the traces
  let lo = Infinity, hi = -Infinity;
  for (const t of data) {
    for (const v of (t[coord] as unknown[] | undefined) ?? []) {
      if (!finite(v) || (log && !(v > 0))) continue;
      const u = log ? Math.log10(v) : v;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
  }
  if (!(hi > lo)) return { log, lo: lo - 0.5, hi: lo + 0.5 };
  const pad = AUTORANGE_PAD * (hi - lo);
  return { log, lo: lo - pad, hi: hi + pad };
}

/** Padding of plotly's autorange for line traces, as a fraction of the data span (plotly pads lines by ≈ 5 %). */
const AUTORANGE_PAD = 0.05;

function toPaper(v: unknown, a: AxisMap): number | null {
  if (!finite(v)) return null;
  if (a.log && !(v > 0)) return null;
  const u = a.log ? Math.log10(v) : v;
  return (u - a.lo) / (a.hi - a.lo);
}

/** Every drawn vertex of the figure's scatter traces in paper coordinates, split into polylines (nulls break a line). */
export function paperPolylines(fig: { readonly data: readonly TraceLike[]; readonly layout: Layout }): { pts: [number, number][]; filled: boolean; lines: boolean }[] {
  const xa = axisMap(fig.layout, "xaxis", fig.data, "x");
  const ya = axisMap(fig.layout, "yaxis", fig.data, "y");
  const out: { pts: [number, number][]; filled: boolean; lines: boolean }[] = [];
  for (const t of fig.data) {
    if (t["type"] !== "scatter" || t["visible"] === false) continue;
    const xs = (t["x"] as unknown[] | undefined) ?? [];
    const ys = (t["y"] as unknown[] | undefined) ?? [];
    const filled = t["fill"] === "toself";
    const lines = String(t["mode"] ?? "lines").includes("lines");
    const shape = (t["line"] as { shape?: string } | undefined)?.shape;
    let cur: [number, number][] = [];
    xs.forEach((xv, i) => {
      const px = toPaper(xv, xa), py = toPaper(ys[i], ya);
      if (px === null || py === null) {
        if (cur.length > 0) out.push({ pts: cur, filled, lines });
        cur = [];
        return;
      }
      // a step histogram ("hv") is drawn horizontal then vertical: add the corner
      const prev = cur[cur.length - 1];
      if (shape === "hv" && prev) cur.push([px, prev[1]]);
      cur.push([px, py]);
    });
    if (cur.length > 0) out.push({ pts: cur, filled, lines });
  }
  return out;
}

function inBox(p: readonly [number, number], b: PaperBox): boolean {
  return p[0] >= b.x0 && p[0] <= b.x1 && p[1] >= b.y0 && p[1] <= b.y1;
}

/** Even–odd point-in-polygon test in paper coordinates. */
export function insidePaperPolygon(p: readonly [number, number], poly: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!, [xj, yj] = poly[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Samples per unit paper length along a drawn segment (1/200: a segment crossing a legend of ≥ 0.02 is always hit). */
const SEGMENT_SAMPLES_PER_UNIT = 200;
/** Grid of test points across the legend box, per side, for filled regions under it. */
const BOX_GRID = 7;

/**
 * How many drawn points of the figure fall inside `box` (paper coordinates): trace vertices,
 * points sampled along drawn line segments, and a grid of points of the box lying inside a
 * filled region. 0 means the box covers no data. Parts of the data outside the plot area
 * (clipped by plotly) do not count.
 */
export function legendOverlap(fig: { readonly data: readonly TraceLike[]; readonly layout: Layout }, box: PaperBox): number {
  let n = 0;
  const visible = (p: readonly [number, number]) => p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1;
  for (const pl of paperPolylines(fig)) {
    pl.pts.forEach((p, i) => {
      if (visible(p) && inBox(p, box)) n++;
      const q = pl.pts[i + 1];
      if (!pl.lines || !q) return;
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      const k = Math.min(2000, Math.ceil(len * SEGMENT_SAMPLES_PER_UNIT));
      for (let s = 1; s < k; s++) {
        const r: [number, number] = [p[0] + ((q[0] - p[0]) * s) / k, p[1] + ((q[1] - p[1]) * s) / k];
        if (visible(r) && inBox(r, box)) n++;
      }
    });
    if (pl.filled && pl.pts.length >= 3) {
      for (let a = 0; a < BOX_GRID; a++) {
        for (let b = 0; b < BOX_GRID; b++) {
          const r: [number, number] = [box.x0 + ((box.x1 - box.x0) * (a + 0.5)) / BOX_GRID, box.y0 + ((box.y1 - box.y0) * (b + 0.5)) / BOX_GRID];
          if (insidePaperPolygon(r, pl.pts)) n++;
        }
      }
    }
  }
  return n;
}

/**
 * Legend geometry estimate: px per entry row and per character at font size f, 46 px of symbol
 * and padding. Rows measured on rendered PNGs: ≈ 1.8 f for lines, up to 2.6 f for entries with
 * error bars (Fig. 2 left); 2.5 f is used so that the estimate errs on the large side.
 */
const LEGEND_ROW_PER_FONT = 2.5;
const LEGEND_CHAR_PER_FONT = 0.58;
const LEGEND_SYMBOL_PX = 46;

/** Legend entries of a figure: names of traces shown in the legend, one per legend group. */
export function legendEntries(data: readonly TraceLike[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of data) {
    if (t["showlegend"] === false) continue;
    const name = typeof t["name"] === "string" ? t["name"] : "";
    const g = typeof t["legendgroup"] === "string" && t["legendgroup"] !== "" ? `g:${t["legendgroup"]}` : `n:${name}:${out.length}`;
    if (seen.has(g)) continue;
    seen.add(g);
    out.push(name);
  }
  return out;
}

/** The legend's size in paper units for a figure of the given size and margins. */
export function legendSize(entries: readonly string[], layout: Layout, fontSize: number): { w: number; h: number } {
  const m = layout["margin"] as { l: number; r: number; t: number; b: number };
  const pw = (layout["width"] as number) - m.l - m.r;
  const ph = (layout["height"] as number) - m.t - m.b;
  const longest = Math.max(0, ...entries.map((e) => plainText(e).length));
  const wpx = LEGEND_SYMBOL_PX + longest * LEGEND_CHAR_PER_FONT * fontSize;
  const hpx = 10 + entries.length * LEGEND_ROW_PER_FONT * fontSize;
  return { w: wpx / pw, h: hpx / ph };
}

/** Gap between the legend and the axes, paper units. */
const CORNER_INSET = 0.01;

/** The candidate legend positions, in order of preference (the four corners, then top and bottom centre). */
const CORNERS = [
  { x: 1, y: 1, xanchor: "right", yanchor: "top" },
  { x: 0, y: 1, xanchor: "left", yanchor: "top" },
  { x: 1, y: 0, xanchor: "right", yanchor: "bottom" },
  { x: 0, y: 0, xanchor: "left", yanchor: "bottom" },
  { x: 0.5, y: 1, xanchor: "center", yanchor: "top" },
  { x: 0.5, y: 0, xanchor: "center", yanchor: "bottom" },
] as const;

/** The box a legend of size (w, h) occupies at a candidate position. */
function boxAt(c: (typeof CORNERS)[number], w: number, h: number): PaperBox {
  const i = CORNER_INSET;
  const x0 = c.xanchor === "right" ? 1 - i - w : c.xanchor === "left" ? i : 0.5 - w / 2;
  const y0 = c.yanchor === "top" ? 1 - i - h : i;
  return { x0, x1: x0 + w, y0, y1: y0 + h };
}

/** Result of {@link placeLegend}: the plotly legend object and the box it was placed in (null when below the axes). */
export interface LegendPlacement {
  readonly legend: Record<string, unknown>;
  readonly box: PaperBox | null;
  /** Extra bottom margin (px) needed when the legend goes below the axes. */
  readonly extraBottom: number;
}

/**
 * A legend position that covers no data: the first of the four corners (then top/bottom centre)
 * inside the plot area whose box holds no drawn point (see {@link legendOverlap}); if every
 * candidate covers data, a horizontal legend below the axes (the caller adds `extraBottom` px
 * to the bottom margin); always below with `forceBelow`. Font size `fontSize` (default 11).
 */
export function placeLegend(fig: { readonly data: readonly TraceLike[]; readonly layout: Layout }, fontSize = 11, forceBelow = false): LegendPlacement {
  const entries = legendEntries(fig.data);
  const { w, h } = legendSize(entries, fig.layout, fontSize);
  const style = { bgcolor: "rgba(255,255,255,0.85)", bordercolor: "#bbb", borderwidth: 1, font: { size: fontSize } };
  if (!forceBelow && w < 0.9 && h < 0.9) {
    for (const c of CORNERS) {
      const box = boxAt(c, w, h);
      if (legendOverlap(fig, box) === 0) {
        const x = c.xanchor === "right" ? 1 - CORNER_INSET : c.xanchor === "left" ? CORNER_INSET : 0.5;
        const y = c.yanchor === "top" ? 1 - CORNER_INSET : CORNER_INSET;
        return { legend: { ...style, x, y, xanchor: c.xanchor, yanchor: c.yanchor }, box, extraBottom: 0 };
      }
    }
  }
  return belowAxes(entries, fig.layout, fontSize, style);
}

/** Row height of a horizontal legend per px of font (plotly: ≈ 23 px at 11 px, measured on the rendered Fig. 1). */
const LEGEND_ROW_H_PER_FONT = 2.1;

/** Offset (px) of a legend placed below the axes: under the tick labels and the x-axis title. */
const BELOW_AXES_PX = 78;

function belowAxes(entries: readonly string[], layout: Layout, fontSize: number, style: Record<string, unknown>): LegendPlacement {
  const m = layout["margin"] as { l: number; r: number; t: number; b: number };
  const width = layout["width"] as number;
  const ph = (layout["height"] as number) - m.t - m.b;
  // plotly wraps a horizontal legend over the figure width: estimate the number of rows
  const itemPx = entries.map((e) => LEGEND_SYMBOL_PX + plainText(e).length * LEGEND_CHAR_PER_FONT * fontSize);
  let rows = 1, used = 0;
  for (const px of itemPx) {
    if (used + px > width - 20 && used > 0) {
      rows++;
      used = 0;
    }
    used += px;
  }
  const rowPx = LEGEND_ROW_H_PER_FONT * fontSize;
  return {
    legend: { ...style, orientation: "h", x: 0, xanchor: "left", y: -BELOW_AXES_PX / ph, yanchor: "top", xref: "paper" },
    box: null,
    extraBottom: Math.ceil(rows * rowPx + 14),
  };
}

/** Grid points per axis searched by {@link labelPoint}. */
const LABEL_GRID = 48;

/**
 * Where to write a region's name: the point of the region (polygon in paper coordinates,
 * clipped to the plot area) farthest from its boundary, preferring points covered by no other
 * region of `others` (grid search, 48 × 48). A label of `size` (paper units) centred there must
 * lie inside the plot and overlap none of the `avoid` boxes (the legend, labels already placed).
 * Null if no such point lies inside the region.
 */
export function labelPoint(
  poly: readonly (readonly [number, number])[],
  others: readonly (readonly (readonly [number, number])[])[] = [],
  avoid: readonly PaperBox[] = [],
  size: { readonly w: number; readonly h: number } = { w: 0, h: 0 },
): [number, number] | null {
  let best: [number, number] | null = null;
  let bestScore = -Infinity;
  for (let a = 1; a < LABEL_GRID; a++) {
    for (let b = 1; b < LABEL_GRID; b++) {
      const p: [number, number] = [a / LABEL_GRID, b / LABEL_GRID];
      if (!insidePaperPolygon(p, poly)) continue;
      const box = { x0: p[0] - size.w / 2, x1: p[0] + size.w / 2, y0: p[1] - size.h / 2, y1: p[1] + size.h / 2 };
      if (box.x0 < 0 || box.x1 > 1 || box.y0 < 0 || box.y1 > 1) continue;
      if (avoid.some((bx) => boxesOverlap(box, bx))) continue;
      const d = Math.min(distanceToPolyline(p, poly), p[0], 1 - p[0], p[1], 1 - p[1]);
      const covered = others.filter((o) => insidePaperPolygon(p, o)).length;
      // a point shared with another region is worth less: its label would be ambiguous
      const score = d - 0.1 * covered;
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
  }
  return best;
}

/** True when two boxes share area. */
export function boxesOverlap(a: PaperBox, b: PaperBox): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** Size (paper units) of a one-line text label at font size f: ≈ 0.6 f px per character, 1.5 f px tall. */
export function textSize(text: string, layout: Layout, fontSize: number): { w: number; h: number } {
  const m = layout["margin"] as { l: number; r: number; t: number; b: number };
  const pw = (layout["width"] as number) - m.l - m.r;
  const ph = (layout["height"] as number) - m.t - m.b;
  return { w: (plainText(text).length * 0.6 * fontSize + 6) / pw, h: (1.5 * fontSize) / ph };
}

function distanceToPolyline(p: readonly [number, number], poly: readonly (readonly [number, number])[]): number {
  let d = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!, b = poly[(i + 1) % poly.length]!;
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
    d = Math.min(d, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
  }
  return d;
}

/** Paper coordinates → data coordinates of the figure's axes (inverse of the mapping used above). */
export function paperToData(fig: { readonly data: readonly TraceLike[]; readonly layout: Layout }, p: readonly [number, number]): [number, number] {
  const xa = axisMap(fig.layout, "xaxis", fig.data, "x");
  const ya = axisMap(fig.layout, "yaxis", fig.data, "y");
  const inv = (u: number, a: AxisMap) => {
    const v = a.lo + u * (a.hi - a.lo);
    return a.log ? 10 ** v : v;
  };
  return [inv(p[0], xa), inv(p[1], ya)];
}

/** A polygon in data coordinates → paper coordinates (points off a log axis dropped). */
export function dataToPaper(fig: { readonly data: readonly TraceLike[]; readonly layout: Layout }, x: readonly number[], y: readonly number[]): [number, number][] {
  const xa = axisMap(fig.layout, "xaxis", fig.data, "x");
  const ya = axisMap(fig.layout, "yaxis", fig.data, "y");
  const out: [number, number][] = [];
  x.forEach((xv, i) => {
    const px = toPaper(xv, xa), py = toPaper(y[i], ya);
    if (px !== null && py !== null) out.push([px, py]);
  });
  return out;
}
