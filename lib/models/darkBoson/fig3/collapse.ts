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

/** Collapse a production table by (channel, E_N bin), keeping flavour shares exact (merged flavours via the per-bin fractions). */
export function collapseByChannelAndEnergy(table: ProductionTable, binsPerDecade = 100): CollapsedProduction {
  const nd = table.nodes;
  const nF = table.flavours.length;
  if (table.channels.length > CHANNEL_STRIDE) throw new RangeError(`table has ${table.channels.length} channels (allowed: ≤ ${CHANNEL_STRIDE}, the key stride)`);
  // (bin, channel) → output row, in order of first appearance: a dense array over the bins present
  const qs = new Int32Array(nd.length);
  let qLo = Infinity, qHi = -Infinity;
  for (let k = 0; k < nd.length; k++) {
    const q = Math.floor(Math.log10(nd.EN[k]!) * binsPerDecade);
    qs[k] = q;
    if (q < qLo) qLo = q;
    if (q > qHi) qHi = q;
  }
  const index = new Int32Array(nd.length > 0 ? (qHi - qLo + 1) * CHANNEL_STRIDE : 0).fill(-1);
  const w: number[] = [], wE: number[] = [], ch: number[] = [];
  const wf: number[][] = table.flavours.map(() => []);
  for (let k = 0; k < nd.length; k++) {
    const c = nd.channel[k]!;
    const key = (qs[k]! - qLo) * CHANNEL_STRIDE + c;
    let j = index[key]!;
    if (j < 0) {
      j = w.length;
      index[key] = j;
      w.push(0);
      wE.push(0);
      ch.push(c);
      for (const a of wf) a.push(0);
    }
    const x = nd.weight[k]!;
    w[j]! += x;
    wE[j]! += x * nd.EN[k]!;
    const f = nd.flavour[k]!;
    if (f >= 0) wf[f]![j]! += x;
    else for (let g = 0; g < nF; g++) wf[g]![j]! += x * table.binFlavourFractions![g]![nd.bin[k]!]!;
  }
  const n = w.length;
  return {
    EN: Float64Array.from({ length: n }, (_, j) => wE[j]! / w[j]!),
    weight: Float64Array.from(w),
    channel: Int8Array.from(ch),
    channels: table.channels,
    flavourShare: wf.map((a) => Float64Array.from(a, (x, j) => x / w[j]!)),
    flavours: table.flavours,
  };
}

