/**
 * Sampling inputs of the Fig. 4 productions at the IP (arXiv:2011.04751 §4.3; lib/events/fig4Ip.ts
 * builds the event streams on them), built with the arguments heavyZDMassPoint uses so the sampled
 * weights sum to its "mixing-vessel" and "zd-vessel" counts:
 *
 *  - mixing: the ν_τ + ν̄_τ flux bins through the FASERν2 face, E_N = E_ν at the geometric bin
 *    centre, N per ν_τ = mixingFactor (lib/ip/mixing.ts), split into N and N̄ by the ν_τ : ν̄_τ
 *    ratio of the bin (heavyZDMassPoint merges them);
 *  - Z_D → N N̄: the (E_Z, θ_Z) cells of zdAngularHistogram inside the cone feeding the vessel's
 *    front disc (R at L₁) with E_N ≥ max(1 GeV, E_cut), or the FASERν2 face with E_N ≥ 10 GeV, each
 *    with the N count the quadrature nSpectrumThroughFace gives for that cell alone (so Σ = the
 *    zd-vessel or zd-elastic spectrum's total).
 */
import type { BinnedSpectrum } from "../../../engine/productionTable";
import { type DarkBosonModel, darkBosonModel, zdWidths } from "..";
import { mixingFactor } from "../../../ip/mixing";
import type { PrimaryOptions } from "../../../ip/primary";
import { type DetectorFace, nSpectrumThroughFace, zdAngularHistogram, zdConeForFace } from "./acceptance";
import { ABOVE_THRESHOLD, FACE_ENERGY_MIN, type HeavyZDSetup } from "./heavyZD";


/** Mixing-N cells: energy (GeV) and N, N̄ counts through the FASERν2 face at U2 = 1. */
export interface MixingCells {
  readonly energy: Float64Array;
  readonly countN: Float64Array;
  readonly countNbar: Float64Array;
}

/** The mixing-N spectrum of heavyZDMassPoint (spectra.mixing) split into N (from ν_τ) and N̄ (from ν̄_τ). Counts at U2 = 1. */
export function mixingCells(template: DarkBosonModel, setup: HeavyZDSetup, opts: { readonly dsFraction?: number } = {}): MixingCells {
  const mN = template.mN;
  const kMix = mixingFactor(mN, opts.dsFraction !== undefined ? { dsFraction: opts.dsFraction } : {});
  const nu = setup.flux.filter((s) => s.flavour === "nu_tau");
  const nubar = setup.flux.filter((s) => s.flavour === "nubar_tau");
  const ref: BinnedSpectrum | undefined = nu[0] ?? nubar[0];
  if (ref === undefined) throw new RangeError("the flux has no nu_tau / nubar_tau spectra");
  const E: number[] = [], cN: number[] = [], cB: number[] = [];
  for (let b = 0; b < ref.counts.length; b++) {
    const e = Math.sqrt(ref.edges[b]! * ref.edges[b + 1]!);
    let a = 0, c = 0;
    for (const s of nu) a += s.counts[b]!;
    for (const s of nubar) c += s.counts[b]!;
    if (e > mN * ABOVE_THRESHOLD && a + c > 0 && kMix > 0) {
      E.push(e);
      cN.push(a * kMix);
      cB.push(c * kMix);
    }
  }
  return { energy: Float64Array.from(E), countN: Float64Array.from(cN), countNbar: Float64Array.from(cB) };
}

/** Z_D cells feeding a face: mean energy (GeV) and polar angle (rad), and the N count (2 × BR(Z_D → N N̄) per Z_D) hitting the face. */
export interface ZDFaceCells {
  readonly mZD: number;
  readonly brNN: number;
  readonly face: DetectorFace;
  /** Lowest N energy kept, GeV. */
  readonly energyMin: number;
  readonly energy: Float64Array;
  readonly theta: Float64Array;
  /** N hitting the face with E_N ≥ energyMin per cell (quadrature), for the exposure. */
  readonly accepted: Float64Array;
}
/** Former name of {@link ZDFaceCells} for the vessel disc. */
export type ZDVesselCells = ZDFaceCells;

/** Lowest N energy heavyZDMassPoint keeps on the FASERν2 face (zd-elastic), GeV: the quadrature's own constant. */
export const ZD_FACE_ENERGY_MIN = FACE_ENERGY_MIN;

/**
 * The N production of heavyZDMassPoint's Z_D signatures cell by cell (module comment): Z_D at ε
 * from the IP (luminosity of the detector) feeding `face` with E_N ≥ eKeep (GeV), the histogram
 * nSpectrumFromZDThroughFace builds (default cells and nodes).
 */
export function zdFaceCells(template: DarkBosonModel, setup: HeavyZDSetup, face: DetectorFace, eKeep: number, production: Pick<PrimaryOptions, "mesonSpectra" | "mesonQuadrature" | "brem" | "sources"> = {}): ZDFaceCells {
  const det = setup.detector;
  const mN = template.mN, mZD = template.mZD;
  if (!(mZD > 2 * mN)) throw new RangeError(`mZD = ${mZD} GeV must exceed 2 mN = ${2 * mN} GeV for Z_D → N N̄`);
  const zw = zdWidths(darkBosonModel({ ...template, U2: 0 }));
  const brNN = zw.total > 0 ? zw.NN / zw.total : 0;
  const cone = zdConeForFace(face, mZD, mN, eKeep);
  const scale = face.shape === "disc" ? Math.atan(face.radius / face.distance) : face.halfWidth / face.distance;
  const h = zdAngularHistogram(mZD, template.eps, det.luminosity, cone, scale, Math.max(1, Math.min(eKeep, 1e4)), production);
  const E: number[] = [], T: number[] = [], A: number[] = [];
  for (let i = 0; i < h.count.length; i++) {
    const one = { mZD, energy: h.energy.subarray(i, i + 1), theta: h.theta.subarray(i, i + 1), count: h.count.subarray(i, i + 1), thetaMax: h.thetaMax };
    const s = nSpectrumThroughFace(one, mN, brNN, face, { energyMin: eKeep });
    let a = 0;
    for (const c of s.count) a += c;
    if (a > 0) {
      E.push(h.energy[i]!);
      T.push(h.theta[i]!);
      A.push(a);
    }
  }
  return { mZD, brNN, face, energyMin: eKeep, energy: Float64Array.from(E), theta: Float64Array.from(T), accepted: Float64Array.from(A) };
}

/** heavyZDMassPoint's zd-vessel cells: the vessel's front disc (R at L₁), E_N ≥ max(1, energyCut) GeV. */
export function zdVesselCells(template: DarkBosonModel, setup: HeavyZDSetup, energyCut: number, production: Pick<PrimaryOptions, "mesonSpectra" | "mesonQuadrature" | "brem" | "sources"> = {}): ZDFaceCells {
  const det = setup.detector;
  return zdFaceCells(template, setup, { shape: "disc", radius: det.vessel.radius, distance: det.target.distanceFromIP + det.vessel.start }, Math.max(1, energyCut), production);
}

/** heavyZDMassPoint's zd-elastic cells: the FASERν2 square face, E_N ≥ 10 GeV. */
export function zdFasernu2Cells(template: DarkBosonModel, setup: HeavyZDSetup, production: Pick<PrimaryOptions, "mesonSpectra" | "mesonQuadrature" | "brem" | "sources"> = {}): ZDFaceCells {
  const det = setup.detector;
  return zdFaceCells(template, setup, { shape: "square", halfWidth: det.target.side / 2, distance: det.target.distanceFromIP }, ZD_FACE_ENERGY_MIN, production);
}

/** Whether the direction (x, y, z) from the IP crosses the face. */
export function hitsFace(face: DetectorFace, x: number, y: number, z: number): boolean {
  if (!(z > 0)) return false;
  if (face.shape === "disc") return x * x + y * y < (face.radius / face.distance) ** 2 * z * z;
  const a = (face.halfWidth / face.distance) * z;
  return Math.abs(x) < a && Math.abs(y) < a;
}
