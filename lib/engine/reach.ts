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
  /** Sides of the scanned box through which the contour leaves it (it is drawn open there). */
  readonly openAt?: readonly OpenSide[];
  /** Indices i where the segment from point i−1 to point i is not drawn (a contour in pieces). */
  readonly breaks?: readonly number[];
}

/** The per-mass edge finding (lib/engine/edgeScan), re-exported: reach scans use it from here. */
export { type EdgeOptions, type EdgePair, findEdges, findEdgesAt } from "./edgeScan";
import type { EdgePair } from "./edgeScan";

/** A side of the scanned (mass, coupling) box through which a contour leaves it. */
export type OpenSide = "low-mass" | "high-mass" | "low-coupling" | "high-coupling";

/** One vertex of the cyclic contour under construction, and whether the segment into it is drawn. */
interface Vertex {
  readonly x: number;
  readonly y: number;
  readonly hover: string;
  /** True when the segment from the previous vertex (cyclically) to this one is not part of the contour. */
  readonly gapBefore: boolean;
}

/** log(maxEvents/level) at or below which a neighbour counts as outside; guards log(0). */
const LOG_TINY = 1e-300;

/** Tip where a region ends between two masses: a inside, b outside; log(maxEvents/level) = 0 interpolated in log-log. */
function tipBetween(a: EdgePair, b: EdgePair, level: number): [number, number] | null {
  const fa = Math.log(a.maxEvents / level), fb = Math.log(Math.max(b.maxEvents, LOG_TINY) / level);
  if (!(fa > 0) || !(fb < 0) || !Number.isFinite(fb)) return null;
  const u = fa / (fa - fb);
  const lm = Math.log(a.mass) + u * (Math.log(b.mass) - Math.log(a.mass));
  const ly = Math.log(a.yAtMax) + u * (Math.log(b.yAtMax) - Math.log(a.yAtMax));
  return [Math.exp(lm), Math.exp(ly)];
}

/**
 * Join per-mass edges into one line: lower edges in increasing mass, then upper edges back in
 * decreasing mass. Where the region ends inside the mass range the tip (where the two edges
 * meet) is refined: the boundary mass where maxEvents = level is interpolated in log-log.
 * Where the region leaves the scanned box — at the first or last scanned mass, or through
 * yMin/yMax (an edge missing at some mass) — the contour is left open there: no segment is
 * drawn along a scan edge. `openAt` names those sides; `breaks` lists the indices i of x/y
 * where the segment from point i−1 to point i is not drawn (the contour has several pieces).
 */
export function joinEdges(edges: readonly EdgePair[], name: string, label: string, level: number): ReachLine | null {
  const insideIdx = edges.map((e, i) => (e.lower !== null || e.upper !== null ? i : -1)).filter((i) => i >= 0);
  if (insideIdx.length === 0) return null;
  const firstIdx = insideIdx[0]!, lastIdx = insideIdx[insideIdx.length - 1]!;
  const startTip = firstIdx > 0 ? tipBetween(edges[firstIdx]!, edges[firstIdx - 1]!, level) : null;
  const endTip = lastIdx < edges.length - 1 ? tipBetween(edges[lastIdx]!, edges[lastIdx + 1]!, level) : null;
  const tipHover = `N = ${level} (tip)`;
  const at = (e: EdgePair) => `max N = ${e.maxEvents.toPrecision(3)} at this mass`;
  const cycle: Vertex[] = [];
  if (startTip) cycle.push({ x: startTip[0], y: startTip[1], hover: tipHover, gapBefore: false });
  let prev = -1;
  for (let i = firstIdx; i <= lastIdx; i++) {
    const e = edges[i]!;
    if (e.lower === null) continue;
    // a lower point not adjacent to the previous one: the branch left through yMin (or yMax) in between
    const gap = cycle.length === 0 ? !startTip : prev >= 0 ? i !== prev + 1 : !startTip || i !== firstIdx;
    cycle.push({ x: e.mass, y: e.lower, hover: at(e), gapBefore: gap });
    prev = i;
  }
  const lowerEnd = prev;
  if (endTip) cycle.push({ x: endTip[0], y: endTip[1], hover: tipHover, gapBefore: cycle.length === 0 ? !startTip : lowerEnd !== lastIdx });
  prev = -1;
  for (let i = lastIdx; i >= firstIdx; i--) {
    const e = edges[i]!;
    if (e.upper === null) continue;
    const gap = prev >= 0 ? i !== prev - 1 : endTip ? i !== lastIdx : true;
    cycle.push({ x: e.mass, y: e.upper, hover: at(e), gapBefore: cycle.length === 0 ? !startTip : gap });
    prev = i;
  }
  if (cycle.length === 0) return null;
  // closing segment (last → first): drawn only through the start tip, from the lowest-mass upper point
  const closesAtStart = startTip !== null && prev === firstIdx;
  cycle[0] = { ...cycle[0]!, gapBefore: !closesAtStart };
  const k = cycle.findIndex((v) => v.gapBefore);
  const ordered = k < 0 ? cycle : [...cycle.slice(k), ...cycle.slice(0, k)];
  const closed = k < 0 && ordered.length > 2;
  if (closed) ordered.push(ordered[0]!);
  const breaks = ordered.map((v, i) => (i > 0 && v.gapBefore ? i : -1)).filter((i) => i > 0);
  const openAt: OpenSide[] = [];
  if (firstIdx === 0) openAt.push("low-mass");
  if (lastIdx === edges.length - 1) openAt.push("high-mass");
  const inside = insideIdx.map((i) => edges[i]!);
  if (inside.some((e) => e.lower === null)) openAt.push("low-coupling");
  if (inside.some((e) => e.upper === null)) openAt.push("high-coupling");
  return { name, label, x: ordered.map((v) => v.x), y: ordered.map((v) => v.y), closed, level, hover: ordered.map((v) => v.hover), openAt, breaks };
}

/** Log-spaced grid (owner: lib/core/grids), re-exported for the figures that scan with it. */
export { logGrid } from "../core/grids";

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

/** Options of {@link massesToRefine} and the refinement drivers. */
export interface RefineOptions {
  /**
   * Resolution of a tip or of the mass where a line leaves the coupling range: a mass interval
   * holding one is bisected (in log m) until ln(m₂/m₁) ≤ tipLogTol. Default 0.03 (3 % in mass).
   */
  readonly tipLogTol?: number;
  /**
   * An edge changing by more than this (natural log of the coupling) between neighbouring masses
   * is resolved by bisection, down to intervals of ln(m₂/m₁) = tipLogTol. Default ln(10)/3
   * (a third of a decade per step, where lines are steep near tips and thresholds).
   */
  readonly maxLogYStep?: number;
  /** Bisection rounds (default 4: a 61-point 1 MeV–10 GeV grid, ln-step 0.15, reaches 0.0096 < tipLogTol after 4 halvings). */
  readonly maxRounds?: number;
  /** Most masses added per round (default 60, caps the cost of steep lines). */
  readonly maxNewPerRound?: number;
}

const REFINE_DEFAULTS = { tipLogTol: 0.03, maxLogYStep: Math.log(10) / 3, maxRounds: 4, maxNewPerRound: 60 } as const;

function isInside(e: EdgePair): boolean {
  return e.lower !== null || e.upper !== null;
}

/**
 * The masses to add to a scan so that each line's tips, scan-edge crossings and fast-changing
 * edges are resolved (see {@link RefineOptions}): the log-midpoints of the intervals that need
 * it, sorted. `lines[k][i]` is line k's edges at the i-th mass (masses increasing, common to all
 * lines). Empty when the grid is fine enough.
 */
export function massesToRefine(lines: readonly (readonly EdgePair[])[], opts: RefineOptions = {}): number[] {
  const o = refineSettings(opts);
  const out = new Set<number>();
  for (const edges of lines) {
    for (let i = 0; i + 1 < edges.length; i++) {
      const a = edges[i]!, b = edges[i + 1]!;
      if (!(b.mass > a.mass)) throw new RangeError(`masses must increase: ${a.mass} then ${b.mass}`);
      if (needsMidpoint(a, b, o)) out.add(Math.sqrt(a.mass * b.mass));
    }
  }
  return [...out].sort((x, y) => x - y).slice(0, o.maxNewPerRound);
}

/** The refinement options with their defaults, checked. */
function refineSettings(opts: RefineOptions): Required<RefineOptions> {
  const o = { ...REFINE_DEFAULTS, ...opts };
  requirePositive("tipLogTol", o.tipLogTol);
  requirePositive("maxLogYStep", o.maxLogYStep);
  return o;
}

/** Whether one line's neighbouring edges a, b (a.mass < b.mass) ask for the mass between them ({@link massesToRefine}). */
function needsMidpoint(a: EdgePair, b: EdgePair, o: Required<RefineOptions>): boolean {
  const w = Math.log(b.mass / a.mass);
  if (w <= o.tipLogTol) return false;
  const tip = isInside(a) !== isInside(b);
  const leaves = isInside(a) && isInside(b) && ((a.lower === null) !== (b.lower === null) || (a.upper === null) !== (b.upper === null));
  const steep = (p: number | null, q: number | null) => p !== null && q !== null && Math.abs(Math.log(q / p)) > o.maxLogYStep;
  return tip || leaves || steep(a.lower, b.lower) || steep(a.upper, b.upper);
}

/** Inserts new per-mass results into a mass-sorted list (by `massOf`), keeping the order. */
function mergeByMass<R>(a: readonly R[], b: readonly R[], massOf: (r: R) => number): R[] {
  return [...a, ...b].sort((x, y) => massOf(x) - massOf(y));
}

/**
 * Adaptive mass grid: evaluate `masses`, then repeatedly add the masses {@link massesToRefine}
 * asks for (up to `maxRounds` rounds). `evaluate` computes the per-mass results of a batch of
 * masses (e.g. in worker threads); `linesOf` gives a result's edges, one per line, in a fixed
 * order. Returns all results in mass order.
 */
export async function refineMassGrid<R>(
  masses: readonly number[],
  evaluate: (ms: readonly number[], round: number) => Promise<readonly R[]>,
  massOf: (r: R) => number,
  linesOf: (r: R) => readonly EdgePair[],
  opts: RefineOptions = {},
): Promise<R[]> {
  let all = mergeByMass(await evaluate(masses, 0), [], massOf);
  for (let round = 0; round < (opts.maxRounds ?? REFINE_DEFAULTS.maxRounds); round++) {
    const add = massesToRefine(transpose(all.map(linesOf)), opts);
    if (add.length === 0) break;
    all = mergeByMass(all, await evaluate(add, round + 1), massOf);
  }
  return all;
}

/**
 * {@link refineMassGrid} with every mass asked for as soon as it is known to be needed, not at
 * the end of its round: whether an interval gets its midpoint depends only on the results at
 * its two ends ({@link massesToRefine}), so a midpoint is requested (`evaluate(mass, round)`)
 * the moment both ends are in, and its own halves when it is. The rounds themselves are then
 * replayed by {@link refineMassGrid} on these results (each mass evaluated once), so the result
 * is refineMassGrid's exactly, for an `evaluate` that is a function of the mass (a round capped
 * at maxNewPerRound asks for the rest in the replay, and a mass asked for ahead that the replay
 * never takes is evaluated in vain, never used). Workers fed by `evaluate` so never wait for a
 * round to end. A failed evaluation rejects the result only if the replay needs that mass.
 */
export async function refineMassGridAhead<R>(
  masses: readonly number[],
  evaluate: (mass: number, round: number) => Promise<R>,
  massOf: (r: R) => number,
  linesOf: (r: R) => readonly EdgePair[],
  opts: RefineOptions = {},
): Promise<R[]> {
  const o = refineSettings(opts);
  const asked = new Map<number, Promise<R>>();
  const get = (m: number, round: number): Promise<R> => {
    let p = asked.get(m);
    if (!p) {
      p = evaluate(m, round);
      p.catch(() => undefined); // reported by the replay if it needs this mass
      asked.set(m, p);
    }
    return p;
  };
  /** Ask ahead for the midpoint of the interval (a, b) of round `round` and, once in, for its halves'. */
  const ahead = (a: R, b: R, round: number): void => {
    if (round >= o.maxRounds) return;
    const la = linesOf(a), lb = linesOf(b);
    if (la.length !== lb.length || la.length === 0 || !(lb[0]!.mass > la[0]!.mass)) return;
    if (!la.some((e, k) => needsMidpoint(e, lb[k]!, o))) return;
    get(Math.sqrt(la[0]!.mass * lb[0]!.mass), round + 1).then(
      (c) => {
        ahead(a, c, round + 1);
        ahead(c, b, round + 1);
      },
      () => undefined,
    );
  };
  const start = [...masses].sort((x, y) => x - y);
  const first = start.map((m) => get(m, 0));
  for (let i = 0; i + 1 < first.length; i++) {
    Promise.all([first[i]!, first[i + 1]!]).then(([a, b]) => ahead(a, b, 0), () => undefined);
  }
  return refineMassGrid(masses, (ms, round) => Promise.all(ms.map((m) => get(m, round))), massOf, linesOf, opts);
}

/** {@link refineMassGrid} for a synchronous per-mass computation. */
export function refineMassGridSync<R>(masses: readonly number[], evaluate: (m: number) => R, massOf: (r: R) => number, linesOf: (r: R) => readonly EdgePair[], opts: RefineOptions = {}): R[] {
  let all = mergeByMass(masses.map(evaluate), [], massOf);
  for (let round = 0; round < (opts.maxRounds ?? REFINE_DEFAULTS.maxRounds); round++) {
    const add = massesToRefine(transpose(all.map(linesOf)), opts);
    if (add.length === 0) break;
    all = mergeByMass(all, add.map(evaluate), massOf);
  }
  return all;
}

/** rows[i][k] (mass i, line k) → lines[k][i]. */
function transpose(rows: readonly (readonly EdgePair[])[]): EdgePair[][] {
  const n = rows[0]?.length ?? 0;
  return Array.from({ length: n }, (_, k) => rows.map((r) => {
    const e = r[k];
    if (!e) throw new RangeError(`every mass must give the same number of lines (${n}); one gives ${r.length}`);
    return e;
  }));
}
