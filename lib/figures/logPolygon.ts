/**
 * The bound polygons of the reach figures in log coordinates (lib/figures/fig1's allowed-region
 * search): vertices in (ln m_N, ln μ_N) taken once, and the even–odd test of insidePolygon
 * (fig1.ts) on them, skipped where the point is outside the polygon's range.
 */

/** A bound polygon with its vertices in (ln m_N, ln μ_N), and their ranges. */
export interface LogPolygon {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * Margin (in ln m_N) of the range test of {@link insideLogPolygon}: far above the rounding of an
 * edge's crossing abscissa (≲ 10⁻¹⁴ here), so a point outside the range by more is outside.
 */
const POLYGON_RANGE_MARGIN = 1e-9;

/**
 * insidePolygon (lib/figures/fig1) with the point and the vertices already in log coordinates. A point
 * left of every vertex by more than the margin crosses every edge its ray meets (an even number:
 * the even–odd count of a closed polygon), one right of every vertex none: outside either way,
 * the answer of the full test, which is then skipped; so is a point below every vertex (each edge
 * has both ends above it) or at or above every one (none above): it crosses no edge.
 */
export function insideLogPolygon(lx: number, ly: number, p: LogPolygon): boolean {
  if (lx < p.xMin - POLYGON_RANGE_MARGIN || lx > p.xMax + POLYGON_RANGE_MARGIN || ly < p.yMin || ly >= p.yMax) return false;
  const px = p.x, py = p.y;
  let inside = false;
  for (let i = 0, j = px.length - 1; i < px.length; j = i++) {
    const xi = px[i]!, yi = py[i]!, xj = px[j]!, yj = py[j]!;
    if (yi > ly !== yj > ly && lx < ((xj - xi) * (ly - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon (vertices in GeV, GeV⁻¹) in log coordinates, with its ranges. */
export function toLogPolygon(b: { readonly x: readonly number[]; readonly y: readonly number[] }): LogPolygon {
  const x = Float64Array.from(b.x, Math.log), y = Float64Array.from(b.y, Math.log);
  return { x, y, xMin: Math.min(...x), xMax: Math.max(...x), yMin: Math.min(...y), yMax: Math.max(...y) };
}
