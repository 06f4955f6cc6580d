/**
 * Operations on a finished production table (lib/engine/productionTable): the sub-table below a
 * |t| cut on the panel grid, and sums of a per-node value by channel and flavour.
 */
import { requirePositive } from "../core/validate";
import type { ProductionCell, ProductionTable } from "./productionTable";

/** Relative slack when testing that ln(tAbsMax) lies on the ln|t| panel grid (rounding of log10 only). */
const GRID_SNAP = 1e-9;

/**
 * RangeError unless ln(tAbsMax) lies on the ln|t| panel grid (10^(k/panelsPerDecade) GeV²), where
 * the nodes below the cut are exactly those of a table tabulated with that cut.
 */
export function requireOnPanelGrid(tAbsMax: number, panelsPerDecade = 2): void {
  requirePositive("tAbsMax", tAbsMax);
  const x = Math.log10(tAbsMax) * panelsPerDecade;
  if (Math.abs(x - Math.round(x)) > GRID_SNAP) {
    throw new RangeError(`tAbsMax = ${tAbsMax} GeV² is not on the panel grid (10^(k/${panelsPerDecade})); tabulate with opts.tAbsMax instead`);
  }
}

/**
 * The sub-table with |t| ≤ tAbsMax, taken from the nodes of a table built with the fixed
 * ln|t| panel grid. Exact (identical to tabulating with that cut) when ln(tAbsMax) lies on
 * the grid — e.g. (0.1 GeV)² = 10⁻² GeV² with 2 panels per decade — and a RangeError
 * otherwise (then tabulate with `tAbsMax` instead).
 */
export function restrictAbsT(table: ProductionTable, tAbsMax: number, panelsPerDecade = 2): ProductionTable {
  requireOnPanelGrid(tAbsMax, panelsPerDecade);
  const src = table.nodes;
  const keep = new Int32Array(src.length);
  let m = 0;
  const cells: ProductionCell[] = [];
  let total = 0;
  for (const c of table.cells) {
    const first = m;
    let w = 0;
    for (let k = c.firstNode; k < c.endNode; k++) {
      if (-src.t[k]! <= tAbsMax) {
        keep[m++] = k;
        w += src.weight[k]!;
      }
    }
    if (w > 0) {
      cells.push({ ...c, firstNode: first, endNode: m, weight: w });
      total += w;
    }
  }
  const pick = <T extends Float64Array | Int8Array | Int32Array>(a: T, make: (n: number) => T): T => {
    const out = make(m);
    for (let i = 0; i < m; i++) out[i] = a[keep[i]!]!;
    return out;
  };
  return {
    ...table,
    nodes: {
      length: m,
      flavour: pick(src.flavour, (n) => new Int8Array(n)),
      bin: pick(src.bin, (n) => new Int32Array(n)),
      channel: pick(src.channel, (n) => new Int8Array(n)),
      Enu: pick(src.Enu, (n) => new Float64Array(n)),
      t: pick(src.t, (n) => new Float64Array(n)),
      EN: pick(src.EN, (n) => new Float64Array(n)),
      weight: pick(src.weight, (n) => new Float64Array(n)),
    },
    cells,
    total,
  };
}

/** Sum of a per-node value grouped by channel name and by flavour name; nodeValue gets the node index. */
export function breakdown(table: ProductionTable, nodeValue: (k: number) => number): {
  total: number;
  byChannel: Record<string, number>;
  byFlavour: Record<string, number>;
} {
  const values = new Float64Array(table.nodes.length);
  for (let k = 0; k < values.length; k++) values[k] = nodeValue(k);
  return breakdownValues(table, values);
}

/**
 * {@link breakdown} of the values already computed per node (values[k] for node k): the same
 * additions in the same order, so the same sums.
 */
export function breakdownValues(table: ProductionTable, values: Float64Array): {
  total: number;
  byChannel: Record<string, number>;
  byFlavour: Record<string, number>;
} {
  const nd = table.nodes;
  if (values.length !== nd.length) throw new RangeError(`values.length = ${values.length} must equal the table's node count ${nd.length}`);
  // sums by index in node order (the same additions, in the same order, as by name), named at the end
  const ch = new Float64Array(table.channels.length);
  const fl = new Float64Array(table.flavours.length);
  const channel = nd.channel, flavour = nd.flavour, bin = nd.bin;
  const fractions = table.binFlavourFractions;
  let total = 0;
  for (let k = 0; k < nd.length; k++) {
    const v = values[k]!;
    total += v;
    ch[channel[k]!]! += v;
    const f = flavour[k]!;
    if (f >= 0) fl[f]! += v;
    else for (let g = 0; g < fractions!.length; g++) fl[g]! += v * fractions![g]![bin[k]!]!;
  }
  const byChannel: Record<string, number> = Object.fromEntries(table.channels.map((c, i) => [c, ch[i]!]));
  const byFlavour: Record<string, number> = Object.fromEntries(table.flavours.map((f, i) => [f, fl[i]!]));
  return { total, byChannel, byFlavour };
}
