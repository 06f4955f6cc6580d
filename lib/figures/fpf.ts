/**
 * Fig. 1 (both panels) and Fig. 3 (left) for the Forward Physics Facility detectors
 * (lib/detector/fpf.ts), beside the paper's, with a flux-uncertainty band on every line.
 *
 * The band: no published table of forward-neutrino flux variations with a licence to ship was
 * found (the Kling–Nevay repository ships one central set per detector; the FPF papers show
 * generator spreads only as figures), so the band is the spread between the two
 * normalisations the project has: the Kling–Nevay tables as published (`kling-nevay`, the
 * central line: the FPF's own tables) and the same tables rescaled per flavour family to the
 * FASERν Technical-Proposal CC counts (`tp`: ν_μ × 3.46, ν_e × 0.76, ν_τ × 0.49;
 * lib/flux/tpNormalisation.ts) — the paper's flux against today's. For every line and mass the
 * band is [min, max] over the variants of the lower and of the upper edge in μ_N.
 *
 * Per mass one production tabulation per detector: the variants' tables are the central ones
 * rescaled per flux bin (lib/engine/tableRescale via dipoleMassPoint's `from`), exact.
 */
import { findEdges, joinEdgeIslands, logGrid, type EdgePair, type ReachLine, type RefineOptions, refineMassGridSync } from "../engine/reach";
import { memo, type MemoOptions } from "../engine/memo";
import { makeSetup } from "../engine/setup";
import { type DipoleMassPoint, type DipoleSignature, dipoleMassPoint } from "../models/dipole/signatures";
import type { DipolePanel, DipoleBound } from "./bounds";
import { fig1Masses, insidePolygon, panelBounds, panelMarkers } from "./fig1";
import { fig3Lines, fig3Masses, type Fig3Data } from "./fig3";
import { FPF_DETECTOR_NAMES, FPF_FLUX, type FpfDetectorName } from "../detector/fpf";
import { detectorByName } from "../detector/geometry";
import type { FluxNormalisation } from "../flux/configs";
import { FIG3_PARAMS, primaryDileptonEvents } from "../models/darkBoson/fig3/chain";
import { GENERATORS, type Generator, shippedMesonSpectrum } from "../ip/mesons";
import { requireOneOf } from "../core/validate";

export { FPF_DETECTOR_NAMES, FPF_FLUX, FPF_NUMBERS, type FpfDetectorName } from "../detector/fpf";

/** The flux variants of the band, central first (module comment). */
export const FPF_BAND_VARIANTS: readonly FluxNormalisation[] = ["kling-nevay", "tp"];

/** One line of the FPF Fig. 1: signature, threshold and style. */
export interface FpfLineSpec {
  readonly name: string;
  readonly label: string;
  readonly signature: DipoleSignature;
  readonly level: number;
  readonly color: string;
  readonly dash: "solid" | "dot" | "dashdot" | "dash";
}

/** The lines of an FPF detector in the paper's colours, labelled with where the signal is seen. */
export function fpfFig1Lines(detector: FpfDetectorName): FpfLineSpec[] {
  requireOneOf("detector", detector, FPF_DETECTOR_NAMES);
  const target = detector === "fpf-flare-faser2" ? "FLArE (Ar)" : "FASERν2 (W)";
  const from = detector === "fpf-flare-faser2" ? " (N from FLArE)" : "";
  return [
    { name: "vessel-photons-N3", label: `FPF FASER2 vessel γ${from}, N = 3`, signature: "vessel-photons", level: 3, color: "green", dash: "solid" },
    { name: "vessel-photons-N30", label: `FPF FASER2 vessel γ${from}, N = 30`, signature: "vessel-photons", level: 30, color: "green", dash: "solid" },
    { name: "ecc-1tev-N3", label: `FPF ${target} γ > 1 TeV in the target, N = 3`, signature: "ecc-photons-1tev", level: 3, color: "red", dash: "solid" },
    { name: "ecc-3tev-N3", label: `FPF ${target} γ > 3 TeV in the target, N = 3`, signature: "ecc-photons-3tev", level: 3, color: "red", dash: "dashdot" },
    { name: "vessel-dileptons-N3", label: `FPF FASER2 vessel e⁺e⁻ (N → νℓℓ)${from}, N = 3`, signature: "vessel-dileptons", level: 3, color: "green", dash: "dot" },
    { name: "electron-scattering-N20", label: `FPF ${target} electron scattering, 20 events`, signature: "electron-scattering", level: 20, color: "gold", dash: "solid" },
  ];
}

/** Options of {@link fpfFig1}. */
export interface FpfFig1Options {
  readonly panel: DipolePanel;
  readonly detector: FpfDetectorName;
  /** Starting mass grid, GeV (default fig1Masses(): 61 points, 1 MeV–10 GeV). */
  readonly masses?: readonly number[];
  /** Adaptive refinement (lib/engine/reach); `false` keeps the grid. Default on. */
  readonly refine?: RefineOptions | false;
  /** μ_N scan range, GeV⁻¹ (default 1e-10 … 1e-3, as Fig. 1). */
  readonly muMin?: number;
  readonly muMax?: number;
  /** The band's flux variants, central first (default FPF_BAND_VARIANTS). */
  readonly variants?: readonly FluxNormalisation[];
  /** Decay flavours of N (default the preset's 1). */
  readonly decayFlavours?: number;
}

/** Per mass: the edges of every line for every variant, and the largest allowed counts. */
export interface FpfFig1MassResult {
  readonly mass: number;
  /** edges[variant][line name] */
  readonly edges: Record<string, Record<string, EdgePair>>;
  /** Per signature and variant: the largest count on the μ_N grid outside the grey bounds, and where. */
  readonly maxAllowed: Record<string, Record<string, { events: number; mu: number }>>;
}

/** The band of one line at one mass: [min, max] over the variants of each edge (null where a variant has none). */
export interface FpfBandEdge {
  readonly mass: number;
  /** The central variant's edges (null where it has none). */
  readonly central: { readonly lower: number | null; readonly upper: number | null };
  readonly lower: readonly [number, number] | null;
  readonly upper: readonly [number, number] | null;
}

/** One FPF line with its band. */
export interface FpfBandLine {
  readonly spec: FpfLineSpec;
  /** The central variant's contour pieces. */
  readonly central: ReachLine[];
  /** Every variant's contour pieces (central included), by normalisation. */
  readonly variants: Record<string, ReachLine[]>;
  readonly band: FpfBandEdge[];
}

/** The FPF Fig. 1 panel of one detector as data. */
export interface FpfFig1Data {
  readonly panel: DipolePanel;
  readonly detector: FpfDetectorName;
  readonly description: string;
  readonly variants: readonly FluxNormalisation[];
  readonly lines: FpfBandLine[];
  /** Per signature: the largest allowed count over the masses, for the central variant, and its range over the variants. */
  readonly maxAllowed: Record<string, { events: number; mass: number; mu: number; range: [number, number] }>;
  readonly bounds: DipoleBound[];
  readonly markers: DipoleBound[];
  readonly notes: string[];
}

const SIGNATURES: readonly DipoleSignature[] = ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev", "ecc-photons-3tev", "electron-scattering"];

/** The mass points of every variant at one mass (the central tabulated, the others rescaled from it). */
export function fpfMassPoints(mass: number, opts: FpfFig1Options): Record<string, DipoleMassPoint> {
  const variants = opts.variants ?? FPF_BAND_VARIANTS;
  const flux = FPF_FLUX[opts.detector];
  const nf = opts.decayFlavours !== undefined ? { decayFlavours: opts.decayFlavours } : {};
  const out: Record<string, DipoleMassPoint> = {};
  let base: DipoleMassPoint | undefined;
  for (const v of variants) {
    const p = dipoleMassPoint(mass, opts.panel, makeSetup(opts.detector, { flux, normalisation: v, ...nf }), base ? { from: base } : {});
    base ??= p;
    out[v] = p;
  }
  return out;
}

/** Everything the FPF Fig. 1 needs at one mass. */
export function fpfFig1Mass(mass: number, opts: FpfFig1Options): FpfFig1MassResult {
  requireOneOf("panel", opts.panel, ["universal", "tau"] as const);
  const muMin = opts.muMin ?? 1e-10, muMax = opts.muMax ?? 1e-3;
  const points = fpfMassPoints(mass, opts);
  const specs = fpfFig1Lines(opts.detector);
  const polys = panelBounds(opts.panel);
  // the allowed μ_N points (outside every grey bound, below the bounds' clipped top at 1e-3)
  const grid = logGrid(muMin, muMax, 141).filter((mu) => mu < 0.99e-3 && !polys.some((b) => insidePolygon(mass, mu, b.x as number[], b.y as number[])));
  const edges: Record<string, Record<string, EdgePair>> = {};
  const maxAllowed: Record<string, Record<string, { events: number; mu: number }>> = {};
  for (const [v, p] of Object.entries(points)) {
    edges[v] = {};
    for (const l of specs) {
      const sig = p.signatures[l.signature];
      edges[v]![l.name] = findEdges((mu) => sig.events(mu * mu), l.level, mass, { yMin: muMin, yMax: muMax });
    }
    for (const s of SIGNATURES) {
      let best = { events: 0, mu: 0 };
      for (const mu of grid) {
        const e = p.signatures[s].events(mu * mu);
        if (e > best.events) best = { events: e, mu };
      }
      (maxAllowed[s] ??= {})[v] = best;
    }
  }
  return { mass, edges, maxAllowed };
}

/** [min, max] of the non-null values, or null when every variant has none. */
function span(xs: readonly (number | null)[]): [number, number] | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : [Math.min(...v), Math.max(...v)];
}

/** Assemble the FPF Fig. 1 panel from per-mass results in mass order. */
export function assembleFpfFig1(opts: FpfFig1Options, perMass: readonly FpfFig1MassResult[]): FpfFig1Data {
  const variants = opts.variants ?? FPF_BAND_VARIANTS;
  const central = variants[0]!;
  const lines = fpfFig1Lines(opts.detector).map((spec): FpfBandLine => {
    const byVariant: Record<string, ReachLine[]> = {};
    for (const v of variants) byVariant[v] = joinEdgeIslands(perMass.map((r) => r.edges[v]![spec.name]!), `${spec.name}-${v}`, spec.label, spec.level);
    const band = perMass.map((r) => {
      const es = variants.map((v) => r.edges[v]![spec.name]!);
      const c = r.edges[central]![spec.name]!;
      return { mass: r.mass, central: { lower: c.lower, upper: c.upper }, lower: span(es.map((e) => e.lower)), upper: span(es.map((e) => e.upper)) };
    });
    return { spec, central: byVariant[central]!, variants: byVariant, band };
  });
  const maxAllowed: FpfFig1Data["maxAllowed"] = {};
  for (const s of SIGNATURES) {
    let best: { events: number; mass: number; mu: number; range: [number, number] } | null = null;
    for (const r of perMass) {
      const c = r.maxAllowed[s]![central]!;
      if (best === null || c.events > best.events) {
        const all = variants.map((v) => r.maxAllowed[s]![v]!.events);
        best = { events: c.events, mass: r.mass, mu: c.mu, range: [Math.min(...all), Math.max(...all)] };
      }
    }
    maxAllowed[s] = best!;
  }
  const det = detectorByName(opts.detector);
  const notes = [
    `${det.description}; flux ${FPF_FLUX[opts.detector]} (lib/flux/configs.ts).`,
    `Band: ${variants.join(" vs ")} normalisation of the same Kling–Nevay tables (central: ${central}); no published flux-variation tables with a shipping licence were found.`,
    "Electron and in-target photon selections are FASERν2's (arXiv:2011.04751 §2.4) for every target: no FLArE-specific selection was found (lib/detector/fpf.ts FPF_NUMBERS).",
  ];
  return { panel: opts.panel, detector: opts.detector, description: det.description, variants, lines, maxAllowed, bounds: panelBounds(opts.panel), markers: panelMarkers(opts.panel), notes };
}

/** The FPF Fig. 1 panel of one detector, with bands (this thread; ~0.3–1 s per mass). */
export function fpfFig1(opts: FpfFig1Options): FpfFig1Data {
  requireOneOf("detector", opts.detector, FPF_DETECTOR_NAMES);
  const masses = opts.masses ?? fig1Masses();
  const evaluate = (m: number) => fpfFig1Mass(m, opts);
  const edgeList = (r: FpfFig1MassResult) => Object.values(r.edges).flatMap((e) => Object.values(e));
  const perMass = opts.refine === false ? masses.map(evaluate) : refineMassGridSync(masses, evaluate, (r) => r.mass, edgeList, opts.refine ?? {});
  return assembleFpfFig1(opts, perMass);
}

/** {@link fpfFig1} memoised on every option (in memory per kernel; on disk under `memoOpts.dir`). */
export function fpfFig1Cached(opts: FpfFig1Options, memoOpts: MemoOptions = {}): FpfFig1Data {
  return memo("fpfFig1", { opts, masses: opts.masses ?? fig1Masses() }, () => fpfFig1(opts), memoOpts);
}

/** Options of {@link fpfFig3}. */
export interface FpfFig3Options {
  readonly detector: FpfDetectorName;
  /** Mass grid (default fig3Masses()). */
  readonly masses?: readonly number[];
  readonly refine?: RefineOptions | false;
  readonly variants?: readonly FluxNormalisation[];
}

/** Fig. 3 (left) for an FPF detector: the lines of every flux variant, and the primary count per generator. */
export interface FpfFig3Data {
  readonly detector: FpfDetectorName;
  readonly variants: readonly FluxNormalisation[];
  /** fig3Lines of each variant (central first). */
  readonly byVariant: Record<string, Fig3Data>;
  /** Primary (IP) Z_D → e⁺e⁻ events in the FPF FASER2 per generator (EPOS-LHC, SIBYLL, QGSJET) and their range. */
  readonly primaryByGenerator: Readonly<Record<Generator, number>>;
  readonly primaryRange: readonly [number, number];
}

/**
 * Fig. 3 left for an FPF detector: fig3Lines with that detector and its flux, once per flux
 * variant (the band), and the primary e⁺e⁻ count with each generator's π⁰/η tables
 * (lib/ip/mesons; bremsstrahlung does not depend on the generator) at Fig. 3's benchmark.
 */
export function fpfFig3(opts: FpfFig3Options): FpfFig3Data {
  requireOneOf("detector", opts.detector, FPF_DETECTOR_NAMES);
  const variants = opts.variants ?? FPF_BAND_VARIANTS;
  const flux = FPF_FLUX[opts.detector];
  const byVariant: Record<string, Fig3Data> = {};
  for (const v of variants) {
    byVariant[v] = fig3Lines({ detector: opts.detector, flux, normalisation: v, masses: opts.masses ?? fig3Masses(), ...(opts.refine !== undefined ? { refine: opts.refine } : {}) });
  }
  const ref = byVariant[variants[0]!]!.primaryEvents;
  // fig3Lines' own primary count is the EPOS-LHC one (the default meson tables): reused, not recomputed
  const primaryByGenerator = primaryGeneratorBand(opts.detector, ref.mN, ref.U2, { EPOSLHC: ref.total });
  const vals = Object.values(primaryByGenerator);
  return { detector: opts.detector, variants, byVariant, primaryByGenerator, primaryRange: [Math.min(...vals), Math.max(...vals)] };
}

/**
 * The primary (IP) Z_D → e⁺e⁻ count of Fig. 3's benchmark (FIG3_PARAMS) in a detector's vessel
 * with each generator's forward π⁰ and η (EPOS-LHC, SIBYLL, QGSJET; data/hadrons, FORESEE) —
 * the generator band of the primary count (bremsstrahlung is generator-independent). Any
 * detector name (the paper's `fasernu2-faser2` or an FPF one). Events in 3000 fb⁻¹. `known`:
 * counts already computed with the same inputs (e.g. fig3Lines' EPOS-LHC primary), not recomputed.
 */
export function primaryGeneratorBand(detector: string, mN: number, U2: number, known: Partial<Record<Generator, number>> = {}): Readonly<Record<Generator, number>> {
  const det = detectorByName(detector);
  return Object.fromEntries(
    GENERATORS.map((g) => [
      g,
      known[g] ?? primaryDileptonEvents(FIG3_PARAMS, mN, U2, det, { mesonSpectra: { pi0: shippedMesonSpectrum(g, "pi0"), eta: shippedMesonSpectrum(g, "eta") } }).total,
    ]),
  ) as Record<Generator, number>;
}
