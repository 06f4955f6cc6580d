/**
 * Sampling inputs of CHARM-II's N e → N e for the Fig. 4 right panel of arXiv:2011.04751 (§5;
 * heavyZDMassPoint's "charm2", lib/ip/charm2.ts), built with the arguments heavyZDMassPoint uses so
 * the sampled weights sum to its count (lib/events/charm2Electron.ts builds the stream on them):
 *
 *  - Z_D from π⁰/η decays (the 450 GeV Pythia tables of data/hadrons, multiplicity × σ_ref) and FWW
 *    bremsstrahlung with a 450 GeV beam, pseudo-luminosity POT × n_int/σ_ref (charm2ZDProduction);
 *  - the (E_Z, θ_Z) cells feeding the 3.7 × 3.7 m² front face at 820 m (charm2Face) with
 *    E_N ≥ max(1, E_e,min − m_e) GeV, each with its quadrature N count (zdFaceCells);
 *  - the target: electrons per area N_e/side² (the fiducial mass spread over the face, as the
 *    quadrature's perArea), the recoil window E_e,min < E_e < E_e,max at any angle, and a depth
 *    of 35.67 m for placing the scattering point (the target calorimeter's length, lib/ip/charm2.ts).
 */
import { m_e } from "../../../core/constants";
import { m } from "../../../core/units";
import { requirePositive } from "../../../core/validate";
import type { RecoilBox } from "../../../detector/electronCuts";
import { type Charm2Parameters, CHARM2_DEFAULTS, charm2Detector, charm2Electrons, charm2Face, charm2HadronsDir, charm2ZDProduction } from "../../../ip/charm2";
import type { PrimaryOptions } from "../../../ip/primary";
import type { DarkBosonModel } from "..";
import { type ZDFaceCells, zdFaceCells } from "./samplingIp";

/** Depth of the CHARM-II target calorimeter, GeV⁻¹: 35.67 m (lib/ip/charm2.ts, CHARM2_DEFAULTS `side` note). */
export const CHARM2_DEPTH = 35.67 * m;

/** Inputs of the CHARM-II sampling: parameters (default CHARM2_DEFAULTS), meson tables, quadrature options. */
export interface Charm2SamplingOptions {
  readonly params?: Charm2Parameters;
  /** Directory holding 0.45TeV/Pythia (default the shipped data/hadrons). */
  readonly hadronsDir?: string;
  /** As heavyZDMassPoint's opts.charm2.production (default the engine's meson quadrature, all sources). */
  readonly production?: Pick<PrimaryOptions, "mesonQuadrature" | "sources">;
}

/** The CHARM-II recoil selection of the quadrature (heavyZDMassPoint "charm2"): E_e,min < E_e < E_e,max, every angle. */
export function charm2RecoilBoxes(p: Charm2Parameters = CHARM2_DEFAULTS): readonly RecoilBox[] {
  requirePositive("EeMin", p.EeMin);
  if (!(p.EeMax > p.EeMin)) throw new RangeError(`EeMax = ${p.EeMax} GeV must exceed EeMin = ${p.EeMin} GeV`);
  // E θ² ≤ 2 m_e holds for every elastic recoil, so a cut EThetaSqMax ≥ 2 m_e removes nothing; the quadrature applies none
  if (!(p.EThetaSqMax >= 2 * m_e)) throw new RangeError(`EThetaSqMax = ${p.EThetaSqMax} GeV must be ≥ 2 m_e = ${2 * m_e} GeV (a tighter E θ² cut is not implemented, neither here nor in heavyZDMassPoint)`);
  return [{ EeMin: p.EeMin, EeMax: p.EeMax, thetaMin: 0, thetaMax: Math.PI / 2 }];
}

/** Where the N scatter in CHARM-II: front face at `distance`, depth, electrons per area N_e/side² (GeV⁻¹, GeV²), the recoil window. */
export function charm2ElectronTarget(p: Charm2Parameters = CHARM2_DEFAULTS): { readonly distance: number; readonly length: number; readonly electronsPerArea: number; readonly boxes: readonly RecoilBox[] } {
  requirePositive("side", p.side);
  requirePositive("distance", p.distance);
  return { distance: p.distance, length: CHARM2_DEPTH, electronsPerArea: charm2Electrons(p) / (p.side * p.side), boxes: charm2RecoilBoxes(p) };
}

/**
 * Lowest N energy (GeV) whose elastic recoil can reach kinetic energy T0 (GeV) on an electron at
 * rest: T_max(E) = 2M p²/((E + M)² − p²) = T0 solved for E, the positive root of
 * 2M E² − 2M T0 E − (2M m² + T0(M² + m²)) = 0 (inverse of elasticTMax, which increases with E).
 */
export function elasticEnergyForTMax(T0: number, mN: number, M = m_e): number {
  requirePositive("T0", T0);
  return (2 * M * T0 + Math.sqrt(4 * M * M * T0 * T0 + 8 * M * (2 * M * mN * mN + T0 * (M * M + mN * mN)))) / (4 * M);
}

/**
 * The Z_D cells of heavyZDMassPoint's "charm2" (module comment): N through the CHARM-II face, per
 * cell, for the exposure, with E_N above the energy at which the recoil window opens,
 * T_max(E_N) > E_e,min − m_e (and ≥ 1 GeV). The quadrature keeps E_N ≥ max(1, E_e,min − m_e), but
 * its σ in the window is exactly 0 below that energy, so the counts agree; the stream wastes no
 * events on N that cannot give a recoil in the window. RangeError if m_ZD ≤ 2 m_N.
 */
export function zdCharm2Cells(template: DarkBosonModel, opts: Charm2SamplingOptions = {}): ZDFaceCells {
  const p = opts.params ?? CHARM2_DEFAULTS;
  const { luminosity, ...prod } = charm2ZDProduction(opts.hadronsDir ?? charm2HadronsDir(), p);
  // zdFaceCells reads only the detector's luminosity: the CHARM-II pseudo-detector carries POT × n_int/σ_ref
  const det = { ...charm2Detector(p), luminosity };
  return zdFaceCells(template, { detector: det, flux: [] }, charm2Face(p), Math.max(1, elasticEnergyForTMax(p.EeMin - m_e, template.mN) * (1 + 1e-12)), { ...prod, ...(opts.production ?? {}) });
}
