/**
 * A production table for another flux (same bins) and target length, from an existing one by
 * rescaling: the nodes (E_ν, t) and the cross sections do not depend on the counts, only the
 * weights do — through the bin count, the target length, and (for the "interpolated" within-bin
 * model) the bin's density at the node, whose slope depends on the neighbouring bins' counts.
 * Each node's weight is multiplied by
 *   [N'_b L' ρ'_b(ln E_ν)] / [N_b L ρ_b(ln E_ν)],
 * the exact ratio of the two tabulations' node weights (lib/engine/productionTable), so the
 * result equals a fresh tabulation to rounding (≲ 1e-15 relative; test/tableRescale.test.ts).
 * Used for the FASER Run-3 line of Fig. 1 (issue 15), whose flux has the HL-LHC bins.
 */
import type { Material } from "../core/constants";
import { requirePositive } from "../core/validate";
import { withinBinDensity, withinBinSlopes } from "./fluxBins";
import type { BinnedSpectrum, ProductionCell, ProductionTable } from "./productionTable";
import { tableNodes } from "./nodeColumns";

/** Sum the spectra with their weights bin by bin (the merged flux of a table with mergeFlavours). */
function mergedCounts(spectra: readonly BinnedSpectrum[], weights: readonly number[], nb: number): number[] {
  const out = new Array<number>(nb).fill(0);
  spectra.forEach((sp, f) => {
    if (weights[f]! > 0) sp.counts.forEach((c, b) => (out[b]! += c * weights[f]!));
  });
  return out;
}

const sameEdges = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((e, i) => Math.abs(e / b[i]! - 1) <= 1e-12);

/** The exact per-cell weight factors of a rescale, with what the rescaled table needs besides. */
export interface RescaleFactors {
  /** Per cell of the table: new node weight / old node weight (the same for every node of a cell). */
  readonly cellFactor: Float64Array;
  /** Per cell: the within-bin slope of the new flux in the cell's bin. */
  readonly cellSlope: Float64Array;
  /** The new work spectra (merged or per flavour) and weights, as tabulateProduction would integrate them. */
  readonly work: readonly number[][];
  readonly workWeights: readonly number[];
}

/**
 * The factors by which {@link rescaleProduction} multiplies each cell's node weights, or null
 * when the flux or material make it inexact (see there). Collapsed signatures rescale with the
 * same factors cell by cell (lib/engine/collapse binsFromSegments), without a pass over nodes.
 */
export function rescaleFactors(
  table: ProductionTable,
  spectra: readonly BinnedSpectrum[],
  flavourWeights: readonly number[],
  length: number,
  material: Material,
): RescaleFactors | null {
  requirePositive("length", length);
  const src = table.source;
  if (!src || src.material.name !== material.name || src.material.A !== material.A || src.material.density !== material.density) return null;
  if (spectra.length !== table.flavours.length || spectra.some((s, f) => s.flavour !== table.flavours[f])) return null;
  const nb = src.spectra[0]?.counts.length ?? 0;
  if (spectra.some((s) => s.counts.length !== nb || !sameEdges(s.edges, src.spectra[0]!.edges))) return null;
  const work: number[][] = src.merged ? [mergedCounts(spectra, flavourWeights, nb)] : spectra.map((s) => [...s.counts]);
  const workW: number[] = src.merged ? [1] : [...flavourWeights];
  const factor: (Float64Array | null)[] = work.map((counts, f) => {
    const old = src.spectra[f]!, oldW = src.flavourWeights[f]!;
    const out = new Float64Array(nb);
    for (let b = 0; b < nb; b++) {
      const a = old.counts[b]! * oldW, n = counts[b]! * workW[f]!;
      if ((a > 0) !== (n > 0)) return null;
      out[b] = a > 0 ? (n * length) / (a * src.length) : 0;
    }
    return out;
  });
  if (factor.some((x) => x === null)) return null;
  const edges = src.spectra[0]!.edges;
  const oldSlopes = work.map((_, f) => withinBinSlopes(edges, src.spectra[f]!.counts, src.withinBin));
  const newSlopes = work.map((counts) => withinBinSlopes(edges, counts, src.withinBin));
  const lnEdges = edges.map((e) => Math.log(e));
  const cellFactor = new Float64Array(table.cells.length), cellSlope = new Float64Array(table.cells.length);
  table.cells.forEach((c, i) => {
    const f = c.flavour < 0 ? 0 : c.flavour, b = c.bin;
    const lnLo = lnEdges[b]!, delta = lnEdges[b + 1]! - lnLo;
    let r = factor[f]![b]!;
    if (src.withinBin === "interpolated") {
      const x = Math.log(c.Enu);
      r *= withinBinDensity(x, lnLo, delta, newSlopes[f]![b]!) / withinBinDensity(x, lnLo, delta, oldSlopes[f]![b]!);
    }
    cellFactor[i] = r;
    cellSlope[i] = newSlopes[f]![b]!;
  });
  return { cellFactor, cellSlope, work, workWeights: workW };
}

/**
 * `table` with the flux `spectra` (weighted by `flavourWeights`, as for tabulateProduction) and
 * target length `length` (GeV⁻¹) instead of its own; null when that is not an exact rescale
 * (different bin edges or material, a bin or flavour empty in the table but not in the new flux
 * or vice versa, a table without `source`) — then tabulate afresh. `factors`: from
 * {@link rescaleFactors} for the same arguments, when already computed.
 */
export function rescaleProduction(
  table: ProductionTable,
  spectra: readonly BinnedSpectrum[],
  flavourWeights: readonly number[],
  length: number,
  material: Material,
  factors: RescaleFactors | null = rescaleFactors(table, spectra, flavourWeights, length, material),
): ProductionTable | null {
  if (factors === null) return null;
  const src = table.source!;
  const { cellFactor, cellSlope, work, workWeights } = factors;
  const edges = src.spectra[0]!.edges;
  const nd = table.nodes;
  const weight = new Float64Array(nd.length);
  const cells: ProductionCell[] = [];
  let total = 0;
  table.cells.forEach((c, i) => {
    const r = cellFactor[i]!;
    let w = 0;
    for (let k = c.firstNode; k < c.endNode; k++) {
      weight[k] = nd.weight[k]! * r;
      w += weight[k]!;
    }
    cells.push({ ...c, lnSlope: cellSlope[i]!, weight: w });
    total += w;
  });
  const binFlavourFractions = src.merged
    ? spectra.map((sp, f) => Float64Array.from(work[0]!, (tot, b) => (tot > 0 && flavourWeights[f]! > 0 ? (sp.counts[b]! * flavourWeights[f]!) / tot : 0)))
    : null;
  return {
    ...table,
    nodes: tableNodes(cells, nd.length, nd.t, nd.EN, weight),
    cells,
    binFlavourFractions,
    total,
    source: { ...src, spectra: work.map((counts, f) => ({ flavour: src.spectra[f]!.flavour, edges, counts })), flavourWeights: workWeights, length },
  };
}
