/**
 * The per-mass edge finding of a reach scan (issue 15): where events(y) crosses one or several
 * levels, from one coarse log scan shared by every level, each crossing refined by the same
 * bisection in log y as before — but with the bisection's decisions taken from a tight bracket
 * of the root found first by the Illinois method (a few evaluations instead of ~17), so the
 * refined edge is the very number the plain bisection returns, for an event count monotone
 * inside the scan interval that holds the crossing (a 1.14× step in y at the default scan).
 *
 * A caller that knows its event count is non-decreasing in y (e.g. κ Σ w P(d/κ) with P
 * non-decreasing in κ: decays in the target, no decay) says so with `monotone`, and the scan
 * is then a binary search on the same grid points: the same maximum, the same brackets and so
 * the same edges as the full scan, with ~10 evaluations instead of `scanPoints`.
 */
import { requirePositive } from "../core/validate";

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
  /**
   * "increasing": the caller guarantees events(y) is non-decreasing in y over the scan; the
   * scan's grid is then searched by bisection (same result as the full scan). Default: none.
   */
  readonly monotone?: "increasing";
  /**
   * Where the caller guarantees the shape of events(y): non-decreasing for y ≤ increasingBelow
   * and non-increasing for y ≥ decreasingAbove (a sum of unimodal terms whose modes lie in
   * between, e.g. the vessel counts of lib/engine/decayScan). The scan then evaluates the grid
   * between the two fully and searches the monotone parts by bisection — the same maximum, the
   * same brackets and so the same edges as the full scan. `monotone: "increasing"` is the case
   * increasingBelow = yMax.
   */
  readonly shape?: { readonly increasingBelow: number; readonly decreasingAbove: number };
}

/** Step of the estimate in ln y below which it counts as converged and the bracket is closed across it. */
const NUDGE_AFTER = 1e-3;
/** Most Illinois steps per root (a bracket that stalls is still exact: the replay evaluates inside it). */
const MAX_ROOT_STEPS = 40;

/** The scan: y_i = exp(L0 + (L1 − L0) i/(n − 1)), evaluated on demand and checked, cached per index. */
class Scan {
  readonly ys: Float64Array;
  readonly ev: Float64Array;
  private readonly done: Uint8Array;
  constructor(readonly events: (y: number) => number, readonly mass: number, readonly n: number, L0: number, L1: number) {
    this.ys = new Float64Array(n);
    for (let i = 0; i < n; i++) this.ys[i] = Math.exp(L0 + ((L1 - L0) * i) / (n - 1));
    this.ev = new Float64Array(n);
    this.done = new Uint8Array(n);
  }
  at(i: number): number {
    if (this.done[i]) return this.ev[i]!;
    const y = this.ys[i]!;
    const e = this.events(y);
    if (!Number.isFinite(e) || e < 0) throw new RangeError(`events(${y}) = ${e} at mass ${this.mass} is not a finite non-negative number`);
    this.ev[i] = e;
    this.done[i] = 1;
    return e;
  }
}

/** ln(e/level), finite for e = 0 (the interpolation variable of the root search). */
function logRatio(e: number, level: number): number {
  return Math.log(Math.max(e, 1e-300) / level);
}

/**
 * The crossing between ln a and ln b (a on the `aAbove` side of the level, b on the other) to
 * `tol` in ln y, by bisection, exactly as `while (lb − la > tol) …; return exp((la + lb)/2)`:
 * the Illinois method first brackets the root to tol/1000, and each bisection midpoint
 * outside that bracket takes its side from it (evaluated only inside it).
 */
function refineCrossing(events: (y: number) => number, level: number, a: number, b: number, ea: number, eb: number, aAbove: boolean, tol: number): number {
  let la = Math.log(a), lb = Math.log(b);
  let x0 = la, x1 = lb, f0 = logRatio(ea, level), f1 = logRatio(eb, level), side = 0;
  /** Evaluate at s in (x0, x1) and keep the side it lies on (Illinois: halve the stale end's value). */
  const at = (s: number): boolean => {
    const e = events(Math.exp(s));
    const onA = (e >= level) === aAbove;
    if (onA) {
      x0 = s; f0 = logRatio(e, level);
      if (side === -1) f1 *= 0.5;
      side = -1;
    } else {
      x1 = s; f1 = logRatio(e, level);
      if (side === 1) f0 *= 0.5;
      side = 1;
    }
    return onA;
  };
  // a bracket 1000× narrower than tol: a bisection midpoint falls inside it (and is evaluated) rarely
  const target = 1e-3 * tol;
  let prev = NaN;
  for (let k = 0; k < MAX_ROOT_STEPS && x1 - x0 > target; k++) {
    let s = x1 - (f1 * (x1 - x0)) / (f1 - f0);
    if (!(s > x0 && s < x1)) s = 0.5 * (x0 + x1);
    // a converging estimate lands on one side only: close the bracket with a point across it,
    // one last step away (the estimate's error is below its last step once converging)
    const step = Math.abs(s - prev);
    prev = s;
    const onA = at(s);
    if (step < NUDGE_AFTER) {
      const d = Math.max(0.5 * target, step);
      const t = onA ? s + d : s - d;
      if (t > x0 && t < x1) at(t);
    }
  }
  while (lb - la > tol) {
    const mid = 0.5 * (la + lb);
    const onA = mid <= x0 ? true : mid >= x1 ? false : (events(Math.exp(mid)) >= level) === aAbove;
    if (onA) la = mid;
    else lb = mid;
  }
  return Math.exp(0.5 * (la + lb));
}

/** Validated options: scan points, tolerance, ln of the range. */
function scanSetup(opts: EdgeOptions): { n: number; tol: number; L0: number; L1: number } {
  requirePositive("yMin", opts.yMin);
  if (!(opts.yMax > opts.yMin)) throw new RangeError(`yMax = ${opts.yMax} must exceed yMin = ${opts.yMin}`);
  const n = opts.scanPoints ?? 121;
  const tol = opts.relTol ?? 1e-6;
  if (!Number.isInteger(n) || n < 3) throw new RangeError(`scanPoints = ${n} must be an integer ≥ 3 (a scan brackets a maximum)`);
  // relTol 0 (or below the ~1e-15 spacing of doubles) would bisect forever
  if (!(tol >= 1e-12 && tol < 1)) throw new RangeError(`relTol = ${tol} must be in [1e-12, 1) (a relative precision of the edge in y)`);
  return { n, tol, L0: Math.log(opts.yMin), L1: Math.log(opts.yMax) };
}

/**
 * The monotone parts of the scan: ev is non-decreasing on [0, inc] and non-increasing on
 * [dec, n − 1] (inc ≤ dec). Without a shape: inc = 0, dec = n − 1 (nothing assumed).
 */
interface ScanShape {
  readonly inc: number;
  readonly dec: number;
}

function scanShape(scan: Scan, opts: EdgeOptions): ScanShape {
  const n = scan.n;
  if (opts.monotone === "increasing") return { inc: n - 1, dec: n - 1 };
  const sh = opts.shape;
  if (!sh) return { inc: 0, dec: n - 1 };
  let inc = 0, dec = n - 1;
  while (inc + 1 < n && scan.ys[inc + 1]! <= sh.increasingBelow) inc++;
  while (dec - 1 >= 0 && scan.ys[dec - 1]! >= sh.decreasingAbove) dec--;
  // weakening a claim is always valid: overlapping parts keep only the increasing one up to dec
  return { inc: Math.min(inc, dec), dec };
}

/** First index in [lo, hi] with ev ≥ x on a non-decreasing stretch, or hi + 1 when none. */
function firstAtLeast(scan: Scan, x: number, lo: number, hi: number): number {
  if (scan.at(hi) < x) return hi + 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (scan.at(m) >= x) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/** Last index in [lo, hi] with ev ≥ x on a non-increasing stretch, or lo − 1 when none. */
function lastAtLeast(scan: Scan, x: number, lo: number, hi: number): number {
  if (scan.at(lo) < x) return lo - 1;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (scan.at(m) >= x) lo = m;
    else hi = m - 1;
  }
  return lo;
}

/**
 * Index of the scan's maximum (the first of equal maxima), as a full scan finds it: the middle
 * [inc, dec] in full; the non-decreasing head holds no larger value than ev[inc] and the
 * non-increasing tail none larger than ev[dec], so the maximum is in the middle, and an equal
 * value in the head (only 0s or a flat top) is found by bisection for the first index.
 */
function scanMaximum(scan: Scan, shape: ScanShape): number {
  const { inc, dec } = shape;
  let iMax = inc;
  for (let i = inc + 1; i <= dec; i++) if (scan.at(i) > scan.at(iMax)) iMax = i;
  if (iMax === inc && inc > 0 && !(scan.at(inc - 1) < scan.at(inc))) iMax = firstAtLeast(scan, scan.at(inc), 0, inc);
  return iMax;
}

/** The outermost crossing below the maximum: first i < iMax with ev[i] < level ≤ ev[i+1], or −1. */
function lowerBracket(scan: Scan, level: number, iMax: number, shape: ScanShape): number {
  // on the non-decreasing head [0, p] the first such i is just below the first index at or above the level
  const p = Math.min(shape.inc, iMax);
  let from = 0;
  if (p > 0) {
    if (scan.at(0) < level) {
      const f = firstAtLeast(scan, level, 0, p);
      if (f <= p) return f - 1;
    }
    from = p; // the head has no crossing with i + 1 ≤ p
  }
  for (let i = from; i < iMax; i++) if (scan.at(i) < level && scan.at(i + 1) >= level) return i;
  return -1;
}

/** The outermost crossing above the maximum: last i > iMax with ev[i] < level ≤ ev[i−1] (returned as i), or −1. */
function upperBracket(scan: Scan, level: number, iMax: number, shape: ScanShape): number {
  const n = scan.n;
  // on the non-increasing tail [q, n − 1] the last such i is just above the last index at or above the level
  const q = Math.max(shape.dec, iMax);
  let from = n - 1;
  if (q < n - 1) {
    if (scan.at(n - 1) < level) {
      const g = lastAtLeast(scan, level, q, n - 1);
      if (g >= q) return g + 1;
    }
    from = q; // the tail has no crossing with i − 1 ≥ q
  }
  for (let i = from; i > iMax; i--) if (scan.at(i) < level && scan.at(i - 1) >= level) return i;
  return -1;
}

/**
 * Find the lower and upper edges of {y : events(y) ≥ level} for every level, from one scan: a
 * coarse log scan brackets the crossings around the maximum, then each is refined in log(y)
 * to `relTol`. If several disjoint regions exist, the outermost crossings are returned
 * (documented limitation; the maximum marks the region).
 */
export function findEdgesAt(events: (y: number) => number, levels: readonly number[], mass: number, opts: EdgeOptions): EdgePair[] {
  for (const level of levels) requirePositive("level", level);
  const { n, tol, L0, L1 } = scanSetup(opts);
  const scan = new Scan(events, mass, n, L0, L1);
  const shape = scanShape(scan, opts);
  const iMax = scanMaximum(scan, shape);
  const maxEvents = scan.at(iMax), yAtMax = scan.ys[iMax]!;
  return levels.map((level) => {
    if (!(maxEvents >= level)) return { mass, lower: null, upper: null, maxEvents, yAtMax };
    const refine = (i: number, j: number, aAbove: boolean) => refineCrossing(events, level, scan.ys[i]!, scan.ys[j]!, scan.at(i), scan.at(j), aAbove, tol);
    const il = lowerBracket(scan, level, iMax, shape);
    const lower = il >= 0 ? refine(il, il + 1, false) : null;
    const iu = upperBracket(scan, level, iMax, shape);
    const upper = iu >= 0 ? refine(iu - 1, iu, true) : null;
    return { mass, lower, upper, maxEvents, yAtMax };
  });
}

/** {@link findEdgesAt} for one level. */
export function findEdges(events: (y: number) => number, level: number, mass: number, opts: EdgeOptions): EdgePair {
  return findEdgesAt(events, [level], mass, opts)[0]!;
}
