/**
 * A collapse fed while a table is tabulated (issue 15): lib/engine/productionTable calls
 * {@link CollapseStream.cell} after each cell, while its nodes are still in cache, and the
 * passes (lib/engine/collapse) add them exactly as a collapse of the finished table would —
 * the same energy keys (floor(log10 E_N · binsPerDecade) at every node), the same cells in the
 * same order, the same operations, so the same numbers bit for bit — without reading the
 * nodes again (the table then need not keep them: ProductionOptions.keepNodes).
 *
 * The passes are sized for the bins between the N mass and the top of the flux (E_N ≤ E_ν); a
 * node outside (not expected) marks the stream invalid, and the caller collapses the table
 * instead.
 */
import { binOf, COLLAPSE_BINS_PER_DECADE, type CollapsePass, type CollapseSegments, type EnergyKeys, type JointBatch, KEY_CACHE, safeEdges } from "./collapse";
import { PassSums } from "./collapsePass";
import type { ProductionCell } from "./productionTable";

/** The keys of the streamed nodes, growable (the passes read `key` at each cell). */
interface StreamKeys extends EnergyKeys {
  key: Int32Array;
}

/** The acceptances of a joint pair for one cell (4 columns of the cell's length), kept between cells and streams of this thread. */
let JOINT_SCRATCH = new Float64Array(1024);

/**
 * The joint pair of `passes`: the pass b with `joint` (its `with` = a < b), when both have two
 * acceptances and a has no |t| cut (then a cell's b nodes may be a prefix of its a nodes); else null.
 */
function jointOf(passes: readonly CollapsePass[], sums: readonly PassSums[]): { a: number; b: number; batch: JointBatch } | null {
  const b = passes.findIndex((p) => p.joint !== undefined);
  if (b < 0) return null;
  const a = passes[b]!.joint!.with;
  const ok = a >= 0 && a < b && passes[a]!.count === 2 && passes[b]!.count === 2 && sums[a]!.cut === Infinity;
  return ok ? { a, b, batch: passes[b]!.joint!.batch } : null;
}

/** A key column kept between streams of this thread (grown to the largest table; results copy what they keep). */
let keyScratch = new Int32Array(1 << 16);
const takeKeys = () => keyScratch;

export class CollapseStream {
  private readonly keys: StreamKeys;
  private readonly sums: PassSums[];
  private readonly zero: number[];
  private readonly edge;
  private readonly bpd: number;
  /** Keys of the nodes so far, and the smallest and largest. */
  private n = 0;
  private kMin = Infinity;
  private kMax = -Infinity;
  private q = 0;
  private lo = Infinity;
  private hi = -Infinity;
  /** False when a node fell outside the sized range (then collapse the table instead). */
  valid = true;

  /**
   * `passes` of one binsPerDecade (the default or all the same), for a table of N mass `mN`
   * (GeV) from a flux below `eMax` (GeV).
   */
  constructor(readonly passes: readonly CollapsePass[], mN: number, eMax: number) {
    const bpd = passes[0]?.opts?.binsPerDecade ?? COLLAPSE_BINS_PER_DECADE;
    if (passes.some((p) => (p.opts?.binsPerDecade ?? COLLAPSE_BINS_PER_DECADE) !== bpd)) throw new RangeError("a collapse stream takes passes of one binsPerDecade");
    this.bpd = bpd;
    this.edge = safeEdges(bpd);
    this.keys = { key: takeKeys(), kMin: binOf(mN, bpd) - 2, kMax: binOf(eMax, bpd) + 2 };
    if (!(this.keys.kMax >= this.keys.kMin)) throw new RangeError(`eMax = ${eMax} GeV must exceed mN = ${mN} GeV`);
    this.sums = passes.map((p) => new PassSums(p, this.keys));
    this.zero = passes.map((p) => p.opts?.zeroAtOrBelow ?? -Infinity);
    this.joint = jointOf(passes, this.sums);
  }

  /** The joint pair of passes (CollapsePass.joint), if any: indices a < b and the batch. */
  private readonly joint: { readonly a: number; readonly b: number; readonly batch: JointBatch } | null;

  /**
   * Cell c through the joint pair (when a applies and b's nodes, if b applies, are a prefix of
   * the cell: one batch call and one loop for both), else through each pass's own
   * {@link PassSums.cell}. `mB`: b's nodes, the first mB of the cell (0 when b does not apply),
   * or −1 when they are not a prefix.
   */
  private jointCell(ci: number, c: ProductionCell, t: Float64Array, EN: Float64Array, weight: Float64Array, mB: number): void {
    const { a, b, batch } = this.joint!;
    const sa = this.sums[a]!, sb = this.sums[b]!;
    const runA = c.Enu > this.zero[a]!, runB = c.Enu > this.zero[b]!;
    const first = c.firstNode, end = c.endNode;
    if (!runA || mB < 0) {
      if (runA) sa.cell(ci, first, end, EN, weight, t);
      if (runB) sb.cell(ci, first, end, EN, weight, t);
      return;
    }
    const m = end - first;
    if (JOINT_SCRATCH.length < 4 * m) JOINT_SCRATCH = new Float64Array(Math.max(4 * m, 2 * JOINT_SCRATCH.length));
    batch(EN, m, mB, JOINT_SCRATCH, m, first);
    sa.sumJoint(sb, ci, first, m, mB, EN, weight, JOINT_SCRATCH, m);
  }

  /** Add cell `ci` (its nodes [firstNode, endNode) in the columns) to every pass; the cells must come in table order. */
  cell(ci: number, c: ProductionCell, t: Float64Array, EN: Float64Array, weight: Float64Array): void {
    if (!this.valid) return;
    const end = c.endNode;
    if (end > this.keys.key.length) {
      const k = new Int32Array(Math.max(end, 2 * this.keys.key.length));
      k.set(this.keys.key.subarray(0, this.n));
      this.keys.key = k;
      keyScratch = k;
    }
    // the keys of lib/engine/collapse energyKeys: the bin of the node before, else the one below or above, else the logarithm
    const key = this.keys.key, edge = this.edge, bpd = this.bpd;
    let { q, lo, hi } = this;
    // with the joint pair, in the same loop: its b pass's nodes (within its |t| cut when both
    // passes apply to the cell; none otherwise), and whether they are the cell's first mB
    const J = this.joint, first = c.firstNode;
    const cutB = J !== null && c.Enu > this.zero[J.a]! && c.Enu > this.zero[J.b]! ? this.sums[J.b]!.cut : -Infinity;
    let mB = 0, prefix = this.n === first;
    for (let k = this.n; k < end; k++) {
      if (-t[k]! <= cutB) {
        if (k === first + mB) mB++;
        else prefix = false;
      }
      const e = EN[k]!;
      if (!(e > lo && e < hi)) {
        if (e > edge.lo(q - 1) && e < edge.hi(q - 1)) q -= 1;
        else if (e > edge.lo(q + 1) && e < edge.hi(q + 1)) q += 1;
        else q = binOf(e, bpd);
        lo = edge.lo(q);
        hi = edge.hi(q);
        if (q < this.kMin) this.kMin = q;
        if (q > this.kMax) this.kMax = q;
      }
      key[k] = q;
    }
    this.q = q; this.lo = lo; this.hi = hi;
    this.n = end;
    if (this.kMin < this.keys.kMin || this.kMax > this.keys.kMax) {
      this.valid = false;
      return;
    }
    for (let i = 0; i < this.sums.length; i++) {
      if (J !== null && (i === J.a || i === J.b)) {
        if (i === J.a) this.jointCell(ci, c, t, EN, weight, prefix ? mB : -1);
      } else if (c.Enu > this.zero[i]!) this.sums[i]!.cell(ci, c.firstNode, end, EN, weight, t);
    }
  }

  /**
   * The passes' results (as collapsePasses of the table), or null when the stream is invalid.
   * `EN`: the table's kept E_N column, whose keys are then cached for later collapses.
   */
  results(EN?: Float64Array): CollapseSegments[] | null {
    if (!this.valid) return null;
    if (this.n === 0) return this.passes.map((p) => ({ count: p.count, cell: new Int32Array(0), bin: new Int32Array(0), w: new Float64Array(0), wE: new Float64Array(0), bins: 0, collapsed: Array.from({ length: p.count }, () => ({ EN: new Float64Array(0), weight: new Float64Array(0) })) }));
    if (EN && EN.length === this.n) {
      let byBins = KEY_CACHE.get(EN);
      if (!byBins) KEY_CACHE.set(EN, (byBins = new Map()));
      byBins.set(this.bpd, { key: this.keys.key.slice(0, this.n), kMin: this.kMin, kMax: this.kMax });
    }
    return this.sums.map((s) => s.result(this.kMin, this.kMax));
  }
}
