/**
 * Pairing a detector with a neutrino flux: the named detectors of SPEC §3 with their flux
 * configurations of SPEC §4, checked for consistency (the flux must pass through the same
 * transverse area as the detector's target face). Every input not given explicitly comes from
 * a preset (lib/detector/presets.ts; default `paper`), and the setup carries the resolved values.
 */
import { FLAVOURS, FLUX_CONFIG_NAMES, loadFlux, type FluxConfigName, type FluxNormalisation, type FluxSet } from "../flux";
import { type Detector, detectorByName } from "../detector/geometry";
import { FPF_FLUX, isFpfDetector } from "../detector/fpf";
import { DEFAULT_PRESET, type FluxSource, type PresetName, presetByName } from "../detector/presets";
import { cm } from "../core/units";
import { requireOneOf } from "../core/validate";
import type { BinnedSpectrum, ProductionOptions } from "./productionTable";

/** The flux configuration of each named detector under a preset: FASERν2 takes the preset's, FASERν Run 3 always `fasernu-run3`. */
export function defaultFluxFor(detectorName: string, preset: PresetName = DEFAULT_PRESET): FluxConfigName {
  if (detectorName === "fasernu-faser") return "fasernu-run3";
  if (detectorName === "fasernu2-faser2") return presetByName(preset).flux;
  if (isFpfDetector(detectorName)) return FPF_FLUX[detectorName]; // the FPF detectors' own tables (lib/detector/fpf.ts)
  detectorByName(detectorName); // RangeError naming the allowed detectors
  throw new RangeError(`detector = ${JSON.stringify(detectorName)} has no default flux`);
}

/** The default flux configuration of each named detector (under the default preset). */
export const DEFAULT_FLUX: Readonly<Record<string, FluxConfigName>> = {
  "fasernu2-faser2": defaultFluxFor("fasernu2-faser2"),
  "fasernu-faser": defaultFluxFor("fasernu-faser"),
};

/** Options for {@link makeSetup}; each one given overrides the preset's value. */
export interface SetupOptions {
  /** The named input set (default "paper"). */
  readonly preset?: PresetName;
  /** Flux configuration (default: the preset's for FASERν2, fasernu-run3 for FASERν). */
  readonly flux?: string;
  /** Directory with Kling–Nevay tables (FASERv/, FASERv2/) instead of the shipped data/flux. */
  readonly fluxDir?: string;
  /** "tables" or "embedded" (default: the preset's; fluxDir implies "tables"). */
  readonly fluxSource?: FluxSource;
  /** "kling-nevay" or "tp" (rescaled to the FASERν Technical Proposal CC counts); default the preset's. */
  readonly normalisation?: FluxNormalisation;
  /** Atomic screening (A.5); default the preset's (off). */
  readonly screening?: boolean;
  readonly electronAngleCuts?: boolean;
  /** Decay flavours of the dipole N (SignalSetup.decayFlavours); default the preset's (1). */
  readonly decayFlavours?: number;
}

/** The inputs a setup was built with, after the preset and the explicit options are combined. */
export interface ResolvedInputs {
  readonly preset: PresetName;
  readonly flux: FluxConfigName;
  readonly fluxSource: FluxSource;
  /** Absolute table directory (null for the embedded fit). */
  readonly fluxDir: string | null;
  readonly normalisation: FluxNormalisation;
  /** TP factors applied per family (1 for kling-nevay). */
  readonly familyFactors: Readonly<Record<"e" | "mu" | "tau", number>>;
  readonly decayFlavours: number;
  readonly screening: boolean;
  readonly electronAngleCuts: boolean;
  readonly geometry: "spec";
}

/** A setup of {@link makeSetup}. */
/**
 * The model-free inputs of a signal computation (detector, neutrino spectra, quadrature
 * options): what every model's signatures read. `DipoleSetup` (lib/models/dipole/signatures) is
 * the same type under its old name, kept as a deprecated alias.
 */
export interface SignalSetup {
  readonly detector: Detector;
  /** Neutrino spectra through the target face, one per species (names as in flux files: nu_e, nubar_e, …). */
  readonly flux: readonly BinnedSpectrum[];
  /** Atomic screening of the coherent form factor (A.5); default false as in the paper (ERRATA E14). */
  readonly screening?: boolean;
  /** Apply the recoil-angle cuts of the electron-scattering signature (default true). */
  readonly electronAngleCuts?: boolean;
  /** Number of neutrino flavours the dipole N decays into (default: the preset's 1); makeSetup always sets it. */
  readonly decayFlavours?: number;
  /** The production quadrature: within-bin flux model and rule sizes (defaults in lib/engine/productionTable). */
  readonly quadrature?: SetupQuadrature;
}

/** The options of the production quadrature a setup may set. */
export type SetupQuadrature = Pick<ProductionOptions, "withinBin" | "ePoints" | "tPoints" | "panelsPerDecade" | "energyBreaks" | "splitAtThresholds">;

export type Setup = SignalSetup & { readonly fluxSet: FluxSet; readonly resolved: ResolvedInputs };

/** The resolved inputs in the snake_case form the CLI echoes under `inputs`. */
export function inputsJson(r: ResolvedInputs): Record<string, unknown> {
  return {
    preset: r.preset,
    flux: r.flux,
    flux_source: r.fluxSource,
    flux_dir: r.fluxDir,
    normalisation: r.normalisation,
    family_factors: r.familyFactors,
    decay_flavours: r.decayFlavours,
    screening: r.screening,
    electron_angle_cuts: r.electronAngleCuts,
    geometry: r.geometry,
  };
}

/** A detector, its flux and the signature options, ready for the signal engine. */
export function makeSetup(detectorName: string, opts: SetupOptions = {}): Setup {
  const detector: Detector = detectorByName(detectorName);
  const presetName = opts.preset ?? DEFAULT_PRESET;
  const preset = presetByName(presetName);
  const fluxName = opts.flux ?? defaultFluxFor(detectorName, presetName);
  requireOneOf("flux", fluxName, FLUX_CONFIG_NAMES);
  const fluxSource = opts.fluxSource ?? (opts.fluxDir !== undefined ? "tables" : preset.fluxSource);
  const normalisation = opts.normalisation ?? preset.normalisation;
  const fluxSet = loadFlux(fluxName, {
    ...(opts.fluxDir !== undefined ? { fluxDir: opts.fluxDir } : {}),
    source: fluxSource,
    normalisation,
  });
  const side_cm = detector.target.side / cm;
  if (Math.abs(fluxSet.area_cm2 / (side_cm * side_cm) - 1) > 1e-9) {
    throw new RangeError(
      `flux = ${JSON.stringify(fluxName)} passes through ${fluxSet.area_cm2} cm², but detector ${detectorName} has a ${side_cm}×${side_cm} cm² target (allowed: a flux of the same area)`,
    );
  }
  const decayFlavours = opts.decayFlavours ?? preset.decayFlavours;
  if (!(Number.isInteger(decayFlavours) && decayFlavours >= 1 && decayFlavours <= 3)) {
    throw new RangeError(`decayFlavours = ${decayFlavours} must be 1, 2 or 3`);
  }
  const screening = opts.screening ?? preset.screening;
  const electronAngleCuts = opts.electronAngleCuts ?? true;
  const resolved: ResolvedInputs = Object.freeze({
    preset: presetName,
    flux: fluxName,
    fluxSource,
    fluxDir: fluxSet.fluxDir,
    normalisation,
    familyFactors: fluxSet.familyFactors,
    decayFlavours,
    screening,
    electronAngleCuts,
    geometry: preset.geometry,
  });
  return { detector, flux: FLAVOURS.map((f) => fluxSet.spectra[f]), fluxSet, screening, electronAngleCuts, decayFlavours, resolved };
}

const SETUP_KEYS = ["preset", "flux", "fluxDir", "fluxSource", "normalisation", "screening", "electronAngleCuts", "decayFlavours"] as const;

/** The {@link SetupOptions} fields that are set in `opts` (for figure options that extend them). */
export function setupOptionsOf(opts: Partial<SetupOptions>): SetupOptions {
  const out: Record<string, unknown> = {};
  for (const k of SETUP_KEYS) if (opts[k] !== undefined) out[k] = opts[k];
  return out as SetupOptions;
}
