/**
 * Pairing a detector with a neutrino flux: the named detectors of SPEC §3 with their
 * default flux configurations of SPEC §4, checked for consistency (the flux must pass
 * through the same transverse area as the detector's target face).
 */
import { FLAVOURS, FLUX_CONFIG_NAMES, loadFlux, type FluxConfigName, type FluxNormalisation, type FluxSet } from "../flux";
import { type Detector, detectorByName } from "../geometry";
import { cm } from "../units";
import { requireOneOf } from "../validate";
import type { DipoleSetup } from "./dipole";

/** The default flux configuration of each named detector. */
export const DEFAULT_FLUX: Readonly<Record<string, FluxConfigName>> = {
  "fasernu2-faser2": "fasernu2-paper",
  "fasernu-faser": "fasernu-run3",
};

/** Options for {@link makeSetup}. */
export interface SetupOptions {
  /** Flux configuration (default: the detector's, see DEFAULT_FLUX). */
  readonly flux?: string;
  /** Directory with the Kling–Nevay tables (FASERv/, FASERv2/); absent → the embedded default. */
  readonly fluxDir?: string;
  /** "kling-nevay" (default) or "tp" (rescaled to the FASERν Technical Proposal CC counts). */
  readonly normalisation?: FluxNormalisation;
  readonly screening?: boolean;
  readonly electronAngleCuts?: boolean;
  /** Decay flavours of the dipole N (see DipoleSetup.decayFlavours). */
  readonly decayFlavours?: number;
}

/** A detector, its flux and the signature options, ready for the signal engine. */
export function makeSetup(detectorName: string, opts: SetupOptions = {}): DipoleSetup & { readonly fluxSet: FluxSet } {
  const detector: Detector = detectorByName(detectorName);
  const fluxName = opts.flux ?? DEFAULT_FLUX[detectorName]!;
  requireOneOf("flux", fluxName, FLUX_CONFIG_NAMES);
  const fluxSet = loadFlux(fluxName, {
    ...(opts.fluxDir !== undefined ? { fluxDir: opts.fluxDir } : {}),
    normalisation: opts.normalisation ?? "kling-nevay",
  });
  const side_cm = detector.target.side / cm;
  if (Math.abs(fluxSet.area_cm2 / (side_cm * side_cm) - 1) > 1e-9) {
    throw new RangeError(
      `flux = ${JSON.stringify(fluxName)} passes through ${fluxSet.area_cm2} cm², but detector ${detectorName} has a ${side_cm}×${side_cm} cm² target (allowed: a flux of the same area)`,
    );
  }
  const flux = FLAVOURS.map((f) => fluxSet.spectra[f]);
  return {
    detector,
    flux,
    fluxSet,
    ...(opts.screening !== undefined ? { screening: opts.screening } : {}),
    ...(opts.electronAngleCuts !== undefined ? { electronAngleCuts: opts.electronAngleCuts } : {}),
    ...(opts.decayFlavours !== undefined ? { decayFlavours: opts.decayFlavours } : {}),
  };
}
