/**
 * Figure 4 of arXiv:2011.04751 (§4.3): the heavy dark gauge boson, m_ZD = 8 m_N, g_D = 1,
 * ε = 1e-3, N mixing with ν_τ. Left: the (m_N, |U_τN|²) plane; right: N e → N e events from
 * Z_D → N N̄ versus m_N in CHARM-II and FASERν2 (with and without the recoil-angle cuts).
 * Plain data out (numbers, arrays, strings) for notebooks and the CLI. Physics in
 * lib/models/darkBoson/fig4/heavyZD.ts; the paper comparison and the scaling check in
 * ./fig4Checks.ts; derivations and every external number in docs/derivations/fig4.md.
 */
import { existsSync, readdirSync } from "node:fs";
import path, { join } from "node:path";
import { readTwoColumnTable } from "./bounds";
import { fig4Benchmark } from "../models/darkBoson";
import type { MesonDecayQuadrature } from "../ip/mesonDecay";
import { type Charm2Parameters, CHARM2_DEFAULTS } from "../ip/charm2";
import { inputDir } from "../core/dataDir";
import { F1_POLES, protonFormFactorF1Squared } from "../ip/bremsstrahlung";
import { type EdgePair, findEdges, joinEdgeIslands, logGrid, type ReachLine } from "../engine/reach";
import { type HeavyZDMassPoint, type HeavyZDSignature, heavyZDMassPoint } from "../models/darkBoson/fig4/heavyZD";
import { makeSetup, setupOptionsOf, type SetupOptions } from "../engine/setup";
import { requirePositive } from "../core/validate";

/** Options shared by {@link fig4Lines} and {@link fig4RightPanel}; the input preset (default "paper") and flux overrides go to makeSetup. */
export interface Fig4Options extends Pick<SetupOptions, "preset" | "fluxDir" | "fluxSource" | "normalisation"> {
  /** Mass grid of the left panel, GeV (default {@link fig4DefaultMasses}: log grid plus the ρ/ω region). */
  readonly masses?: readonly number[];
  /** |U_τN|² scan range (default 1e-12 … 1). */
  readonly U2Min?: number;
  readonly U2Max?: number;
  /** Z_D → N N̄ signatures are computed only for m_N ≤ zdMassMax (default 0.6 GeV: above, m_ZD > 4.8 GeV and the counts are < 1e-6). */
  readonly zdMassMax?: number;
  /** Directory holding 0.45TeV/Pythia (CHARM-II mesons); default the package's data/hadrons ({@link fig4HadronsDir}); missing → RangeError. */
  readonly hadronsDir?: string;
  /** Existing ν_τ-HNL bounds (files give |U|, squared here); default the package's data/bounds/hnl-tau ({@link hnlTauBoundsDir}); missing → RangeError. */
  readonly boundsDir?: string;
  /** CHARM-II parameters (default CHARM2_DEFAULTS). */
  readonly charm2?: Charm2Parameters;
  /** Event thresholds (defaults 3 for vessel decays, 20 for FASERν2 scattering, 500 for CHARM-II). */
  readonly levels?: { readonly vessel?: number; readonly electron?: number; readonly charm2?: number };
  /** Meson-decay quadrature of the Z_D production (default 2 sub-cells, 12 × 12 nodes: within 1% of the engine default). */
  readonly mesonQuadrature?: Omit<MesonDecayQuadrature, "thetaMax" | "energyMin">;
  /** See HeavyZDOptions.mixingAreaFactor (default 1). */
  readonly mixingAreaFactor?: number;
  /** Precomputed mass points (from {@link fig4MassPoints}) to share the work between the panels. */
  readonly points?: readonly HeavyZDMassPoint[];
}

/** One contour of Fig. 4 left. */
export interface Fig4LineSpec {
  readonly name: string;
  readonly label: string;
  /** Signatures summed for this line, each with its angle-cut setting. */
  readonly terms: readonly { readonly signature: HeavyZDSignature; readonly angleCuts?: boolean }[];
  readonly level: "vessel" | "electron" | "charm2";
  readonly color: string;
  readonly dash: "solid" | "dash" | "dot";
  /** Shade the enclosed region (the paper's red and blue regions). */
  readonly fill: boolean;
}

/** The lines of Fig. 4 left, in the paper's colours. */
export const FIG4_LINES: readonly Fig4LineSpec[] = [
  { name: "mixing-vessel", label: "FASER 2: N from D_s, τ decays (mixing), N → νe⁺e⁻, cf. Ref. [39]", terms: [{ signature: "mixing-vessel" }], level: "vessel", color: "red", dash: "dash", fill: false },
  { name: "upscattering", label: "FASER 2: secondary production ν_τ W → N W, N → νe⁺e⁻", terms: [{ signature: "upscattering" }], level: "vessel", color: "green", dash: "solid", fill: false },
  { name: "zd-vessel", label: "FASER 2: N from Z_D → N N̄, N → νe⁺e⁻", terms: [{ signature: "zd-vessel" }], level: "vessel", color: "#ff7f0e", dash: "solid", fill: false },
  { name: "electron-scattering", label: "FASERν2: ν_τ e → N e + N e → N e (N from mixing), 20 events", terms: [{ signature: "inelastic" }, { signature: "mixing-elastic" }], level: "electron", color: "gold", dash: "solid", fill: false },
  { name: "electron-scattering-noangle", label: "FASERν2: same, no recoil-angle cuts", terms: [{ signature: "inelastic", angleCuts: false }, { signature: "mixing-elastic", angleCuts: false }], level: "electron", color: "gold", dash: "dash", fill: false },
  { name: "zd-elastic", label: "FASERν2: N e → N e, N from Z_D → N N̄, 20 events", terms: [{ signature: "zd-elastic" }], level: "electron", color: "red", dash: "solid", fill: true },
  { name: "zd-elastic-noangle", label: "FASERν2: N e → N e from Z_D → N N̄, no angle cuts", terms: [{ signature: "zd-elastic", angleCuts: false }], level: "electron", color: "#e377c2", dash: "dot", fill: false },
  { name: "charm2", label: "CHARM-II: N e → N e, N from Z_D → N N̄, 500 events", terms: [{ signature: "charm2" }], level: "charm2", color: "blue", dash: "solid", fill: true },
];

/** An existing bound as a region in (m_N [GeV], |U_τN|²). */
export interface Fig4Region {
  readonly name: string;
  readonly x: number[];
  readonly y: number[];
  readonly closed: boolean;
  readonly provenance: string;
}

/** The ω(782) pole of the proton form factor F₁ (lib/ip/bremsstrahlung.ts), GeV. */
const OMEGA = F1_POLES.find((p) => p.name === "omega(782)")!;
const RHO = F1_POLES.find((p) => p.name === "rho(770)")!;

/**
 * Masses m_N = m_ZD/8 (GeV) resolving the vector-meson structure of the bremsstrahlung: |F₁(m_ZD²)|²
 * (the only fast-varying factor of the Z_D yield there) peaks at 8.8e3 at m_ZD = m_ω with FWHM ≈
 * Γ_ω = 8.7 MeV, and has a ρ′/ω′ bump and dip at 1.35–1.75 GeV. Start from m_ZD every 10 MeV on
 * [0.70, 0.85] GeV plus the ρ and ω poles, and every 0.1 GeV on [0.9, 2.4] GeV, and bisect every
 * interval whose midpoint |F₁|² differs from the geometric mean of its ends by more than `tol`
 * (5 tol above 0.85 GeV, where every count is below its threshold: FASERν2 < 3, CHARM-II < 100).
 * Sorted; tol = 0.02 gives 32 masses in [0.70, 0.85] GeV (worst midpoint deviation 1.7%),
 * 0.7–0.9 MeV apart at the ω pole, and 21 above.
 */
export function fig4ResonanceMasses(tol = 0.02): number[] {
  if (!(tol > 1e-4 && tol < 1)) throw new RangeError(`tol = ${tol} must lie in (1e-4, 1)`);
  const F = (m: number) => protonFormFactorF1Squared(m * m);
  const start = [...Array.from({ length: 16 }, (_, k) => 0.7 + 0.01 * k), ...Array.from({ length: 16 }, (_, k) => 0.9 + 0.1 * k), OMEGA.mass, RHO.mass].sort((x, y) => x - y);
  const out: number[] = [start[0]!];
  const refine = (a: number, b: number, depth: number) => {
    const mid = (a + b) / 2;
    if (depth < 14 && Math.abs(Math.sqrt(F(a) * F(b)) / F(mid) - 1) > (a < 0.85 ? tol : 5 * tol)) {
      refine(a, mid, depth + 1);
      out.push(mid);
      refine(mid, b, depth + 1);
    }
  };
  for (let i = 0; i + 1 < start.length; i++) {
    refine(start[i]!, start[i + 1]!, 0);
    out.push(start[i + 1]!);
  }
  return out.map((m) => m / 8);
}

/** Default left-panel mass grid: 28 log points 5 MeV–1.7 GeV and {@link fig4ResonanceMasses}. */
export function fig4DefaultMasses(): number[] {
  return [...logGrid(0.005, 1.7, 28), ...fig4ResonanceMasses()].sort((a, b) => a - b);
}

/** The ν_τ-HNL bound files shipped in data/bounds/hnl-tau (FORESEE, MIT). RangeError if missing. */
export function hnlTauBoundsDir(): string {
  return fig4BoundsDir();
}

/** The CHARM-II meson directory: `hadronsDir` or the shipped data/hadrons; RangeError naming the missing table otherwise. */
export function fig4HadronsDir(opts: Pick<Fig4Options, "hadronsDir"> = {}): string {
  const dir = inputDir("hadronsDir (the CHARM-II meson tables' parent)", opts.hadronsDir, "hadrons");
  for (const pid of [111, 221]) {
    const f = join(dir, "0.45TeV", "Pythia", `Pythia_0.45TeV_${pid}.txt`);
    if (!existsSync(f)) throw new RangeError(`CHARM-II meson table ${f} not found (hadronsDir = ${JSON.stringify(dir)} must hold 0.45TeV/Pythia/Pythia_0.45TeV_{111,221}.txt)`);
  }
  return dir;
}

/** The ν_τ-HNL bound directory: `boundsDir` or the shipped data/bounds/hnl-tau; RangeError naming it if missing. */
export function fig4BoundsDir(opts: Pick<Fig4Options, "boundsDir"> = {}): string {
  return inputDir("boundsDir (the ν_τ-HNL bound lines)", opts.boundsDir, "bounds", "hnl-tau");
}

/** Build the mass points (the expensive part, ~0.3–3 s each) for the given masses. */
export function fig4MassPoints(opts: Fig4Options = {}): HeavyZDMassPoint[] {
  const masses = opts.masses ?? fig4DefaultMasses();
  const setup = makeSetup("fasernu2-faser2", setupOptionsOf(opts));
  const hadronsDir = fig4HadronsDir(opts);
  const zdMax = opts.zdMassMax ?? 0.6;
  const mq = opts.mesonQuadrature ?? { subdivisions: 2, cosNodes: 12, phiNodes: 12 };
  return masses.map((mN) => {
    requirePositive("mass", mN);
    const zd = mN <= zdMax;
    const sigs: HeavyZDSignature[] = ["mixing-vessel", "mixing-elastic", "inelastic", "upscattering"];
    if (zd) sigs.push("zd-vessel", "zd-elastic");
    if (zd) sigs.push("charm2");
    return heavyZDMassPoint(fig4Benchmark(mN, 1e-6), setup, {
      signatures: sigs,
      zdProduction: { mesonQuadrature: mq },
      ...(opts.mixingAreaFactor !== undefined ? { mixingAreaFactor: opts.mixingAreaFactor } : {}),
      charm2: { hadronsDir, params: opts.charm2 ?? CHARM2_DEFAULTS, production: { mesonQuadrature: mq } },
    });
  });
}

/** Read the ν_τ-HNL bounds (two columns m_N [GeV], |U_τN|) and square the coupling. */
export function readHnlTauBounds(dir: string = hnlTauBoundsDir()): Fig4Region[] {
  if (!existsSync(dir)) throw new RangeError(`boundsDir = ${dir}: directory of the ν_τ-HNL bound files not found`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
  if (files.length === 0) throw new RangeError(`boundsDir = ${dir} holds no .txt bound files`);
  return files
    .sort()
    .map((f) => {
      const c = readTwoColumnTable(join(dir, f));
      return {
        name: f.replace(/^bounds_/, "").replace(/\.txt$/, ""),
        x: [...c.x],
        y: c.y.map((u) => u * u),
        closed: c.closed,
        provenance: `${c.provenance}\ncolumn 2 read as |U_τN| and squared (DELPHI's minimum 3.6e-3 ↔ |U|² = 1.3e-5, its published reach; docs/derivations/fig4.md §6)`,
      };
    });
}

/** Result of {@link fig4Lines}. */
export interface Fig4Lines {
  readonly lines: ReachLine[];
  readonly regions: Fig4Region[];
  readonly notes: string[];
  /** Per line: the largest event count found at each mass (for hover / diagnostics). */
  readonly maxEvents: Record<string, { readonly mass: number[]; readonly events: number[] }>;
  readonly seconds: number;
}

/**
 * The (m_N, |U_τN|²) plane of Fig. 4 left: one contour per entry of {@link FIG4_LINES} at its
 * event threshold, the existing bounds (if `boundsDir`), and notes on what each line assumes.
 */
export function fig4Lines(opts: Fig4Options = {}): Fig4Lines {
  const t0 = Date.now();
  const points = opts.points ?? fig4MassPoints(opts);
  const U2Min = opts.U2Min ?? 1e-12;
  const U2Max = opts.U2Max ?? 1;
  const levels = { vessel: opts.levels?.vessel ?? 3, electron: opts.levels?.electron ?? 20, charm2: opts.levels?.charm2 ?? 500 };
  const lines: ReachLine[] = [];
  const maxEvents: Fig4Lines["maxEvents"] = {};
  for (const spec of FIG4_LINES) {
    const level = levels[spec.level];
    // only the mass points where every term was built (Z_D signatures stop at zdMassMax)
    const built = points.filter((p) => spec.terms.every((t) => p.signatures.includes(t.signature)));
    const edges: EdgePair[] = built.map((p) => {
      const f = (U2: number) => spec.terms.reduce((s, t) => s + p.events(t.signature, Math.min(U2, 0.999), { angleCuts: t.angleCuts ?? true }), 0);
      return findEdges(f, level, p.model.mN, { yMin: U2Min, yMax: U2Max, scanPoints: 97, relTol: 1e-4 });
    });
    maxEvents[spec.name] = { mass: edges.map((e) => e.mass), events: edges.map((e) => e.maxEvents) };
    lines.push(...joinEdgeIslands(edges, spec.name, spec.label, level));
  }
  const regions = readHnlTauBounds(opts.boundsDir ?? hnlTauBoundsDir());
  const notes = [
    "Benchmark: m_ZD = 8 m_N, g_D = 1, ε = 1e-3, Dirac N mixing with ν_τ; FASERν2/FASER 2 at 3000 fb⁻¹ (SPEC §3).",
    `Thresholds: ${levels.vessel} events for vessel decays (E_vis > 100 GeV), ${levels.electron} for FASERν2 electron scattering (SPEC §5 cuts), ${levels.charm2} for CHARM-II.`,
    "Mixing production: ν_τ flux × (helicity/phase-space factor of D_s → τN and τ → NX, Ref. [79]); N energy and direction taken from the ν_τ it replaces; only N crossing the 50×50 cm² FASERν2 face enter the FASER 2 vessel (mixingAreaFactor = 1).",
    "Z_D → N N̄: Z_D from π⁰, η (EPOS-LHC tables, data/hadrons/14TeV) and FWW bremsstrahlung at 14 TeV; the N direction is integrated over the isotropic (unpolarised) two-body decay and tested against the 50×50 cm² FASERν2 face, the vessel's front disc (R = 1 m) and CHARM-II's 3.7×3.7 m² face (polarisation: ±4%, docs/derivations/fig4.md §3).",
    "N width: Z_D-mediated N → νℓℓ (full propagator, ERRATA E11) + SM neutral-current channels through U (νee, νμμ, 3ν, νπ⁰, νη, νρ, νω); multi-hadron channels above 1 GeV missing.",
    "CHARM-II: 450 GeV SPS, Pythia π⁰/η multiplicities per interaction, FWW brem at 450 GeV, 1 interaction/POT, 1.5e19 POT, 574 t glass at 820 m, 3 < E_e < 24 GeV (docs/derivations/fig4.md §5).",
    "Existing bounds: data/bounds/hnl-tau (FORESEE), second column read as |U_τN| and squared.",
  ];
  return { lines, regions, notes, maxEvents, seconds: (Date.now() - t0) / 1000 };
}

/** Default right-panel masses: those of {@link fig4DefaultMasses} up to 0.6 GeV (so the left panel's points can be shared). GeV. */
export function fig4RightMasses(): number[] {
  return fig4DefaultMasses().filter((m) => m <= 0.6);
}

/** Result of {@link fig4RightPanel}: N e → N e events (N from Z_D → N N̄, U2 → 0) vs m_N. */
export interface Fig4RightPanel {
  readonly masses: number[];
  readonly faser2: number[];
  readonly faser2NoAngle: number[];
  readonly charm2: number[];
  readonly levels: { readonly faser2: number; readonly charm2: number };
  readonly notes: string[];
}

/**
 * Fig. 4 right: expected elastic N e → N e events from Z_D → N N̄ as a function of m_N = m_ZD/8
 * (ε = 1e-3, g_D = 1) in FASERν2 (with and without the recoil-angle cuts) and CHARM-II, for a
 * long-lived N (U2 → 0, no decay before the detector). Default masses {@link fig4RightMasses}.
 */
export function fig4RightPanel(opts: Fig4Options = {}): Fig4RightPanel {
  // only the points where the Z_D signatures were built (m_N ≤ zdMassMax), so the left panel's points can be passed
  const points = (opts.points ?? fig4MassPoints({ ...opts, masses: opts.masses ?? fig4RightMasses() })).filter((p) => p.signatures.includes("zd-elastic") && p.signatures.includes("charm2"));
  const masses = points.map((p) => p.model.mN);
  return {
    masses,
    faser2: points.map((p) => p.events("zd-elastic", 0, { angleCuts: true })),
    faser2NoAngle: points.map((p) => p.events("zd-elastic", 0, { angleCuts: false })),
    charm2: points.map((p) => p.events("charm2", 0)),
    levels: { faser2: opts.levels?.electron ?? 20, charm2: opts.levels?.charm2 ?? 500 },
    notes: [
      "N from Z_D → N N̄ (BR ≈ 1), Z_D from π⁰/η decays and proton bremsstrahlung; U2 → 0 (N survives to the detector).",
      "FASERν2: SPEC §5 recoil cuts (solid) or energy window only (dashed); 1.8 m of tungsten, 3000 fb⁻¹.",
      "CHARM-II: see docs/derivations/fig4.md §5 for every number (POT, mass, distance, cuts); N through its 3.7×3.7 m² face at 820 m.",
      "The peak at m_N ≈ 0.098 GeV is the ω(782) pole of the proton form factor in the bremsstrahlung (m_ZD = 8 m_N = m_ω), resolved by the mass grid.",
    ],
  };
}

/**
 * Both panels of Fig. 4 from one set of mass points (issue 15): the right panel's default masses
 * are the left panel's up to 0.6 GeV, and a mass point does not depend on the grid it sits in,
 * so the right panel from the left panel's points equals {@link fig4RightPanel} on its own
 * (test/fig4.test.ts) at none of its cost.
 */
export function fig4Panels(opts: Fig4Options = {}): { left: Fig4Lines; right: Fig4RightPanel } {
  const points = opts.points ?? fig4MassPoints(opts);
  return { left: fig4Lines({ ...opts, points }), right: fig4RightPanel({ ...opts, points }) };
}
