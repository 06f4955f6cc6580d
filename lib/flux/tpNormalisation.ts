/**
 * Charged-current interaction counts of a flux in a tungsten target, and the `tp-normalised`
 * rescaling (SPEC §4): the seed paper used the FASERν Technical Proposal flux
 * (arXiv:2001.03073), which gives about 1300 ν_e, 20000 ν_μ and 20 ν_τ CC interactions
 * (ν + ν̄ of each family) in 1.2 t of tungsten for 150 fb⁻¹; the Kling–Nevay tables give
 * fewer ν_μ and more ν_e and ν_τ. The rescaling ({@link tpFactorsFromCCint}, used by
 * loadFlux) multiplies each family (ν and ν̄ alike) of a FASERν Run-3 flux by TP count /
 * the CC count of the Kling–Nevay tables' own CC-interaction files (FASER_CCint_<pid>.txt:
 * e 1711, μ 5782, τ 40.6), so that both sides of the ratio come from the same simulation.
 * {@link tpFactors} computes the CC count with our σ_CC (lib/flux/chargedCurrent.ts) instead
 * (37.9 ν_τ + ν̄_τ against the tables' 40.6): kept as a cross-check of σ_CC and the column
 * density, not used for the normalisation.
 */
import { tungsten, N_A, type Material } from "../core/constants";
import { cm, gram, tonne } from "../core/units";
import { requirePositive } from "../core/validate";
import { sigmaCC } from "./chargedCurrent";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FAMILIES, FLAVOURS, PDG_ID, familyOf, type Family, type Flavour } from "./flavours";
import { readFluxTable } from "./reader";
import type { Spectrum } from "./spectrum";

/** CC interactions (ν + ν̄) per family in FASERν, 150 fb⁻¹, quoted by the Technical Proposal arXiv:2001.03073. */
export const TP_CC_COUNTS: Readonly<Record<Family, number>> = { e: 1300, mu: 20000, tau: 20 };

/** FASERν tungsten mass, 1.2 t (SPEC §3; FASERν TP). GeV. */
export const FASERNU_TUNGSTEN_MASS = 1.2 * tonne;
/** FASERν transverse side, 25 cm (SPEC §3). GeV⁻¹. */
export const FASERNU_SIDE = 25 * cm;

/**
 * Nucleons per unit transverse area of a target of given mass spread uniformly over a square
 * of side `side`: (mass/side²) · N_A · A / M_molar. GeV² (number per GeV⁻²). For FASERν
 * (1.2 t over 25 × 25 cm², W: A = M_molar/(g/mol)): 1920 g/cm² × N_A = 1.156e27 cm⁻².
 */
export function nucleonColumnDensity(mass: number, side: number, material: Material = tungsten): number {
  requirePositive("mass", mass);
  requirePositive("side", side);
  return (mass / (side * side) / (material.molarMass_g * gram)) * N_A * material.A;
}

/** The FASERν nucleon column density, 1.2 t of W over 25 × 25 cm², GeV². */
export function fasernuColumnDensity(): number {
  return nucleonColumnDensity(FASERNU_TUNGSTEN_MASS, FASERNU_SIDE, tungsten);
}

/**
 * CC interactions per bin, N_i σ_CC(c_i) n_col, of a through-going spectrum in a target of
 * nucleon column density n_col (GeV²), σ_CC from lib/flux/chargedCurrent.ts at the bin
 * centre c_i. Dimensionless (interactions for the exposure of the spectrum).
 */
export function ccInteractionsPerBin(s: Spectrum, columnDensity: number, material: Material = tungsten): number[] {
  requirePositive("columnDensity", columnDensity);
  return s.counts.map((N, i) => (N > 0 ? N * sigmaCC(s.centres[i] as number, s.flavour, material) * columnDensity : 0));
}

/** Total CC interactions of a spectrum in a target of nucleon column density n_col (GeV²). */
export function ccInteractions(s: Spectrum, columnDensity: number, material: Material = tungsten): number {
  return ccInteractionsPerBin(s, columnDensity, material).reduce((a, b) => a + b, 0);
}

/**
 * Factors k_family = TP count / CC count for the FASERν Run-3 spectra `run3` (150 fb⁻¹,
 * 25 × 25 cm² front face), with 1.2 t of tungsten.
 */
export function tpFactors(run3: Readonly<Record<Flavour, Spectrum>>): Record<Family, number> {
  const col = fasernuColumnDensity();
  const cc: Record<Family, number> = { e: 0, mu: 0, tau: 0 };
  for (const f of FLAVOURS) cc[familyOf(f)] += ccInteractions(run3[f], col);
  const out = {} as Record<Family, number>;
  for (const fam of FAMILIES) {
    if (!(cc[fam] > 0)) throw new RangeError(`CC count of family ${fam} = ${cc[fam]} must be > 0 to normalise to the TP`);
    out[fam] = TP_CC_COUNTS[fam] / cc[fam];
  }
  return out;
}

/**
 * CC interactions (ν + ν̄) per family in FASERν Run 3 (1.2 t W, 150 fb⁻¹) according to the
 * Kling–Nevay tables: Σ over bins of `<fluxDir>/FASERv/FASER_CCint_<pid>.txt`. Dimensionless.
 */
export function ccintTotals(fluxDir: string): Record<Family, number> {
  const out: Record<Family, number> = { e: 0, mu: 0, tau: 0 };
  for (const f of FLAVOURS) {
    const file = join(fluxDir, "FASERv", `FASER_CCint_${PDG_ID[f]}.txt`);
    if (!existsSync(file)) throw new RangeError(`the TP normalisation needs the CC-interaction table ${file}, which is missing (fluxDir = ${JSON.stringify(fluxDir)}; or use normalisation "kling-nevay")`);
    const t = readFluxTable(file);
    out[familyOf(f)] += t.counts.reduce((a, b) => a + b, 0);
  }
  return out;
}

/** TP normalisation factors k_family = TP_CC_COUNTS / {@link ccintTotals}(fluxDir) (module comment). */
export function tpFactorsFromCCint(fluxDir: string): Record<Family, number> {
  const cc = ccintTotals(fluxDir);
  const out = {} as Record<Family, number>;
  for (const fam of FAMILIES) {
    if (!(cc[fam] > 0)) throw new RangeError(`CC-interaction table sum of family ${fam} in ${fluxDir}/FASERv = ${cc[fam]} must be > 0 to normalise to the TP`);
    out[fam] = TP_CC_COUNTS[fam] / cc[fam];
  }
  return out;
}
