/**
 * Existing limits and regions of interest as curves in a (mass, coupling) plane.
 *
 * Two file formats are read:
 * - the project's own bound files, `data/bounds/dipole/*.csv`: a block of `# ` comment lines
 *   (the provenance), the header line `mN_GeV,mu_GeV_inv`, then one `m_N,mu_N` pair per line
 *   (m_N in GeV, mu_N in GeV^-1 in the convention of eq. (3.1) of arXiv:2011.04751);
 * - FORESEE-style tables (two whitespace-separated columns, no header, optional `#` lines), as in
 *   the reference data of ../shared/data/bounds.
 * A curve whose last point repeats its first point is a closed polygon (an excluded region);
 * otherwise it is an open line. Bound CSVs may carry `# label:` (text for the plot) and `# kind:`
 * (exclusion | projection | region-of-interest; default exclusion) lines. Every number is validated: finite and > 0. Errors are
 * RangeErrors that name the file and the line.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dataDir } from "../core/dataDir";
import { lineCount, NUMBER_FIELD, tableError as fail, tableRows } from "../core/textTable";
import * as path from "node:path";

/** A curve in a (mass, coupling) plane, read from a file. */
export interface BoundCurve {
  /** File name without extension, e.g. "lep". */
  readonly name: string;
  /** Masses, GeV. */
  readonly x: readonly number[];
  /** Couplings, in the unit stated by the file (GeV^-1 for the dipole files). */
  readonly y: readonly number[];
  /** True when the last point repeats the first: the curve encloses a region. */
  readonly closed: boolean;
  /** The file's comment lines (without the leading "#"), joined by newlines; "" if none. */
  readonly provenance: string;
  /** What the curve is, from the file's `# kind:` line; "exclusion" if the line is absent. */
  readonly kind: BoundKind;
  /** Text to print on the plot, from the file's `# label:` line; the file name if absent. */
  readonly label: string;
}

/**
 * What a bound file holds: an excluded region or limit line ("exclusion"), a future experiment's
 * expected reach ("projection": draw as a line, never filled as excluded), or a region favoured by
 * an anomaly ("region-of-interest").
 */
export type BoundKind = "exclusion" | "projection" | "region-of-interest";
/** Allowed values of the `# kind:` line. */
export const BOUND_KINDS: readonly BoundKind[] = ["exclusion", "projection", "region-of-interest"];

/** The `# key: value` provenance line `key` (first occurrence), or undefined. */
function metaLine(comments: readonly string[], key: string): string | undefined {
  const re = new RegExp(`^${key}:\\s*(.*)$`);
  for (const c of comments) {
    const m = re.exec(c);
    if (m) return (m[1] as string).trim();
  }
  return undefined;
}

function kindOf(comments: readonly string[], file: string): BoundKind {
  const k = metaLine(comments, "kind");
  if (k === undefined) return "exclusion";
  if (!(BOUND_KINDS as readonly string[]).includes(k)) throw new RangeError(`${file}: kind ${JSON.stringify(k)} is not one of ${BOUND_KINDS.join(", ")}`);
  return k as BoundKind;
}

/** Panels of Fig. 1 of arXiv:2011.04751: universal coupling, or nu_tau-specific coupling. */
export type DipolePanel = "universal" | "tau";
const PANELS: readonly DipolePanel[] = ["universal", "tau"];

/** A dipole-portal bound file: a curve in the (m_N [GeV], mu_N [GeV^-1]) plane plus its panels. */
export interface DipoleBound extends BoundCurve {
  /** Panels the bound applies to, from the file's `# panels:` line (empty if the line is absent). */
  readonly panels: readonly DipolePanel[];
}

/** Column header required in the dipole bound files. */
export const DIPOLE_BOUND_HEADER = "mN_GeV,mu_GeV_inv";

/** A positive finite number of column `column`, or a RangeError naming file and line. */
function parseValue(file: string, line: number, column: string, field: string): number {
  const s = field.trim();
  if (!NUMBER_FIELD.test(s)) fail(file, line, `${column} = ${JSON.stringify(s)} is not a number`);
  const v = Number(s);
  if (!Number.isFinite(v)) fail(file, line, `${column} = ${s} is not finite`);
  if (!(v > 0)) fail(file, line, `${column} = ${s} must be > 0`);
  return v;
}

function isClosed(x: readonly number[], y: readonly number[]): boolean {
  const n = x.length;
  return n >= 4 && x[0] === x[n - 1] && y[0] === y[n - 1];
}

function baseName(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, "");
}

/**
 * Parses a bound CSV: `# ` provenance lines, then the exact header line `header` (e.g.
 * "mN_GeV,mu_GeV_inv"), then two comma-separated finite positive numbers per row. A curve whose
 * last row repeats its first is closed. Errors name the file and the line. Shared by every
 * bound directory (data/bounds/dipole, data/bounds/darkboson-fig3).
 */
export function parseBoundCsv(text: string, file: string, header: string): BoundCurve {
  const comments: { line: number; text: string }[] = [];
  const rows = tableRows(text, { onComment: (c, line) => comments.push({ line, text: c.replace(/^#\s?/, "") }) });
  const [xName, yName] = header.split(",") as [string, string];
  const head = rows[0];
  if (head === undefined) fail(file, lineCount(text), `missing the header line "${header}"`);
  if (head.text !== header) fail(file, head.line, `expected the header line "${header}", found ${JSON.stringify(head.text)}`);
  const late = comments.find((c) => c.line > head.line);
  const lateComment = (): never => fail(file, (late as { line: number }).line, "comment lines are only allowed before the header");
  const x: number[] = [];
  const y: number[] = [];
  for (const r of rows.slice(1)) {
    if (late !== undefined && late.line < r.line) lateComment(); // errors in line order
    const fields = r.text.split(",");
    if (fields.length !== 2) fail(file, r.line, `expected 2 comma-separated columns, found ${fields.length}`);
    x.push(parseValue(file, r.line, xName, fields[0] as string));
    y.push(parseValue(file, r.line, yName, fields[1] as string));
  }
  if (late !== undefined) lateComment();
  if (x.length < 2) fail(file, lineCount(text), `needs at least 2 data rows, found ${x.length}`);
  const name = baseName(file);
  const provenance = comments.map((c) => c.text);
  return { name, x, y, closed: isClosed(x, y), provenance: provenance.join("\n"), kind: kindOf(provenance, file), label: metaLine(provenance, "label") ?? name };
}

/**
 * Parses the text of a dipole bound file (format in the module comment): {@link parseBoundCsv}
 * with the header "mN_GeV,mu_GeV_inv", plus the panels named by its `# panels:` line.
 */
export function parseDipoleBoundCsv(text: string, file: string): DipoleBound {
  const curve = parseBoundCsv(text, file, DIPOLE_BOUND_HEADER);
  const panels: DipolePanel[] = [];
  for (const c of curve.provenance.split("\n")) {
    const m = /^panels:\s*(.*)$/.exec(c);
    if (!m) continue;
    for (const p of (m[1] as string).split(",").map((s) => s.trim()).filter((s) => s !== "")) {
      if (!(PANELS as readonly string[]).includes(p)) {
        throw new RangeError(`${file}: panel ${JSON.stringify(p)} is not one of ${PANELS.join(", ")}`);
      }
      panels.push(p as DipolePanel);
    }
  }
  return { ...curve, panels };
}

/** Reads and validates one dipole bound file (`data/bounds/dipole/*.csv` format). */
export function readDipoleBoundCsv(file: string): DipoleBound {
  return parseDipoleBoundCsv(readFileSync(file, "utf8"), file);
}

/** Options of the two-column table reader. */
export interface TwoColumnOptions {
  /** Require y > 0 (default true). Set false for tables that legitimately contain zeros in y. */
  readonly positiveY?: boolean;
}

/**
 * Parses a FORESEE-style table: two whitespace-separated numbers per line, no header, `#` lines
 * and blank lines ignored. x must be finite and > 0; y finite and > 0 (or >= 0 with
 * `positiveY: false`).
 */
export function parseTwoColumnTable(text: string, file: string, options: TwoColumnOptions = {}): BoundCurve {
  const positiveY = options.positiveY ?? true;
  const comments: string[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (const { line, fields } of tableRows(text, { onComment: (c) => comments.push(c.replace(/^#\s?/, "")) })) {
    if (fields.length !== 2) fail(file, line, `expected 2 whitespace-separated columns, found ${fields.length}`);
    x.push(parseValue(file, line, "column 1", fields[0] as string));
    const s = fields[1] as string;
    if (positiveY) {
      y.push(parseValue(file, line, "column 2", s));
    } else {
      if (!NUMBER_FIELD.test(s)) fail(file, line, `column 2 = ${JSON.stringify(s)} is not a number`);
      const v = Number(s);
      if (!Number.isFinite(v) || v < 0) fail(file, line, `column 2 = ${s} must be finite and >= 0`);
      y.push(v);
    }
  }
  if (x.length < 2) fail(file, lineCount(text), `needs at least 2 data rows, found ${x.length}`);
  const provenance = [`read from ${file}`, ...comments].join("\n");
  const name = baseName(file);
  return { name, x, y, closed: isClosed(x, y), provenance, kind: "exclusion", label: name };
}

/** Reads and validates a FORESEE-style two-column table (see parseTwoColumnTable). */
export function readTwoColumnTable(file: string, options: TwoColumnOptions = {}): BoundCurve {
  return parseTwoColumnTable(readFileSync(file, "utf8"), file, options);
}

/** The directory of the shipped dipole bound files, data/bounds/dipole (see core/dataDir). */
export function dipoleBoundsDir(): string {
  return dataDir("bounds", "dipole");
}

/** Reads every `*.csv` in `dir` (default: the shipped directory), sorted by name. */
export function readAllDipoleBounds(dir: string = dipoleBoundsDir()): DipoleBound[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => readDipoleBoundCsv(path.join(dir, f)));
}

/** An axis-aligned box in a log-log plane (all edges > 0). */
export interface LogBox {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * Clips a polygon (given as a ring; a repeated closing point is allowed) to `box`, with
 * Sutherland–Hodgman in (log10 x, log10 y), i.e. straight edges as drawn on a log-log plot.
 * Returns a closed ring (last point = first), or empty arrays if nothing is inside.
 * Works for non-convex polygons; parts cut by the box are joined along the box edge.
 */
export function clipPolygonToLogBox(
  x: readonly number[],
  y: readonly number[],
  box: LogBox,
): { x: number[]; y: number[] } {
  if (x.length !== y.length) throw new RangeError(`x and y lengths differ: ${x.length} vs ${y.length}`);
  for (const [k, v] of Object.entries(box)) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`box.${k} = ${v} must be finite and > 0`);
  }
  if (!(box.xMin < box.xMax && box.yMin < box.yMax)) throw new RangeError("box must have xMin < xMax and yMin < yMax");
  let pts: [number, number][] = x.map((xi, i) => {
    const yi = y[i] as number;
    if (!(xi > 0 && yi > 0 && Number.isFinite(xi) && Number.isFinite(yi))) {
      throw new RangeError(`point ${i} = (${xi}, ${yi}) must be finite and > 0`);
    }
    return [Math.log10(xi), Math.log10(yi)];
  });
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) pts = pts.slice(0, -1);
  const edges: { inside: (p: [number, number]) => boolean; cut: (a: [number, number], b: [number, number]) => [number, number] }[] = [];
  const lx0 = Math.log10(box.xMin), lx1 = Math.log10(box.xMax), ly0 = Math.log10(box.yMin), ly1 = Math.log10(box.yMax);
  const atX = (c: number) => (a: [number, number], b: [number, number]): [number, number] => [c, a[1] + ((b[1] - a[1]) * (c - a[0])) / (b[0] - a[0])];
  const atY = (c: number) => (a: [number, number], b: [number, number]): [number, number] => [a[0] + ((b[0] - a[0]) * (c - a[1])) / (b[1] - a[1]), c];
  edges.push({ inside: (p) => p[0] >= lx0, cut: atX(lx0) });
  edges.push({ inside: (p) => p[0] <= lx1, cut: atX(lx1) });
  edges.push({ inside: (p) => p[1] >= ly0, cut: atY(ly0) });
  edges.push({ inside: (p) => p[1] <= ly1, cut: atY(ly1) });
  for (const e of edges) {
    if (pts.length === 0) break;
    const out: [number, number][] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i] as [number, number];
      const prev = pts[(i + pts.length - 1) % pts.length] as [number, number];
      if (e.inside(cur)) {
        if (!e.inside(prev)) out.push(e.cut(prev, cur));
        out.push(cur);
      } else if (e.inside(prev)) {
        out.push(e.cut(prev, cur));
      }
    }
    pts = out;
  }
  // drop consecutive duplicates, then close the ring
  const ring: [number, number][] = [];
  for (const p of pts) {
    const q = ring[ring.length - 1];
    if (!q || Math.abs(q[0] - p[0]) > 1e-12 || Math.abs(q[1] - p[1]) > 1e-12) ring.push(p);
  }
  const r0 = ring[0];
  const rl = ring[ring.length - 1];
  if (ring.length > 1 && r0 && rl && Math.abs(r0[0] - rl[0]) <= 1e-12 && Math.abs(r0[1] - rl[1]) <= 1e-12) ring.pop();
  if (ring.length < 3) return { x: [], y: [] };
  ring.push(ring[0] as [number, number]);
  return { x: ring.map((p) => 10 ** p[0]), y: ring.map((p) => 10 ** p[1]) };
}
