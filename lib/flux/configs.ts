/**
 * Named neutrino-flux configurations (SPEC §3–§4), read from the Kling–Nevay tables shipped in
 * data/flux (default), from another directory of the same format (`fluxDir`), or from the
 * embedded smooth fit (`source: "embedded"`, data/flux-default.json).
 *
 * - `fasernu-run3`: FASERν front face 25 × 25 cm², 480 m, 150 fb⁻¹ (tables FASERv/FASER_<pid>.txt).
 * - `fasernu2-paper`: the seed paper's recipe — the FASERν Run-3 spectrum × (3000/150) ×
 *   (50 × 50)/(25 × 25) = × 80, i.e. 50 × 50 cm² at 480 m, 3000 fb⁻¹.
 * - `fasernu2-fpf`: the FPF FASERν2 tables FASERv2/FASERv2_<pid>.txt, 620 m, 3000 fb⁻¹. Their
 *   transverse area is not stated in the tables' README; it is the 50 × 50 cm² of the FPF
 *   FASERν2 design (arXiv:2101.10338), consistent with the FLArE (1 × 1 m²) tables of the same
 *   source holding 2.3–3.7 × as many neutrinos.
 * - `fasernu2-fpf40`: the same FASERv2 tables scaled to the 40 × 40 cm² face of the FPF FASERν2
 *   design (lib/detector/fpf.ts, FPFSim geometry) by the area ratio (40/50)² = 0.64 — an
 *   assumption: the flux is taken uniform over the 50 × 50 cm² face (the forward flux peaks on
 *   the axis, so this slightly underestimates the inner 40 × 40 cm²).
 * - `flare-fpf`: the FPF FLArE tables FLArE/FLARE_<pid>.txt (data/flux/FLArE), 1 × 1 m² (the
 *   FLArE10 face of arXiv:2101.10338, matching FLArE's 1 × 1 m² fiducial cross section), 620 m,
 *   3000 fb⁻¹. Tables only: the embedded fit has no FLArE set.
 * - `normalisation: "tp"` rescales each family as in lib/flux/tpNormalisation.ts: the factors
 *   are TP CC count / Σ FASER_CCint table entries of the FASERν Run-3 tables (of `fluxDir`,
 *   else the shipped ones — also for the embedded source) and are applied to the chosen
 *   configuration — for `fasernu2-paper` this is the paper's own flux; for `fasernu2-fpf` it
 *   transfers the FASERν family ratios to 620 m (an assumption).
 *
 * Defaults (source, normalisation): DEFAULT_FLUX_SOURCE and DEFAULT_FLUX_NORMALISATION below,
 * which the default preset (lib/detector/presets.ts, "paper") takes as its flux choices.
 * The embedded fit stays as an option because it is a smooth, file-free flux (imported JSON): a
 * check that a count does not hinge on the tables' bin-to-bin Monte Carlo noise (ν_τ: 7–9 %).
 */
import { join } from "node:path";
import { FLAVOURS, PDG_ID, familyOf, type Family, type Flavour } from "./flavours";
import { makeSpectrum, scaleSpectrum, type Spectrum } from "./spectrum";
import { readFluxTable } from "./reader";
import { embeddedFlux, embeddedSpectrum, type EmbeddedSetName } from "./embedded";
import { tpFactorsFromCCint } from "./tpNormalisation";
import { dataDir } from "../core/dataDir";
import { requireOneOf } from "../core/validate";

/** Names of the flux configurations. */
export type FluxConfigName = "fasernu-run3" | "fasernu2-paper" | "fasernu2-fpf" | "fasernu2-fpf40" | "flare-fpf";
/** All configuration names. */
export const FLUX_CONFIG_NAMES: readonly FluxConfigName[] = ["fasernu-run3", "fasernu2-paper", "fasernu2-fpf", "fasernu2-fpf40", "flare-fpf"];

/** Normalisations: as the Kling–Nevay tables, or rescaled to the FASERν TP CC counts. */
export type FluxNormalisation = "kling-nevay" | "tp";

/** Default normalisation: the FASERν TP CC counts (ERRATA; the "paper" preset). */
export const DEFAULT_FLUX_NORMALISATION: FluxNormalisation = "tp";
export const FLUX_NORMALISATIONS: readonly FluxNormalisation[] = ["kling-nevay", "tp"];
/** Flux sources: binned tables or the embedded fit. */
/** Where the spectra come from: the shipped binned tables, or the embedded fit (data/flux-default.json). */
export type FluxSource = "tables" | "embedded";

/** Default flux source: the binned tables (the embedded fit deviates up to 15 % per bin for ν_τ). */
export const DEFAULT_FLUX_SOURCE: FluxSource = "tables";

export const FLUX_SOURCES: readonly FluxSource[] = ["tables", "embedded"];

/** A complete flux: six spectra (neutrinos per bin for the exposure) and what they describe. */
export interface FluxSet {
  readonly name: FluxConfigName;
  /** Integrated luminosity, fb⁻¹. */
  readonly exposure_fb: number;
  /** Transverse area the spectra pass through, cm². */
  readonly area_cm2: number;
  /** Distance of that plane from the ATLAS IP, m. */
  readonly distance_m: number;
  readonly normalisation: FluxNormalisation;
  /** Tables or embedded fit, and the table directory (absolute; the shipped data/flux by default). */
  readonly source: FluxSource;
  readonly fluxDir: string | null;
  /** Per-family factors applied by the TP normalisation (1 for "kling-nevay"). */
  readonly familyFactors: Readonly<Record<Family, number>>;
  readonly spectra: Readonly<Record<Flavour, Spectrum>>;
  /** Where the numbers came from and what was done to them. */
  readonly provenance: string;
}

/** Definition of a configuration in terms of a reference table set. */
export interface FluxConfigDefinition {
  readonly name: FluxConfigName;
  readonly description: string;
  readonly exposure_fb: number;
  readonly area_cm2: number;
  readonly distance_m: number;
  /** Table set the spectra come from (sub-directory and file prefix). */
  readonly tableSet: TableSetName;
  /** Exposure and area of that table set, to scale from. */
  readonly tableExposure_fb: number;
  readonly tableArea_cm2: number;
}

/** The Kling–Nevay table sets shipped in data/flux: the embedded fit's two, and FLArE (tables only). */
export type TableSetName = EmbeddedSetName | "FLArE";

const TABLE_PREFIX: Readonly<Record<TableSetName, string>> = { FASERv: "FASER_", FASERv2: "FASERv2_", FLArE: "FLARE_" };

/** The configurations of SPEC §4. */
export const FLUX_CONFIGS: Readonly<Record<FluxConfigName, FluxConfigDefinition>> = {
  "fasernu-run3": {
    name: "fasernu-run3",
    description: "FASERν, LHC Run 3: 25 × 25 cm² front face, 480 m from the ATLAS IP, 150 fb⁻¹ (Kling–Nevay FASERv tables)",
    exposure_fb: 150,
    area_cm2: 25 * 25,
    distance_m: 480,
    tableSet: "FASERv",
    tableExposure_fb: 150,
    tableArea_cm2: 25 * 25,
  },
  "fasernu2-paper": {
    name: "fasernu2-paper",
    description: "FASERν2 as in arXiv:2011.04751: FASERν Run-3 spectrum × (3000/150) × (50×50)/(25×25), 480 m, 3000 fb⁻¹",
    exposure_fb: 3000,
    area_cm2: 50 * 50,
    distance_m: 480,
    tableSet: "FASERv",
    tableExposure_fb: 150,
    tableArea_cm2: 25 * 25,
  },
  "fasernu2-fpf": {
    name: "fasernu2-fpf",
    description: "FASERν2 at the Forward Physics Facility: 50 × 50 cm², 620 m from the ATLAS IP, 3000 fb⁻¹ (Kling–Nevay FASERv2 tables)",
    exposure_fb: 3000,
    area_cm2: 50 * 50,
    distance_m: 620,
    tableSet: "FASERv2",
    tableExposure_fb: 3000,
    tableArea_cm2: 50 * 50,
  },
  "fasernu2-fpf40": {
    name: "fasernu2-fpf40",
    description: "FASERν2 of the FPF design: 40 × 40 cm², 620 m, 3000 fb⁻¹ (Kling–Nevay FASERv2 tables × (40/50)², flux taken uniform over the face)",
    exposure_fb: 3000,
    area_cm2: 40 * 40,
    distance_m: 620,
    tableSet: "FASERv2",
    tableExposure_fb: 3000,
    tableArea_cm2: 50 * 50,
  },
  "flare-fpf": {
    name: "flare-fpf",
    description: "FLArE at the Forward Physics Facility: 1 × 1 m², 620 m from the ATLAS IP, 3000 fb⁻¹ (Kling–Nevay FLArE tables)",
    exposure_fb: 3000,
    area_cm2: 100 * 100,
    distance_m: 620,
    tableSet: "FLArE",
    tableExposure_fb: 3000,
    tableArea_cm2: 100 * 100,
  },
};

/** Options of {@link loadFlux}. */
export interface FluxLoadOptions {
  /** Directory holding FASERv/ (and FASERv2/) Kling–Nevay tables; default the shipped data/flux. Implies `source: "tables"`. */
  readonly fluxDir?: string;
  /** "tables" or "embedded" (default: the default preset's, "tables"). */
  readonly source?: FluxSource;
  /** Default: the default preset's ("tp"). */
  readonly normalisation?: FluxNormalisation;
}

/** The six unscaled spectra of a table set, from the tables in `fluxDir` or (null) the embedded fit. */
function tableSpectra(set: TableSetName, fluxDir: string | null): Record<Flavour, Spectrum> {
  const out = {} as Record<Flavour, Spectrum>;
  for (const f of FLAVOURS) {
    if (fluxDir === null) {
      if (set === "FLArE") throw new RangeError(`flux source = "embedded" has no ${set} set (allowed for this configuration: source "tables")`);
      out[f] = embeddedSpectrum(set, f);
    } else {
      const t = readFluxTable(join(fluxDir, set, `${TABLE_PREFIX[set]}${PDG_ID[f]}.txt`));
      out[f] = makeSpectrum(f, t.centres, t.counts);
    }
  }
  return out;
}

/**
 * Loads a named flux configuration (see the module comment): the spectra from
 * `<fluxDir>/FASERv/FASER_<pid>.txt` or `<fluxDir>/FASERv2/FASERv2_<pid>.txt` (read and
 * validated; fluxDir defaults to the shipped data/flux), or from data/flux-default.json with
 * `source: "embedded"`.
 */
export function loadFlux(name: string, options: FluxLoadOptions = {}): FluxSet {
  requireOneOf("flux configuration", name, FLUX_CONFIG_NAMES);
  const normalisation = options.normalisation ?? DEFAULT_FLUX_NORMALISATION;
  requireOneOf("normalisation", normalisation, FLUX_NORMALISATIONS);
  const source = options.source ?? (options.fluxDir !== undefined ? "tables" : DEFAULT_FLUX_SOURCE);
  requireOneOf("flux source", source, FLUX_SOURCES);
  if (source === "embedded" && options.fluxDir !== undefined) {
    throw new RangeError(`fluxDir = ${JSON.stringify(options.fluxDir)} given with source = "embedded" (allowed: a table directory with source "tables", or no fluxDir)`);
  }
  const tablesDir = options.fluxDir ?? dataDir("flux");
  const def = FLUX_CONFIGS[name];
  const scale = (def.exposure_fb / def.tableExposure_fb) * (def.area_cm2 / def.tableArea_cm2);
  const raw = tableSpectra(def.tableSet, source === "tables" ? tablesDir : null);
  const factors: Record<Family, number> = normalisation === "tp" ? tpFactorsFromCCint(tablesDir) : { e: 1, mu: 1, tau: 1 };
  const spectra = {} as Record<Flavour, Spectrum>;
  for (const f of FLAVOURS) spectra[f] = scaleSpectrum(raw[f], scale * factors[familyOf(f)]);
  const from =
    source === "embedded"
      ? `embedded fit data/flux-default.json (of ${def.tableSet} tables, ${embeddedFlux.provenance.source}, commit ${embeddedFlux.provenance.sourceCommit}, fitted ${embeddedFlux.provenance.fitDate})`
      : `Kling–Nevay tables ${join(tablesDir, def.tableSet)}/${TABLE_PREFIX[def.tableSet]}<pid>.txt`;
  const provenance = [
    `${def.description}.`,
    `Spectra: ${from}${scale !== 1 ? `, scaled by ${scale} (exposure ${def.tableExposure_fb} → ${def.exposure_fb} fb⁻¹, area ${def.tableArea_cm2} → ${def.area_cm2} cm²)` : ""}.`,
    normalisation === "tp"
      ? `TP-normalised: families scaled by e ${factors.e.toFixed(4)}, μ ${factors.mu.toFixed(4)}, τ ${factors.tau.toFixed(4)} so that FASERν Run 3 (1.2 t W, 150 fb⁻¹) has 1300/20000/20 CC interactions (arXiv:2001.03073) instead of the ${join(tablesDir, "FASERv")}/FASER_CCint_<pid>.txt sums.`
      : "Normalisation: as the Kling–Nevay tables.",
  ].join(" ");
  return Object.freeze({
    name,
    exposure_fb: def.exposure_fb,
    area_cm2: def.area_cm2,
    distance_m: def.distance_m,
    normalisation,
    source,
    fluxDir: source === "tables" ? tablesDir : null,
    familyFactors: Object.freeze(factors),
    spectra: Object.freeze(spectra),
    provenance,
  });
}
