/**
 * Secondary production of N in the tungsten: neutrino flux × cross section × scatterers,
 * tabulated once per model point so that couplings can be rescaled analytically.
 *
 * Integration scheme (documented because the sampler and the quadrature share it):
 * - within each flux bin the flux follows a stated model (`withinBin`, lib/engine/fluxBins withinBinSlopes):
 *   "interpolated" (default) — dN/d ln E = A_b exp(s_b ln E) in bin b, the slope s_b of
 *   ln(dN/d ln E) reconstructed from the neighbouring bins (monotonised-central limiter, so no
 *   new extrema; one-sided at the first and last bin, so the last bin keeps falling with the
 *   spectrum up to its upper edge, the end of the table) and A_b such that the bin's count is
 *   exact; "log-uniform" — dN/d ln E constant in the bin; "centre" — all counts at the bin's
 *   geometric centre;
 * - in ln E_ν, `ePoints`-point Gauss–Legendre (default 6) on each bin, restricted to the part
 *   above the channel's threshold E_min = m_N + m_N²/(2M) (the integrand switches on there
 *   non-smoothly, so the threshold is an end point of the rule, never inside it);
 * - over t, composite Gauss–Legendre (default 8 points per panel — the dipole portal uses 4 —,
 *   2 panels per decade of |t|) in
 *   ln|t| from |t|_min to |t|_max (or the user's cut), which resolves the coherent plateau
 *   below 1/R² and the fall-off of the form factors;
 * - each node carries its N energy E_N = E_ν − T_recoil, T = −t/(2M).
 * - optional `energyBreaks` split the bins where a later acceptance has a kink.
 * Convergence: with the dipole portal's rule (DIPOLE_QUADRATURE) doubling ePoints, tPoints or
 * panelsPerDecade changes no count (0.01–10 GeV, short and long decay lengths) and no Fig. 2
 * spectrum bin by more than 0.5 % (test/numerics.test.ts; docs/signal-engine.md §2).
 * The result is a set of nodes with weights in "events per unit coupling factor" (the model
 * says what that factor is: μ_N² for the dipole portal).
 */
import { nucleusDensity, type Material } from "../core/constants";
import { gaussLegendre } from "../core/quadrature";
import { requireNonNegative, requirePositive } from "../core/validate";
import { binSlopes, energyNodes, energyNodesStart, mergedSpectra, thresholdEnergy, type WithinBinModel } from "./fluxBins";
import { releaseColumns, takeColumns } from "./nodeColumns";
import { lazyField } from "./signatureGroups";
import { DEFAULT_E_POINTS, DEFAULT_PANELS_PER_DECADE, DEFAULT_T_POINTS } from "./rules";
import { FlatPanels, integrateT, PanelCache, type TRule } from "./tIntegration";

/** A channel of N production on one kind of scatterer in the target. */
export interface ProductionChannel {
  /** "coherent", "proton", "neutron", "electron", … */
  readonly name: string;
  /** Mass of the scatterer at rest, GeV. */
  readonly targetMass: number;
  /** Scatterers per nucleus of the material (1, Z, A − Z, Z). */
  readonly perNucleus: number;
  /** dσ/dt per scatterer at unit coupling factor, GeV⁻⁴, for t in the physical range. */
  readonly dsigmadt: (E: number, t: number) => number;
  /**
   * Optional unchecked fast path with the same values as `dsigmadt`, valid only for t inside
   * the physical range at E (the engine and the sampler guarantee that before calling it).
   */
  readonly kernel?: (E: number, t: number) => number;
  /**
   * Optional factorised form of `kernel`, the same values: dσ/dt(E, t) = kernelWith(E, t, g, o)
   * with g[o … o + count) the channel's t-only factors (form factors) at t written by
   * `tFactors`. The engine takes the factors once per |t| node of a whole ln|t| panel, which
   * has the same nodes at every E_ν (issue 15: the form factors leave the E_ν loop).
   */
  readonly factorised?: FactorisedKernel;
}

/** A dσ/dt split into t-only factors and the rest (see {@link ProductionChannel.factorised}); both unchecked, t in the physical range. */
export interface FactorisedKernel {
  /** Number of t-only factors. */
  readonly count: number;
  /** Write the factors at t (GeV², < 0) into out[o … o + count). Dimensionless. */
  readonly tFactors: (t: number, out: Float64Array, o: number) => void;
  /**
   * Optional: a name for the function `tFactors` computes (e.g. "nucleon p"), the same for every
   * kernel whose tFactors give the same numbers at every t (not depending on m_N); the engine then
   * shares the factors at the whole panels' nodes between the tabulations of a thread (issue 15).
   */
  readonly factorsKey?: string;
  /** dσ/dt at unit coupling factor from the factors g[o …] at the same t, GeV⁻⁴. */
  readonly kernelWith: (E: number, t: number, g: Float64Array, o: number) => number;
  /**
   * Optional: kernelWith at many t at once, the same values — out[j] = kernelWith(E, t[o + j], g,
   * (o + j)·count) for j < m (node offset o, default 0). One call per run of panels keeps the
   * per-node work in one monomorphic loop (no boxed arguments per node); the offset lets the
   * engine pass its cached whole-panel columns in place.
   */
  readonly kernelMany?: (E: number, t: Float64Array, g: Float64Array, m: number, out: Float64Array, o?: number) => void;
}

/** An incoming neutrino spectrum: bin edges (GeV) and counts per bin through the target face. */
export interface BinnedSpectrum {
  readonly flavour: string;
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

/** Options of the production tabulation. */
export interface ProductionOptions {
  /** Upper cut on |t|, GeV² (e.g. (0.1 GeV)² for the ECC photons). */
  readonly tAbsMax?: number;
  /**
   * Accepted recoil kinetic-energy intervals [T_lo, T_hi] (GeV) of the scatterer for a given
   * E_ν and channel (energy and angle cuts become T intervals because θ(T) is monotonic).
   * Each interval is integrated separately so that cut edges are exact.
   */
  readonly recoilWindows?: (E: number, channel: ProductionChannel) => readonly (readonly [number, number])[];
  /** Gauss–Legendre points per panel in ln|t| (default 8) and panels per decade (default 2). */
  readonly tPoints?: number;
  readonly panelsPerDecade?: number;
  /** Gauss–Legendre points per flux bin (above the channel threshold) in ln E_ν (default 6). */
  readonly ePoints?: number;
  /** Model of the flux inside a bin (default "interpolated"; see lib/engine/fluxBins withinBinSlopes). */
  readonly withinBin?: WithinBinModel;
  /**
   * Neutrino energies (GeV) where the integrand of a later acceptance is not smooth (an energy
   * cut on E_N ≈ E_ν); every bin holding one is split there, each piece with its own rule.
   */
  readonly energyBreaks?: readonly number[];
  /** Start the E_ν rule at each channel's threshold E_min (default true; false only to reproduce the pre-issue-10 rule). */
  readonly splitAtThresholds?: boolean;
  /**
   * Sum the flavour spectra (with their weights) before integrating, when the cross
   * section does not depend on the flavour (the dipole portal). Requires identical bin
   * edges. Nodes then carry flavour −1 and the table keeps per-bin flavour fractions, so
   * breakdowns by flavour stay exact.
   */
  readonly mergeFlavours?: boolean;
  /**
   * Called after each cell is tabulated (in table order), with the columns holding its nodes
   * [cell.firstNode, cell.endNode) — valid during the call only (lib/engine/collapseStream).
   */
  readonly onCell?: (index: number, cell: ProductionCell, t: Float64Array, EN: Float64Array, weight: Float64Array) => void;
  /**
   * Keep the nodes in the table (default true). false: the table's `nodes` are tabulated again
   * on first read (the same numbers; a table collapsed by `onCell` may never need them).
   */
  readonly keepNodes?: boolean;
}

/**
 * The integration nodes, stored column-wise (one typed array per quantity, index k = node):
 * an (E_ν, t) point of one flavour and channel with its quadrature weight. Column storage
 * keeps a mass point's ~10⁵ nodes free of per-node objects.
 */
export interface ProductionNodes {
  readonly length: number;
  /** Index into the table's flavours, or −1 for merged flavours (see binFlavourFractions). */
  readonly flavour: Int8Array;
  /** Flux bin index. */
  readonly bin: Int32Array;
  readonly channel: Int8Array;
  /** Neutrino energy, GeV. */
  readonly Enu: Float64Array;
  /** Momentum transfer, GeV² (< 0). */
  readonly t: Float64Array;
  /** N energy E_ν − T_recoil, GeV. */
  readonly EN: Float64Array;
  /** Expected interactions at unit coupling factor in the node's quadrature cell. */
  readonly weight: Float64Array;
}

/**
 * A quadrature cell: one flavour, flux bin, Gauss point in ln E_ν and channel. It stands for
 * the sub-interval [lnELo, lnEHi] of the bin that the Gauss weight represents, and owns the
 * nodes [firstNode, endNode). The sampler draws (E_ν, t) inside a cell, E_ν from the
 * within-bin flux dN/d ln E ∝ exp(lnSlope · ln E) (lnELo = lnEHi for the "centre" model).
 */
export interface ProductionCell {
  /** Index into the table's flavours, or −1 for merged flavours. */
  readonly flavour: number;
  readonly channel: number;
  readonly bin: number;
  readonly Enu: number;
  readonly lnELo: number;
  readonly lnEHi: number;
  /** Slope of ln(dN/d ln E) in the cell's flux bin (0 for "log-uniform"). */
  readonly lnSlope: number;
  readonly firstNode: number;
  readonly endNode: number;
  /** Expected interactions in the cell at unit coupling factor. */
  readonly weight: number;
}

/** The production table of one model point. */
export interface ProductionTable {
  readonly mN: number;
  readonly flavours: readonly string[];
  readonly channels: readonly string[];
  /** The channels themselves (for the sampler, which evaluates dσ/dt again). */
  readonly channelDefs: readonly ProductionChannel[];
  readonly nodes: ProductionNodes;
  readonly cells: readonly ProductionCell[];
  /** With merged flavours: fraction of each flavour's weighted counts in each bin ([flavour][bin]). */
  readonly binFlavourFractions: readonly Float64Array[] | null;
  /** Total expected interactions at unit coupling factor. */
  readonly total: number;
  /** The flux and target the weights were built from (what {@link rescaleProduction} changes). */
  readonly source?: ProductionSource;
}

/** The inputs of a table's weights that {@link rescaleProduction} may change: flux per bin and target length. */
export interface ProductionSource {
  /** The spectra actually integrated (one merged spectrum with mergeFlavours) and their weights. */
  readonly spectra: readonly BinnedSpectrum[];
  readonly flavourWeights: readonly number[];
  /** Target length, GeV⁻¹. */
  readonly length: number;
  readonly material: Material;
  readonly withinBin: WithinBinModel;
  readonly merged: boolean;
}

/** The ln|t| rule of a tabulation with empty caches (lib/engine/tIntegration). */
function makeTRule(opts: ProductionOptions, channels: readonly ProductionChannel[]): TRule {
  const gl = gaussLegendre(opts.tPoints ?? DEFAULT_T_POINTS);
  const ppd = opts.panelsPerDecade ?? DEFAULT_PANELS_PER_DECADE;
  return {
    ...gl,
    panelsPerDecade: ppd,
    tAbsMaxCut: opts.tAbsMax ?? Infinity,
    recoilWindows: opts.recoilWindows,
    absTCache: new PanelCache(),
    factorCache: channels.map(() => new PanelCache()),
    factorScratch: new Float64Array(Math.max(1, ...channels.map((c) => c.factorised?.count ?? 0))),
    flat: new FlatPanels(gl.x, gl.w, ppd),
  };
}

/**
 * The E_ν nodes of one flux bin above a channel's threshold Emin (GeV): energyNodes, shared by
 * consecutive channels whose rule starts at the same point of the bin (all above their thresholds).
 */
function binNodes(lnLo: number, lnHi: number, s: number, model: WithinBinModel, er: ReturnType<typeof gaussLegendre>, lnBreaks: readonly number[]): (Emin: number) => ReturnType<typeof energyNodes> {
  let lastStart = NaN, lastNodes: ReturnType<typeof energyNodes> = [];
  return (Emin) => {
    const start = energyNodesStart(lnLo, Emin);
    if (start !== lastStart) {
      lastNodes = energyNodes(lnLo, lnHi, s, model, er, Emin, lnBreaks);
      lastStart = start;
    }
    return lastNodes;
  };
}

/**
 * Tabulate N production for one model point: for every flavour spectrum (with a flavour
 * weight, 0 for flavours that do not couple), channel, E_ν node and t node, the expected
 * number of interactions in a target of `material` and tungsten length `length` (GeV⁻¹):
 * N = counts × n_nuclei × perNucleus × length × ∫ dσ/dt dt. Thin-target approximation
 * (interaction probability ≪ 1). Weights are at unit coupling factor.
 */
export function tabulateProduction(
  mN: number,
  spectra: readonly BinnedSpectrum[],
  flavourWeights: readonly number[],
  channels: readonly ProductionChannel[],
  material: Material,
  length: number,
  opts: ProductionOptions = {},
): ProductionTable {
  requireNonNegative("mN", mN);
  requirePositive("length", length);
  if (flavourWeights.length !== spectra.length) {
    throw new RangeError(`flavourWeights has ${flavourWeights.length} entries for ${spectra.length} spectra`);
  }
  if (opts.tAbsMax !== undefined) requirePositive("tAbsMax", opts.tAbsMax);
  const tRule = makeTRule(opts, channels);
  const er = gaussLegendre(opts.ePoints ?? DEFAULT_E_POINTS);
  const nNuc = nucleusDensity(material);
  const { work, workWeights, binFlavourFractions } = opts.mergeFlavours ? mergedSpectra(spectra, flavourWeights) : { work: spectra, workWeights: flavourWeights, binFlavourFractions: null };
  const flavourIndex = (f: number) => (opts.mergeFlavours ? -1 : f);
  const model = opts.withinBin ?? "interpolated";
  const acc = takeColumns();
  const cells: ProductionCell[] = [];
  let total = 0;
  const lnBreaks = (opts.energyBreaks ?? []).map((E, i) => {
    requirePositive(`energyBreaks[${i}]`, E);
    return Math.log(E);
  });
  const splitThresholds = opts.splitAtThresholds ?? true;
  const onCell = opts.onCell;
  let nodes: ProductionNodes | undefined;
  try {
    work.forEach((spec, f) => {
      const fw = workWeights[f]!;
      requireNonNegative(`flavourWeights[${f}]`, fw);
      if (fw === 0) return;
      const slopes = binSlopes(spec.edges, spec.counts, model);
      for (let b = 0; b < spec.counts.length; b++) {
        const count = spec.counts[b]!;
        if (count === 0) continue;
        const lnLo = Math.log(spec.edges[b]!);
        const lnHi = Math.log(spec.edges[b + 1]!);
        const s = slopes[b]!;
        const nodesFrom = binNodes(lnLo, lnHi, s, model, er, lnBreaks);
        channels.forEach((ch, c) => {
          const scat = nNuc * ch.perNucleus * length * count * fw;
          const key = { f: flavourIndex(f), b, c };
          for (const node of nodesFrom(splitThresholds ? thresholdEnergy(mN, ch.targetMass) : 0)) {
            const firstNode = acc.n;
            const cellWeight = integrateT(acc, key, node.Enu, mN, ch, scat * node.weight, tRule);
            if (cellWeight > 0) {
              const cell = { flavour: key.f, channel: c, bin: b, Enu: node.Enu, lnELo: node.lnLo, lnEHi: node.lnHi, lnSlope: s, firstNode, endNode: acc.n, weight: cellWeight };
              cells.push(cell);
              total += cellWeight;
              onCell?.(cells.length - 1, cell, acc.t, acc.EN, acc.w);
            }
          }
        });
      }
    });
    if (opts.keepNodes !== false) nodes = acc.nodes(cells);
  } finally {
    releaseColumns(acc);
  }
  const table: ProductionTable = {
    mN,
    flavours: spectra.map((s) => s.flavour),
    channels: channels.map((c) => c.name),
    channelDefs: channels,
    nodes: nodes!,
    cells,
    binFlavourFractions,
    total,
    source: { spectra: work, flavourWeights: workWeights, length, material, withinBin: model, merged: opts.mergeFlavours === true },
  };
  // keepNodes false: the same tabulation again when the nodes are first read (the same nodes for the same cells)
  if (opts.keepNodes === false) lazyField(table, "nodes", () => tabulateProduction(mN, spectra, flavourWeights, channels, material, length, { ...opts, onCell: undefined, keepNodes: true }).nodes);
  return table;
}

// The table operations and the collapse live beside the tabulation (issue 13: files under 400
// lines); re-exported here so that `engine/productionTable` stays the one import for users.
export { breakdown, breakdownValues, requireOnPanelGrid, restrictAbsT } from "./tableOps";
export { binsFromSegments, collapseByEnergy, collapseMany, collapseSegments, type CollapseSegments, COLLAPSE_BINS_PER_DECADE, type CollapsedBins, type CollapseOptions, type MultiAcceptance } from "./collapse";
