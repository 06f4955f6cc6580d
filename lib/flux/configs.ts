/**
 * Named neutrino-flux configurations (SPEC §3–§4), each loadable from a directory of
 * Kling–Nevay tables (`fluxDir`, e.g. ../shared/data/flux) or from the embedded default.
 *
 * - `fasernu-run3`: FASERν front face 25 × 25 cm², 480 m, 150 fb⁻¹ (tables FASERv/FASER_<pid>.txt).
 * - `fasernu2-paper`: the seed paper's recipe — the FASERν Run-3 spectrum × (3000/150) ×
 *   (50 × 50)/(25 × 25) = × 80, i.e. 50 × 50 cm² at 480 m, 3000 fb⁻¹.
 * - `fasernu2-fpf`: the FPF FASERν2 tables FASERv2/FASERv2_<pid>.txt, 620 m, 3000 fb⁻¹. Their
 *   transverse area is not stated in the tables' README; it is the 50 × 50 cm² of the FPF
 *   FASERν2 design (arXiv:2101.10338), consistent with the FLArE (1 × 1 m²) tables of the same
 *   source holding 2.3–3.7 × as many neutrinos.
 * - `normalisation: "tp"` rescales each family as in lib/flux/tpNormalisation.ts: the factors
 *   are computed from the FASERν Run-3 spectra of the same source (tables or embedded) and
 *   applied to the chosen configuration — for `fasernu2-paper` this is the paper's own flux;
 *   for `fasernu2-fpf` it transfers the FASERν family ratios to 620 m (an assumption).
 */
import { join } from "node:path";
import { FLAVOURS, PDG_ID, familyOf, type Family, type Flavour } from "./flavours";
import { makeSpectrum, scaleSpectrum, type Spectrum } from "./spectrum";
import { readFluxTable } from "./reader";
import { embeddedFlux, embeddedSpectrum, type EmbeddedSetName } from "./embedded";
import { tpFactors } from "./tpNormalisation";
import { requireOneOf } from "../validate";

/** Names of the flux configurations. */
export type FluxConfigName = "fasernu-run3" | "fasernu2-paper" | "fasernu2-fpf";
/** All configuration names. */
export const FLUX_CONFIG_NAMES: readonly FluxConfigName[] = ["fasernu-run3", "fasernu2-paper", "fasernu2-fpf"];

/** Normalisations: as the Kling–Nevay tables, or rescaled to the FASERν TP CC counts. */
export type FluxNormalisation = "kling-nevay" | "tp";
export const FLUX_NORMALISATIONS: readonly FluxNormalisation[] = ["kling-nevay", "tp"];

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
  readonly tableSet: EmbeddedSetName;
  /** Exposure and area of that table set, to scale from. */
  readonly tableExposure_fb: number;
  readonly tableArea_cm2: number;
}

const TABLE_PREFIX: Readonly<Record<EmbeddedSetName, string>> = { FASERv: "FASER_", FASERv2: "FASERv2_" };

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
};

/** Options of {@link loadFlux}. */
export interface FluxLoadOptions {
  /** Directory holding FASERv/ and FASERv2/ Kling–Nevay tables; absent → embedded default. */
  readonly fluxDir?: string;
  /** Default "kling-nevay". */
  readonly normalisation?: FluxNormalisation;
}

/** The six unscaled spectra of a table set, from `fluxDir` or the embedded default. */
function tableSpectra(set: EmbeddedSetName, fluxDir: string | undefined): Record<Flavour, Spectrum> {
  const out = {} as Record<Flavour, Spectrum>;
  for (const f of FLAVOURS) {
    if (fluxDir === undefined) {
      out[f] = embeddedSpectrum(set, f);
    } else {
      const t = readFluxTable(join(fluxDir, set, `${TABLE_PREFIX[set]}${PDG_ID[f]}.txt`));
      out[f] = makeSpectrum(f, t.centres, t.counts);
    }
  }
  return out;
}

/**
 * Loads a named flux configuration (see the module comment). With `fluxDir` the spectra are
 * read (and validated) from `<fluxDir>/FASERv/FASER_<pid>.txt` or
 * `<fluxDir>/FASERv2/FASERv2_<pid>.txt`; without, they come from data/flux-default.json.
 */
export function loadFlux(name: string, options: FluxLoadOptions = {}): FluxSet {
  requireOneOf("flux configuration", name, FLUX_CONFIG_NAMES);
  const normalisation = options.normalisation ?? "kling-nevay";
  requireOneOf("normalisation", normalisation, FLUX_NORMALISATIONS);
  const def = FLUX_CONFIGS[name];
  const scale = (def.exposure_fb / def.tableExposure_fb) * (def.area_cm2 / def.tableArea_cm2);
  const raw = tableSpectra(def.tableSet, options.fluxDir);
  const factors: Record<Family, number> =
    normalisation === "tp" ? tpFactors(def.tableSet === "FASERv" ? raw : tableSpectra("FASERv", options.fluxDir)) : { e: 1, mu: 1, tau: 1 };
  const spectra = {} as Record<Flavour, Spectrum>;
  for (const f of FLAVOURS) spectra[f] = scaleSpectrum(raw[f], scale * factors[familyOf(f)]);
  const from =
    options.fluxDir === undefined
      ? `embedded default data/flux-default.json (fit of ${def.tableSet} tables, ${embeddedFlux.provenance.source}, commit ${embeddedFlux.provenance.sourceCommit}, fitted ${embeddedFlux.provenance.fitDate})`
      : `Kling–Nevay tables ${join(options.fluxDir, def.tableSet)}/${TABLE_PREFIX[def.tableSet]}<pid>.txt`;
  const provenance = [
    `${def.description}.`,
    `Spectra: ${from}${scale !== 1 ? `, scaled by ${scale} (exposure ${def.tableExposure_fb} → ${def.exposure_fb} fb⁻¹, area ${def.tableArea_cm2} → ${def.area_cm2} cm²)` : ""}.`,
    normalisation === "tp"
      ? `TP-normalised: families scaled by e ${factors.e.toFixed(4)}, μ ${factors.mu.toFixed(4)}, τ ${factors.tau.toFixed(4)} so that FASERν Run 3 (1.2 t W, 150 fb⁻¹) has 1300/20000/20 CC interactions (arXiv:2001.03073).`
      : "Normalisation: as the Kling–Nevay tables.",
  ].join(" ");
  return Object.freeze({
    name,
    exposure_fb: def.exposure_fb,
    area_cm2: def.area_cm2,
    distance_m: def.distance_m,
    normalisation,
    familyFactors: Object.freeze(factors),
    spectra: Object.freeze(spectra),
    provenance,
  });
}
