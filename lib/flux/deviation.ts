/**
 * Comparison of a model spectrum with a reference one, bin by bin (used by the fit script
 * and the tests of the embedded default flux).
 */

/** Deviations of a model from a reference over the bins that hold 99 % of the events. */
export interface DeviationReport {
  /** Number of bins in the 99 % set. */
  readonly binsIn99: number;
  /** Indices of the bins in the 99 % set, ascending. */
  readonly set99: readonly number[];
  /** max |model/reference − 1| over the 99 % set. */
  readonly worstBinDeviation: number;
  /** Index of that bin. */
  readonly worstBin: number;
  /** Its energy (GeV), if centres were given. */
  readonly worstBinEnergy_GeV?: number;
  /** Σ model / Σ reference − 1. */
  readonly totalDeviation: number;
  /** rms of ln(model/reference) over the 99 % set. */
  readonly rmsLogDeviation: number;
}

/**
 * The smallest set of bins, taken from the largest down, whose entries add up to at least
 * `fraction` (default 0.99) of the total. Returns ascending bin indices.
 */
export function binsHolding(counts: readonly number[], fraction = 0.99): number[] {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction = ${fraction} is outside the allowed range (0, 1]`);
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError(`sum of counts = ${total} must be > 0`);
  const order = counts.map((_, i) => i).sort((a, b) => (counts[b] as number) - (counts[a] as number));
  const chosen: number[] = [];
  let s = 0;
  for (const i of order) {
    if (s >= fraction * total) break;
    chosen.push(i);
    s += counts[i] as number;
  }
  return chosen.sort((a, b) => a - b);
}

/** Bin-by-bin deviation of `model` from `reference` (same binning), see {@link DeviationReport}. */
export function deviationReport(reference: readonly number[], model: readonly number[], centres?: readonly number[]): DeviationReport {
  if (reference.length !== model.length) {
    throw new RangeError(`model.length = ${model.length} must equal reference.length = ${reference.length}`);
  }
  const set = binsHolding(reference);
  let worst = 0;
  let worstBin = set[0] as number;
  let sq = 0;
  for (const i of set) {
    const r = (model[i] as number) / (reference[i] as number);
    const d = Math.abs(r - 1);
    if (d > worst) {
      worst = d;
      worstBin = i;
    }
    sq += Math.log(r) ** 2;
  }
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const rep: DeviationReport = {
    binsIn99: set.length,
    set99: set,
    worstBinDeviation: worst,
    worstBin,
    totalDeviation: sum(model) / sum(reference) - 1,
    rmsLogDeviation: Math.sqrt(sq / set.length),
  };
  return centres ? { ...rep, worstBinEnergy_GeV: centres[worstBin] as number } : rep;
}
