/**
 * Column storage of a production table's nodes while it is tabulated (lib/engine/productionTable).
 */
import type { ProductionNodes } from "./productionTable";

/**
 * Growable column storage of the nodes (typed arrays doubled on demand, trimmed at the end).
 * One instance is kept as scratch between tabulations (grown once to the largest table), so a
 * scan's tables leave one exact-size copy of each column and no doubling garbage.
 */
export class NodeColumns {
  n = 0;
  f = new Int8Array(1024);
  b = new Int32Array(1024);
  c = new Int8Array(1024);
  E = new Float64Array(1024);
  t = new Float64Array(1024);
  EN = new Float64Array(1024);
  w = new Float64Array(1024);
  /** Append a node's t, E_N and weight; its key columns are filled per cell by {@link keyNodes}. */
  pushNode(t: number, EN: number, w: number): void {
    if (this.n === this.w.length) this.grow();
    const k = this.n++;
    this.t[k] = t; this.EN[k] = EN; this.w[k] = w;
  }
  /** Set flavour, bin, channel and E_ν of the nodes [first, n) (one cell's, appended by {@link pushNode}). */
  keyNodes(first: number, f: number, b: number, c: number, E: number): void {
    const n = this.n;
    if (first >= n) return;
    this.f.fill(f, first, n); this.b.fill(b, first, n); this.c.fill(c, first, n); this.E.fill(E, first, n);
  }
  private grow(): void {
    const m = 2 * this.w.length;
    const up = <T extends Float64Array | Int8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const o = make(m);
      o.set(a);
      return o;
    };
    this.f = up(this.f, (n) => new Int8Array(n)); this.b = up(this.b, (n) => new Int32Array(n)); this.c = up(this.c, (n) => new Int8Array(n));
    this.E = up(this.E, (n) => new Float64Array(n)); this.t = up(this.t, (n) => new Float64Array(n));
    this.EN = up(this.EN, (n) => new Float64Array(n)); this.w = up(this.w, (n) => new Float64Array(n));
  }
  /** The filled part as the table's columns (copies). */
  nodes(): ProductionNodes {
    const n = this.n;
    return { length: n, flavour: this.f.slice(0, n), bin: this.b.slice(0, n), channel: this.c.slice(0, n), Enu: this.E.slice(0, n), t: this.t.slice(0, n), EN: this.EN.slice(0, n), weight: this.w.slice(0, n) };
  }
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

