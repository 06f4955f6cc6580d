/**
 * The embedded default flux: the smooth parametrisation stored in data/flux-default.json
 * (fitted by scripts/fit-flux.ts to the Kling–Nevay tables; provenance inside the JSON and in
 * data/README.md), evaluated on the Kling–Nevay energy grid. Needs no external file.
 */
import embeddedJson from "../../data/flux-default.json";
import { FLAVOURS, type Flavour } from "./flavours";
import { makeSpectrum, type Spectrum } from "./spectrum";
import { smoothBinCount, type SmoothSpectrumParameters } from "./parametrisation";
import type { DeviationReport } from "./deviation";

/** The two reference sets the default parametrises. */
export type EmbeddedSetName = "FASERv" | "FASERv2";

/** Layout of data/flux-default.json. */
export interface EmbeddedFluxFile {
  readonly description: string;
  readonly provenance: {
    readonly source: string;
    readonly sourceCommit: string;
    readonly files: Readonly<Record<string, string>>;
    readonly fitScript: string;
    readonly fitForm: string;
    readonly fitMethod: string;
    readonly fitDate: string;
    readonly deviationDefinitions: string;
  };
  readonly sets: Readonly<Record<EmbeddedSetName, { readonly detector: string; readonly exposure_fb: number }>>;
  readonly grid: { readonly firstCentre_GeV: number; readonly secondCentre_GeV: number; readonly log10Step: number; readonly nBins: number };
  readonly spectra: Readonly<Record<EmbeddedSetName, Readonly<Record<Flavour, SmoothSpectrumParameters & { readonly achieved: DeviationReport }>>>>;
}

/** The parsed embedded-default file. */
export const embeddedFlux: EmbeddedFluxFile = embeddedJson as unknown as EmbeddedFluxFile;

/** Bin centres of the Kling–Nevay grid, GeV: c_0, then c_1 · 10^{step (k−1)} (the grid of data/flux-default.json). */
export function klingNevayGrid(): number[] {
  const g = embeddedFlux.grid;
  const out: number[] = [g.firstCentre_GeV];
  for (let k = 1; k < g.nBins; k++) out.push(g.secondCentre_GeV * Math.pow(10, g.log10Step * (k - 1)));
  return out;
}

/** The smooth parameters of one flavour of an embedded set. */
export function embeddedParameters(set: EmbeddedSetName, f: Flavour): SmoothSpectrumParameters {
  const p = embeddedFlux.spectra[set]?.[f];
  if (p === undefined) throw new RangeError(`embedded flux set = ${JSON.stringify(set)}, flavour = ${f}: not in data/flux-default.json`);
  return p;
}

/**
 * One flavour's embedded default spectrum on the Kling–Nevay grid: neutrinos per bin for the
 * exposure of the set (FASERv: 150 fb⁻¹, 25 × 25 cm²; FASERv2: 3000 fb⁻¹, 50 × 50 cm²); zero
 * above the last reference bin with entries.
 */
export function embeddedSpectrum(set: EmbeddedSetName, f: Flavour): Spectrum {
  const p = embeddedParameters(set, f);
  const centres = klingNevayGrid();
  return makeSpectrum(
    f,
    centres,
    centres.map((E) => (E <= p.upperEdge ? smoothBinCount(p, E) : 0)),
  );
}

/** All six embedded spectra of a set. */
export function embeddedSpectra(set: EmbeddedSetName): Record<Flavour, Spectrum> {
  return Object.fromEntries(FLAVOURS.map((f) => [f, embeddedSpectrum(set, f)])) as Record<Flavour, Spectrum>;
}
