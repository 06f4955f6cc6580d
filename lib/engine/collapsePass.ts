/**
 * One pass of the collapse (lib/engine/collapse): the running sums of a set of acceptances over
 * a table's cells, by fine E_N bin and by segment (a run of nodes of one cell in one bin), with
 * the acceptances of a cell's nodes taken in one batch call where the pass has one.
 */
import type { BatchAcceptance, CollapsedBins, CollapsePass, CollapseSegments, EnergyKeys, MultiAcceptance } from "./collapse";

/**
 * Segments of the largest pass of this thread so far (at most 2²⁰): a new pass starts with room
 * for as many, so the passes of a scan's mass points (similar tables) do not grow by doubling.
 */
let segmentHint = 256;

/** Growable segment storage of a collapse pass. */
class SegmentColumns {
  n = 0;
  cell: Int32Array;
  bin: Int32Array;
  w: Float64Array;
  wE: Float64Array;
  constructor(readonly count: number) {
    const cap = segmentHint;
    this.cell = new Int32Array(cap);
    this.bin = new Int32Array(cap);
    this.w = new Float64Array(cap * count);
    this.wE = new Float64Array(cap * count);
  }
  open(cell: number, bin: number): number {
    if (this.n === this.cell.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T) => {
        const o = make(2 * a.length);
        o.set(a);
        return o;
      };
      this.cell = grow(this.cell, (n) => new Int32Array(n));
      this.bin = grow(this.bin, (n) => new Int32Array(n));
      this.w = grow(this.w, (n) => new Float64Array(n));
      this.wE = grow(this.wE, (n) => new Float64Array(n));
    }
    this.cell[this.n] = cell;
    this.bin[this.n] = bin;
    return this.n++;
  }
}

/** Scratch of the cell loop: the energies and indices of a cell's nodes that pass the |t| cut, and their acceptances. */
class CellScratch {
  cap = 0;
  es = new Float64Array(0);
  ks = new Int32Array(0);
  acc = new Float64Array(0);
  fit(m: number, count: number): void {
    if (m > this.cap) {
      this.cap = Math.max(m, 2 * this.cap, 256);
      this.es = new Float64Array(this.cap);
      this.ks = new Int32Array(this.cap);
    }
    if (this.acc.length < this.cap * count) this.acc = new Float64Array(this.cap * Math.max(count, 4));
  }
}
const CELL_SCRATCH = new CellScratch();

/** The running sums of one {@link CollapsePass} over a table's cells. */
export class PassSums {
  readonly count: number;
  readonly accept: MultiAcceptance;
  readonly batch: BatchAcceptance | undefined;
  readonly seg: SegmentColumns;
  readonly n: number;
  readonly w: Float64Array;
  readonly wE: Float64Array;
  readonly a: Float64Array;
  /** The open segment's sums (flushed into seg when it closes). */
  readonly sw: Float64Array;
  readonly swE: Float64Array;
  readonly cut: number;
  readonly zero: number;
  constructor(pass: CollapsePass, readonly keys: EnergyKeys) {
    const count = (this.count = pass.count);
    this.accept = pass.accept;
    this.batch = pass.batch;
    this.seg = new SegmentColumns(count);
    this.n = keys.kMax - keys.kMin + 1;
    this.w = new Float64Array(this.n * count);
    this.wE = new Float64Array(this.n * count);
    this.a = new Float64Array(count);
    this.sw = new Float64Array(count);
    this.swE = new Float64Array(count);
    this.cut = pass.opts?.tAbsMax ?? Infinity;
    this.zero = pass.opts?.zeroAtOrBelow ?? -Infinity;
  }
  /** Close segment s: store its sums (accumulated from 0 in node order, as node by node into seg) and reset them. */
  private flush(s: number): void {
    const { count, seg, sw, swE } = this;
    for (let i = 0; i < count; i++) {
      seg.w[s * count + i] = sw[i]!;
      seg.wE[s * count + i] = swE[i]!;
      sw[i] = 0;
      swE[i] = 0;
    }
  }
  /** Add the nodes of cell ci (index range [first, end)) to the bins and to its segments. */
  cell(ci: number, first: number, end: number, EN: Float64Array, weight: Float64Array, t: Float64Array): void {
    if (this.batch) return this.cellBatch(ci, first, end, EN, weight, t);
    const { count, accept, seg, n, w, wE, a, sw, swE, cut } = this;
    const key = this.keys.key, kMin = this.keys.kMin;
    let s = -1, sBin = -1;
    for (let k = first; k < end; k++) {
      if (!(-t[k]! <= cut)) continue;
      const e = EN[k]!, wk = weight[k]!, j = key[k]! - kMin;
      if (j !== sBin) {
        if (s >= 0) this.flush(s);
        s = seg.open(ci, j);
        sBin = j;
      }
      accept(e, a);
      for (let i = 0; i < count; i++) {
        if (a[i] === 0) continue;
        const x = wk * a[i]!;
        w[i * n + j]! += x;
        wE[i * n + j]! += x * e;
        sw[i]! += x;
        swE[i]! += x * e;
      }
    }
    if (s >= 0) this.flush(s);
  }
  /**
   * {@link cell} with the acceptances of the cell's nodes from one batch call (the same operations
   * on the same values). The nodes are read in place when those that pass the |t| cut are one run
   * from the cell's first (always without a cut; with one, as a cell's nodes come in ascending
   * |t|), else gathered into a scratch first.
   */
  private cellBatch(ci: number, first: number, end: number, EN: Float64Array, weight: Float64Array, t: Float64Array): void {
    const { count, seg, n, w, wE, sw, swE, cut } = this;
    const key = this.keys.key, kMin = this.keys.kMin;
    const sc = CELL_SCRATCH;
    sc.fit(end - first, count);
    const A = sc.acc, stride = sc.cap;
    let m = 0, inPlace = true;
    if (cut === Infinity) m = end - first;
    else {
      for (let k = first; k < end; k++) {
        if (!(-t[k]! <= cut)) continue;
        if (k !== first + m) inPlace = false;
        m++;
      }
    }
    if (m === 0) return;
    let es = EN, eo = first, ks: Int32Array | null = null;
    if (!inPlace) {
      m = 0;
      es = sc.es;
      eo = 0;
      ks = sc.ks;
      for (let k = first; k < end; k++) {
        if (!(-t[k]! <= cut)) continue;
        es[m] = EN[k]!;
        ks[m++] = k;
      }
    }
    this.batch!(es, m, A, stride, eo);
    if (count === 2) return this.sumPairs(ci, m, es, eo, ks, first, A, stride, weight);
    let s = -1, sBin = -1;
    for (let p = 0; p < m; p++) {
      const k = ks === null ? first + p : ks[p]!;
      const e = es[eo + p]!, wk = weight[k]!, j = key[k]! - kMin;
      if (j !== sBin) {
        if (s >= 0) this.flush(s);
        s = seg.open(ci, j);
        sBin = j;
      }
      for (let i = 0; i < count; i++) {
        const ai = A[i * stride + p]!;
        if (ai === 0) continue;
        const x = wk * ai;
        w[i * n + j]! += x;
        wE[i * n + j]! += x * e;
        sw[i]! += x;
        swE[i]! += x * e;
      }
    }
    if (s >= 0) this.flush(s);
  }
  /**
   * The sums of {@link cellBatch} for two acceptances, with the running sums of the open bin and
   * segment in locals (loaded when the segment opens, stored when it closes: the same additions
   * onto the same values in the same order). A zero acceptance adds +0, which leaves every sum
   * (≥ 0) unchanged, so it is added rather than tested. Node p: energy es[eo + p], index
   * ks[p] (gathered) or first + p (in place, ks null).
   */
  private sumPairs(ci: number, m: number, es: Float64Array, eo: number, ks: Int32Array | null, first: number, A: Float64Array, stride: number, weight: Float64Array): void {
    const { seg, n, w, wE } = this;
    const key = this.keys.key, kMin = this.keys.kMin;
    let s = -1, j = -1;
    // plain locals, no closure over them (captured doubles would be boxed on every addition)
    let w0 = 0, w1 = 0, wE0 = 0, wE1 = 0, s0 = 0, s1 = 0, sE0 = 0, sE1 = 0;
    for (let p = 0; p < m; p++) {
      const k = ks === null ? first + p : ks[p]!;
      const e = es[eo + p]!, wk = weight[k]!, jk = key[k]! - kMin;
      if (jk !== j) {
        if (s >= 0) {
          w[j] = w0; w[n + j] = w1; wE[j] = wE0; wE[n + j] = wE1;
          seg.w[2 * s] = s0; seg.w[2 * s + 1] = s1; seg.wE[2 * s] = sE0; seg.wE[2 * s + 1] = sE1;
        }
        s = seg.open(ci, jk);
        j = jk;
        w0 = w[j]!; w1 = w[n + j]!; wE0 = wE[j]!; wE1 = wE[n + j]!;
        s0 = 0; s1 = 0; sE0 = 0; sE1 = 0;
      }
      const x0 = wk * A[p]!, x1 = wk * A[stride + p]!;
      w0 += x0; wE0 += x0 * e; s0 += x0; sE0 += x0 * e;
      w1 += x1; wE1 += x1 * e; s1 += x1; sE1 += x1 * e;
    }
    if (s >= 0) {
      w[j] = w0; w[n + j] = w1; wE[j] = wE0; wE[n + j] = wE1;
      seg.w[2 * s] = s0; seg.w[2 * s + 1] = s1; seg.wE[2 * s] = sE0; seg.wE[2 * s + 1] = sE1;
    }
  }
  /**
   * The sums of this pass (two acceptances, every node of the cell: A[p], A[stride + p]) and of
   * pass `b` (two acceptances on the cell's first mB nodes: A[2·stride + p], A[3·stride + p]) in
   * one loop over the cell's nodes, read in place (node first + p): for each pass the additions of
   * {@link sumPairs}, onto the same values in the same order — the same numbers as the two passes'
   * own sums. Both passes have the same keys (one stream).
   */
  sumJoint(b: PassSums, ci: number, first: number, m: number, mB: number, EN: Float64Array, weight: Float64Array, A: Float64Array, stride: number): void {
    const { seg, n, w, wE } = this;
    const bs = b.seg, bn = b.n, bw = b.w, bwE = b.wE;
    const key = this.keys.key, kMin = this.keys.kMin;
    let s = -1, j = -1, t = -1;
    // plain locals (as sumPairs): this pass's open bin and segment, then b's
    let w0 = 0, w1 = 0, wE0 = 0, wE1 = 0, s0 = 0, s1 = 0, sE0 = 0, sE1 = 0;
    let v0 = 0, v1 = 0, vE0 = 0, vE1 = 0, r0 = 0, r1 = 0, rE0 = 0, rE1 = 0;
    const A2 = 2 * stride, A3 = 3 * stride;
    // p = m is a sentinel key (−2, no bin's): it closes the open bin and segments, then ends the loop
    for (let p = 0; ; p++) {
      const k = first + p;
      const jk = p < m ? key[k]! - kMin : -2;
      if (jk !== j) {
        if (s >= 0) {
          w[j] = w0; w[n + j] = w1; wE[j] = wE0; wE[n + j] = wE1;
          seg.w[2 * s] = s0; seg.w[2 * s + 1] = s1; seg.wE[2 * s] = sE0; seg.wE[2 * s + 1] = sE1;
        }
        if (t >= 0) {
          bw[j] = v0; bw[bn + j] = v1; bwE[j] = vE0; bwE[bn + j] = vE1;
          bs.w[2 * t] = r0; bs.w[2 * t + 1] = r1; bs.wE[2 * t] = rE0; bs.wE[2 * t + 1] = rE1;
          t = -1;
        }
        if (p === m) break;
        s = seg.open(ci, jk);
        j = jk;
        w0 = w[j]!; w1 = w[n + j]!; wE0 = wE[j]!; wE1 = wE[n + j]!;
        s0 = 0; s1 = 0; sE0 = 0; sE1 = 0;
        if (p < mB) {
          t = bs.open(ci, jk);
          v0 = bw[j]!; v1 = bw[bn + j]!; vE0 = bwE[j]!; vE1 = bwE[bn + j]!;
          r0 = 0; r1 = 0; rE0 = 0; rE1 = 0;
        }
      }
      const e = EN[k]!, wk = weight[k]!;
      const x0 = wk * A[p]!, x1 = wk * A[stride + p]!;
      w0 += x0; wE0 += x0 * e; s0 += x0; sE0 += x0 * e;
      w1 += x1; wE1 += x1 * e; s1 += x1; sE1 += x1 * e;
      if (p < mB) {
        const y0 = wk * A[A2 + p]!, y1 = wk * A[A3 + p]!;
        v0 += y0; vE0 += y0 * e; r0 += y0; rE0 += y0 * e;
        v1 += y1; vE1 += y1 * e; r1 += y1; rE1 += y1 * e;
      } else if (t >= 0) {
        // b's nodes end inside this bin: its segment closes here
        bw[j] = v0; bw[bn + j] = v1; bwE[j] = vE0; bwE[bn + j] = vE1;
        bs.w[2 * t] = r0; bs.w[2 * t + 1] = r1; bs.wE[2 * t] = rE0; bs.wE[2 * t + 1] = rE1;
        t = -1;
      }
    }
  }
  /**
   * The pass's segments and bins; `kMin`, `kMax`: the bins actually holding nodes when the pass
   * was sized for a wider range (a streamed collapse), so the result is the one of the exact range.
   */
  result(kMin = this.keys.kMin, kMax = this.keys.kMax): CollapseSegments {
    const { count, seg, n, w, wE } = this;
    const off = kMin - this.keys.kMin, nb = kMax - kMin + 1;
    const collapsed = Array.from({ length: count }, (_, i) => binsOf(w.subarray(i * n + off, i * n + off + nb), wE.subarray(i * n + off, i * n + off + nb)));
    const m = seg.n;
    if (m > segmentHint) segmentHint = Math.min(m, 1 << 20);
    const bin = seg.bin.subarray(0, m);
    if (off !== 0) for (let s = 0; s < m; s++) bin[s]! -= off;
    return { count, cell: seg.cell.subarray(0, m), bin, w: seg.w.subarray(0, m * count), wE: seg.wE.subarray(0, m * count), bins: nb, collapsed };
  }
}

/** The bins with positive weight: weight and weighted mean energy (wE / w). */
export function binsOf(w: Float64Array, wE: Float64Array): CollapsedBins {
  let m = 0;
  for (let j = 0; j < w.length; j++) if (w[j]! > 0) m++;
  const EN = new Float64Array(m), weight = new Float64Array(m);
  let p = 0;
  for (let j = 0; j < w.length; j++) {
    const x = w[j]!;
    if (!(x > 0)) continue;
    weight[p] = x;
    EN[p] = wE[j]! / x;
    p++;
  }
  return { EN, weight };
}
