/**
 * The one declarative description of every nudump command and option. Parsing (commander),
 * validation (units, ranges, integers, choices, combinations) and the per-command help come
 * from here (cli/options.ts reads it); the README summarises the ranges.
 *
 * Physical ranges (why):
 * - energies 0 < E ≤ 7000 GeV: a neutrino (or N) from 14 TeV pp collisions carries at most
 *   the beam energy √s/2.
 * - m_N, m_ZD in [1e-4, 100] GeV: above 100 GeV no LHC neutrino reaches threshold on a nucleon
 *   (√s(ν p) ≤ √(2 m_p · 7 TeV) ≈ 115 GeV); below 0.1 MeV every width underflows (Γ ∝ m³…m⁵).
 * - μ_N in [1e-12, 1e-2] GeV⁻¹ and μ_N m_N ≤ 1: the dipole is an effective operator of scale
 *   Λ ~ 1/μ_N, which must lie above the energies probed (Λ ≥ 100 GeV); μ_N m_N ≤ 1 keeps N
 *   narrow (Γ/m_N = (μ_N m_N)²/4π ≤ 8 %). Below 1e-12 GeV⁻¹ every count is < 1e-40.
 * - |U|² in [0, 1) (a mixing-matrix element; the library needs 1 − |U|² > 0); 0 < g_D ≤ √(4π) and α_D ≤ 1 (perturbative dark
 *   coupling); |ε| ≤ 1 and α ε² ≤ α (lib/core/constants; kinetic mixing).
 */
import { alpha } from "../lib/core/constants";
import { detectors } from "../lib/detector/geometry";
import { FLUX_CONFIG_NAMES } from "../lib/flux";
import { FPF_DETECTOR_NAMES } from "../lib/detector/fpf";
import { DIPOLE_SIGNATURES } from "../lib/models/dipole/signatures";
import { EVENT_FORMATS, PARQUET_COMPRESSIONS } from "../lib/events/formats";
import { availableParallelism } from "node:os";

export type Kind = "quantity" | "number" | "integer" | "choice" | "flag" | "pair" | "dir" | "path";
/** A combination: every listed option has one of the listed values (after defaults). */
export type Condition = Readonly<Record<string, readonly string[]>>;

export interface OptionDef {
  readonly name: string;
  readonly kind: Kind;
  readonly help: string;
  /** mathjs unit of a quantity (plain numbers are in this unit). */
  readonly unit?: string;
  readonly choices?: readonly string[];
  /** Allowed range; `positive` makes the lower bound exclusive at 0. */
  readonly min?: number;
  readonly max?: number;
  readonly positive?: boolean;
  /** The upper bound is exclusive (U2 < 1: a sterile state keeps some of itself). */
  readonly maxExclusive?: boolean;
  /** Applied when the option is absent (and echoed in `inputs`). */
  readonly default?: string | number | boolean;
  /** Default computed from other options (documented; applied by the command). */
  readonly defaultText?: string;
  readonly required?: boolean;
  /** The option is meaningful only in one of these combinations; otherwise giving it is an error. */
  readonly only?: readonly Condition[];
  readonly short?: string;
}

export interface CommandDef {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionDef[];
  readonly examples: readonly string[];
}

export const MAX_BINS = 1e4;
export const MAX_EVENTS = 1e9;
export const MAX_MASSES = 1e3;
export const MAX_WORKERS = Math.max(1, availableParallelism());
export const E_MAX = 7000;
export const M_MIN = 1e-4;
export const M_MAX = 100;
export const MU_MIN = 1e-12;
export const MU_MAX = 1e-2;
/** The named detectors (lib/detector/geometry): a detector added there is a --detector value with no CLI edit. */
export const DETECTOR_NAMES: readonly string[] = Object.keys(detectors);

const DIPOLE: Condition = { model: ["dipole"] };
const DARK: Condition = { model: ["darkboson"] };
const PRESETS = ["paper", "current"] as const;
const ZD: Condition = { particle: ["ZD"] };
/** The preset's decay-flavour count (both presets: 1, the paper's rule of thumb (3.2)). */
const DECAY_FLAVOURS_DEFAULT = "the preset's (1: Γ(N → νγ) = (B.1) once, the paper's (3.2))";

const common: OptionDef[] = [
  { name: "json", kind: "flag", help: "JSON on stdout" },
  { name: "debug", kind: "flag", help: "print the stack of an internal error" },
  { name: "help", kind: "flag", short: "h", help: "this help" },
];
const preset: OptionDef = {
  name: "preset",
  kind: "choice",
  choices: PRESETS,
  default: "paper",
  help: "input set (lib/detector/presets.ts): paper = Kling–Nevay tables TP-normalised, Γ(N → νγ) = (B.1) once, no screening; current = the Kling–Nevay flux as published; every option below overrides it",
};

const mN = (extra: Partial<OptionDef> = {}): OptionDef => ({
  name: "mN", kind: "quantity", unit: "GeV", min: M_MIN, max: M_MAX, required: true, help: "heavy neutral lepton mass m_N", ...extra,
});
const mu = (extra: Partial<OptionDef> = {}): OptionDef => ({
  name: "mu", kind: "quantity", unit: "GeV^-1", min: MU_MIN, max: MU_MAX, required: true, only: [DIPOLE],
  help: "dipole coupling μ_N of L = μ_N ν̄ σ^{μν} N F_{μν} (μ_N m_N ≤ 1)", ...extra,
});
const dipoleCoupling: OptionDef[] = [
  { name: "coupling", kind: "choice", choices: ["universal", "tau"], default: "universal", only: [DIPOLE], help: "flavour structure of μ_N" },
  { name: "decay-flavours", kind: "integer", min: 1, max: 3, defaultText: DECAY_FLAVOURS_DEFAULT, only: [DIPOLE], help: "decay flavours of N → ν_α γ counted in Γ" },
];
const darkCouplings = (only: readonly Condition[]): OptionDef[] => [
  { name: "gD", kind: "number", positive: true, max: Math.sqrt(4 * Math.PI), only, help: "dark coupling g_D > 0 (with --eps; its sign is a convention, ε carries the relative sign)" },
  { name: "eps", kind: "number", min: -1, max: 1, only, help: "kinetic mixing ε (with --gD; may be negative)" },
  { name: "alphaD", kind: "number", positive: true, max: 1, only, help: "α_D = g_D²/4π (with --alphaEps2)" },
  { name: "alphaEps2", kind: "number", positive: true, max: alpha, only, help: "α ε² (with --alphaD)" },
];
const mZD = (extra: Partial<OptionDef> = {}): OptionDef => ({
  name: "mZD", kind: "quantity", unit: "GeV", min: M_MIN, max: M_MAX, only: [DARK], help: "dark gauge boson mass m_ZD", ...extra,
});
const flavour = (extra: Partial<OptionDef> = {}): OptionDef => ({
  name: "flavour", kind: "choice", choices: ["e", "mu", "tau"], default: "mu", only: [DARK], help: "flavour α of the mixing U_αN", ...extra,
});
/** The input options every setup-using command shares (the preset fills what is not given). */
const inputOptions: OptionDef[] = [
  preset,
  { name: "flux-dir", kind: "dir", defaultText: "the shipped data/flux tables", help: "directory of Kling–Nevay flux tables (FASERv/, FASERv2/); implies --flux-source tables" },
  { name: "flux-source", kind: "choice", choices: ["tables", "embedded"], defaultText: "the preset's (tables)", help: "the binned tables or the embedded fit of them" },
  { name: "normalisation", kind: "choice", choices: ["kling-nevay", "tp"], defaultText: "the preset's (paper: tp; current: kling-nevay)", help: "flux normalisation (tp: rescaled to the FASERν TP CC counts)" },
];
const fluxOptions: OptionDef[] = [
  { name: "detector", kind: "choice", choices: DETECTOR_NAMES, default: "fasernu2-faser2", help: "detector pair" },
  { name: "flux", kind: "choice", choices: FLUX_CONFIG_NAMES, defaultText: "the preset's for FASERν2 (fasernu2-paper), fasernu-run3 for FASERν", help: "flux configuration" },
  ...inputOptions,
];
const signature: OptionDef = {
  name: "signature", kind: "choice", required: true,
  choices: [...DIPOLE_SIGNATURES],
  help: `dipole: ${DIPOLE_SIGNATURES.join("|")}; darkboson: vessel-dileptons|electron-scattering`,
};
const VESSEL: Condition = { model: ["darkboson"], signature: ["vessel-dileptons"] };
const DARK_E: Condition = { model: ["darkboson"], signature: ["electron-scattering"] };
const signalOptions = (forEvents: boolean): OptionDef[] => [
  { name: "model", kind: "choice", choices: ["dipole", "darkboson"], default: "dipole", help: "portal" },
  signature,
  ...fluxOptions,
  mN(),
  mu(),
  ...dipoleCoupling,
  { name: "screening", kind: "flag", only: [DIPOLE], defaultText: "the preset's (off)", help: "atomic screening (A.5) of the coherent form factor" },
  { name: "no-angle-cuts", kind: "flag", only: [{ model: ["dipole"], signature: ["electron-scattering"] }, ...(forEvents ? [DARK_E] : [])], help: "drop the electron angle cuts" },
  { name: "production", kind: "choice", choices: ["secondary", "primary", "both", "mixing", "zd-decay", "upscattering"], only: forEvents ? [DARK] : [VESSEL],
    defaultText: "both (vessel-dileptons); required for electron-scattering", help: "vessel-dileptons: secondary|primary|both; electron-scattering (Fig. 4): mixing|zd-decay|upscattering" },
  { name: "U2", kind: "number", min: 0, max: 1, maxExclusive: true, only: [DARK], required: true, help: "mixing |U_αN|² (> 0 for vessel-dileptons)" },
  mZD({ defaultText: "0.03 (vessel-dileptons); 8 × mN (electron-scattering)" }),
  { name: "alphaD", kind: "number", positive: true, max: 1, only: [DARK], defaultText: "0.25 (vessel-dileptons)", help: "α_D = g_D²/4π" },
  { name: "alphaEps2", kind: "number", positive: true, max: alpha, only: [DARK], defaultText: "2e-10 (vessel-dileptons)", help: "α ε²" },
  ...darkCouplings(forEvents ? [DARK_E] : []).slice(0, 2).map((o) => ({ ...o, defaultText: "gD 1, eps 1e-3 (electron-scattering, unless --alphaD/--alphaEps2)" })),
  flavour({ defaultText: "mu (vessel-dileptons); tau, the only choice (electron-scattering)" , default: undefined }),
  { name: "reading", kind: "choice", choices: ["errata", "literal"], default: "errata", only: [VESSEL], help: "Z_D → νν̄ width: ERRATA E10, or the literal (B.8)" },
];

const XSEC: CommandDef = {
  name: "xsec",
  summary: "total cross section σ(E) of N production (or N e → N e)",
  examples: ["nudump xsec --model dipole --process coherent --E 1TeV --mN 1 --mu 1e-6 --json"],
  options: [
    { name: "model", kind: "choice", choices: ["dipole", "darkboson"], required: true, help: "portal" },
    { name: "process", kind: "choice", choices: ["coherent", "incoherent", "proton", "neutron", "electron", "electron-elastic"], required: true, help: "target process (electron-elastic: darkboson only)" },
    { name: "target", kind: "choice", choices: ["W"], default: "W", help: "target material" },
    { name: "E", kind: "quantity", unit: "GeV", positive: true, max: E_MAX, required: true, help: "neutrino energy (electron-elastic: the N energy)" },
    mN(),
    mu({ required: false, default: 1e-6 }),
    mZD({ required: true }),
    ...darkCouplings([DARK]),
    { name: "U2", kind: "number", min: 0, max: 1, maxExclusive: true, default: 0, only: [DARK], help: "mixing |U_αN|²" },
    flavour(),
    { name: "tmax", kind: "quantity", unit: "GeV^2", positive: true, max: 1e8, only: [{ process: ["coherent", "incoherent", "proton", "neutron", "electron"] }], help: "keep |t| < tmax" },
    { name: "recoil", kind: "pair", unit: "GeV", min: 0, max: E_MAX, help: "target recoil window Tmin,Tmax" },
    { name: "screening", kind: "flag", only: [{ process: ["coherent"] }], defaultText: "the preset's (off)", help: "atomic screening (A.5) of the coherent form factor" },
    preset,
    ...common,
  ],
};

const WIDTH: CommandDef = {
  name: "width",
  summary: "decay widths, branching fractions, lifetimes and decay lengths",
  examples: ["nudump width --model dipole --mN 500MeV --mu 5e-7 --E 1000 --json", "nudump width --particle ZD --mZD 30MeV --alphaD 0.25 --alphaEps2 2e-10 --json"],
  options: [
    { name: "particle", kind: "choice", choices: ["N", "ZD"], default: "N", help: "the decaying particle" },
    { name: "model", kind: "choice", choices: ["dipole", "darkboson"], defaultText: "required for --particle N; darkboson for ZD", help: "portal" },
    mN({ required: false, defaultText: "required for --particle N; 10 × mZD for ZD (Z_D → N N̄ closed)" }),
    mu({ only: [{ model: ["dipole"], particle: ["N"] }], required: false, defaultText: "required for --model dipole" }),
    ...dipoleCoupling.map((o) => ({ ...o, only: [{ model: ["dipole"], particle: ["N"] }] })),
    mZD({ only: [DARK, ZD], required: true }),
    ...darkCouplings([DARK, ZD]),
    { name: "U2", kind: "number", min: 0, max: 1, maxExclusive: true, default: 0, only: [DARK, ZD], help: "mixing |U_αN|²" },
    flavour({ only: [DARK, ZD] }),
    { name: "E", kind: "quantity", unit: "GeV", positive: true, max: E_MAX, help: "lab energy (≥ the mass) for decay_length_m, from the total width (N → νℓℓ included), and, for the dipole N, decay_length_nu_gamma_m, from Γ(N → νγ) = (B.1) once: the paper's rule of thumb (3.2)" },
    preset,
    ...common,
  ],
};

const EVENTS: CommandDef = {
  name: "events",
  summary: "expected signal events of a signature in a detector",
  examples: [
    "nudump events --model dipole --signature vessel-photons --mN 500MeV --mu 5e-7 --json",
    "nudump events --model darkboson --signature vessel-dileptons --mN 0.3 --U2 1e-7 --json",
    "nudump events --model darkboson --signature electron-scattering --production zd-decay --mN 0.02 --U2 1e-6 --json",
  ],
  options: [...signalOptions(true), ...common],
};

const SPECTRUM: CommandDef = {
  name: "spectrum",
  summary: "the visible-energy spectrum of a signature (JSON or CSV)",
  examples: ["nudump spectrum --model dipole --signature ecc-photons-1tev --mN 2 --mu 1e-6 --csv"],
  options: [
    ...signalOptions(false),
    { name: "bins", kind: "integer", min: 1, max: MAX_BINS, default: 40, help: "number of log-spaced bins" },
    { name: "emin", kind: "quantity", unit: "GeV", positive: true, max: 1e5, defaultText: "100 (0.3 for electron-scattering)", help: "lower edge" },
    { name: "emax", kind: "quantity", unit: "GeV", positive: true, max: 1e5, defaultText: "1e4 (20 for electron-scattering; 2e4 for darkboson)", help: "upper edge (> emin)" },
    { name: "n", kind: "integer", min: 1, max: MAX_EVENTS, default: 200000, only: [{ model: ["dipole"], signature: ["vessel-dileptons"] }], help: "Monte Carlo events (dipole vessel-dileptons)" },
    { name: "seed", kind: "integer", min: 0, max: 2 ** 32 - 1, default: 1, only: [{ model: ["dipole"], signature: ["vessel-dileptons"] }], help: "random seed" },
    { name: "csv", kind: "flag", help: "CSV on stdout" },
    ...common,
  ],
};

const SAMPLE: CommandDef = {
  name: "sample",
  summary: "Monte Carlo events with full final states (HepMC3, Parquet, CSV or JSON), streamed",
  examples: [
    "nudump sample --signature vessel-photons --mN 0.5 --mu 5e-7 --n 10000 --seed 1 --out events.hepmc3",
    "nudump sample --model darkboson --signature vessel-dileptons --production secondary --mN 0.3 --U2 1e-7 --n 1000 --seed 1 --out ee.parquet",
  ],
  options: [
    { name: "model", kind: "choice", choices: ["dipole", "darkboson"], default: "dipole", help: "portal (darkboson: the Fig. 3 vessel e⁺e⁻)" },
    { ...signature, help: `dipole: ${DIPOLE_SIGNATURES.join("|")}; darkboson: vessel-dileptons, electron-scattering (with --production upscattering|mixing|zd-decay, Fig. 4)` },
    // charm2: CHARM-II at the SPS, a sample-only value (not in the FASER detector registry: no flux tables; cli/sampleFig4Ip.ts)
    ...fluxOptions.map((o) => (o.name === "detector" ? { ...o, choices: [...DETECTOR_NAMES, "charm2"], help: "detector pair; charm2: CHARM-II at the 450 GeV SPS (only --model darkboson --production zd-decay --signature electron-scattering, Fig. 4 right)" } : o)),
    mN(),
    mu(),
    ...dipoleCoupling,
    { name: "screening", kind: "flag", only: [DIPOLE], defaultText: "the preset's (off)", help: "atomic screening (A.5) of the coherent form factor" },
    { name: "no-angle-cuts", kind: "flag", only: [{ model: ["dipole"], signature: ["electron-scattering"] }, DARK_E], help: "drop the electron angle cuts" },
    { name: "production", kind: "choice", choices: ["secondary", "primary", "upscattering", "mixing", "zd-decay"], only: [DARK], required: true, help: "Fig. 3 vessel-dileptons: secondary (ν T → N T, N → ν Z_D, Z_D → e⁺e⁻) or primary (Z_D from the IP → e⁺e⁻); Fig. 4 (heavy Z_D, ν_τ): upscattering with vessel-dileptons (ν_τ W → N W, N → ν e⁺e⁻) or electron-scattering (ν_τ e → N e); mixing (D_s → τN, τ → NX) or zd-decay (Z_D → N N̄) at the IP with vessel-dileptons (N → ν e⁺e⁻) or electron-scattering (N e → N e)" },
    { name: "U2", kind: "number", min: 0, max: 1, maxExclusive: true, only: [DARK], required: true, help: "mixing |U_αN|² (> 0)" },
    mZD({ defaultText: "0.03; 8 × mN with --production upscattering|mixing|zd-decay" }),
    { name: "alphaD", kind: "number", positive: true, max: 1, only: [DARK], defaultText: "0.25; g_D = 1 with --production upscattering|mixing|zd-decay", help: "α_D = g_D²/4π" },
    { name: "alphaEps2", kind: "number", positive: true, max: alpha, only: [DARK], defaultText: "2e-10; ε = 1e-3 with --production upscattering|mixing|zd-decay", help: "α ε²" },
    flavour({ default: undefined, defaultText: "mu" }),
    { name: "reading", kind: "choice", choices: ["errata", "literal"], default: "errata", only: [DARK], help: "Z_D → νν̄ width: ERRATA E10, or the literal (B.8)" },
    { name: "n", kind: "integer", min: 1, max: MAX_EVENTS, required: true, help: "events to sample (streamed)" },
    { name: "seed", kind: "integer", min: 0, max: 2 ** 32 - 1, required: true, help: "random seed" },
    { name: "out", kind: "path", defaultText: "stdout (CSV, or JSON with --json)", help: "output file .hepmc3|.parquet|.csv|.json (written atomically; the extension gives the format)" },
    { name: "format", kind: "choice", choices: EVENT_FORMATS, defaultText: "from --out's extension; csv on stdout (json with --json); parquet needs --out", help: "event file format" },
    { name: "compression", kind: "choice", choices: PARQUET_COMPRESSIONS, defaultText: "brotli", help: "Parquet page compression: brotli (smallest), gzip (for readers built without brotli) or none (about twice the size, 1.3–2× faster to write: docs/events.md); only with a Parquet file" },
    { name: "workers", kind: "integer", min: 1, max: 256, defaultText: "one per core (in this thread below 100000 events)", only: [DIPOLE], help: "worker threads generating and encoding the chunks; the file is the same bytes for any number" },
    { name: "force-decay", kind: "choice", choices: ["vessel", "tungsten", "none"], only: [DIPOLE], defaultText: "the signature's region (vessel, tungsten; none for electron-scattering)", help: "force the N decay into a volume (weights corrected)" },
    ...common,
  ],
};

const REACH: CommandDef = {
  name: "reach",
  summary: "the data of the paper's figures (JSON and CSV files; PNG/SVG with --images)",
  examples: ["nudump reach --figure 1 --panel universal --out out/", "nudump reach --figure 1 --panel universal --detector fpf-flare-faser2 --out out/", "nudump reach --figure 2 --out out/"],
  options: [
    { name: "figure", kind: "choice", choices: ["1", "2", "3", "4"], required: true, help: "paper figure" },
    { name: "panel", kind: "choice", choices: ["universal", "tau"], only: [{ figure: ["1"] }], defaultText: "required for --figure 1", help: "Fig. 1 panel" },
    { name: "masses", kind: "integer", min: 2, max: MAX_MASSES, default: 61, only: [{ figure: ["1"] }], help: "starting mass grid, log-spaced over 1 MeV–10 GeV (61: the paper's grid), refined where a contour turns" },
    { name: "refine-rounds", kind: "integer", min: 0, max: 10, default: 4, only: [{ figure: ["1"] }], help: "rounds of refining the mass grid where a contour turns or leaves the scan" },
    { name: "workers", kind: "integer", min: 1, max: MAX_WORKERS, defaultText: "one per core", only: [{ figure: ["1"] }], help: `worker threads (1..${MAX_WORKERS})` },
    { name: "decay-flavours", kind: "integer", min: 1, max: 3, defaultText: DECAY_FLAVOURS_DEFAULT, only: [{ figure: ["1"] }], help: "decay flavours of N → ν_α γ counted in Γ" },
    { name: "detector", kind: "choice", choices: ["fasernu2-faser2", ...FPF_DETECTOR_NAMES], default: "fasernu2-faser2", only: [{ figure: ["1"] }], help: "fasernu2-faser2: the paper's lines; an FPF detector (lib/detector/fpf.ts): its lines with the flux band (kling-nevay ↔ tp), in this thread" },
    { name: "hadrons-dir", kind: "dir", defaultText: "the shipped data/hadrons", only: [{ figure: ["4"] }], help: "directory holding 0.45TeV/Pythia (the 450 GeV meson tables of the CHARM-II line)" },
    { name: "bounds-dir", kind: "dir", defaultText: "the shipped data/bounds/hnl-tau", only: [{ figure: ["4"] }], help: "the gray bounds" },
    { name: "out", kind: "path", required: true, help: "output directory (its parent must exist); a manifest is written last" },
    { name: "images", kind: "flag", help: "also draw each figure as PNG and SVG (needs Chromium); without it only the data is written" },
    ...inputOptions,
    ...common,
  ],
};

export const COMMAND_DEFS: readonly CommandDef[] = [XSEC, WIDTH, EVENTS, SPECTRUM, SAMPLE, REACH];
