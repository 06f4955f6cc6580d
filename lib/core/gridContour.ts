/**
 * Excluded regions from a test statistic tabulated on a rectilinear (mass, coupling) grid, e.g. a
 * Δχ² grid of a published recast: the region where z > level, traced column by column.
 *
 * Method: for each mass column, the excluded set {y : z(x, y) > level} must be one interval; its
 * ends are found between adjacent grid points by interpolating log z linearly in log y (exact for
 * a local power law z ∝ y^p, which a signal-dominated χ² follows: events ∝ U², χ² ∝ events² or
 * ∝ events), falling back to z linear in log y where a neighbour has z ≤ 0. The region is the polygon
 * lower edge (increasing mass) + upper edge (decreasing mass); its vertical sides at the first and
 * last excluded column and any end lying on the grid's y range are grid edges, flagged as such.
 */

/** Values z[i][j] at (xs[i], ys[j]); xs and ys strictly increasing and > 0. */
export interface TensorGrid {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** z[i][j]: value at mass xs[i], coupling ys[j]. */
  readonly z: readonly (readonly number[])[];
}

/** One mass column's excluded interval. */
export interface ExcludedInterval {
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
  /** The interval reaches the grid's lowest coupling (its lower end is a grid edge, not a contour). */
  readonly loAtGridEdge: boolean;
  /** The interval reaches the grid's highest coupling (its upper end is a grid edge). */
  readonly hiAtGridEdge: boolean;
}

/**
 * Builds a tensor grid from scattered triplets (as stored by a flattened meshgrid, any order).
 * Every (x, y) pair of the unique values must occur exactly once; values finite, x and y > 0.
 * RangeError naming `what` otherwise.
 */
export function tensorGridFromTriplets(x: readonly number[], y: readonly number[], z: readonly number[], what: string): TensorGrid {
  if (x.length !== y.length || x.length !== z.length) throw new RangeError(`${what}: x, y, z lengths differ (${x.length}, ${y.length}, ${z.length})`);
  for (let k = 0; k < x.length; k++) {
    const [a, b, c] = [x[k] as number, y[k] as number, z[k] as number];
    if (!(Number.isFinite(a) && a > 0 && Number.isFinite(b) && b > 0 && Number.isFinite(c))) {
      throw new RangeError(`${what}: point ${k} = (${a}, ${b}, ${c}) must have finite x > 0, y > 0 and finite z`);
    }
  }
  const xs = [...new Set(x)].sort((a, b) => a - b);
  const ys = [...new Set(y)].sort((a, b) => a - b);
  if (xs.length < 2 || ys.length < 2) throw new RangeError(`${what}: needs at least 2 distinct x and 2 distinct y, found ${xs.length} and ${ys.length}`);
  if (xs.length * ys.length !== x.length) {
    throw new RangeError(`${what}: ${x.length} points do not form a full ${xs.length} x ${ys.length} grid`);
  }
  const ix = new Map(xs.map((v, i) => [v, i]));
  const iy = new Map(ys.map((v, j) => [v, j]));
  const zz: number[][] = xs.map(() => new Array<number>(ys.length).fill(Number.NaN));
  for (let k = 0; k < x.length; k++) {
    const row = zz[ix.get(x[k] as number) as number] as number[];
    const j = iy.get(y[k] as number) as number;
    if (!Number.isNaN(row[j] as number)) throw new RangeError(`${what}: duplicate grid point (${x[k]}, ${y[k]})`);
    row[j] = z[k] as number;
  }
  return { xs, ys, z: zz };
}

/** log10 y where z crosses `level` between (y0, z0) and (y1, z1); z0 <= level < z1 or the reverse. */
function crossing(y0: number, z0: number, y1: number, z1: number, level: number): number {
  const l0 = Math.log10(y0);
  const l1 = Math.log10(y1);
  const t = z0 > 0 && z1 > 0 && level > 0
    ? (Math.log(level) - Math.log(z0)) / (Math.log(z1) - Math.log(z0))
    : (level - z0) / (z1 - z0);
  return 10 ** (l0 + t * (l1 - l0));
}

/**
 * The excluded interval {y : z > level} of every mass column (null where nothing is excluded).
 * RangeError if a column's excluded set is not a single interval, or level is not finite.
 */
export function excludedIntervals(grid: TensorGrid, level: number): (ExcludedInterval | null)[] {
  if (!Number.isFinite(level)) throw new RangeError(`level = ${level} must be finite`);
  const { xs, ys } = grid;
  return xs.map((x, i) => {
    const col = grid.z[i] as readonly number[];
    const above = col.map((v) => v > level);
    const starts: number[] = [];
    for (let j = 0; j < ys.length; j++) if (above[j] && (j === 0 || !above[j - 1])) starts.push(j);
    if (starts.length === 0) return null;
    if (starts.length > 1) throw new RangeError(`mass column x = ${x}: the region z > ${level} is ${starts.length} separate intervals, not one`);
    const j0 = starts[0] as number;
    let j1 = j0;
    while (j1 + 1 < ys.length && above[j1 + 1]) j1++;
    const lo = j0 === 0 ? (ys[0] as number) : crossing(ys[j0 - 1] as number, col[j0 - 1] as number, ys[j0] as number, col[j0] as number, level);
    const last = ys.length - 1;
    const hi = j1 === last ? (ys[last] as number) : crossing(ys[j1 + 1] as number, col[j1 + 1] as number, ys[j1] as number, col[j1] as number, level);
    return { x, lo, hi, loAtGridEdge: j0 === 0, hiAtGridEdge: j1 === last };
  });
}

/** A closed polygon (last point = first) and where its sides are grid edges rather than contours. */
export interface BandPolygon {
  readonly x: number[];
  readonly y: number[];
  readonly xMin: number;
  readonly xMax: number;
  /** Some column's upper end is the grid's highest coupling (the top of the polygon there is artificial). */
  readonly topAtGridEdge: boolean;
  /** Some column's lower end is the grid's lowest coupling. */
  readonly bottomAtGridEdge: boolean;
  /** The first / last excluded column is the grid's first / last mass (that vertical side is artificial). */
  readonly leftAtGridEdge: boolean;
  readonly rightAtGridEdge: boolean;
}

/**
 * The region z > level as one closed polygon: lower ends in increasing mass, upper ends back.
 * RangeError if no column is excluded, or if excluded columns are not contiguous in mass.
 */
export function excludedBandPolygon(grid: TensorGrid, level: number): BandPolygon {
  const iv = excludedIntervals(grid, level);
  const first = iv.findIndex((c) => c !== null);
  if (first < 0) throw new RangeError(`no grid point has z > ${level}`);
  let last = iv.length - 1;
  while (iv[last] === null) last--;
  const cols: ExcludedInterval[] = [];
  for (let i = first; i <= last; i++) {
    const c = iv[i];
    if (c === null || c === undefined) throw new RangeError(`excluded columns are not contiguous: nothing excluded at x = ${grid.xs[i]} between x = ${grid.xs[first]} and ${grid.xs[last]}`);
    cols.push(c);
  }
  const x = [...cols.map((c) => c.x), ...[...cols].reverse().map((c) => c.x)];
  const y = [...cols.map((c) => c.lo), ...[...cols].reverse().map((c) => c.hi)];
  x.push(x[0] as number);
  y.push(y[0] as number);
  return {
    x,
    y,
    xMin: cols[0]!.x,
    xMax: cols[cols.length - 1]!.x,
    topAtGridEdge: cols.some((c) => c.hiAtGridEdge),
    bottomAtGridEdge: cols.some((c) => c.loAtGridEdge),
    leftAtGridEdge: first === 0,
    rightAtGridEdge: last === grid.xs.length - 1,
  };
}
