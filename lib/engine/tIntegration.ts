/**
 * The ln|t| integration of one (E_ν, channel) of a production table (lib/engine/productionTable,
 * whose module doc states the rule): composite Gauss–Legendre on a fixed panel grid in ln|t|,
 * clipped to the physical range, the |t| cut and the recoil windows; the |t| nodes and t-only
 * factors of whole panels cached per tabulation.
 */
import { tRange } from "../core/kinematics";
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
  const twoM = 2 * ch.targetMass;
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
      const w = scat * dsv * absT * hh * rw[j]!;
      if (w === 0) continue;
      if (!(w > 0) || !Number.isFinite(w)) {
        throw new RangeError(`channel ${ch.name}: dσ/dt = ${dsv} at E = ${Enu} GeV, t = ${t} GeV² is not a finite non-negative number`);
      }
      acc.pushNode(t, Enu - absT / twoM, w);
      sum += w;
    }
  }
  return sum;
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

/** Scratch of {@link integratePanelsMany}: per node t, |t|, the half panel width and Gauss weight, the factors, dσ/dt. */
class PanelScratch {
  cap = 0;
  t = new Float64Array(0);
  absT = new Float64Array(0);
  hh = new Float64Array(0);
  rw = new Float64Array(0);
  g = new Float64Array(0);
  ds = new Float64Array(0);
  fit(m: number, count: number): void {
    if (m > this.cap) {
      const cap = (this.cap = Math.max(m, 2 * this.cap, 256));
      this.t = new Float64Array(cap); this.absT = new Float64Array(cap); this.hh = new Float64Array(cap);
      this.rw = new Float64Array(cap); this.ds = new Float64Array(cap);
    }
    if (this.g.length < this.cap * count) this.g = new Float64Array(this.cap * Math.max(count, 2));
  }
}
const PANEL_SCRATCH = new PanelScratch();

/**
 * {@link integratePanels} for a channel with `kernelMany`: the nodes of every panel gathered
 * first (|t| and the factors of whole panels from the rule's caches, of partial panels
 * computed), dσ/dt of all of them in one call, then the weights — the same expressions on the
 * same values in the same order, so the same nodes bit for bit.
 */
function integratePanelsMany(acc: NodeColumns, key: NodeKey, Enu: number, ch: ProductionChannel, fk: FactorisedKernel, scat: number, aLo: number, aHi: number, rule: TRule): number {
  const L0 = Math.log(aLo), L1 = Math.log(aHi);
  const h0 = Math.LN10 / rule.panelsPerDecade;
  // "+ 0": a panel index of −0 (Math.ceil of a small negative) as +0, so the optimised code keeps its integer speculation (a −0 deoptimised it, and its recompile cost a one-off table ~15 ms)
  const k0 = Math.floor(L0 / h0 + PANEL_SNAP) + 0, k1 = Math.ceil(L1 / h0 - PANEL_SNAP) + 0;
  const twoM = 2 * ch.targetMass;
  const nx = rule.x.length, rw = rule.w, rx = rule.x, cnt = fk.count;
  const sc = PANEL_SCRATCH;
  sc.fit(Math.max(0, k1 - k0) * nx, cnt);
  const T = sc.t, AT = sc.absT, HH = sc.hh, RW = sc.rw, G = sc.g, DS = sc.ds;
  let m = 0;
  for (let p = k0; p < k1; p++) {
    const pa = Math.max(L0, p * h0), pb = Math.min(L1, (p + 1) * h0);
    if (!(pb - pa > PANEL_SNAP * h0)) continue;
    const c0 = 0.5 * (pa + pb), h = pb - pa;
    // cache hits first (no call with boxed arguments), filled on a miss
    const isWhole = pa === p * h0 && pb === (p + 1) * h0;
    const whole = isWhole ? (rule.absTCache.get(p) ?? wholePanelAbsT(rule, p, c0, h)) : null;
    const factors = whole ? (rule.factorCache[key.c]!.get(p) ?? wholePanelFactors(rule, key.c, fk, p, whole)) : null;
    const hh = 0.5 * h;
    for (let j = 0; j < nx; j++) {
      const absT = whole ? whole[j]! : Math.exp(c0 + hh * rx[j]!);
      const t = -absT;
      if (factors) for (let i = 0; i < cnt; i++) G[m * cnt + i] = factors[j * cnt + i]!;
      else fk.tFactors(t, G, m * cnt);
      T[m] = t; AT[m] = absT; HH[m] = hh; RW[m] = rw[j]!;
      m++;
    }
  }
  fk.kernelMany!(Enu, T, G, m, DS);
  let sum = 0;
  for (let q = 0; q < m; q++) {
    const absT = AT[q]!, dsv = DS[q]!;
    const w = scat * dsv * absT * HH[q]! * RW[q]!;
    if (w === 0) continue;
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new RangeError(`channel ${ch.name}: dσ/dt = ${dsv} at E = ${Enu} GeV, t = ${T[q]!} GeV² is not a finite non-negative number`);
    }
    acc.pushNode(T[q]!, Enu - absT / twoM, w);
    sum += w;
  }
  return sum;
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
  const r = tRange(Enu, mN, ch.targetMass);
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

