/** A production table collapsed onto fine E_N bins per channel (the Fig. 3 chain's input). */
import type { ProductionTable } from "../../../engine/productionTable";

/** Production collapsed onto fine E_N bins (100 per decade) per channel, with flavour shares. */
export interface CollapsedProduction {
  /** Mean E_N of each bin, GeV. */
  readonly EN: Float64Array;
  /** Interactions per unit U2 in the bin. */
  readonly weight: Float64Array;
  /** Channel index of each bin (into `channels`). */
  readonly channel: Int8Array;
  readonly channels: readonly string[];
  /** Per flavour (into `flavours`), the fraction of each bin's weight. */
  readonly flavourShare: readonly Float64Array[];
  readonly flavours: readonly string[];
}

/**
 * Stride of the (E_N bin, channel) key q·CHANNEL_STRIDE + c: larger than any channel index
 * (a table has a handful of channels; checked below), so distinct pairs get distinct keys.
 */
const CHANNEL_STRIDE = 64;

/**
 * Margin (in bins) of the bounds [10^((q + m)/b), 10^((q + 1 − m)/b)] inside which
 * floor(log10(E)·b) = q for certain — far beyond log10's rounding —, so a node inside the last
 * bin's bounds takes that bin without its logarithm (the same bin the logarithm gives).
 */
const SAFE_MARGIN = 1e-7;

/**
 * Collapse a production table by (channel, E_N bin), keeping flavour shares exact (merged flavours
 * via the per-bin fractions). Rows in order of first appearance; every sum in node order (so the
 * same numbers as a plain per-node loop); flavours whose fraction is 0 in every bin add exact
 * zeros and are skipped.
 */
export function collapseByChannelAndEnergy(table: ProductionTable, binsPerDecade = 100): CollapsedProduction {
  const nd = table.nodes;
  const nF = table.flavours.length;
  if (table.channels.length > CHANNEL_STRIDE) throw new RangeError(`table has ${table.channels.length} channels (allowed: ≤ ${CHANNEL_STRIDE}, the key stride)`);
  // (bin, channel) → output row, in order of first appearance: a dense array over the bins present
  const EN = nd.EN;
  const qs = new Int32Array(nd.length);
  let qLo = Infinity, qHi = -Infinity;
  let lastQ = 0, bLo = Infinity, bHi = -Infinity;
  for (let k = 0; k < nd.length; k++) {
    const e = EN[k]!;
    let q: number;
    if (e >= bLo && e <= bHi) q = lastQ;
    else {
      q = Math.floor(Math.log10(e) * binsPerDecade);
      bLo = 10 ** ((q + SAFE_MARGIN) / binsPerDecade);
      bHi = 10 ** ((q + 1 - SAFE_MARGIN) / binsPerDecade);
      lastQ = q;
    }
    qs[k] = q;
    if (q < qLo) qLo = q;
    if (q > qHi) qHi = q;
  }
  const nC = table.channels.length;
  // at most one row per (bin present, channel): the columns are allocated once at that bound
  const maxRows = nd.length > 0 ? (qHi - qLo + 1) * nC : 0;
  const index = new Int32Array(nd.length > 0 ? (qHi - qLo + 1) * CHANNEL_STRIDE : 0).fill(-1);
  const fr = table.binFlavourFractions;
  const live = Int32Array.from(Array.from({ length: nF }, (_, g) => g).filter((g) => fr === null || fr[g]!.some((x) => x !== 0)));
  const w = new Float64Array(maxRows), wE = new Float64Array(maxRows);
  const wf = table.flavours.map(() => new Float64Array(maxRows));
  const ch = new Int8Array(maxRows);
  const weight = nd.weight;
  let n = 0;
  // node by node in node order, a cell's flavour, bin and channel read once (the cells partition the nodes in order)
  for (const cell of table.cells) {
    const c = cell.channel, f = cell.flavour, b = cell.bin;
    const own = f >= 0 ? wf[f]! : null;
    for (let k = cell.firstNode; k < cell.endNode; k++) {
      const key = (qs[k]! - qLo) * CHANNEL_STRIDE + c;
      let j = index[key]!;
      if (j < 0) {
        j = n++;
        index[key] = j;
        ch[j] = c;
      }
      const x = weight[k]!;
      w[j]! += x;
      wE[j]! += x * EN[k]!;
      if (own !== null) own[j]! += x;
      else for (let i = 0; i < live.length; i++) wf[live[i]!]![j]! += x * fr![live[i]!]![b]!;
    }
  }
  const W = w.subarray(0, n);
  return {
    EN: Float64Array.from({ length: n }, (_, j) => wE[j]! / W[j]!),
    weight: W.slice(),
    channel: ch.slice(0, n),
    channels: table.channels,
    flavourShare: wf.map((a) => Float64Array.from(a.subarray(0, n), (x, j) => x / W[j]!)),
    flavours: table.flavours,
  };
}
