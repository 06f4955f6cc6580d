/**
 * The flux inside a bin and the E_ν rule of the production tables (lib/engine/productionTable):
 * the within-bin models, the Gauss nodes of a bin above a channel threshold, and the
 * produced-N energy spectrum spread over the quadrature cells.
 */
import { requirePositive } from "../core/validate";
import { THRESHOLD_OFFSET } from "./rules";

/** An energy break within 10⁻⁹ in ln E of a piece's end is that end (no sliver piece of 10⁻⁹ of a bin). */
const BREAK_SNAP = 1e-9;
import type { BinnedSpectrum, ProductionTable } from "./productionTable";

/** Within-bin models of a binned flux (see the module doc). */
export const WITHIN_BIN_MODELS = ["interpolated", "log-uniform", "centre"] as const;
export type WithinBinModel = (typeof WITHIN_BIN_MODELS)[number];

/**
 * Slope s_b of ln(dN/d ln E) inside each bin for a within-bin model: 0 for "log-uniform" and
 * "centre"; for "interpolated" a slope-limited reconstruction from the bin densities
 * y_b = ln(N_b/Δ_b) (Δ in ln E): the monotonised-central limiter (van Leer 1977,
 * J. Comput. Phys. 23, 276) of the one-sided differences, 0 at a local extremum; at the first
 * and last bin (and next to an empty bin) the one-sided difference towards the neighbour.
 * With dN/d ln E ∝ exp(s_b ln E) normalised to N_b, every bin's count is exact and the
 * density is positive. Dimensionless.
 */
export function withinBinSlopes(edges: readonly number[], counts: readonly number[], model: WithinBinModel): Float64Array {
  if (!(WITHIN_BIN_MODELS as readonly string[]).includes(model)) {
    throw new RangeError(`withinBin = ${JSON.stringify(model)} is not one of ${WITHIN_BIN_MODELS.join(", ")}`);
  }
  const n = counts.length;
  const out = new Float64Array(n);
  if (model !== "interpolated") return out;
  const x = (b: number) => 0.5 * (Math.log(edges[b]!) + Math.log(edges[b + 1]!));
  const y = (b: number) => Math.log(counts[b]! / (Math.log(edges[b + 1]!) - Math.log(edges[b]!)));
  const ok = (b: number) => b >= 0 && b < n && counts[b]! > 0;
  for (let b = 0; b < n; b++) {
    if (!ok(b)) continue;
    const left = ok(b - 1) ? (y(b) - y(b - 1)) / (x(b) - x(b - 1)) : null;
    const right = ok(b + 1) ? (y(b + 1) - y(b)) / (x(b + 1) - x(b)) : null;
    if (left === null || right === null) out[b] = left ?? right ?? 0;
    else if (left * right <= 0) out[b] = 0;
    else out[b] = Math.sign(left) * Math.min(0.5 * Math.abs(left + right), 2 * Math.abs(left), 2 * Math.abs(right));
  }
  return out;
}

/** Threshold of ν T → N T on a target of mass M at rest: s = (m_N + M)² ⇔ E_min = m_N + m_N²/(2M), GeV. */
export function thresholdEnergy(mN: number, M: number): number {
  return mN + (mN * mN) / (2 * M);
}

/**
 * Within-bin flux density per unit ln E at ln E = x of a bin [lnLo, lnLo + delta] with slope s,
 * normalised to 1 over the bin: s e^{s(x − lnLo)}/(e^{s·delta} − 1) (1/delta for s·delta → 0). Per unit ln E.
 */
export function withinBinDensity(x: number, lnLo: number, delta: number, s: number): number {
  return Math.abs(s * delta) < 1e-9 ? 1 / delta : (s * Math.exp(s * (x - lnLo))) / Math.expm1(s * delta);
}

/** An E_ν node of a flux bin: energy, the fraction of the bin's count it carries, and its cell [lnLo, lnHi]. */
export interface EnergyNode {
  readonly Enu: number;
  readonly weight: number;
  readonly lnLo: number;
  readonly lnHi: number;
}

/** Where {@link energyNodes} starts the rule in a bin from ln E = lnLo (GeV) above the threshold Emin (GeV): just above it, so that tRange is open at the end point. ln GeV. */
export function energyNodesStart(lnLo: number, Emin: number): number {
  return Emin > 0 ? Math.max(lnLo, Math.log(Emin) + THRESHOLD_OFFSET) : lnLo;
}

/**
 * The E_ν nodes of one flux bin [lnLo, lnHi] above the threshold Emin: Gauss–Legendre in ln E on
 * the part above threshold (split at the `breaks`, ln E), weights = rule weight × within-bin density (each node's cell is
 * the sub-interval its rule weight represents), or one node at the centre for "centre".
 */
export function energyNodes(
  lnLo: number,
  lnHi: number,
  s: number,
  model: WithinBinModel,
  er: { readonly x: number[]; readonly w: number[] },
  Emin: number,
  breaks: readonly number[],
): EnergyNode[] {
  const delta = lnHi - lnLo;
  const a = energyNodesStart(lnLo, Emin);
  if (model === "centre") {
    const xc = 0.5 * (lnLo + lnHi);
    return xc > a ? [{ Enu: Math.exp(xc), weight: 1, lnLo: xc, lnHi: xc }] : [];
  }
  if (!(lnHi > a)) return [];
  const cuts = [a, ...breaks.filter((x) => x > a + BREAK_SNAP && x < lnHi - BREAK_SNAP), lnHi];
  const out: EnergyNode[] = [];
  for (let p = 0; p + 1 < cuts.length; p++) {
    const pa = cuts[p]!, pb = cuts[p + 1]!, h = pb - pa;
    let sub = pa;
    for (let i = 0; i < er.x.length; i++) {
      const x = pa + 0.5 * h * (1 + er.x[i]!);
      const hi = i === er.x.length - 1 ? pb : sub + 0.5 * h * er.w[i]!;
      // density of the bin's count per unit ln E at x, normalised over the whole bin
      const rho = withinBinDensity(x, lnLo, delta, s);
      out.push({ Enu: Math.exp(x), weight: rho * 0.5 * h * er.w[i]!, lnLo: sub, lnHi: hi });
      sub = hi;
    }
  }
  return out;
}

/**
 * Spectrum of the produced N energy, events per bin of `edges` (GeV) at unit coupling factor:
 * each node's weight is spread over its cell's E_ν interval mapped to E_N (ln E_N − ln E_ν
 * fixed, with the cell's within-bin density), so the histogram carries no aliasing of the
 * discrete E_ν nodes onto bins finer than the flux bins.
 */
export function producedEnergySpectrum(table: ProductionTable, edges: readonly number[]): number[] {
  const nb = edges.length - 1;
  if (!(nb >= 1)) throw new RangeError(`edges has ${edges.length} entries (allowed: ≥ 2)`);
  const lnEdges = edges.map((e, i) => {
    requirePositive(`edges[${i}]`, e);
    return Math.log(e);
  });
  const out = new Array<number>(nb).fill(0);
  const nd = table.nodes;
  for (const c of table.cells) {
    const width = c.lnEHi - c.lnELo;
    const s = c.lnSlope;
    for (let k = c.firstNode; k < c.endNode; k++) {
      const shift = Math.log(nd.EN[k]! / nd.Enu[k]!);
      const lo = c.lnELo + shift, hi = c.lnEHi + shift;
      if (!(width > 0)) {
        const j = lo < lnEdges[0]! ? -1 : searchEdges(lnEdges, lo);
        if (j >= 0) out[j]! += nd.weight[k]!;
        continue;
      }
      for (let j = Math.max(0, searchEdges(lnEdges, lo)); j < nb && lnEdges[j]! < hi; j++) {
        const a = Math.max(lo, lnEdges[j]!), b = Math.min(hi, lnEdges[j + 1]!);
        if (!(b > a)) continue;
        const f = Math.abs(s * width) < 1e-9 ? (b - a) / width : (Math.exp(s * (a - lo)) * Math.expm1(s * (b - a))) / Math.expm1(s * width);
        out[j]! += nd.weight[k]! * f;
      }
    }
  }
  return out;
}

/** Index j with lnEdges[j] ≤ x < lnEdges[j + 1], 0 below the first edge (callers clip), −1 at or above the last. */
function searchEdges(lnEdges: readonly number[], x: number): number {
  const last = lnEdges.length - 1;
  if (x >= lnEdges[last]!) return -1;
  if (x < lnEdges[0]!) return 0;
  let lo = 0, hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (lnEdges[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The flavour spectra summed with their weights (identical bin edges required) and each flavour's fraction per bin. */
export function mergeSpectra(spectra: readonly BinnedSpectrum[], flavourWeights: readonly number[]): {
  work: readonly BinnedSpectrum[];
  workWeights: readonly number[];
  binFlavourFractions: Float64Array[];
} {
  const used = spectra.map((_, f) => f).filter((f) => flavourWeights[f]! > 0);
  const ref = used.length > 0 ? spectra[used[0]!]! : spectra[0]!;
  const merged = new Array<number>(ref.counts.length).fill(0);
  for (const f of used) {
    const sp = spectra[f]!;
    if (sp.edges.length !== ref.edges.length || sp.edges.some((e, i) => Math.abs(e / ref.edges[i]! - 1) > 1e-9)) {
      throw new RangeError(`mergeFlavours: the spectra of ${ref.flavour} and ${sp.flavour} have different bin edges`);
    }
    sp.counts.forEach((cnt, b) => (merged[b]! += cnt * flavourWeights[f]!));
  }
  const binFlavourFractions = spectra.map((sp, f) =>
    Float64Array.from(merged, (tot, b) => (tot > 0 && flavourWeights[f]! > 0 ? (sp.counts[b]! * flavourWeights[f]!) / tot : 0)),
  );
  return { work: [{ flavour: "all", edges: ref.edges, counts: merged }], workWeights: [1], binFlavourFractions };
}

/**
 * {@link mergeSpectra} once per flux and flavour weights in this thread (compute once, issue 15:
 * every mass point of a scan merges the same spectra with the same weights). Keyed by the spectra
 * array and the weights' values; the result is shared, read only (its arrays are never written).
 */
const MERGED = new WeakMap<readonly BinnedSpectrum[], Map<string, ReturnType<typeof mergeSpectra>>>();
export function mergedSpectra(spectra: readonly BinnedSpectrum[], flavourWeights: readonly number[]): ReturnType<typeof mergeSpectra> {
  let byWeights = MERGED.get(spectra);
  if (!byWeights) MERGED.set(spectra, (byWeights = new Map()));
  const key = flavourWeights.join(" ");
  let m = byWeights.get(key);
  if (!m) byWeights.set(key, (m = mergeSpectra(spectra, flavourWeights)));
  return m;
}

/** {@link withinBinSlopes} once per (counts, edges, model) in this thread (keyed by the arrays themselves; the result is read only). */
const SLOPES = new WeakMap<readonly number[], { edges: readonly number[]; model: WithinBinModel; slopes: Float64Array }[]>();
export function binSlopes(edges: readonly number[], counts: readonly number[], model: WithinBinModel): Float64Array {
  let list = SLOPES.get(counts);
  if (!list) SLOPES.set(counts, (list = []));
  let hit = list.find((e) => e.edges === edges && e.model === model);
  if (!hit) list.push((hit = { edges, model, slopes: withinBinSlopes(edges, counts, model) }));
  return hit.slopes;
}
