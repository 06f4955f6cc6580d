/**
 * Figure 1 of arXiv:2011.04751: the reach of FASERν2/FASER 2 (and FASERν/FASER in Run 3) in
 * the dipole portal, plane (m_N [GeV], μ_N [GeV⁻¹]), panels "universal" and "tau"
 * (ν_τ-specific). Lines (SPEC §6): vessel photons N_ev = 3, 30 (green solid); ECC photons
 * above 1 TeV (red solid) and 3 TeV (red dash-dotted), N_ev = 3, 30; vessel e⁺e⁻ (3-body,
 * green dotted), N_ev = 3; electron scattering, 20 events (yellow); FASER Run-3 vessel photons,
 * N_ev = 3; existing bounds (gray) from data/bounds/dipole.
 *
 * Per mass the production is tabulated once and μ_N is scanned analytically (κ = μ_N²), so a
 * panel is ~60 mass points × ~100 ms; masses are independent and can run in worker threads
 * (see runMassTasks).
 */
import { type DipoleBound, type DipolePanel, readAllDipoleBounds } from "./bounds";
import { type EdgePair, findEdgesAt, joinEdgeIslands, logGrid, type ReachLine, type RefineOptions, refineMassGrid, refineMassGridSync } from "../engine/reach";
import { type DipoleMassPoint, type DipoleSignature, dipoleMassPoint } from "../models/dipole/signatures";
import { memo, type MemoOptions } from "../engine/memo";
import type { ScalableSignature } from "../engine/scaling";
import { makeSetup, type Setup, setupOptionsOf, type SetupOptions } from "../engine/setup";
import { requireOneOf } from "../core/validate";
import { fastEvents, monotoneRange } from "../engine/decayScan";
import { insideLogPolygon, type LogPolygon, toLogPolygon } from "./logPolygon";

/** One contour of Fig. 1: signature, detector, threshold, and plotting style. */
export interface Fig1LineSpec {
  readonly name: string;
  readonly label: string;
  readonly signature: DipoleSignature;
  readonly detector: "fasernu2-faser2" | "fasernu-faser";
  readonly level: number;
  /** Plot style: colour and dash as in the paper's figure. */
  readonly color: string;
  readonly dash: "solid" | "dot" | "dashdot" | "dash";
}

/** Line widths (px) telling the thresholds apart: N = 3 thick, N = 30 thin (the paper draws both alike; its text says which is which). */
export const FIG1_LEVEL_WIDTH: Readonly<Record<number, number>> = { 3: 2.4, 30: 1.1, 20: 2.4 };

/** The lines of one panel of Fig. 1, in the paper's colours and styles. */
export const FIG1_LINES: readonly Fig1LineSpec[] = [
  { name: "vessel-photons-N3", label: "FASER 2 vessel γ, N = 3", signature: "vessel-photons", detector: "fasernu2-faser2", level: 3, color: "green", dash: "solid" },
  { name: "vessel-photons-N30", label: "FASER 2 vessel γ, N = 30", signature: "vessel-photons", detector: "fasernu2-faser2", level: 30, color: "green", dash: "solid" },
  { name: "ecc-1tev-N3", label: "FASERν2 ECC γ > 1 TeV, N = 3", signature: "ecc-photons-1tev", detector: "fasernu2-faser2", level: 3, color: "red", dash: "solid" },
  { name: "ecc-1tev-N30", label: "FASERν2 ECC γ > 1 TeV, N = 30", signature: "ecc-photons-1tev", detector: "fasernu2-faser2", level: 30, color: "red", dash: "solid" },
  { name: "ecc-3tev-N3", label: "FASERν2 ECC γ > 3 TeV, N = 3", signature: "ecc-photons-3tev", detector: "fasernu2-faser2", level: 3, color: "red", dash: "dashdot" },
  { name: "ecc-3tev-N30", label: "FASERν2 ECC γ > 3 TeV, N = 30", signature: "ecc-photons-3tev", detector: "fasernu2-faser2", level: 30, color: "red", dash: "dashdot" },
  { name: "vessel-dileptons-N3", label: "FASER 2 vessel e⁺e⁻ (N → νℓℓ), N = 3", signature: "vessel-dileptons", detector: "fasernu2-faser2", level: 3, color: "green", dash: "dot" },
  { name: "electron-scattering-N20", label: "FASERν2 electron scattering, 20 events", signature: "electron-scattering", detector: "fasernu2-faser2", level: 20, color: "gold", dash: "solid" },
  { name: "run3-vessel-photons-N3", label: "FASER (Run 3) vessel γ, N = 3", signature: "vessel-photons", detector: "fasernu-faser", level: 3, color: "darkgreen", dash: "dash" },
];

/** Options of the Fig. 1 computation. */
export interface Fig1Options {
  readonly panel: DipolePanel;
  /** Starting mass grid, GeV (default {@link fig1Masses}); refined where a contour turns (see `refine`). */
  readonly masses?: readonly number[];
  /** Adaptive refinement of the mass grid (lib/engine/reach `massesToRefine`); `false` keeps the grid as given. Default on. */
  readonly refine?: RefineOptions | false;
  /** μ_N scan range, GeV⁻¹ (default 1e-10 … 1e-3). */
  readonly muMin?: number;
  readonly muMax?: number;
  /** Input preset for both detectors (default "paper", lib/detector/presets.ts) and explicit overrides. */
  readonly preset?: SetupOptions["preset"];
  readonly fluxDir?: string;
  readonly fluxSource?: SetupOptions["fluxSource"];
  readonly normalisation?: SetupOptions["normalisation"];
  /** Decay flavours of N (default: the preset's, 1: Γ(N → νγ) = (B.1) in both panels); 3 is the one-μ_N-per-flavour reading. */
  readonly decayFlavours?: number;
}

/** Per-mass result: the edges of every line and the largest event count outside the bounds. */
export interface Fig1MassResult {
  readonly mass: number;
  readonly edges: Record<string, EdgePair>;
  /** For each signature (FASERν2/FASER 2), the largest event count on the μ scan grid at points not excluded by the gray bounds, and where. */
  readonly maxAllowed: Record<string, { events: number; mu: number }>;
}

/** Point-in-polygon (even–odd rule) in log-log coordinates. */
export function insidePolygon(x: number, y: number, px: readonly number[], py: readonly number[]): boolean {
  const lx = Math.log(x), ly = Math.log(y);
  let inside = false;
  for (let i = 0, j = px.length - 1; i < px.length; j = i++) {
    const xi = Math.log(px[i]!), yi = Math.log(py[i]!), xj = Math.log(px[j]!), yj = Math.log(py[j]!);
    if (yi > ly !== yj > ly && lx < ((xj - xi) * (ly - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The panel's closed bounds in log space, prepared once per panel and thread (the data files are read once). */
const LOG_POLYGONS = new Map<DipolePanel, LogPolygon[]>();
function logPolygons(panel: DipolePanel): LogPolygon[] {
  let out = LOG_POLYGONS.get(panel);
  if (!out) {
    out = panelBounds(panel).map(toLogPolygon);
    LOG_POLYGONS.set(panel, out);
  }
  return out;
}

/** The gray bounds that apply to a panel (closed regions only); `all`: the bounds already read (default: read now). */
export function panelBounds(panel: DipolePanel, all: readonly DipoleBound[] = readAllDipoleBounds()): DipoleBound[] {
  return all.filter((b) => b.closed && b.panels.includes(panel));
}

/** Open lines of a panel that are not exclusions (the MiniBooNE region of interest of ref. [24], a segment); `all` as for {@link panelBounds}. */
export function panelMarkers(panel: DipolePanel, all: readonly DipoleBound[] = readAllDipoleBounds()): DipoleBound[] {
  return all.filter((b) => !b.closed && b.panels.includes(panel));
}

/** What Fig. 1 of the paper shows but this reproduction cannot, stated on the plot itself. */
export const FIG1_MISSING = "Not shown — no published data found, no curve invented: the ΔN_eff band [38], the SHiP lines [28], the MiniBooNE RoI rectangle of [28] (its mass extent).";

/** μ_N points of the scan for the largest allowed event count: 20 per decade over the 7 decades of the default scan. */
const ALLOWED_SCAN_POINTS = 141;
/** Top of the bound polygons of data/bounds/dipole, GeV⁻¹ (they are clipped there). */
const BOUND_TOP_MU = 1e-3;
/** The "allowed" search stays 1 % below the polygons' clipped top edge, where exclusion is unknown. */
const BOUND_TOP_MARGIN = 0.99;

/** A signature's scan: N(μ_N) (lib/engine/decayScan fastEvents: sig.events(μ_N²) to the rounding) and where it is monotone in μ_N. */
interface SignatureScan {
  readonly events: (mu: number) => number;
  /** Non-decreasing for μ_N ≤ increasingBelow, non-increasing for μ_N ≥ decreasingAbove (GeV⁻¹); null: unknown. */
  readonly shape: { readonly increasingBelow: number; readonly decreasingAbove: number } | null;
}

/** The scans of the signatures of this thread (each signature object once). */
const SCANS = new WeakMap<ScalableSignature, SignatureScan>();
/**
 * The scan of `sig`: N(κ) = κ Σ_j W_j P(d_j/κ) (lib/engine/scaling) is non-decreasing in
 * κ = μ_N² for decays in the tungsten and without a decay, and for the vessel a sum of unimodal
 * terms, non-decreasing below and non-increasing above the range of their modes
 * (lib/engine/decayScan monotoneRange, with the proof).
 */
function signatureScan(sig: ScalableSignature): SignatureScan {
  let s = SCANS.get(sig);
  if (!s) {
    const ev = fastEvents(sig);
    const r = monotoneRange(sig);
    s = { events: (mu) => ev(mu * mu), shape: r && { increasingBelow: Math.sqrt(r.increasingBelow), decreasingAbove: Math.sqrt(r.decreasingAbove) } };
    SCANS.set(sig, s);
  }
  return s;
}

/**
 * The edges of every Fig. 1 line: one scan per (detector, signature), shared by its thresholds
 * (vessel photons N = 3 and 30, …), the monotone parts of each count searched by bisection
 * (lib/engine/edgeScan `shape`: the same edges as the full scan).
 */
function fig1Edges(points: Record<Fig1LineSpec["detector"], DipoleMassPoint>, mass: number, muMin: number, muMax: number): Record<string, EdgePair> {
  const groups = new Map<string, Fig1LineSpec[]>();
  for (const line of FIG1_LINES) {
    const key = `${line.detector}/${line.signature}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const edges: Record<string, EdgePair> = {};
  for (const lines of groups.values()) {
    const scan = signatureScan(points[lines[0]!.detector].signatures[lines[0]!.signature]);
    const opts = { yMin: muMin, yMax: muMax, ...(scan.shape ? { shape: scan.shape } : {}) };
    const found = findEdgesAt(scan.events, lines.map((l) => l.level), mass, opts);
    lines.forEach((l, i) => (edges[l.name] = found[i]!));
  }
  return edges;
}

/**
 * The largest event count on the allowed μ_N points (ascending), and where: the first of equal
 * maxima, {0, 0} when every count is 0 — as a scan of every point finds it, but evaluating only
 * the points between the monotone parts of the count (see {@link signatureScan}): the last
 * point of the non-decreasing part (when strictly above its neighbour; else every point) and
 * the first of the non-increasing part bound the rest.
 */
function largestOnGrid(sig: ScalableSignature, grid: readonly number[]): { events: number; mu: number } {
  const { events, shape } = signatureScan(sig);
  const n = grid.length;
  let h = -1, q = n;
  if (shape) {
    while (h + 1 < n && grid[h + 1]! <= shape.increasingBelow) h++;
    while (q - 1 >= 0 && grid[q - 1]! >= shape.decreasingAbove) q--;
    if (h > q) h = q; // a valid weaker claim: non-decreasing up to q only
  }  let best = { events: 0, mu: 0 };
  const visit = (i: number) => {
    const e = events(grid[i]!);
    if (e > best.events) best = { events: e, mu: grid[i]! };
  };
  // the non-decreasing head's maximum is its last point, and the first of it when strictly above the one before
  if (h >= 1 && !(events(grid[h - 1]!) < events(grid[h]!)) && events(grid[h]!) > 0) h = -1;
  if (h >= 0) visit(h);
  for (let i = h + 1; i < Math.min(q, n); i++) visit(i);
  if (q < n && q > h) visit(q);
  return best;
}

/** The μ_N points of the allowed search below the bounds' clipped top (GeV⁻¹) and their logarithms, per scan range (the same for every mass). */
const ALLOWED_SCANS = new Map<string, { mu: number[]; lnMu: number[] }>();
function allowedScan(muMin: number, muMax: number): { mu: number[]; lnMu: number[] } {
  const key = `${muMin} ${muMax}`;
  let v = ALLOWED_SCANS.get(key);
  if (!v) {
    if (ALLOWED_SCANS.size >= MAX_SETUPS) ALLOWED_SCANS.delete(ALLOWED_SCANS.keys().next().value!);
    const mu = logGrid(muMin, muMax, ALLOWED_SCAN_POINTS).filter((m) => m < BOUND_TOP_MARGIN * Math.min(muMax, BOUND_TOP_MU));
    v = { mu, lnMu: mu.map((m) => Math.log(m)) };
    ALLOWED_SCANS.set(key, v);
  }
  return v;
}

/** Setups of this thread by detector and options (flux files read once per option set, not per mass). */
const SETUPS = new Map<string, Setup>();
/** Most setups kept (a notebook's variants; older ones are dropped). */
const MAX_SETUPS = 16;

/** makeSetup(detector, opts), made once per thread for each (detector, options). */
function panelSetup(detector: Fig1LineSpec["detector"], opts: SetupOptions): Setup {
  const key = `${detector} ${JSON.stringify(opts)}`;
  let s = SETUPS.get(key);
  if (!s) {
    if (SETUPS.size >= MAX_SETUPS) SETUPS.delete(SETUPS.keys().next().value!);
    s = makeSetup(detector, opts);
    SETUPS.set(key, s);
  }
  return s;
}

/** Everything Fig. 1 needs at one mass (pure: safe to run in a worker thread). */
export function fig1Mass(mass: number, opts: Fig1Options, base?: DipoleMassPoint): Fig1MassResult {
  requireOneOf("panel", opts.panel, ["universal", "tau"] as const);
  const muMin = opts.muMin ?? 1e-10, muMax = opts.muMax ?? 1e-3;
  // FASERν (Run 3) keeps its own flux (fasernu-run3) under every preset
  const setupOpts = setupOptionsOf({ ...opts, flux: undefined });
  // the Run-3 point has the HL-LHC point's nodes and cross sections: its tables are the HL-LHC
  // ones rescaled to the Run-3 flux per bin and target length (exact; lib/engine/tableRescale)
  // `base`: a FASERν2 point of another variant at this mass (fig1Variants) — its tables rescaled
  // no node is read after the collapse (edges and maxima come from the collapsed bins): not kept
  const hl = dipoleMassPoint(mass, opts.panel, panelSetup("fasernu2-faser2", setupOpts), base ? { from: base } : { keepNodes: false });
  const points = {
    "fasernu2-faser2": hl,
    "fasernu-faser": dipoleMassPoint(mass, opts.panel, panelSetup("fasernu-faser", setupOpts), { from: hl }),
  };
  const edges = fig1Edges(points, mass, muMin, muMax);
  const polygons = logPolygons(opts.panel);
  // the bound polygons are clipped to μ_N ≤ 1e-3 GeV⁻¹ (data/bounds/dipole): above the scan's
  // top the exclusion status is unknown, so the "allowed" search stays strictly below it;
  // the allowed μ_N points do not depend on the signature: found once per mass
  const lx = Math.log(mass);
  const scan = allowedScan(muMin, muMax);
  const grid = scan.mu.filter((_, i) => !polygons.some((p) => insideLogPolygon(lx, scan.lnMu[i]!, p)));
  const maxAllowed: Record<string, { events: number; mu: number }> = {};
  for (const s of ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev", "ecc-photons-3tev", "electron-scattering"] as const) {
    maxAllowed[s] = largestOnGrid(points["fasernu2-faser2"].signatures[s], grid);
  }
  maxAllowed["run3-vessel-photons"] = largestOnGrid(points["fasernu-faser"].signatures["vessel-photons"], grid);
  return { mass, edges, maxAllowed };
}

/** Fig. 1 as data: the contour lines, the bounds, and the largest allowed event counts. */
export interface Fig1Data {
  readonly panel: DipolePanel;
  readonly lines: (ReachLine & { color: string; dash: string })[];
  readonly bounds: DipoleBound[];
  /** Open lines that mark regions of interest (not exclusions). */
  readonly markers: DipoleBound[];
  /** Names of every closed dipole bound (both panels), in file order: fixes each bound's drawing style across panels. */
  readonly boundOrder?: readonly string[];
  readonly maxAllowed: Record<string, { events: number; mass: number; mu: number }>;
  readonly notes: string[];
}

/** Assemble Fig. 1 from per-mass results (in mass order). */
export function assembleFig1(panel: DipolePanel, perMass: readonly Fig1MassResult[]): Fig1Data {
  const lines: (ReachLine & { color: string; dash: string })[] = [];
  for (const spec of FIG1_LINES) {
    for (const l of joinEdgeIslands(perMass.map((r) => r.edges[spec.name]!), spec.name, spec.label, spec.level)) {
      lines.push({ ...l, color: spec.color, dash: spec.dash });
    }
  }
  const maxAllowed: Record<string, { events: number; mass: number; mu: number }> = {};
  for (const r of perMass) {
    for (const [s, v] of Object.entries(r.maxAllowed)) {
      if (!maxAllowed[s] || v.events > maxAllowed[s]!.events) maxAllowed[s] = { events: v.events, mass: r.mass, mu: v.mu };
    }
  }
  const notes = [
    "Decay widths: universal coupling opens N → ν_α γ for α = e, μ, τ (Γ = 3 × (B.1)); ν_τ-specific: 1 × (B.1).",
    "Not shown (no published data found; not invented): the ΔN_eff band of ref. [38], the SHiP lines of ref. [28]; the MiniBooNE RoI is shown only as the segment stated by ref. [24].",
  ];
  // the bound files read once for the bounds, the markers and the drawing order
  const all = readAllDipoleBounds();
  return { panel, lines, bounds: panelBounds(panel, all), markers: panelMarkers(panel, all), boundOrder: all.filter((b) => b.closed).map((b) => b.name), maxAllowed, notes: [...notes, FIG1_MISSING] };
}

/** Default mass grid of Fig. 1: 61 log-spaced points from 1 MeV to 10 GeV. */
export function fig1Masses(n: number = FIG1_MASS_POINTS): number[] {
  return logGrid(FIG1_MASS_RANGE[0], FIG1_MASS_RANGE[1], n);
}

/** Mass range of Fig. 1, GeV: the paper's axis, 1 MeV to 10 GeV. */
export const FIG1_MASS_RANGE: readonly [number, number] = [1e-3, 10];

/**
 * Points of the starting mass grid of Fig. 1: 61 = 15 per decade over 4 decades, fine enough
 * that the lower edges change by < 30 % between neighbours (test/reach.test.ts); tips and
 * steep parts are then refined adaptively (lib/engine/reach `massesToRefine`).
 */
export const FIG1_MASS_POINTS = 61;

/** The per-mass edges of every Fig. 1 line in FIG1_LINES order (what the mass-grid refinement looks at). */
export function fig1EdgeList(r: Fig1MassResult): EdgePair[] {
  return FIG1_LINES.map((l) => r.edges[l.name]!);
}

/** Compute Fig. 1 in this thread (for tests and notebooks; the CLI parallelises fig1Mass). */
export function fig1(opts: Fig1Options, onProgress?: (done: number, total: number) => void): Fig1Data {
  const masses = opts.masses ?? fig1Masses();
  let done = 0;
  const evaluate = (m: number) => {
    const r = fig1Mass(m, opts);
    done += 1;
    onProgress?.(done, Math.max(done, masses.length));
    return r;
  };
  const out = opts.refine === false ? masses.map(evaluate) : refineMassGridSync(masses, evaluate, (r) => r.mass, fig1EdgeList, opts.refine ?? {});
  return assembleFig1(opts.panel, out);
}

/**
 * Fig. 1 once per notebook run: {@link fig1} memoised on every option (lib/engine/memo; in
 * memory per kernel, on disk under `memoOpts.dir` when given). Editing and re-running one
 * cell recomputes only panels whose options changed.
 */
export function fig1Cached(opts: Fig1Options, memoOpts: MemoOptions = {}): Fig1Data {
  return memo("fig1", { opts, masses: opts.masses ?? fig1Masses() }, () => fig1(opts), memoOpts);
}

/** One refinement round of {@link fig1Variants}: the variants, and which of them each mass serves (keyed by String(mass)). */
export interface Fig1VariantsTask {
  readonly variants: readonly Fig1Options[];
  readonly want: Readonly<Record<string, readonly number[]>>;
}

/**
 * The variants of a {@link Fig1VariantsTask} at one mass from one shared base point (variant 0's
 * FASERν2 point; pure, safe in a worker thread); null for a variant that did not ask for it.
 */
export function fig1VariantsMass(mass: number, task: Fig1VariantsTask): (Fig1MassResult | null)[] {
  const first = task.variants[0]!;
  // a variant with other decay flavours collapses the rescaled nodes itself: keep them then
  const keepNodes = task.variants.some((o) => o.decayFlavours !== first.decayFlavours);
  const base = dipoleMassPoint(mass, first.panel, panelSetup("fasernu2-faser2", setupOptionsOf({ ...first, flux: undefined })), { keepNodes });
  const want = task.want[String(mass)] ?? [];
  return task.variants.map((o, v) => (want.includes(v) ? fig1Mass(mass, o, base) : null));
}

/** Runs {@link fig1VariantsMass} for every mass of a round (in this thread, or on workers: parallel.ts). */
export type Fig1VariantsRunner = (masses: readonly number[], task: Fig1VariantsTask) => Promise<(Fig1MassResult | null)[][]>;

/**
 * Several Fig. 1 variants (normalisation, flux source, decay flavours, …; same panel) computed
 * together, each exactly as {@link fig1} would (its own refined mass grid), but with the
 * production tabulated once per mass: variant 0's FASERν2 point is built and every variant's
 * tables are rescaled from it (a flux with the same bins, lib/engine/tableRescale; the decay
 * flavours change only the widths). Variants whose tables cannot be rescaled (other bins, other
 * panel) are tabulated in full — same numbers, no saving. The masses of each refinement round
 * run through `run` (default: in this thread; `fig1VariantsOnWorkers` in parallel.ts spreads
 * them over worker threads, same numbers).
 */
export async function fig1Variants(variants: readonly Fig1Options[], run: Fig1VariantsRunner = async (ms, task) => ms.map((m) => fig1VariantsMass(m, task))): Promise<Fig1Data[]> {
  if (variants.length === 0) return [];
  // requests of the variants in one refinement round, served together (one base point per mass)
  let pending: { v: number; masses: readonly number[]; resolve: (r: Fig1MassResult[]) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    const union = [...new Set(batch.flatMap((q) => q.masses))];
    const want: Record<string, number[]> = {};
    for (const q of batch) for (const m of q.masses) (want[String(m)] ??= []).push(q.v);
    run(union, { variants, want }).then(
      (res) => {
        const at = new Map(union.map((m, i) => [m, res[i]!]));
        for (const q of batch) q.resolve(q.masses.map((m) => at.get(m)![q.v]!));
      },
      (e) => batch.forEach((q) => q.reject(e)),
    );
  };
  const evaluate = (v: number) => (ms: readonly number[]) =>
    new Promise<Fig1MassResult[]>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ v, masses: ms, resolve, reject });
    });
  const perVariant = await Promise.all(
    variants.map((o, v) =>
      o.refine === false
        ? evaluate(v)(o.masses ?? fig1Masses())
        : refineMassGrid(o.masses ?? fig1Masses(), evaluate(v), (r) => r.mass, fig1EdgeList, o.refine ?? {}),
    ),
  );
  return perVariant.map((r, v) => assembleFig1(variants[v]!.panel, r));
}
