/**
 * Primary Z_D from the ATLAS IP reaching FASER 2: the Z_D flux inside the vessel's angular
 * acceptance (π⁰ → γZ_D, η → γZ_D, proton bremsstrahlung), survival over the distance to the
 * vessel and decay inside it, and the e⁺e⁻ events above the energy cut.
 *
 * Acceptance (default "decay-point"): a Z_D from the IP at polar angle θ travels on a straight
 * line; it decays inside the cylindrical vessel (radius R, from L₁ to L₂ from the IP) iff the
 * decay point z satisfies L₁ < z < min(L₂, R/θ). Hence for θ < R/L₁
 *   P(E, θ) = e^{−L₁/d} − e^{−min(L₂, R/θ)/d},  d = (p/m_ZD)/Γ,
 * and P = 0 for θ ≥ R/L₁. The "front-face" option uses e^{−L₁/d} − e^{−L₂/d} for all
 * θ < R/L₁ (every Z_D pointing into the front face counts). See
 * docs/derivations/primary-production.md.
 *
 * Production is ∝ ε² and the decay factor depends only on the total width, which the caller
 * passes: the heavy part ({@link primaryZDProduction}, ε = 1) is computed once per mass and
 * re-used for any (ε, Γ, BR) by {@link eventsFromProduction}.
 */
import type { Detector } from "../detector/geometry";
import { labDecayLength } from "../core/kinematics";
import { requireFinite, requireInRange, requireNonNegative, requirePositive } from "../core/validate";
import { type BremOptions, zdRunsFromBremsstrahlung } from "./bremsstrahlung";
import { type MesonDecayQuadrature, type RunSink, zdRunsFromMesonDecays } from "./mesonDecay";
import { GENERATORS, type Generator, type Meson, readMesonSpectrum, shippedMesonSpectrum } from "./mesons";
import type { AngleMomentumSpectrum } from "./mesonTable";
import { VESSEL_EVIS_MIN } from "../detector/cuts";
import { boundedCache, mesonSpectrumKey } from "./inputKey";

/** The production channels of primary Z_D. */
export type PrimarySource = "pi0" | "eta" | "brem";
export const PRIMARY_SOURCES: readonly PrimarySource[] = ["pi0", "eta", "brem"];

/** How the vessel acceptance is applied (see the module comment). */
export type AcceptanceMode = "decay-point" | "front-face";

/** Options of {@link primaryZDProduction}. */
export interface PrimaryOptions {
  /** Meson spectra to use (default: the shipped EPOS-LHC table of each meson, data/hadrons/14TeV/EPOSLHC). */
  readonly mesonSpectra?: Partial<Readonly<Record<Meson, AngleMomentumSpectrum>>>;
  /** Channels to include (default all three). */
  readonly sources?: readonly PrimarySource[];
  /** Bremsstrahlung options (p_T cut, z range, σ_pp normalisation). */
  readonly brem?: BremOptions;
  /** Acceptance mode (default "decay-point"). */
  readonly acceptance?: AcceptanceMode;
  /** Lowest Z_D energy kept, GeV (default 1). */
  readonly energyMin?: number;
  /** Meson-decay quadrature (sub-cells, cos θ* and azimuth nodes). */
  readonly mesonQuadrature?: Omit<MesonDecayQuadrature, "thetaMax" | "energyMin">;
  /** Number of θ sub-bands between R/L₂ and R/L₁ (default 8). */
  readonly edgeBands?: number;
}

/** Fine log-energy histogram of weights, per θ band. */
interface FineHist {
  /** Σ σ in [band][bin], GeV⁻² (ε = 1). */
  readonly w: Float64Array[];
  /** Σ σ E in [band][bin]. */
  readonly wE: Float64Array[];
}

/** The Z_D production inside the acceptance of a detector at ε = 1 (reusable for any ε, Γ). */
export interface PrimaryProduction {
  readonly mZD: number;
  /** Distance from the IP to the start and end of the vessel, GeV⁻¹. */
  readonly L1: number;
  readonly L2: number;
  /** Vessel radius, GeV⁻¹. */
  readonly R: number;
  /** Integrated luminosity, GeV². */
  readonly luminosity: number;
  readonly acceptance: AcceptanceMode;
  /** Upper θ of each band (band 0: θ < R/L₂; then sub-bands up to R/L₁), rad. */
  readonly bandUpper: readonly number[];
  /** Representative θ of each band (its midpoint; 0 for band 0), rad. */
  readonly bandTheta: readonly number[];
  /** Fine-histogram binning: log10(E/GeV) from logEMin in steps of logEStep. */
  readonly logEMin: number;
  readonly logEStep: number;
  readonly nBins: number;
  readonly hist: Readonly<Record<PrimarySource, FineHist>>;
}

const LOG_E_MIN = 0;
const LOG_E_MAX = 4.2;
const LOG_E_STEP = 0.005;

/** Distances of the vessel from the IP for a detector: L₁ = target.distanceFromIP + vessel.start, L₂ = L₁ + vessel.length. GeV⁻¹. */
export function vesselDistances(det: Detector): { readonly L1: number; readonly L2: number; readonly R: number } {
  const L1 = det.target.distanceFromIP + det.vessel.start;
  return { L1, L2: L1 + det.vessel.length, R: det.vessel.radius };
}

/**
 * Z_D produced at ε = 1 that can decay inside the vessel of `det` (θ < R/L₁), by source, as
 * fine histograms in energy and θ bands. Meson channels use the binned spectra (default: the
 * shipped EPOS-LHC tables); bremsstrahlung is integrated directly. Deterministic quadrature.
 */
export function primaryZDProduction(mZD: number, det: Detector, opts: PrimaryOptions = {}): PrimaryProduction {
  requirePositive("mZD", mZD); // before the cache key: a bad mass is named as such
  // flux-independent and reused across calls (every input in the key; the result is read-only)
  const { mesonSpectra: ms, sources, brem, acceptance, energyMin, mesonQuadrature, edgeBands } = opts;
  const spectra = { pi0: mesonSpectrumKey(ms, "pi0"), eta: mesonSpectrumKey(ms, "eta") };
  const key = { mZD, geometry: vesselDistances(det), luminosity: det.luminosity, spectra, sources, brem, acceptance, energyMin, mesonQuadrature, edgeBands };
  return productionCache(key, () => buildPrimaryZDProduction(mZD, det, opts));
}

const productionCache = boundedCache<PrimaryProduction>(64);

/** One source's fine histogram on every input it depends on (bremsstrahlung: shared by every generator of a band). */
const sourceCache = boundedCache<FineHist>(192);

function buildPrimaryZDProduction(mZD: number, det: Detector, opts: PrimaryOptions): PrimaryProduction {
  requirePositive("mZD", mZD);
  const { L1, L2, R } = vesselDistances(det);
  const acceptance = opts.acceptance ?? "decay-point";
  if (acceptance !== "decay-point" && acceptance !== "front-face") {
    throw new RangeError(`acceptance = ${JSON.stringify(acceptance)} is not one of "decay-point", "front-face"`);
  }
  const sources = opts.sources ?? PRIMARY_SOURCES;
  for (const s of sources) {
    if (!PRIMARY_SOURCES.includes(s)) throw new RangeError(`source = ${JSON.stringify(s)} is not one of "pi0", "eta", "brem"`);
  }
  const eMin = opts.energyMin ?? 1;
  requireInRange("energyMin", eMin, 1, 10 ** LOG_E_MAX);
  const K = opts.edgeBands ?? 8;
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`edgeBands = ${K} must be an integer ≥ 1`);
  const tBack = R / L2;
  const tFront = R / L1;
  const bandUpper = [tBack, ...Array.from({ length: K }, (_, k) => tBack + ((k + 1) * (tFront - tBack)) / K)];
  const bandTheta = [0, ...Array.from({ length: K }, (_, k) => tBack + ((k + 0.5) * (tFront - tBack)) / K)];
  const nBins = Math.round((LOG_E_MAX - LOG_E_MIN) / LOG_E_STEP);
  const newHist = (): FineHist => ({
    w: bandUpper.map(() => new Float64Array(nBins)),
    wE: bandUpper.map(() => new Float64Array(nBins)),
  });
  // every input of one source's histogram (the acceptance mode only enters the events)
  const common = { mZD, L1, L2, R, eMin, K, brem: opts.brem };
  const cached = (src: PrimarySource, extra: unknown, fill: (h: FineHist) => void): FineHist => sourceCache({ ...common, src, extra }, () => ((h) => (fill(h), h))(newHist()));
  const empty = newHist();
  const runFor = (h: FineHist): RunSink => {
    // the quadratures feed runs of points at one energy: its bin is computed once per run
    return (E, theta, sigma, n) => {
      if (!(E >= eMin)) return;
      const bin = Math.floor((Math.log10(E) - LOG_E_MIN) / LOG_E_STEP);
      if (bin < 0 || bin >= nBins) return;
      for (let i = 0; i < n; i++) {
        const th = theta[i]!;
        if (!(th < tFront)) continue;
        const band = th < tBack ? 0 : Math.min(K, 1 + Math.floor(((th - tBack) / (tFront - tBack)) * K));
        (h.w[band] as Float64Array)[bin]! += sigma[i]!;
        (h.wE[band] as Float64Array)[bin]! += sigma[i]! * E;
      }
    };
  };
  const mesonHist = (meson: Meson): FineHist => {
    if (!sources.includes(meson)) return empty;
    const spec = opts.mesonSpectra?.[meson] ?? shippedMesonSpectrum("EPOSLHC", meson);
    return cached(meson, { spectrum: mesonSpectrumKey(opts.mesonSpectra, meson), quadrature: opts.mesonQuadrature }, (h) =>
      zdRunsFromMesonDecays(spec, meson, mZD, { ...opts.mesonQuadrature, thetaMax: tFront, energyMin: eMin }, runFor(h)),
    );
  };
  const brem = (h: FineHist) => zdRunsFromBremsstrahlung(mZD, { thetaMax: tFront, thetaBreaks: bandUpper.slice(0, -1), energyMin: eMin }, runFor(h), opts.brem);
  const hist = { pi0: mesonHist("pi0"), eta: mesonHist("eta"), brem: sources.includes("brem") ? cached("brem", null, brem) : empty };
  return {
    mZD,
    L1,
    L2,
    R,
    luminosity: det.luminosity,
    acceptance,
    bandUpper,
    bandTheta,
    logEMin: LOG_E_MIN,
    logEStep: LOG_E_STEP,
    nBins,
    hist,
  };
}

/**
 * Probability that a Z_D of lab decay length d, flying at polar angle θ from the IP, decays
 * inside a cylindrical vessel of radius R between L₁ and L₂: e^{−L₁/d} − e^{−min(L₂, R/θ)/d}
 * for θ < R/L₁, else 0 (acceptance at the decay point). Written as e^{−L₁/d}(1 − e^{−ΔL/d}).
 * Limits: → 0 for d → 0 and d → ∞; = (ΔL/d) for d ≫ L₂. Dimensionless.
 */
export function probDecayInVesselFromIP(d: number, L1: number, L2: number, R = Infinity, theta = 0): number {
  if (d !== Infinity) requireNonNegative("d", d);
  requirePositive("L1", L1);
  requirePositive("L2", L2);
  if (!(L2 > L1)) throw new RangeError(`L2 = ${L2} must be > L1 = ${L1}`);
  requireNonNegative("theta", theta);
  if (d === 0 || d === Infinity) return 0;
  const Lend = theta > 0 ? Math.min(L2, R / theta) : L2;
  if (!(Lend > L1)) return 0;
  return Math.exp(-L1 / d) * -Math.expm1(-(Lend - L1) / d);
}

/** Energy binning of the output spectra (edges in GeV, increasing). */
export type EnergyEdges = readonly number[];

/** Default output binning: 0.1 dex from 100 GeV to 10^3.9 GeV (7.9 TeV). */
export const DEFAULT_EDGES: EnergyEdges = Array.from({ length: 20 }, (_, i) => 10 ** (2 + i * 0.1));

/** Result of {@link primaryZDEvents}. */
export interface PrimaryEvents {
  /** Expected e⁺e⁻ events in the vessel with E > energyCut, all sources. */
  readonly total: number;
  readonly bySource: Readonly<Record<PrimarySource, number>>;
  /** Energy spectrum: bin edges (GeV) and events per bin, per source and summed. */
  readonly spectrum: {
    readonly edges: EnergyEdges;
    readonly bySource: Readonly<Record<PrimarySource, readonly number[]>>;
    readonly total: readonly number[];
  };
  /** Event-weighted mean e⁺e⁻ energy (GeV), NaN-free: 0 when there are no events. */
  readonly meanEnergy: number;
  /** Inputs echoed for provenance. */
  readonly inputs: { readonly mZD: number; readonly eps: number; readonly totalWidth: number; readonly BRee: number; readonly energyCut: number; readonly acceptance: AcceptanceMode };
}

function binIndex(edges: EnergyEdges, E: number): number {
  if (!(E >= (edges[0] as number)) || !(E < (edges[edges.length - 1] as number))) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (E >= (edges[mid] as number)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * e⁺e⁻ events from a precomputed production: N = L ε² Σ σ(E, θ) P(E, θ) BR(Z_D → ee),
 * summed over fine bins with E > energyCut (the pair carries the full Z_D energy).
 * totalWidth is Γ_ZD at this ε (GeV), BRee = Γ(Z_D → e⁺e⁻)/Γ_ZD.
 */
export function eventsFromProduction(
  prod: PrimaryProduction,
  eps: number,
  totalWidth: number,
  BRee: number,
  opts: { readonly energyCut?: number; readonly edges?: EnergyEdges } = {},
): PrimaryEvents {
  requireFinite("eps", eps);
  requirePositive("totalWidth", totalWidth);
  requireInRange("BRee", BRee, 0, 1);
  const eCut = opts.energyCut ?? VESSEL_EVIS_MIN;
  requireNonNegative("energyCut", eCut);
  const edges = opts.edges ?? DEFAULT_EDGES;
  if (edges.length < 2) throw new RangeError(`edges.length = ${edges.length} must be ≥ 2`);
  edges.forEach((e, i) => {
    requirePositive(`edges[${i}]`, e);
    if (i > 0 && !(e > (edges[i - 1] as number))) throw new RangeError(`edges[${i}] = ${e} must be > edges[${i - 1}]`);
  });
  const scale = prod.luminosity * eps * eps * BRee;
  const bySource = { pi0: 0, eta: 0, brem: 0 };
  const spec = {
    pi0: new Array<number>(edges.length - 1).fill(0),
    eta: new Array<number>(edges.length - 1).fill(0),
    brem: new Array<number>(edges.length - 1).fill(0),
  };
  let sumNE = 0;
  for (const src of PRIMARY_SOURCES) {
    const h = prod.hist[src];
    for (let band = 0; band < prod.bandUpper.length; band++) {
      const w = h.w[band] as Float64Array;
      const wE = h.wE[band] as Float64Array;
      const theta = prod.acceptance === "front-face" ? 0 : (prod.bandTheta[band] as number);
      for (let i = 0; i < prod.nBins; i++) {
        const wi = w[i] as number;
        if (wi === 0) continue;
        const E = (wE[i] as number) / wi;
        if (!(E > eCut) || !(E > prod.mZD)) continue;
        const d = labDecayLength(E, prod.mZD, totalWidth);
        const n = scale * wi * probDecayInVesselFromIP(d, prod.L1, prod.L2, prod.R, theta);
        if (n === 0) continue;
        bySource[src] += n;
        sumNE += n * E;
        const k = binIndex(edges, E);
        if (k >= 0) spec[src][k]! += n;
      }
    }
  }
  const total = bySource.pi0 + bySource.eta + bySource.brem;
  return {
    total,
    bySource,
    spectrum: { edges, bySource: spec, total: spec.pi0.map((v, i) => v + (spec.eta[i] as number) + (spec.brem[i] as number)) },
    meanEnergy: total > 0 ? sumNE / total : 0,
    inputs: { mZD: prod.mZD, eps, totalWidth, BRee, energyCut: eCut, acceptance: prod.acceptance },
  };
}

/**
 * Expected e⁺e⁻ events in the FASER 2 vessel from Z_D produced at the IP (π⁰, η decays and
 * proton bremsstrahlung) for the detector's luminosity (3000 fb⁻¹ for `fasernu2Faser2()`):
 * survival from the IP, decay inside the vessel, E(e⁺e⁻) > energyCut (default 100 GeV).
 * `totalWidthZD` is the total Z_D width at this ε (GeV), `BRee` its e⁺e⁻ branching ratio.
 */
export function primaryZDEvents(
  mZD: number,
  eps: number,
  totalWidthZD: number,
  BRee: number,
  detector: Detector,
  opts: PrimaryOptions & { readonly energyCut?: number; readonly edges?: EnergyEdges } = {},
): PrimaryEvents {
  const prod = primaryZDProduction(mZD, detector, { ...opts, energyMin: Math.max(1, Math.min(opts.energyCut ?? VESSEL_EVIS_MIN, 10 ** LOG_E_MAX)) });
  return eventsFromProduction(prod, eps, totalWidthZD, BRee, opts);
}

/** The Z_D spectrum entering an angular acceptance (no decay factor), per source. */
export interface ZDSpectrum {
  /** Bin edges, GeV. */
  readonly edges: EnergyEdges;
  /** Number of Z_D per bin for the luminosity and ε given (∝ ε²). */
  readonly bySource: Readonly<Record<PrimarySource, readonly number[]>>;
  readonly total: readonly number[];
  /** Fine points: mean energy (GeV) and number of Z_D, all sources and bands summed per source. */
  readonly points: Readonly<Record<PrimarySource, { readonly energy: readonly number[]; readonly count: readonly number[] }>>;
}

/**
 * The Z_D produced at the IP with polar angle below R/L₁ of the detector's vessel (what
 * enters its acceptance), for mixing ε and the detector's luminosity, before any decay
 * factor. For Z_D → N N̄ studies take the N direction spread into account separately.
 */
export function primaryZDSpectrumInAcceptance(
  mZD: number,
  eps: number,
  detector: Detector,
  opts: PrimaryOptions & { readonly edges?: EnergyEdges } = {},
): ZDSpectrum {
  requireFinite("eps", eps);
  const prod = primaryZDProduction(mZD, detector, opts);
  const edges = opts.edges ?? Array.from({ length: 42 }, (_, i) => 10 ** (i * 0.1));
  const scale = prod.luminosity * eps * eps;
  const bySource = { pi0: [] as number[], eta: [] as number[], brem: [] as number[] };
  const points = {
    pi0: { energy: [] as number[], count: [] as number[] },
    eta: { energy: [] as number[], count: [] as number[] },
    brem: { energy: [] as number[], count: [] as number[] },
  };
  for (const src of PRIMARY_SOURCES) {
    const spec = new Array<number>(edges.length - 1).fill(0);
    const h = prod.hist[src];
    for (let i = 0; i < prod.nBins; i++) {
      let w = 0;
      let wE = 0;
      for (let band = 0; band < prod.bandUpper.length; band++) {
        w += (h.w[band] as Float64Array)[i] as number;
        wE += (h.wE[band] as Float64Array)[i] as number;
      }
      if (w === 0) continue;
      const E = wE / w;
      points[src].energy.push(E);
      points[src].count.push(scale * w);
      const k = binIndex(edges, E);
      if (k >= 0) spec[k]! += scale * w;
    }
    bySource[src] = spec;
  }
  return {
    edges,
    bySource,
    total: bySource.pi0.map((v, i) => v + (bySource.eta[i] as number) + (bySource.brem[i] as number)),
    points,
  };
}

/**
 * The generator band: {@link primaryZDEvents} with the π⁰ and η tables of each generator
 * (EPOS-LHC, SIBYLL, QGSJET) read from `hadronsDir` (undefined: the shipped data/hadrons; else
 * a directory of the same layout). Bremsstrahlung does not depend on the generator. The spread of the three totals is
 * the forward-hadronisation uncertainty of the primary signal.
 */
export function primaryZDEventsByGenerator(
  hadronsDir: string | undefined,
  mZD: number,
  eps: number,
  totalWidthZD: number,
  BRee: number,
  detector: Detector,
  opts: Omit<PrimaryOptions, "mesonSpectra"> & { readonly energyCut?: number; readonly edges?: EnergyEdges } = {},
): Readonly<Record<Generator, PrimaryEvents>> {
  const out = {} as Record<Generator, PrimaryEvents>;
  for (const g of GENERATORS) {
    out[g] = primaryZDEvents(mZD, eps, totalWidthZD, BRee, detector, {
      ...opts,
      mesonSpectra: {
        pi0: hadronsDir === undefined ? shippedMesonSpectrum(g, "pi0") : readMesonSpectrum(hadronsDir, g, "pi0"),
        eta: hadronsDir === undefined ? shippedMesonSpectrum(g, "eta") : readMesonSpectrum(hadronsDir, g, "eta"),
      },
    });
  }
  return out;
}
