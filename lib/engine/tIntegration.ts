/**
 * The ln|t| integration of one (E_ν, channel) of a production table (lib/engine/productionTable,
 * whose module doc states the rule): composite Gauss–Legendre on a fixed panel grid in ln|t|,
 * clipped to the physical range, the |t| cut and the recoil windows; the |t| nodes and t-only
 * factors of whole panels cached per tabulation.
 */
import { tRangeUnchecked } from "../core/kinematics";
import type { NodeColumns } from "./nodeColumns";
import type { FactorisedKernel, ProductionChannel, ProductionOptions } from "./productionTable";
import { PANEL_SNAP } from "./rules";

/** The ln|t| rule of a tabulation: Gauss points per panel, the fixed panel grid, the |t| cut and the recoil windows. */
export interface TRule {
  readonly x: readonly number[];
  readonly w: readonly number[];
  readonly panelsPerDecade: number;
  readonly tAbsMaxCut: number;
  readonly recoilWindows: ProductionOptions["recoilWindows"];
  /**
   * |t| at the Gauss points of whole panels, by panel index (NaN until first used): a whole panel
   * [p, p+1]·ln10/panelsPerDecade has the same nodes at every E_ν and channel, so its
   * exponentials are taken once per tabulation (the same numbers: the same expression).
   */
  readonly absTCache: PanelCache;
  /**
   * Per channel index, the t-only factors of a factorised channel at the Gauss points of the
   * whole panel p (node j at j·count), filled when first used.
   */
  readonly factorCache: PanelCache[];
  /** Scratch for the factors of one node of a partial panel. */
  readonly factorScratch: Float64Array;
  /** The whole panels in flat columns, for the batched path ({@link FlatPanels}). */
  readonly flat: FlatPanels;
}

/** Panel indices p with |p| < PANEL_SLOTS / 2 are cached in an array (|t| from 10^(−64/ppd) to 10^(64/ppd) GeV²), others in a map. */
const PANEL_SLOTS = 256;

/** Per-panel values by panel index p (an array around p = 0, a map beyond). */
export class PanelCache {
  private readonly near: (Float64Array | undefined)[] = new Array(PANEL_SLOTS).fill(undefined);
  private readonly far = new Map<number, Float64Array>();
  get(p: number): Float64Array | undefined {
    const i = p + PANEL_SLOTS / 2;
    return i >= 0 && i < PANEL_SLOTS ? this.near[i] : this.far.get(p);
  }
  set(p: number, v: Float64Array): void {
    const i = p + PANEL_SLOTS / 2;
    if (i >= 0 && i < PANEL_SLOTS) this.near[i] = v;
    else this.far.set(p, v);
  }
}

/** |t| at the Gauss points of the whole panel p (cached in the rule). */
function wholePanelAbsT(rule: TRule, p: number, c0: number, h: number): Float64Array {
  let v = rule.absTCache.get(p);
  if (!v) {
    v = Float64Array.from(rule.x, (x) => Math.exp(c0 + 0.5 * h * x));
    rule.absTCache.set(p, v);
  }
  return v;
}

/** The t-only factors of channel c at the nodes |t| = absT of the whole panel p (cached in the rule). */
function wholePanelFactors(rule: TRule, c: number, fk: FactorisedKernel, p: number, absT: Float64Array): Float64Array {
  const byPanel = (rule.factorCache[c] ??= new PanelCache());
  let v = byPanel.get(p);
  if (!v) {
    v = new Float64Array(absT.length * fk.count);
    for (let j = 0; j < absT.length; j++) fk.tFactors(-absT[j]!, v, j * fk.count);
    byPanel.set(p, v);
  }
  return v;
}

/**
 * Append the nodes of one ln|t| interval [aLo, aHi] (GeV², 0 < aLo < aHi) of one (E_ν, channel)
 * to `acc`: composite Gauss–Legendre on the panels of the fixed grid (edges at
 * k·ln10/panelsPerDecade) clipped to the interval. Returns the summed weight.
 */
function integratePanels(acc: NodeColumns, key: NodeKey, Enu: number, ch: ProductionChannel, scat: number, aLo: number, aHi: number, rule: TRule): number {
  if (ch.factorised?.kernelMany && ++panelCalls > perNodeCalls) return integratePanelsMany(acc, key, Enu, ch, ch.factorised, scat, aLo, aHi, rule);
  // panels on a fixed grid in ln|t|: tables with a |t| cut on a grid edge are then exact
  // subsets (restrictAbsT); the PANEL_SNAP snaps keep a range end on a grid edge from opening a sliver panel
  const ds = ch.kernel ?? ch.dsigmadt;
  const fk = ch.factorised;
  const L0 = Math.log(aLo), L1 = Math.log(aHi);
  const h0 = Math.LN10 / rule.panelsPerDecade;
  const k0 = Math.floor(L0 / h0 + PANEL_SNAP) + 0, k1 = Math.ceil(L1 / h0 - PANEL_SNAP) + 0; // −0 as +0 (see integratePanelsMany)
  const inv2M = 1 / (2 * ch.targetMass);
  const nx = rule.x.length, rw = rule.w, rx = rule.x;
  const scratch = rule.factorScratch;
  let sum = 0;
  for (let p = k0; p < k1; p++) {
    const pa = Math.max(L0, p * h0), pb = Math.min(L1, (p + 1) * h0);
    if (!(pb - pa > PANEL_SNAP * h0)) continue;
    const c0 = 0.5 * (pa + pb), h = pb - pa;
    const whole = pa === p * h0 && pb === (p + 1) * h0 ? wholePanelAbsT(rule, p, c0, h) : null;
    const factors = whole && fk ? wholePanelFactors(rule, key.c, fk, p, whole) : null;
    const hh = 0.5 * h;
    for (let j = 0; j < nx; j++) {
      const absT = whole ? whole[j]! : Math.exp(c0 + hh * rx[j]!);
      const t = -absT;
      let dsv: number;
      if (factors) dsv = fk!.kernelWith(Enu, t, factors, j * fk!.count);
      else if (fk) {
        fk.tFactors(t, scratch, 0);
        dsv = fk.kernelWith(Enu, t, scratch, 0);
      } else dsv = ds(Enu, t);
      const w = scat * dsv * nodeFactor(absT, hh, rw[j]!);
      if (w === 0) continue;
      if (!(w > 0) || !Number.isFinite(w)) {
        throw new RangeError(`channel ${ch.name}: dσ/dt = ${dsv} at E = ${Enu} GeV, t = ${t} GeV² is not a finite non-negative number`);
      }
      acc.pushNode(t, Enu - absT * inv2M, w);
      sum += w;
    }
  }
  return sum;
}

/**
 * The t-only part |t| · ½h · w_j of a node's weight (the Jacobian d t = |t| d ln|t| times the
 * Gauss weight of a panel of width h): one product per node on the whole panels'
 * columns ({@link PanelNodes}.aw), the same expression on both paths.
 */
function nodeFactor(absT: number, hh: number, wj: number): number {
  return absT * hh * wj;
}

/**
 * The first PER_NODE_CALLS integrations of a process take the per-node path, later ones
 * {@link integratePanelsMany} (the same nodes bit for bit). The batched path is faster once
 * optimised, but its optimisation (a large function) costs more than a one-off table gains —
 * `nudump events` tabulates one mass point (~900 cells: ~55 ms per-node vs ~70 ms batched,
 * cold), a Fig. 1 scan hundreds (its workers call {@link preferBatchedIntegration}).
 */
export const PER_NODE_CALLS = 1500;
let panelCalls = 0;
let perNodeCalls = PER_NODE_CALLS;

/** Take the batched path from the first integration on: for a thread that tabulates many tables (a figure worker). */
export function preferBatchedIntegration(): void {
  perNodeCalls = 0;
}

/** Integrations of channels with `kernelMany` so far in this process (the path choice above; for tests). */
export function batchableIntegrations(): number {
  return panelCalls;
}

/** Scratch of {@link integratePanelsMany}'s partial panels: per node t, |t|, the factors, and dσ/dt of a run of nodes. */
class PanelScratch {
  cap = 0;
  t = new Float64Array(0);
  absT = new Float64Array(0);
  g = new Float64Array(0);
  ds = new Float64Array(0);
  fit(m: number, count: number): void {
    if (m > this.cap) {
      const cap = (this.cap = Math.max(m, 2 * this.cap, 256));
      this.t = new Float64Array(cap); this.absT = new Float64Array(cap); this.ds = new Float64Array(cap);
    }
    if (this.g.length < this.cap * count) this.g = new Float64Array(this.cap * Math.max(count, 2));
  }
}
const PANEL_SCRATCH = new PanelScratch();

/**
 * The whole panels' |t| nodes of one ln|t| rule (Gauss points, panels per decade) in flat
 * columns, node i = (p + PANEL_SLOTS/2)·nx + j for the panels p of the array part of
 * {@link PanelCache}: t, |t| (the expression of wholePanelAbsT) and the node factor |t|·½h·w_j ({@link nodeFactor}) of the
 * panel; filled panel by panel when first used, and shared by every tabulation of this thread
 * with that rule (they depend on the rule only).
 */
class PanelNodes {
  readonly t: Float64Array;
  readonly absT: Float64Array;
  /** {@link nodeFactor} at each node. */
  readonly aw: Float64Array;
  readonly filled: Uint8Array;
  /** Factor columns of kernels with a factorsKey (shared by every tabulation with this rule), by key. */
  readonly shared = new Map<string, { g: Float64Array; filled: Uint8Array }>();
  constructor(readonly x: readonly number[], readonly w: readonly number[], readonly panelsPerDecade: number) {
    const n = PANEL_SLOTS * x.length;
    this.t = new Float64Array(n);
    this.absT = new Float64Array(n);
    this.aw = new Float64Array(n);
    this.filled = new Uint8Array(PANEL_SLOTS);
  }
  /** Fill slot s (panel p = s − PANEL_SLOTS/2) from its centre c0 and width h (as integratePanels computes them). */
  fill(s: number, c0: number, h: number): void {
    const nx = this.x.length;
    for (let j = 0; j < nx; j++) {
      const absT = Math.exp(c0 + 0.5 * h * this.x[j]!);
      this.absT[s * nx + j] = absT;
      this.t[s * nx + j] = -absT;
      this.aw[s * nx + j] = nodeFactor(absT, 0.5 * h, this.w[j]!);
    }
    this.filled[s] = 1;
  }
}

/** The {@link PanelNodes} of this thread by rule. */
const PANEL_NODES = new Map<string, PanelNodes>();
function panelNodes(x: readonly number[], w: readonly number[], panelsPerDecade: number): PanelNodes {
  const k = `${panelsPerDecade} ${x.join(" ")} ${w.join(" ")}`;
  let v = PANEL_NODES.get(k);
  if (!v) PANEL_NODES.set(k, (v = new PanelNodes(x, w, panelsPerDecade)));
  return v;
}

/**
 * The whole panels of one tabulation in flat columns for the batched path: the rule's
 * {@link PanelNodes} and per channel the t-only factors at them (the values of
 * wholePanelFactors: tFactors at each node), so that a run of consecutive whole panels is read
 * in place by one kernelMany call (issue 15: no per-node copy into a scratch).
 */
export class FlatPanels {
  readonly nodes: PanelNodes;
  private readonly g: (Float64Array | undefined)[] = [];
  private readonly gFilled: (Uint8Array | undefined)[] = [];
  constructor(x: readonly number[], w: readonly number[], panelsPerDecade: number) {
    this.nodes = panelNodes(x, w, panelsPerDecade);
  }
  /** Whether panel p has a slot. */
  static holds(p: number): boolean {
    const s = p + PANEL_SLOTS / 2;
    return s >= 0 && s < PANEL_SLOTS;
  }
  /** The factor column of channel c (count factors per node), created empty when first asked for; its filled slots are {@link filledSlots}. */
  column(c: number, fk: FactorisedKernel): Float64Array {
    const nd = this.nodes, nx = nd.x.length, cnt = fk.count;
    let g = this.g[c];
    if (!g) {
      // a kernel with a factorsKey takes the rule's shared columns (the same numbers: the same tFactors at the same t)
      const key = fk.factorsKey;
      let col = key !== undefined ? nd.shared.get(key) : undefined;
      if (!col) {
        col = { g: new Float64Array(PANEL_SLOTS * nx * cnt), filled: new Uint8Array(PANEL_SLOTS) };
        if (key !== undefined) nd.shared.set(key, col);
      }
      g = this.g[c] = col.g;
      this.gFilled[c] = col.filled;
    }
    return g;
  }
  /** Per slot, whether channel c's factors (and so the slot's nodes) are filled; after {@link column}. */
  filledSlots(c: number): Uint8Array {
    return this.gFilled[c]!;
  }
  /** The factor column of channel c with whole panel p filled (centre c0, width h); p must have a slot. */
  factors(c: number, fk: FactorisedKernel, p: number, c0: number, h: number): Float64Array {
    const s = p + PANEL_SLOTS / 2, nd = this.nodes, nx = nd.x.length, cnt = fk.count;
    if (nd.filled[s] === 0) nd.fill(s, c0, h);
    const g = this.column(c, fk), gf = this.gFilled[c]!;
    if (gf[s] === 0) {
      for (let i = s * nx; i < (s + 1) * nx; i++) fk.tFactors(nd.t[i]!, g, i * cnt);
      gf[s] = 1;
    }
    return g;
  }
}

/**
 * {@link integratePanels} for a channel with `kernelMany`: runs of whole panels read in place
 * from the rule's flat columns ({@link FlatPanels}), partial panels (the ends of the range)
 * computed into a scratch, dσ/dt of each run in one call, then the weights — the same
 * expressions on the same values in the same order, so the same nodes bit for bit.
 */
function integratePanelsMany(acc: NodeColumns, key: NodeKey, Enu: number, ch: ProductionChannel, fk: FactorisedKernel, scat: number, aLo: number, aHi: number, rule: TRule): number {
  const L0 = Math.log(aLo), L1 = Math.log(aHi);
  const h0 = Math.LN10 / rule.panelsPerDecade;
  // "+ 0": a panel index of −0 (Math.ceil of a small negative) as +0, so the optimised code keeps its integer speculation (a −0 deoptimised it, and its recompile cost a one-off table ~15 ms)
  const k0 = Math.floor(L0 / h0 + PANEL_SNAP) + 0, k1 = Math.ceil(L1 / h0 - PANEL_SNAP) + 0;
  const inv2M = 1 / (2 * ch.targetMass);
  const nx = rule.x.length, rw = rule.w, rx = rule.x, cnt = fk.count;
  const flat = rule.flat;
  const sc = PANEL_SCRATCH;
  sc.fit(Math.max(1, k1 - k0) * nx, cnt);
  const DS = sc.ds;
  let sum = 0;
  // the run of whole panels not yet integrated: slots [r0, r1); the channel's factor column g (its slots filled when first used)
  let r0 = -1, r1 = -1;
  const g = flat.column(key.c, fk), gf = flat.filledSlots(key.c);
  for (let p = k0; p <= k1; p++) {
    let pa = 0, pb = 0, whole = false;
    if (p < k1) {
      pa = Math.max(L0, p * h0);
      pb = Math.min(L1, (p + 1) * h0);
      if (!(pb - pa > PANEL_SNAP * h0)) continue;
      whole = pa === p * h0 && pb === (p + 1) * h0 && FlatPanels.holds(p);
      if (whole) {
        const s = p + PANEL_SLOTS / 2;
        if (gf[s] === 0) flat.factors(key.c, fk, p, 0.5 * (pa + pb), pb - pa);
        if (r0 < 0) r0 = s;
        r1 = s + 1;
        continue;
      }
    }
    // a partial panel, or the end: first the run of whole panels before it
    if (r0 >= 0) {
      const o = r0 * nx, m = (r1 - r0) * nx;
      fk.kernelMany!(Enu, flat.nodes.t, g, m, DS, o);
      const FT = flat.nodes.t, FA = flat.nodes.absT, FW = flat.nodes.aw;
      // acc.pushNode written out: room reserved once, the columns and their length in locals
      acc.reserve(m);
      const CT = acc.t, CE = acc.EN, CW = acc.w;
      let n = acc.n;
      for (let q = 0; q < m; q++) {
        const i = o + q, dsv = DS[q]!;
        const w = scat * dsv * FW[i]!;
        // one test on the common path: 0 < w < ∞ (a zero is skipped; negative, NaN or infinite is an error)
        if (!(w > 0 && w < Infinity)) {
          if (w === 0) continue;
          throw badWeight(ch, dsv, Enu, FT[i]!);
        }
        CT[n] = FT[i]!;
        CE[n] = Enu - FA[i]! * inv2M;
        CW[n] = w;
        n++;
        sum += w;
      }
      acc.n = n;
      r0 = -1;
    }
    if (p === k1) break;
    // the partial panel: its nodes computed
    const c0 = 0.5 * (pa + pb), hh = 0.5 * (pb - pa);
    const T = sc.t, AT = sc.absT, G = sc.g;
    for (let j = 0; j < nx; j++) {
      const absT = Math.exp(c0 + hh * rx[j]!);
      T[j] = -absT;
      AT[j] = absT;
      fk.tFactors(-absT, G, j * cnt);
    }
    fk.kernelMany!(Enu, T, G, nx, DS, 0);
    for (let j = 0; j < nx; j++) {
      const absT = AT[j]!, dsv = DS[j]!;
      const w = scat * dsv * nodeFactor(absT, hh, rw[j]!);
      if (w === 0) continue;
      if (!(w > 0) || !Number.isFinite(w)) throw badWeight(ch, dsv, Enu, T[j]!);
      acc.pushNode(T[j]!, Enu - absT * inv2M, w);
      sum += w;
    }
  }
  return sum;
}

/** The error of a node weight that is not a finite non-negative number. */
function badWeight(ch: ProductionChannel, dsv: number, Enu: number, t: number): RangeError {
  return new RangeError(`channel ${ch.name}: dσ/dt = ${dsv} at E = ${Enu} GeV, t = ${t} GeV² is not a finite non-negative number`);
}

/** Flavour (−1: merged), flux bin and channel index of the nodes being appended. */
export interface NodeKey {
  readonly f: number;
  readonly b: number;
  readonly c: number;
}

/**
 * Append the ln|t| nodes of one (E_ν, channel) to `acc`: the physical range, clipped to the
 * |t| cut and to each recoil window, integrated panel by panel ({@link integratePanels}).
 * `scat` is scatterers × length × neutrinos; returns the summed weight (expected interactions
 * at unit coupling).
 */
export function integrateT(acc: NodeColumns, key: NodeKey, Enu: number, mN: number, ch: ProductionChannel, scat: number, rule: TRule): number {
  // E_ν and m_N come from a validated tabulation (flux edges, requireNonNegative mN), the target mass from the channel
  const r = tRangeUnchecked(Enu, mN, ch.targetMass);
  if (r === null) return 0;
  const aMin = -r.tMax; // |t| smallest
  const aMax = Math.min(-r.tMin, rule.tAbsMaxCut);
  if (!rule.recoilWindows) return aMax > aMin && aMin > 0 ? integratePanels(acc, key, Enu, ch, scat, aMin, aMax, rule) : 0;
  let cellWeight = 0;
  for (const [Tlo, Thi] of rule.recoilWindows(Enu, ch)) {
    const aLo = Math.max(aMin, 2 * ch.targetMass * Tlo);
    const aHi = Math.min(aMax, 2 * ch.targetMass * Thi);
    if (!(aHi > aLo) || !(aLo > 0)) continue;
    cellWeight += integratePanels(acc, key, Enu, ch, scat, aLo, aHi, rule);
  }
  return cellWeight;
}

