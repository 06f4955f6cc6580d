/**
 * Figure 3 of arXiv:2011.04751 as data: the FASER 2 / FASERν2 reach in the dark gauge boson
 * model, plane (m_N [GeV], |U_μN|²), at m_ZD = 30 MeV, α_D = 0.25, αε² = 2·10⁻¹⁰ (left panel),
 * and the bi-modal e⁺e⁻ energy spectrum, primary (IP) vs secondary (up-scattering) Z_D, at a
 * stated benchmark (right panel). Plain data out (arrays of numbers and strings) for notebooks
 * and the CLI (`nudump reach --figure 3`).
 *
 * Lines: secondary-production e⁺e⁻ in the vessel, N_ev = 3 (green solid; ν_μ, ν̄_μ W → N W,
 * N → ν Z_D with the finite N flight, Z_D → e⁺e⁻ in the vessel, E > 100 GeV); ν_μ e → N e in
 * FASERν2 with the SPEC §5 cuts, 20 events (yellow). The primary Z_D events do not depend on
 * m_N or U2 here and are returned as one number (`primaryEvents`) to be printed on the plot.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { type BoundCurve, parseBoundCsv } from "./bounds";
import { dataDir } from "../core/dataDir";
import { findEdges, joinEdges, logGrid, type ReachLine, type RefineOptions, refineMassGridSync } from "../engine/reach";
import {
  darkBosonMassPoint,
  type DarkBosonParams,
  electronScatteringEvents,
  FIG3_PARAMS,
  primaryDileptonEvents,
  secondaryDileptonEvents,
  secondaryDileptonTotal,
  type NuNuReading,
} from "../models/darkBoson/fig3/chain";
import { type DileptonSpectrum, secondaryDileptonSpectrum, summarise } from "../models/darkBoson/fig3/spectrum";
import { darkBosonMassPointCached } from "../models/darkBoson/fig3/massPointCache";
import { logEdges } from "../models/dipole/spectrum";
import { makeSetup, setupOptionsOf, type SetupOptions } from "../engine/setup";
import { requirePositive } from "../core/validate";
import type { PolarisationOptions } from "../core/polarisation";
import { DEFAULT_PRESET, presetByName } from "../detector/presets";

/** The makeSetup options a Fig. 3 function passes on (preset, flux configuration and overrides; lib/engine/setup.ts). */
export type Fig3SetupOptions = Pick<SetupOptions, "preset" | "flux" | "fluxDir" | "fluxSource" | "normalisation">;

/** The N polarisation options of a figure call: the explicit option, else the preset's choice (paper: unpolarised). */
export function polarisationOf(opts: PolarisationOptions & { readonly preset?: SetupOptions["preset"] }): PolarisationOptions {
  const polarisation = opts.polarisation ?? presetByName(opts.preset ?? DEFAULT_PRESET).polarisation;
  return opts.nature === undefined ? { polarisation } : { polarisation, nature: opts.nature };
}

/** Options of {@link fig3Lines} (polarisation of N: default the preset's, unpolarised for `paper`). */
export interface Fig3Options extends Fig3SetupOptions, PolarisationOptions {
  /** Mass grid, GeV (default {@link fig3Masses}: just above m_ZD to 10 GeV). */
  readonly masses?: readonly number[];
  /** |U_μN|² scan range (default 1e-10 … 1e-2). */
  readonly U2Min?: number;
  readonly U2Max?: number;
  /** Model parameters other than (m_N, U2) (default Fig. 3's). */
  readonly params?: DarkBosonParams;
  /** Detector (default fasernu2-faser2); the flux options are {@link Fig3SetupOptions}. */
  readonly detector?: string;
  /** Z_D → νν̄ reading (ERRATA E10); default "errata". */
  readonly reading?: NuNuReading;
  /** Adaptive refinement of the mass grid (lib/engine/reach `massesToRefine`); `false` keeps the grid. Default on. */
  readonly refine?: RefineOptions | false;
  /** Points of the coarse U2 scan per mass (default 81, 10 per decade). */
  readonly scanPoints?: number;
}

/** A reach line with its plotting style. */
export type Fig3Line = ReachLine & { readonly color: string; readonly dash: "solid" | "dot" | "dash" | "dashdot" };

/** Primary (IP) e⁺e⁻ events: independent of m_N while m_N > m_ZD, and of U2 to < 2% for U2 ≤ 1e-6. */
export interface Fig3Primary {
  readonly total: number;
  readonly bySource: Readonly<Record<string, number>>;
  /** Event-weighted mean E(e⁺e⁻), GeV. */
  readonly meanEnergy: number;
  /** The (m_N, U2) at which it was evaluated. */
  readonly mN: number;
  readonly U2: number;
}

/** Fig. 3 left panel as data. */
export interface Fig3Data {
  readonly params: DarkBosonParams;
  readonly lines: Fig3Line[];
  /** Per mass: the largest secondary e⁺e⁻ count on the U2 grid and where (for hover / checks). */
  readonly maxEvents: { mass: number; events: number; U2: number }[];
  readonly primaryEvents: Fig3Primary;
  /** Bounds / regions of the paper's Fig. 3 that could be obtained (data/bounds/darkboson-fig3; see notes for the missing ones). */
  readonly bounds: BoundCurve[];
  readonly notes: string[];
  /** Wall time of the computation, s. */
  readonly seconds: number;
}

/** Default mass grid: 6 points between 1.01 m_ZD and 1.2 m_ZD (where the N lifetime rises steeply), then 40 log-spaced up to 10 GeV. */
export function fig3Masses(mZD = FIG3_PARAMS.mZD): number[] {
  const near = [1.01, 1.03, 1.06, 1.1, 1.15].map((f) => f * mZD);
  return [...near, ...logGrid(1.2 * mZD, 10, 40)];
}

/** Column header of the bound files in data/bounds/darkboson-fig3. */
export const FIG3_BOUND_HEADER = "mN_GeV,U2";

/** Parse a Fig. 3 bound file: lib/figures/bounds' CSV format with the header `mN_GeV,U2`. RangeError naming file and line. */
export function parseFig3BoundCsv(text: string, file: string): BoundCurve {
  return parseBoundCsv(text, file, FIG3_BOUND_HEADER);
}

/** The shipped directory data/bounds/darkboson-fig3 (see core/dataDir). */
export function fig3BoundsDir(): string {
  return dataDir("bounds", "darkboson-fig3");
}

/** Every `*.csv` bound of Fig. 3, sorted by name. */
export function readFig3Bounds(dir: string = fig3BoundsDir()): BoundCurve[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => parseFig3BoundCsv(readFileSync(path.join(dir, f), "utf8"), path.join(dir, f)));
}

export { type Fig3EpsilonRow, type Fig3PrimaryCheck, type Fig3PrimaryCheckOptions, FIG3_ALPHA_EPS2_SCAN, fig3EqualCountsAlphaEps2, fig3PrimaryCheck, type Fig3ZDAtEnergy } from "./fig3Primary";

/** Notes that must accompany Fig. 3 (what is and is not shown, and why). */
export const FIG3_NOTES: readonly string[] = [
  "Shown: the MiniBooNE 3σ region of interest of ref. [30] (arXiv:1807.09877), as digitised by the DarkNews authors (data/bounds/darkboson-fig3).",
  "Shown (grey): the MINERνA [75] and CHARM-II [81] bounds as implemented in [82], contoured at Δχ² = 4.61 (90% CL, 2 dof) from that paper's public Δχ² grids (data/bounds/darkboson-fig3/README.md). NOT shown: the paper's recast of CHARM-II above 1 GeV (the grids end at 1 GeV; the recast is unpublished).",
  "Z_D → νν̄ in the ERRATA E10 reading (coupling g_D U2, Γ ∝ U2²); the literal (B.8) would make BR(Z_D → ee) ≈ 1e-9 and remove the e⁺e⁻ signal (see test/fig3.test.ts).",
  "Secondary production: ν_μ and ν̄_μ on tungsten, coherent (Helm), p, n and e channels, corrected (A.2)/(A.11) (ERRATA E4, E6), exactly ∝ U2; SM Z exchange included.",
  "N → ν Z_D with the corrected width (ERRATA E9) and the finite N flight (closed-form two-stage decay probability); Z_D energy uniform on [γ(E*−βp*), γ(E*+βp*)] (unpolarised N).",
  "Transverse acceptance 1 (50×50 cm² target inside the R = 1 m vessel; Z_D angles ≲ m_N/2E_ZD ≤ 0.05 rad at m_N ≤ 10 GeV).",
];

/**
 * The lines of Fig. 3 (left): secondary e⁺e⁻ N_ev = 3 and electron scattering N_ev = 20, plus
 * the primary-production event number. Per mass: one production tabulation (~0.1–0.3 s), then
 * the U2 scan on energy-collapsed bins (~0.3 ms per U2 value).
 */
export function fig3Lines(opts: Fig3Options = {}): Fig3Data {
  const t0 = Date.now();
  const params = opts.params ?? FIG3_PARAMS;
  const masses = opts.masses ?? fig3Masses(params.mZD);
  const U2Min = opts.U2Min ?? 1e-10, U2Max = opts.U2Max ?? 1e-2;
  requirePositive("U2Min", U2Min);
  const detector = opts.detector ?? "fasernu2-faser2";
  const setup = makeSetup(detector, setupOptionsOf(opts));
  const reading = opts.reading ?? "errata";
  const pol = polarisationOf(opts);
  const edgeOpts = { yMin: U2Min, yMax: U2Max, scanPoints: opts.scanPoints ?? 81, relTol: 1e-4 };
  // the starting grid's points are kept for later calls (a notebook's check masses); the refinement's are not
  const start = new Set(masses);
  const perMass = (mN: number) => {
    const point = start.has(mN) ? darkBosonMassPointCached(mN, setup, params) : darkBosonMassPoint(mN, setup, params);
    const ee = findEdges((U2) => secondaryDileptonTotal(point, U2, { reading, ...pol }), 3, mN, edgeOpts);
    const perU2 = point.productionElectron.total;
    return { mN, ee, esc: findEdges((U2) => U2 * perU2, 20, mN, edgeOpts) };
  };
  // the starting grid, then masses where a line turns or leaves the scan (lib/engine/reach)
  const rows = opts.refine === false ? masses.map(perMass) : refineMassGridSync(masses, perMass, (r) => r.mN, (r) => [r.ee, r.esc], opts.refine ?? {});
  const eeEdges = rows.map((r) => r.ee), escEdges = rows.map((r) => r.esc);
  const maxEvents = rows.map((r) => ({ mass: r.mN, events: r.ee.maxEvents, U2: r.ee.yAtMax }));
  const lines: Fig3Line[] = [];
  const ee = joinEdges(eeEdges, "secondary-ee-N3", "FASER 2 e⁺e⁻ (ν W → N W with W = tungsten; N → νZ_D, Z_D → e⁺e⁻), N = 3", 3);
  if (ee) lines.push({ ...ee, color: "green", dash: "solid" });
  const esc = joinEdges(escEdges, "electron-scattering-N20", "FASERν2 ν_μ e → N e, 20 events", 20);
  // (the reach finder reports where each line leaves the scan, ReachLine.openAt; the plot leaves it open there)
  if (esc) lines.push({ ...esc, color: "gold", dash: "solid" });
  const pMass = masses.find((m) => m > 2 * params.mZD) ?? masses[0]!;
  // U2 = 1e-8 (near the lower edge): the primary count falls by ≈ 1.3% at U2 = 1e-6 and by
  // ×(3–4) at U2 = 1e-4, through the survival factor e^{−L/d} and Γ(Z_D → νν̄) ∝ U2²
  const prim = primaryDileptonEvents(params, pMass, 1e-8, setup.detector, { reading });
  const primaryEvents: Fig3Primary = { total: prim.total, bySource: prim.bySource, meanEnergy: prim.meanEnergy, mN: pMass, U2: 1e-8 };
  const notes = [
    ...FIG3_NOTES,
    `Primary Z_D from the IP (π⁰, η, bremsstrahlung): ${primaryEvents.total.toPrecision(2)} e⁺e⁻ events in 3000 fb⁻¹ at any m_N > m_ZD and U2 ≲ 1e-6 (−1.3% at 1e-6: Γ(Z_D → νν̄) ∝ U2² shortens the Z_D), mean E ≈ ${(primaryEvents.meanEnergy / 1000).toPrecision(2)} TeV — not a line.`,
    ...(reading === "literal" ? ["Computed with the LITERAL (B.8) reading of Z_D → νν̄ (ERRATA E10), for comparison only."] : []),
    ...(pol.polarisation === "polarised" ? [`N polarised (${pol.nature ?? "dirac"}): N → νZ_D distributed as 1 + αP cosθ in the N rest frame (docs/derivations/polarisation.md); the paper's N is unpolarised.`] : []),
  ];
  return { params, lines, maxEvents, primaryEvents, bounds: readFig3Bounds(), notes, seconds: (Date.now() - t0) / 1000 };
}

/**
 * Bin edges of the Fig. 3 right spectra, GeV: 0.05 dex from 100 GeV to 10^3.5 GeV (the
 * secondary peak), 0.02 dex (4.7 %) from 10^3.5 to 10^3.9 GeV ≈ 7.9 TeV, where the primary
 * spectrum — the survival e^{−L/d} grows ×10 per ≈ 0.04 dex below the 7 TeV endpoint — rises
 * to its peak (≈ 10 bins across it instead of one), then 0.1 dex to 10^4.4 GeV. Not finer:
 * 0.01-dex bins show the discreteness of the π⁰ spectrum (0.05-dex table bins split into 3
 * sub-cells, lib/ip/mesonDecay) as pairs of equal bins.
 */
export function fig3SpectrumEdges(): number[] {
  return [...logEdges(100, 10 ** 3.5, 30), ...logEdges(10 ** 3.5, 10 ** 3.9, 20).slice(1), ...logEdges(10 ** 3.9, 10 ** 4.4, 5).slice(1)];
}

/** Options of {@link fig3Spectrum} (polarisation of N: default the preset's, unpolarised for `paper`). */
export interface Fig3SpectrumOptions extends Fig3SetupOptions, PolarisationOptions {
  /**
   * Benchmark (default m_N = 0.42 GeV, U2 = 9e-7). m_N = 420 MeV with m_ZD = 30 MeV is the MiniBooNE
   * point of Ref. [30] (arXiv:1807.09877); U2 = 9e-7 is our recollection of its fit value, NOT
   * verified against the paper here. The paper's Fig. 3 states its values only inside the plot.
   */
  readonly mN?: number;
  readonly U2?: number;
  readonly params?: DarkBosonParams;
  /** E(e⁺e⁻) bin edges, GeV (default {@link fig3SpectrumEdges}: 100 GeV to 10^4.4 GeV ≈ 25 TeV, fine at the primary peak). */
  readonly edges?: readonly number[];
  readonly detector?: string;
}

/** Fig. 3 right panel as data: two e⁺e⁻ energy histograms on the same bins. */
export interface Fig3SpectrumData {
  readonly benchmark: { readonly mN: number; readonly U2: number; readonly params: DarkBosonParams };
  readonly edges: readonly number[];
  readonly secondary: DileptonSpectrum & { readonly byChannel: Record<string, number> };
  readonly primary: DileptonSpectrum & { readonly bySource: Readonly<Record<string, readonly number[]>>; readonly totalAllEnergies: number };
  readonly notes: string[];
}

/**
 * The bi-modal e⁺e⁻ spectrum (Fig. 3 right): secondary Z_D (up-scattering in the tungsten; peak
 * at a few hundred GeV) and primary Z_D (IP; only the most energetic survive 480 m: peak at
 * several TeV), at the benchmark (m_N, U2). Events per bin for 3000 fb⁻¹, E > 100 GeV.
 */
export function fig3Spectrum(opts: Fig3SpectrumOptions = {}): Fig3SpectrumData {
  const params = opts.params ?? FIG3_PARAMS;
  const mN = opts.mN ?? 0.42, U2 = opts.U2 ?? 9e-7;
  const edges = opts.edges ?? fig3SpectrumEdges();
  const setup = makeSetup(opts.detector ?? "fasernu2-faser2", setupOptionsOf(opts));
  const point = darkBosonMassPointCached(mN, setup, params);
  const pol = polarisationOf(opts);
  const sec = secondaryDileptonSpectrum(point, U2, edges, pol);
  const byChannel = secondaryDileptonEvents(point, U2, pol).byChannel;
  const prim = primaryDileptonEvents(params, mN, U2, setup.detector, { edges });
  const pSum = summarise(edges, [...prim.spectrum.total]);
  return {
    benchmark: { mN, U2, params },
    edges,
    secondary: { ...sec, byChannel },
    primary: { ...pSum, bySource: prim.spectrum.bySource, totalAllEnergies: prim.total },
    notes: [
      `Benchmark m_N = ${mN} GeV, |U_μN|² = ${U2}. Default: m_N = 420 MeV of Ref. [30]'s MiniBooNE point (arXiv:1807.09877); its U2 = 9e-7 is recalled, not verified; the paper's Fig. 3 states its own values only inside the plot.`,
      "Both histograms: e⁺e⁻ pairs decaying inside the FASER 2 vessel with E(e⁺e⁻) = E_ZD > 100 GeV, 3000 fb⁻¹.",
    ],
  };
}
