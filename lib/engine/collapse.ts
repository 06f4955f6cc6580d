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
import { binsOf, PassSums } from "./collapsePass";

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

/** An edge of bin q from `tab` (bins within EDGE_OFFSET of 0; NaN: not yet made), made by `make` on first use. */
function cachedEdge(tab: Float64Array, make: (q: number) => number): (q: number) => number {
  return (q) => {
    const i = q + EDGE_OFFSET;
    if (!(i >= 0 && i < tab.length)) return make(q);
    const v = tab[i]!;
    return Number.isNaN(v) ? (tab[i] = make(q)) : v;
  };
}
export function safeEdges(binsPerDecade: number): SafeEdges {
  let e = EDGE_CACHE.get(binsPerDecade);
  if (e) return e;
  const los = new Float64Array(2 * EDGE_OFFSET).fill(NaN), his = new Float64Array(2 * EDGE_OFFSET).fill(NaN);
  // the edges' expressions, evaluated once per bin (no closure per call: a stream asks at every bin change)
  e = {
    lo: cachedEdge(los, (q) => Math.pow(10, q / binsPerDecade) * (1 + EDGE_MARGIN)),
    hi: cachedEdge(his, (q) => Math.pow(10, (q + 1) / binsPerDecade) * (1 - EDGE_MARGIN)),
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
 * expressions, so the same numbers): acceptance i at EN[from + p] (GeV) into out[i·stride + p]
 * for p < m (`from` default 0: a cell's nodes read in place in the table's column). One call per
 * cell keeps the per-node work in one monomorphic loop (issue 15).
 */
export type BatchAcceptance = (EN: Float64Array, m: number, out: Float64Array, stride: number, from?: number) => void;

/**
 * The acceptances of two passes of one table in one call, for a cell whose nodes of the second
 * pass (its |t| cut) are the first mB (0: none) of the first pass's m (one sweep over the cell, issue 15):
 * acceptance i of the first pass at EN[from + p] into out[i·stride + p] for p < m, acceptance i
 * of the second into out[(count₁ + i)·stride + p] for p < mB — the values of the two passes' own
 * batches (the same expressions), so the same sums.
 */
export type JointBatch = (EN: Float64Array, m: number, mB: number, out: Float64Array, stride: number, from: number) => void;

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


/** One acceptance set of a collapse pass: `count` acceptances evaluated together, with its options. */
export interface CollapsePass {
  readonly count: number;
  readonly accept: MultiAcceptance;
  /** Optional batch form of `accept` (the same values). */
  readonly batch?: BatchAcceptance;
  readonly opts?: CollapseOptions;
  /**
   * Optional: this pass's acceptances computed with those of the earlier pass `with` (of the same
   * collapse stream, two acceptances each, `with` without a |t| cut) by one `batch` call per cell
   * (lib/engine/collapseStream). Cells where this pass's nodes are not a prefix of the cell take
   * the passes' own batches; the numbers are the same either way.
   */
  readonly joint?: { readonly with: number; readonly batch: JointBatch };
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


/**
 * Collapse the nodes onto a fine grid in ln E_N (100 bins per decade), keeping per bin the
 * summed weight × acceptance(E_N) and the weighted mean E_N (see the module doc).
 */
export function collapseByEnergy(table: ProductionTable, acceptance: (EN: number) => number, binsPerDecade = COLLAPSE_BINS_PER_DECADE): CollapsedBins {
  return collapseMany(table, 1, (EN, out) => (out[0] = acceptance(EN)), { binsPerDecade })[0]!;
}
