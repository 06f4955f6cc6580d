/**
 * Sensitivity-reach contours: for each mass on a grid, the couplings at which the expected
 * number of events equals a threshold N (3, 30, 20, …), found by root-finding in log(coupling)
 * so that both the lower (long-lifetime or small-rate) and the upper (short-lifetime) edges
 * are resolved, then joined into one line per threshold — open where the region is open at
 * the scan's ends, closed at the tip where the two edges meet.
 *
 * Model-independent: the caller supplies `events(mass, y)` (fast: a scalable signature), and
 * y is the plotted coupling (μ_N, |U|², …).
 */
import { requirePositive } from "../core/validate";

/** A line of a reach plot: points in (mass [GeV], coupling) and what it is. */
export interface ReachLine {
  /** Machine name, e.g. "vessel-photons-N3". */
  readonly name: string;
  /** Legend text. */
  readonly label: string;
  readonly x: number[];
  readonly y: number[];
  /** True when the line encloses a region (the first point repeats at the end). */
  readonly closed: boolean;
  /** The event threshold, if the line is a contour. */
  readonly level?: number;
  /** Extra values to show on hover (e.g. the maximal event count per mass), parallel to x. */
  readonly hover?: string[];
}

/** Where, for one mass, events(y) crosses the level: the lower and upper edge (null if none). */
export interface EdgePair {
  readonly mass: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Largest event count found on the y grid at this mass, and where. */
  readonly maxEvents: number;
  readonly yAtMax: number;
}

/** Options of {@link findEdges}. */
export interface EdgeOptions {
  /** Scan range of y (log-spaced), e.g. μ_N from 1e-10 to 1e-2 GeV⁻¹. */
  readonly yMin: number;
  readonly yMax: number;
  /** Points of the coarse scan (default 121, i.e. 15 per decade over 8 decades). */
  readonly scanPoints?: number;
  /** Relative precision of the edges in y (default 1e-6). */
  readonly relTol?: number;
}

/**
 * Find the lower and upper edges of {y : events(y) ≥ level} for a unimodal-in-log(y) event
 * count: a coarse log scan brackets the crossings around the maximum, then bisection in
 * log(y) refines each to `relTol`. If several disjoint regions exist, the outermost crossings
 * are returned (documented limitation; the maximum marks the region).
 */
export function findEdges(events: (y: number) => number, level: number, mass: number, opts: EdgeOptions): EdgePair {
  requirePositive("level", level);
  requirePositive("yMin", opts.yMin);
  if (!(opts.yMax > opts.yMin)) throw new RangeError(`yMax = ${opts.yMax} must exceed yMin = ${opts.yMin}`);
  const n = opts.scanPoints ?? 121;
  const tol = opts.relTol ?? 1e-6;
  const L0 = Math.log(opts.yMin), L1 = Math.log(opts.yMax);
  const ys: number[] = [], ev: number[] = [];
  let iMax = 0;
  for (let i = 0; i < n; i++) {
    const y = Math.exp(L0 + ((L1 - L0) * i) / (n - 1));
    const e = events(y);
    if (!Number.isFinite(e) || e < 0) throw new RangeError(`events(${y}) = ${e} at mass ${mass} is not a finite non-negative number`);
    ys.push(y);
    ev.push(e);
    if (e > ev[iMax]!) iMax = i;
  }
  const maxEvents = ev[iMax]!;
  if (!(maxEvents >= level)) return { mass, lower: null, upper: null, maxEvents, yAtMax: ys[iMax]! };
  const bisect = (a: number, b: number, aAbove: boolean) => {
    let la = Math.log(a), lb = Math.log(b);
    while (lb - la > tol) {
      const mid = 0.5 * (la + lb);
      const above = events(Math.exp(mid)) >= level;
      if (above === aAbove) la = mid;
      else lb = mid;
    }
    return Math.exp(0.5 * (la + lb));
  };
  let lower: number | null = null, upper: number | null = null;
  // outermost crossing below the maximum
  for (let i = 0; i < iMax; i++) {
    if (ev[i]! < level && ev[i + 1]! >= level) {
      lower = bisect(ys[i]!, ys[i + 1]!, false);
      break;
    }
  }
  for (let i = n - 1; i > iMax; i--) {
    if (ev[i]! < level && ev[i - 1]! >= level) {
      upper = bisect(ys[i - 1]!, ys[i]!, true);
      break;
    }
  }
  return { mass, lower, upper, maxEvents, yAtMax: ys[iMax]! };
}

/**
 * Join per-mass edges into one line: lower edges in increasing mass, then upper edges back in
 * decreasing mass. Where the region ends inside the mass range the tip (where the two edges
 * meet) is refined: the boundary mass where maxEvents = level is interpolated in log-log,
 * so the contour closes smoothly instead of at a grid step. Edges missing at the scan's
 * ends (region continuing beyond yMin/yMax) leave the line open.
 */
export function joinEdges(edges: readonly EdgePair[], name: string, label: string, level: number): ReachLine | null {
  const inside = edges.filter((e) => e.lower !== null || e.upper !== null);
  if (inside.length === 0) return null;
  const x: number[] = [], y: number[] = [], hover: string[] = [];
  const tip = (a: EdgePair, b: EdgePair): [number, number] | null => {
    // a inside, b outside: interpolate log(maxEvents/level) = 0 between them (log-log)
    const fa = Math.log(a.maxEvents / level), fb = Math.log(Math.max(b.maxEvents, 1e-300) / level);
    if (!(fa > 0) || !(fb < 0) || !Number.isFinite(fb)) return null;
    const u = fa / (fa - fb);
    const lm = Math.log(a.mass) + u * (Math.log(b.mass) - Math.log(a.mass));
    const ly = Math.log(a.yAtMax) + u * (Math.log(b.yAtMax) - Math.log(a.yAtMax));
    return [Math.exp(lm), Math.exp(ly)];
  };
  const firstIdx = edges.indexOf(inside[0]!);
  const lastIdx = edges.indexOf(inside[inside.length - 1]!);
  const startTip = firstIdx > 0 ? tip(edges[firstIdx]!, edges[firstIdx - 1]!) : null;
  const endTip = lastIdx < edges.length - 1 ? tip(edges[lastIdx]!, edges[lastIdx + 1]!) : null;
  if (startTip) {
    x.push(startTip[0]);
    y.push(startTip[1]);
    hover.push(`N = ${level} (tip)`);
  }
  for (const e of inside) {
    if (e.lower !== null) {
      x.push(e.mass);
      y.push(e.lower);
      hover.push(`max N = ${e.maxEvents.toPrecision(3)} at this mass`);
    }
  }
  if (endTip) {
    x.push(endTip[0]);
    y.push(endTip[1]);
    hover.push(`N = ${level} (tip)`);
  }
  for (let i = inside.length - 1; i >= 0; i--) {
    const e = inside[i]!;
    if (e.upper !== null) {
      x.push(e.mass);
      y.push(e.upper);
      hover.push(`max N = ${e.maxEvents.toPrecision(3)} at this mass`);
    }
  }
  const closed = startTip !== null && x.length > 2;
  if (closed) {
    x.push(x[0]!);
    y.push(y[0]!);
    hover.push(hover[0]!);
  }
  return { name, label, x, y, closed, level, hover };
}

/** Log-spaced grid of n points from a to b (inclusive). */
export function logGrid(a: number, b: number, n: number): number[] {
  requirePositive("a", a);
  requirePositive("b", b);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n = ${n} must be an integer ≥ 2`);
  return Array.from({ length: n }, (_, i) => a * Math.pow(b / a, i / (n - 1)));
}

/**
 * Like {@link joinEdges}, but a region made of separate islands in mass (runs of masses with
 * edges, separated by masses without) gives one line per island instead of one line jumping
 * between them. Lines are named `name`, `name-2`, `name-3`, … (label repeated).
 */
export function joinEdgeIslands(edges: readonly EdgePair[], name: string, label: string, level: number): ReachLine[] {
  const runs: [number, number][] = [];
  let start = -1;
  edges.forEach((e, i) => {
    const inside = e.lower !== null || e.upper !== null;
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) runs.push([start, edges.length - 1]);
  const out: ReachLine[] = [];
  runs.forEach(([a, b], k) => {
    // include one outside neighbour on each side so that the tips are refined
    const l = joinEdges(edges.slice(Math.max(0, a - 1), Math.min(edges.length, b + 2)), k === 0 ? name : `${name}-${k + 1}`, label, level);
    if (l) out.push(l);
  });
  return out;
}
