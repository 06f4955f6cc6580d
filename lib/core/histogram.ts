/**
 * Weighted histograms: the one owner of Σw and Σw² per bin (Monte Carlo spectra of Fig. 2,
 * `nudump spectrum`, the event frames of lib/events, notebook 01). The statistical error of a
 * bin is √Σw² (the standard error of a sum of independent weighted events).
 */

/** The bins of a histogram: Σ weight and √Σ weight² per bin [edges[k], edges[k+1]). */
export interface HistogramSums {
  readonly sum: number[];
  readonly error: number[];
}

/**
 * A weighted histogram filled one event at a time (for samples drawn in blocks). Bins are
 * [edges[k], edges[k+1]), found by bisection, so any increasing edges work (linear or log);
 * values outside [edges[0], edges[n]) and NaN are not counted.
 */
export class WeightedHistogram {
  readonly edges: readonly number[];
  private readonly w: number[];
  private readonly w2: number[];

  constructor(edges: readonly number[]) {
    if (edges.length < 2) throw new RangeError(`edges has ${edges.length} entries; a histogram needs at least 2`);
    for (let k = 0; k + 1 < edges.length; k++) {
      if (!(edges[k + 1]! > edges[k]!)) throw new RangeError(`edges[${k + 1}] = ${edges[k + 1]} must exceed edges[${k}] = ${edges[k]} (edges must increase)`);
    }
    this.edges = edges;
    this.w = new Array<number>(edges.length - 1).fill(0);
    this.w2 = new Array<number>(edges.length - 1).fill(0);
  }

  /** The bin of x, or −1 outside the edges. */
  bin(x: number): number {
    const e = this.edges;
    const nb = e.length - 1;
    if (!(x >= e[0]! && x < e[nb]!)) return -1;
    let lo = 0, hi = nb;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (x >= e[mid]!) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Add one event of value x and weight w. */
  fill(x: number, w: number): void {
    const b = this.bin(x);
    if (b < 0) return;
    this.w[b]! += w;
    this.w2[b]! += w * w;
  }

  /** Σw and √Σw² per bin (copies). */
  sums(): HistogramSums {
    return { sum: [...this.w], error: this.w2.map(Math.sqrt) };
  }
}

/** Weighted histogram of `values` with `weights` in the bins [edges[k], edges[k+1]): Σw and √Σw². */
export function weightedHistogram(values: ArrayLike<number>, weights: ArrayLike<number>, edges: readonly number[]): HistogramSums {
  if (values.length !== weights.length) throw new RangeError(`values has ${values.length} entries but weights has ${weights.length} (one weight per value)`);
  const h = new WeightedHistogram(edges);
  for (let i = 0; i < values.length; i++) h.fill(values[i]!, weights[i]!);
  return h.sums();
}
