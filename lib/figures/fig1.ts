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
import { type DipoleBound, type DipolePanel, readAllDipoleBounds } from "../bounds";
import { type EdgePair, findEdges, joinEdgeIslands, logGrid, type ReachLine } from "../reach";
import { type DipoleSignature, dipoleMassPoint } from "../signatures/dipole";
import { makeSetup, setupOptionsOf, type SetupOptions } from "../signatures/setup";
import { requireOneOf } from "../validate";

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
  /** Mass grid, GeV (default 61 log-spaced points from 1 MeV to 10 GeV). */
  readonly masses?: readonly number[];
  /** μ_N scan range, GeV⁻¹ (default 1e-10 … 1e-3). */
  readonly muMin?: number;
  readonly muMax?: number;
  /** Input preset for both detectors (default "paper", lib/presets.ts) and explicit overrides. */
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

/** The gray bounds that apply to a panel (closed regions only). */
export function panelBounds(panel: DipolePanel): DipoleBound[] {
  return readAllDipoleBounds().filter((b) => b.closed && b.panels.includes(panel));
}

/** Open lines of a panel that are not exclusions (the MiniBooNE region of interest of ref. [24], a segment). */
export function panelMarkers(panel: DipolePanel): DipoleBound[] {
  return readAllDipoleBounds().filter((b) => !b.closed && b.panels.includes(panel));
}

/** What Fig. 1 of the paper shows but this reproduction cannot, stated on the plot itself. */
export const FIG1_MISSING = "Not shown — no published data found, no curve invented: the ΔN_eff band [38], the SHiP lines [28], the MiniBooNE RoI rectangle of [28] (its mass extent).";

/** Everything Fig. 1 needs at one mass (pure: safe to run in a worker thread). */
export function fig1Mass(mass: number, opts: Fig1Options): Fig1MassResult {
  requireOneOf("panel", opts.panel, ["universal", "tau"] as const);
  const muMin = opts.muMin ?? 1e-10, muMax = opts.muMax ?? 1e-3;
  // FASERν (Run 3) keeps its own flux (fasernu-run3) under every preset
  const setupOpts = setupOptionsOf({ ...opts, flux: undefined });
  const points = {
    "fasernu2-faser2": dipoleMassPoint(mass, opts.panel, makeSetup("fasernu2-faser2", setupOpts)),
    "fasernu-faser": dipoleMassPoint(mass, opts.panel, makeSetup("fasernu-faser", setupOpts)),
  };
  const edges: Record<string, EdgePair> = {};
  for (const line of FIG1_LINES) {
    const sig = points[line.detector].signatures[line.signature];
    edges[line.name] = findEdges((mu) => sig.events(mu * mu), line.level, mass, { yMin: muMin, yMax: muMax });
  }
  const bounds = panelBounds(opts.panel);
  const maxAllowed: Record<string, { events: number; mu: number }> = {};
  // the bound polygons are clipped to μ_N ≤ 1e-3 GeV⁻¹ (data/bounds/dipole): above the scan's
  // top the exclusion status is unknown, so the "allowed" search stays strictly below it
  const grid = logGrid(muMin, muMax, 141).filter((mu) => mu < 0.99 * Math.min(muMax, 1e-3));
  for (const s of ["vessel-photons", "vessel-dileptons", "ecc-photons-1tev", "ecc-photons-3tev", "electron-scattering"] as const) {
    const sig = points["fasernu2-faser2"].signatures[s];
    let best = { events: 0, mu: 0 };
    for (const mu of grid) {
      if (bounds.some((b) => insidePolygon(mass, mu, b.x, b.y))) continue;
      const e = sig.events(mu * mu);
      if (e > best.events) best = { events: e, mu };
    }
    maxAllowed[s] = best;
  }
  {
    const sig = points["fasernu-faser"].signatures["vessel-photons"];
    let best = { events: 0, mu: 0 };
    for (const mu of grid) {
      if (bounds.some((b) => insidePolygon(mass, mu, b.x, b.y))) continue;
      const e = sig.events(mu * mu);
      if (e > best.events) best = { events: e, mu };
    }
    maxAllowed["run3-vessel-photons"] = best;
  }
  return { mass, edges, maxAllowed };
}

/** Fig. 1 as data: the contour lines, the bounds, and the largest allowed event counts. */
export interface Fig1Data {
  readonly panel: DipolePanel;
  readonly lines: (ReachLine & { color: string; dash: string })[];
  readonly bounds: DipoleBound[];
  /** Open lines that mark regions of interest (not exclusions). */
  readonly markers: DipoleBound[];
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
  return { panel, lines, bounds: panelBounds(panel), markers: panelMarkers(panel), maxAllowed, notes: [...notes, FIG1_MISSING] };
}

/** Default mass grid of Fig. 1: 61 log-spaced points from 1 MeV to 10 GeV. */
export function fig1Masses(): number[] {
  return logGrid(1e-3, 10, 61);
}

/** Compute Fig. 1 in this thread (for tests and notebooks; the CLI parallelises fig1Mass). */
export function fig1(opts: Fig1Options, onProgress?: (done: number, total: number) => void): Fig1Data {
  const masses = opts.masses ?? fig1Masses();
  const out: Fig1MassResult[] = [];
  masses.forEach((m, i) => {
    out.push(fig1Mass(m, opts));
    onProgress?.(i + 1, masses.length);
  });
  return assembleFig1(opts.panel, out);
}
