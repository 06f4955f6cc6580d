/**
 * Collapsing a production table's nodes onto a fine grid in ln E_N for coupling scans
 * (lib/engine/scaling): per bin the summed weight × acceptance(E_N) and the weighted mean E_N.
 * A scan then costs one pass over ≲ 500 bins instead of ~10⁵ nodes; the decay probability
 * varies by < 0.1 % across a bin, so the error is negligible (test/signatures.test.ts, against
 * the node sum).
 *
 * Compute once (issue 15): the bin of every node is found once per E_N column and shared by
 * every signature and by rescaled tables (which keep the column); several acceptances of one
 * table are collapsed in one pass over the nodes; a |t| cut on the panel grid is applied as a
 * mask in the same pass, with the same nodes in the same order as the copied sub-table of
 * {@link restrictAbsT} — so the sums are the same floating-point operations, bit for bit.
 */
import type { ProductionTable } from "./productionTable";

/** Fine E_N bins per decade of the collapse (the decay probability varies by < 0.1 % across one). */
export const COLLAPSE_BINS_PER_DECADE = 100;

/** Per node the fine bin floor(log10 E_N · binsPerDecade), with the smallest and largest bin. */
export interface EnergyKeys {
  readonly key: Int32Array;
  readonly kMin: number;
  readonly kMax: number;
}

/** Per E_N column and bins per decade, its keys (shared by every signature and by rescaled tables). */
export const KEY_CACHE = new WeakMap<Float64Array, Map<number, EnergyKeys>>();

/** The fine-bin index of one energy: floor(log10 E · binsPerDecade). */
export const binOf = (E: number, binsPerDecade: number) => Math.floor(Math.log10(E) * binsPerDecade);

/**
 * Relative margin of the bin test: an energy more than this inside a bin's edges 10^(q/n) and
 * 10^((q+1)/n) is in bin q for any rounding of log10 (its error, ~10⁻¹⁶, is far below the
 * margin's 4·10⁻¹¹ in log10 E · n); energies within it of an edge are binned by binOf itself.
 */
const EDGE_MARGIN = 1e-12;

/** Bins q of one binsPerDecade within this offset of 0 have their safe edges cached (10^±(OFFSET/n) GeV covers every energy). */
const EDGE_OFFSET = 4096;

/** Per binsPerDecade n, the safe interior (lo, hi) of bin q: 10^(q/n)(1 + margin), 10^((q+1)/n)(1 − margin), cached. */
export interface SafeEdges {
  lo(q: number): number;
  hi(q: number): number;
}
const EDGE_CACHE = new Map<number, SafeEdges>();
export function safeEdges(binsPerDecade: number): SafeEdges {
  let e = EDGE_CACHE.get(binsPerDecade);
  if (e) return e;
  const los = new Float64Array(2 * EDGE_OFFSET).fill(NaN), his = new Float64Array(2 * EDGE_OFFSET).fill(NaN);
  const at = (q: number, tab: Float64Array, make: () => number) => {
    const i = q + EDGE_OFFSET;
    if (!(i >= 0 && i < tab.length)) return make();
    let v = tab[i]!;
    if (Number.isNaN(v)) tab[i] = v = make();
    return v;
  };
  e = {
    lo: (q) => at(q, los, () => Math.pow(10, q / binsPerDecade) * (1 + EDGE_MARGIN)),
    hi: (q) => at(q, his, () => Math.pow(10, (q + 1) / binsPerDecade) * (1 - EDGE_MARGIN)),
  };
  EDGE_CACHE.set(binsPerDecade, e);
  return e;
}

/**
 * Keys of a table's nodes, node by node in cell order, equal to binOf at every node: a node
 * whose E_N lies safely inside the bin of the previous node (tested against that bin's edges,
 * computed once per bin change) takes its key without a logarithm — within a cell E_ν is
 * fixed and E_N = E_ν − |t|/(2M) moves slowly (the coherent channel, M ≈ 171 GeV, shifts it by
 * < 10⁻⁶), so ~95 % of the logarithms are spared.
 */
function energyKeys(table: ProductionTable, binsPerDecade: number): EnergyKeys {
  const EN = table.nodes.EN;
  let byBins = KEY_CACHE.get(EN);
  if (!byBins) KEY_CACHE.set(EN, (byBins = new Map()));
  const hit = byBins.get(binsPerDecade);
  if (hit) return hit;
  const key = new Int32Array(EN.length);
  let kMin = Infinity, kMax = -Infinity;
  const edge = safeEdges(binsPerDecade);
  let q = 0, lo = Infinity, hi = -Infinity; // the current bin and its safe interior (lo, hi)
  for (let k = 0; k < EN.length; k++) {
    const e = EN[k]!;
    if (!(e > lo && e < hi)) {
      // E_N falls with |t| within a cell: try the safe interior of the bin below, then of the
      // bin above (their keys need no logarithm), else the logarithm
      if (e > edge.lo(q - 1) && e < edge.hi(q - 1)) q -= 1;
      else if (e > edge.lo(q + 1) && e < edge.hi(q + 1)) q += 1;
      else q = binOf(e, binsPerDecade);
      lo = edge.lo(q);
      hi = edge.hi(q);
      if (q < kMin) kMin = q;
      if (q > kMax) kMax = q;
    }
    key[k] = q;
  }
  const out = { key, kMin, kMax };
  byBins.set(binsPerDecade, out);
  return out;
}

/** Collapsed bins: mean N energy per bin (GeV) and the summed weight × acceptance. */
export interface CollapsedBins {
  readonly EN: Float64Array;
  readonly weight: Float64Array;
}

/** Options of {@link collapseMany}. */
export interface CollapseOptions {
  /** Only nodes with |t| ≤ tAbsMax (GeV²): the nodes {@link restrictAbsT} keeps, same order. */
  readonly tAbsMax?: number;
  readonly binsPerDecade?: number;
  /**
   * An energy (GeV) at and below which every acceptance is exactly 0: cells with E_ν at or below
   * it are skipped whole (their nodes have E_N = E_ν − T ≤ E_ν), which the per-node test
   * `acceptance = 0` would skip one by one — the same sums.
   */
  readonly zeroAtOrBelow?: number;
}

/**
 * Several acceptances of one node energy at once: writes acceptance i at E_N (GeV) into
 * out[i] (dimensionless), so that shared pieces (the N momentum) are computed once per node.
 */
export type MultiAcceptance = (EN: number, out: Float64Array) => void;

/**
 * The acceptances of a {@link MultiAcceptance} at many node energies in one call (the same
 * expressions, so the same numbers): acceptance i at EN[p] (GeV) into out[i·stride + p] for
 * p < m. One call per cell keeps the per-node work in one monomorphic loop (issue 15).
 */
export type BatchAcceptance = (EN: Float64Array, m: number, out: Float64Array, stride: number) => void;

/**
 * The result of one collapse pass: the bins of every acceptance, and the same sums split by
 * segment — a run of nodes of one cell in one bin — so that a table whose weights are rescaled
 * cell by cell (lib/engine/tableRescale) collapses without another pass over its nodes.
 */
export interface CollapseSegments {
  readonly count: number;
  /** Per segment: its cell (index into table.cells) and its bin (offset from the first bin). */
  readonly cell: Int32Array;
  readonly bin: Int32Array;
  /** Per segment and acceptance (index segment·count + i): Σ weight × acceptance and Σ weight × acceptance × E_N. */
  readonly w: Float64Array;
  readonly wE: Float64Array;
  /** Number of bins. */
  readonly bins: number;
  /** The collapsed bins of each acceptance, summed node by node. */
  readonly collapsed: CollapsedBins[];
}

/** Growable segment storage of a collapse pass. */
class SegmentColumns {
  n = 0;
  cell = new Int32Array(256);
  bin = new Int32Array(256);
  w: Float64Array;
  wE: Float64Array;
  constructor(readonly count: number) {
    this.w = new Float64Array(256 * count);
    this.wE = new Float64Array(256 * count);
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

/** One acceptance set of a collapse pass: `count` acceptances evaluated together, with its options. */
export interface CollapsePass {
  readonly count: number;
  readonly accept: MultiAcceptance;
  /** Optional batch form of `accept` (the same values). */
  readonly batch?: BatchAcceptance;
  readonly opts?: CollapseOptions;
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
  /** {@link cell} with the acceptances of the cell's nodes from one batch call (the same operations on the same values). */
  private cellBatch(ci: number, first: number, end: number, EN: Float64Array, weight: Float64Array, t: Float64Array): void {
    const { count, seg, n, w, wE, sw, swE, cut } = this;
    const key = this.keys.key, kMin = this.keys.kMin;
    const sc = CELL_SCRATCH;
    sc.fit(end - first, count);
    const es = sc.es, ks = sc.ks, A = sc.acc, stride = sc.cap;
    let m = 0;
    if (cut === Infinity) {
      // no |t| cut: every node (|t| is finite), without reading t
      for (let k = first; k < end; k++) {
        es[m] = EN[k]!;
        ks[m++] = k;
      }
    } else {
      for (let k = first; k < end; k++) {
        if (!(-t[k]! <= cut)) continue;
        es[m] = EN[k]!;
        ks[m++] = k;
      }
    }
    if (m === 0) return;
    this.batch!(es, m, A, stride);
    if (count === 2) return this.sumPairs(ci, m, es, ks, A, stride, weight);
    let s = -1, sBin = -1;
    for (let p = 0; p < m; p++) {
      const k = ks[p]!;
      const e = es[p]!, wk = weight[k]!, j = key[k]! - kMin;
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
   * (≥ 0) unchanged, so it is added rather than tested.
   */
  private sumPairs(ci: number, m: number, es: Float64Array, ks: Int32Array, A: Float64Array, stride: number, weight: Float64Array): void {
    const { seg, n, w, wE } = this;
    const key = this.keys.key, kMin = this.keys.kMin;
    let s = -1, j = -1;
    // plain locals, no closure over them (captured doubles would be boxed on every addition)
    let w0 = 0, w1 = 0, wE0 = 0, wE1 = 0, s0 = 0, s1 = 0, sE0 = 0, sE1 = 0;
    for (let p = 0; p < m; p++) {
      const k = ks[p]!;
      const e = es[p]!, wk = weight[k]!, jk = key[k]! - kMin;
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
   * The pass's segments and bins; `kMin`, `kMax`: the bins actually holding nodes when the pass
   * was sized for a wider range (a streamed collapse), so the result is the one of the exact range.
   */
  result(kMin = this.keys.kMin, kMax = this.keys.kMax): CollapseSegments {
    const { count, seg, n, w, wE } = this;
    const off = kMin - this.keys.kMin, nb = kMax - kMin + 1;
    const collapsed = Array.from({ length: count }, (_, i) => binsOf(w.subarray(i * n + off, i * n + off + nb), wE.subarray(i * n + off, i * n + off + nb)));
    const m = seg.n;
    const bin = seg.bin.subarray(0, m);
    if (off !== 0) for (let s = 0; s < m; s++) bin[s]! -= off;
    return { count, cell: seg.cell.subarray(0, m), bin, w: seg.w.subarray(0, m * count), wE: seg.wE.subarray(0, m * count), bins: nb, collapsed };
  }
}

/**
 * Collapse `table` once for each of `count` acceptances in a single pass over the nodes: for
 * each, per fine bin with positive weight the summed weight × acceptance and the weighted mean
 * E_N, bins in increasing energy; with the per-segment sums of {@link CollapseSegments}.
 */
export function collapseSegments(table: ProductionTable, count: number, accept: MultiAcceptance, opts: CollapseOptions = {}): CollapseSegments {
  return collapsePasses(table, [{ count, accept, opts }])[0]!;
}

/**
 * Several {@link collapseSegments} of one table in one sweep (issue 15): cell by cell, each
 * pass runs over the cell's nodes while they are in cache. Every pass does the same operations
 * in the same order as its own collapseSegments (the same numbers, bit for bit).
 */
export function collapsePasses(table: ProductionTable, passes: readonly CollapsePass[]): CollapseSegments[] {
  const nd = table.nodes;
  const empty = (count: number): CollapseSegments => ({ count, cell: new Int32Array(0), bin: new Int32Array(0), w: new Float64Array(0), wE: new Float64Array(0), bins: 0, collapsed: Array.from({ length: count }, () => ({ EN: new Float64Array(0), weight: new Float64Array(0) })) });
  if (nd.length === 0 || table.cells.length === 0) return passes.map((p) => empty(p.count));
  const sums = passes.map((p) => {
    const keys = energyKeys(table, p.opts?.binsPerDecade ?? COLLAPSE_BINS_PER_DECADE);
    return keys.kMax >= keys.kMin ? new PassSums(p, keys) : null;
  });
  const EN = nd.EN, weight = nd.weight, t = nd.t;
  const cells = table.cells;
  for (let ci = 0; ci < cells.length; ci++) {
    const c = cells[ci]!;
    for (const ps of sums) if (ps && c.Enu > ps.zero) ps.cell(ci, c.firstNode, c.endNode, EN, weight, t);
  }
  return sums.map((ps, g) => (ps ? ps.result() : empty(passes[g]!.count)));
}

/** {@link collapseSegments}'s bins only. */
export function collapseMany(table: ProductionTable, count: number, accept: MultiAcceptance, opts: CollapseOptions = {}): CollapsedBins[] {
  return collapseSegments(table, count, accept, opts).collapsed;
}

/**
 * The bins of a table whose node weights are the collapsed table's times `cellFactor[cell]`,
 * and whose acceptance i is `scale[i]` times the collapsed one: per bin Σ over its segments of
 * factor × segment sum. Equal to collapsing the rescaled table node by node up to the order of
 * the additions (≲ 10⁻¹⁵ relative: all terms are positive); test/tableRescale.test.ts.
 */
export function binsFromSegments(seg: CollapseSegments, cellFactor: Float64Array, scale: readonly number[]): CollapsedBins[] {
  const { count, bins: n } = seg;
  const w = new Float64Array(n * count), wE = new Float64Array(n * count);
  for (let s = 0; s < seg.cell.length; s++) {
    const r = cellFactor[seg.cell[s]!]!, j = seg.bin[s]!;
    for (let i = 0; i < count; i++) {
      w[i * n + j]! += r * seg.w[s * count + i]!;
      wE[i * n + j]! += r * seg.wE[s * count + i]!;
    }
  }
  return Array.from({ length: count }, (_, i) => {
    const b = binsOf(w.subarray(i * n, (i + 1) * n), wE.subarray(i * n, (i + 1) * n));
    const k = scale[i]!;
    if (k !== 1) for (let j = 0; j < b.weight.length; j++) b.weight[j]! *= k;
    return b;
  });
}

/** The bins with positive weight: weight and weighted mean energy (wE / w). */
function binsOf(w: Float64Array, wE: Float64Array): CollapsedBins {
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

/**
 * Collapse the nodes onto a fine grid in ln E_N (100 bins per decade), keeping per bin the
 * summed weight × acceptance(E_N) and the weighted mean E_N (see the module doc).
 */
export function collapseByEnergy(table: ProductionTable, acceptance: (EN: number) => number, binsPerDecade = COLLAPSE_BINS_PER_DECADE): CollapsedBins {
  return collapseMany(table, 1, (EN, out) => (out[0] = acceptance(EN)), { binsPerDecade })[0]!;
}
