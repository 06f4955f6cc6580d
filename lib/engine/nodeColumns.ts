/**
 * Column storage of a production table's nodes while it is tabulated (lib/engine/productionTable).
 */
import type { ProductionCell, ProductionNodes } from "./productionTable";

/**
 * Growable column storage of the nodes' t, E_N and weight (typed arrays doubled on demand,
 * trimmed at the end). One instance is kept as scratch between tabulations (grown once to the
 * largest table), so a scan's tables leave one exact-size copy and no doubling garbage. The
 * per-cell columns (flavour, bin, channel, E_ν) are not stored per node while tabulating: they
 * are the node's cell's, filled from the cells when first read ({@link tableNodes}).
 */
export class NodeColumns {
  n = 0;
  t: Float64Array = new Float64Array(1024);
  EN: Float64Array = new Float64Array(1024);
  w: Float64Array = new Float64Array(1024);
  /** Append a node's t, E_N and weight (its cell's columns come from the cells, {@link tableNodes}). */
  pushNode(t: number, EN: number, w: number): void {
    if (this.n === this.w.length) this.grow();
    const k = this.n++;
    this.t[k] = t; this.EN[k] = EN; this.w[k] = w;
  }
  /** Make room for m more nodes (a caller then writes t, EN, w at n … n + m − 1 itself and advances n). */
  reserve(m: number): void {
    while (this.n + m > this.w.length) this.grow();
  }
  private grow(): void {
    const up = (a: Float64Array): Float64Array => {
      const o = new Float64Array(2 * a.length);
      o.set(a);
      return o;
    };
    this.t = up(this.t); this.EN = up(this.EN); this.w = up(this.w);
  }
  /**
   * The filled part as the table's columns: t, E_N and weight copied into one exact-size
   * buffer (one allocation), the per-cell columns from `cells` (which partition the nodes).
   */
  nodes(cells: readonly ProductionCell[]): ProductionNodes {
    const n = this.n;
    const buf = new Float64Array(3 * n);
    buf.set(this.t.subarray(0, n), 0);
    buf.set(this.EN.subarray(0, n), n);
    buf.set(this.w.subarray(0, n), 2 * n);
    return tableNodes(cells, n, buf.subarray(0, n), buf.subarray(n, 2 * n), buf.subarray(2 * n, 3 * n));
  }
}

/** The per-cell columns of {@link ProductionNodes}, node by node from the cells (each node's is its cell's). */
function cellColumns(cells: readonly ProductionCell[], n: number): Pick<ProductionNodes, "flavour" | "bin" | "channel" | "Enu"> {
  const flavour = new Int8Array(n), bin = new Int32Array(n), channel = new Int8Array(n), Enu = new Float64Array(n);
  for (const c of cells) {
    flavour.fill(c.flavour, c.firstNode, c.endNode);
    bin.fill(c.bin, c.firstNode, c.endNode);
    channel.fill(c.channel, c.firstNode, c.endNode);
    Enu.fill(c.Enu, c.firstNode, c.endNode);
  }
  return { flavour, bin, channel, Enu };
}

/**
 * Nodes with the given t, E_N and weight columns whose flavour, bin, channel and E_ν columns
 * are filled from `cells` on first read (then plain values; the scan path reads only t, E_N and
 * weight). Enumerable like plain fields, so spreads and copies see every column.
 */
export function tableNodes(cells: readonly ProductionCell[], n: number, t: Float64Array, EN: Float64Array, weight: Float64Array): ProductionNodes {
  const nodes = { length: n, t, EN, weight } as { -readonly [K in keyof ProductionNodes]: ProductionNodes[K] };
  let cols: ReturnType<typeof cellColumns> | null = null;
  for (const key of ["flavour", "bin", "channel", "Enu"] as const) {
    Object.defineProperty(nodes, key, {
      enumerable: true,
      configurable: true,
      get() {
        cols ??= cellColumns(cells, n);
        const value = cols[key];
        Object.defineProperty(nodes, key, { value, enumerable: true, writable: false, configurable: false });
        return value;
      },
    });
  }
  return nodes;
}

/** The scratch columns, or null while a tabulation uses them (a re-entrant call then gets its own). */
let scratch: NodeColumns | null = new NodeColumns();

/** The scratch columns, emptied (or fresh ones when they are in use); give them back with {@link releaseColumns}. */
export function takeColumns(): NodeColumns {
  const acc = scratch ?? new NodeColumns();
  scratch = null;
  acc.n = 0;
  return acc;
}

/** Return columns taken with {@link takeColumns} (their contents were copied out by `nodes()`). */
export function releaseColumns(acc: NodeColumns): void {
  scratch = acc;
}
