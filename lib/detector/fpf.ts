/**
 * The Forward Physics Facility (FPF) detectors as data, beside the paper's 2020 assumptions
 * (lib/detector/geometry.ts): FASERν2 as designed for the FPF, the FASER2 decay volume of the
 * FPF, and FLArE, a liquid-argon target. Every number carries its source in FPF_NUMBERS; what
 * could not be found in a published source is marked `assumption: true` there.
 *
 * Sources:
 * - [FPFSim] github FPFSoftware/FPFSim, commit d2ac838e6082f27dcf5676a1391d42e995e66720,
 *   src/geometry/GeometricalParameters.cc — the FPF collaboration's Geant4 geometry (default
 *   values of its constructor), and its hall macro "FPF Option1 hall" (gaps between detectors).
 * - [FPF22] J. L. Feng et al., "The Forward Physics Facility at the High-Luminosity LHC",
 *   arXiv:2203.05090 (FLArE "10-tonne-scale", FASERν2 "20-ton"; fpf.web.cern.ch/physics).
 * - [KN] Kling & Nevay flux tables (arXiv:2105.08270, data/flux/FASERv2, data/flux/FLArE):
 *   the detector plane 620 m from the ATLAS IP, 3000 fb⁻¹. (The FPF Letter of Intent,
 *   arXiv:2510.26260, now places the cavern 627 m from the IP: (620/627)² = 0.978 in flux.)
 * - [PDG] PDG "Atomic and nuclear properties of materials": liquid argon 1.396 g/cm³ (87 K),
 *   argon standard atomic weight 39.948; AME2020 atomic mass of ⁴⁰Ar 39.962383124 u.
 *
 * Coordinates as in geometry.ts: z from the front face of the target, lengths in GeV⁻¹.
 */
import { amu, m_e, tungsten, type Material } from "../core/constants";
import { ARGON_A } from "../core/formFactors";
import { cm, fb_inv, g_per_cm3, m, mm } from "../core/units";
import { requirePositive } from "../core/validate";
import type { Detector } from "./geometry";

/** One cited number: value in the stated unit, where it comes from, and whether it is our assumption. */
export interface CitedNumber {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
  readonly assumption?: boolean;
}

const FPFSIM = "FPFSoftware/FPFSim@d2ac838 src/geometry/GeometricalParameters.cc";

/** The numbers behind the FPF detectors, each with its source (module comment). */
export const FPF_NUMBERS = {
  distance: { value: 620, unit: "m", source: "[KN] flux tables' detector plane (FPF LoI arXiv:2510.26260: 627 m)" },
  luminosity: { value: 3000, unit: "fb⁻¹", source: "[KN] HL-LHC exposure of the FPF tables" },
  fasernu2Plates: { value: 3300, unit: "plates", source: `${FPFSIM}: fNEmulsionTungstenLayers = 3300` },
  fasernu2PlateThickness: { value: 2, unit: "mm", source: `${FPFSIM}: fTungstenThickness = 2 mm` },
  fasernu2EmulsionThickness: { value: 0.42, unit: "mm", source: `${FPFSIM}: fEmulsionThickness = 0.420 mm` },
  fasernu2Side: { value: 40, unit: "cm", source: `${FPFSIM}: fEmulsionTungstenSizeX = SizeY = 40 cm` },
  fasernu2Interfaces: { value: 3 * 20, unit: "cm", source: `${FPFSIM}: 3 veto/interface planes of fVetoInterfaceSizeZ = 20 cm` },
  fasernu2MassT: { value: 20, unit: "t", source: "[FPF22]: FASERν2 a 20-ton detector; here 3300 × 2 mm × 40 × 40 cm² × 19.3 g/cm³ = 20.4 t" },
  faser2DecayLength: { value: 10, unit: "m", source: `${FPFSIM}: fFASER2DecayVolumeLength = 10 m` },
  faser2ApertureX: { value: 3, unit: "m", source: `${FPFSIM}: fFASER2MagnetWindowX = fFASER2TrackerX = 3 m (SAMURAI magnet design)` },
  faser2ApertureY: { value: 1, unit: "m", source: `${FPFSIM}: fFASER2MagnetWindowY = fFASER2TrackerY = 1 m` },
  gapBetweenDetectors: { value: 1.2, unit: "m", source: "FPFSim hall macro (FPF Option1 hall): 'assuming 1.2m gap' between FLArE, FASERν2 and FASER2 (veto stations included)", assumption: true },
  flareFiducialSide: { value: 1, unit: "m", source: `${FPFSIM}: fTPCFidVolSize = (1.0 m, 1.0 m, 7.0 m)` },
  flareFiducialLength: { value: 7, unit: "m", source: `${FPFSIM}: fTPCFidVolSize z = 7.0 m (TPC 1.8 × 1.8 × 7 m)` },
  flareMassT: { value: 10, unit: "t", source: "[FPF22]: FLArE '10-tonne-scale'; here 1 × 1 × 7 m³ × 1.396 g/cm³ = 9.77 t" },
  flareDownstream: { value: 1.2 + 0.36, unit: "m", source: `${FPFSIM}: fHadCalLength = 1.2 m, fMuonCatcherLength = 0.36 m behind the TPC`, assumption: true },
  lArDensity: { value: 1.396, unit: "g/cm³", source: "[PDG] liquid argon at 87 K" },
  flareElectronCuts: {
    value: NaN,
    unit: "—",
    source: "not found: no published FLArE electron-recoil selection for ν e → N e. lib/models/dipole applies FASERν2's (0.3–20 GeV with angle cuts, arXiv:2101.10338) to every detector; a LArTPC reaches tens of MeV (FLArE poster, indico.global/event/15740/contributions/147831)",
    assumption: true,
  },
  flarePhotonCut: {
    value: NaN,
    unit: "—",
    source: "not found: no published FLArE single-photon threshold for N → νγ. The in-target photon lines keep the paper's E_γ > 1 (3) TeV, |t| < (0.1 GeV)² selection (lib/models/dipole CUTS)",
    assumption: true,
  },
} as const satisfies Record<string, CitedNumber>;

/**
 * Liquid argon: Z = 18, A = 40 (⁴⁰Ar, 99.6 % of natural argon; used in the Helm form factor
 * and for A − Z = 22 neutrons), standard atomic weight 39.948 g/mol, nuclear mass of ⁴⁰Ar
 * m_T = 39.962383124 u − 18 m_e = 37.2155 GeV (electron binding, ~15 keV, neglected), density
 * 1.396 g/cm³ [PDG].
 */
export const liquidArgon: Material = {
  name: "Ar",
  Z: 18,
  A: ARGON_A,
  molarMass_g: 39.948,
  mass: 39.962_383_124 * amu - 18 * m_e,
  density: FPF_NUMBERS.lArDensity.value * g_per_cm3,
};

/** Tungsten density of lib/core/constants' tungsten, g/cm³ (19.3). */
const W_DENSITY = tungsten.density / g_per_cm3;

/** FASERν2 (FPF) tungsten length: 3300 plates × 2 mm = 6.6 m (the mass-equivalent length, as for FASERν in geometry.ts). GeV⁻¹. */
export const FPF_FASERNU2_W_LENGTH = FPF_NUMBERS.fasernu2Plates.value * FPF_NUMBERS.fasernu2PlateThickness.value * mm;

/** FASERν2 (FPF) envelope along the beam: 3300 × (2 + 0.42) mm + 3 × 20 cm = 8.586 m. GeV⁻¹. */
export const FPF_FASERNU2_ENVELOPE =
  FPF_NUMBERS.fasernu2Plates.value * (FPF_NUMBERS.fasernu2PlateThickness.value + FPF_NUMBERS.fasernu2EmulsionThickness.value) * mm +
  FPF_NUMBERS.fasernu2Interfaces.value * cm;

/** Tungsten mass of FASERν2 (FPF), tonnes: side² × 6.6 m × 19.3 g/cm³ = 20.4 t. */
export function fpfFasernu2MassTonnes(): number {
  const side = FPF_NUMBERS.fasernu2Side.value; // cm
  return (side * side * (FPF_FASERNU2_W_LENGTH / cm) * W_DENSITY) / 1e6;
}

/** FLArE fiducial argon mass, tonnes: 1 × 1 × 7 m³ × 1.396 g/cm³ = 9.77 t. */
export function fpfFlareMassTonnes(): number {
  const s = FPF_NUMBERS.flareFiducialSide.value * 100, L = FPF_NUMBERS.flareFiducialLength.value * 100;
  return (s * s * L * FPF_NUMBERS.lArDensity.value) / 1e6;
}

/**
 * The FASER2 decay volume of the FPF as a Vessel: 10 m long, aperture 3 m × 1 m. The Vessel
 * type is a cylinder: its radius is the equal-area radius √(3 m²/π) = 0.977 m of the aperture.
 * (i) For N from a target whose square face (side a ≤ 1 m) sits centred in the aperture, the
 * parallel-beam acceptance (geometry.ts transverseAcceptance) is exactly 1 for the rectangle
 * and for this circle (it contains the face: a/√2 ≤ 0.977 m). (ii) For particles from the IP
 * (primary Z_D, lib/ip/primary.ts) it keeps the solid angle of the aperture; the rectangle's
 * shape (3:1) is not modelled — an approximation, stated.
 */
export function faser2FpfVessel(targetSide: number, start: number): Detector["vessel"] {
  const ax = FPF_NUMBERS.faser2ApertureX.value * m, ay = FPF_NUMBERS.faser2ApertureY.value * m;
  requirePositive("targetSide", targetSide);
  if (!(targetSide <= Math.min(ax, ay))) throw new RangeError(`target side = ${targetSide / m} m exceeds the FASER2 aperture's smaller side ${Math.min(ax, ay) / m} m`);
  const radius = Math.sqrt((ax * ay) / Math.PI);
  return { radius, length: FPF_NUMBERS.faser2DecayLength.value * m, start };
}

/**
 * An FPF target (material, square side and length, m in natural units) at the FPF distance with
 * the FPF FASER2 decay volume starting `start` behind its front face (≥ the target length, else
 * RangeError naming `vesselStart`), for the HL-LHC luminosity.
 */
function fpfDetector(name: string, description: string, material: Material, side: number, length: number, start: number, targetName: string): Detector {
  requirePositive("vesselStart", start);
  if (!(start >= length)) throw new RangeError(`vesselStart = ${start / m} m must be ≥ the ${targetName} length ${length / m} m`);
  return {
    name,
    description,
    target: { material, side, length, distanceFromIP: FPF_NUMBERS.distance.value * m },
    vessel: faser2FpfVessel(side, start),
    luminosity: FPF_NUMBERS.luminosity.value * fb_inv,
  };
}

/**
 * FASERν2 at the FPF + the FPF FASER2 decay volume: 40 × 40 cm² tungsten, 6.6 m (20.4 t),
 * 620 m from the IP; FASER2 starts behind the 8.586 m FASERν2 envelope and a 1.2 m gap (9.79 m
 * from the front face; an assumption from the FPFSim hall layout, `vesselStart`); 3000 fb⁻¹.
 */
export function fpfFasernu2Faser2(opts: { vesselStart?: number } = {}): Detector {
  const length = FPF_FASERNU2_W_LENGTH;
  const start = opts.vesselStart ?? FPF_FASERNU2_ENVELOPE + FPF_NUMBERS.gapBetweenDetectors.value * m;
  return fpfDetector(
    "fpf-fasernu2-faser2",
    "FPF: FASERν2 (40×40 cm², 6.6 m W, 20 t) + FASER2 (3×1 m², 10 m), 620 m, HL-LHC 3000 fb⁻¹",
    tungsten,
    FPF_NUMBERS.fasernu2Side.value * cm,
    length,
    start,
    "tungsten",
  );
}

/**
 * FLArE at the FPF + the FPF FASER2 decay volume downstream: 1 × 1 m² × 7 m of liquid argon
 * (9.8 t fiducial), 620 m from the IP; N made in FLArE may decay inside it (the in-target
 * photon lines) or in FASER2, which starts behind FLArE's hadron calorimeter and muon catcher
 * (1.56 m), FASERν2 (8.586 m) and two 1.2 m gaps: 19.55 m from FLArE's front face (an
 * assumption from the FPFSim layout, `vesselStart`); 3000 fb⁻¹.
 */
export function fpfFlareFaser2(opts: { vesselStart?: number } = {}): Detector {
  const length = FPF_NUMBERS.flareFiducialLength.value * m;
  const gap = FPF_NUMBERS.gapBetweenDetectors.value * m;
  const start = opts.vesselStart ?? length + FPF_NUMBERS.flareDownstream.value * m + gap + FPF_FASERNU2_ENVELOPE + gap;
  return fpfDetector(
    "fpf-flare-faser2",
    "FPF: FLArE (1×1 m², 7 m liquid Ar, 10 t fiducial) + FASER2 (3×1 m², 10 m), 620 m, HL-LHC 3000 fb⁻¹",
    liquidArgon,
    FPF_NUMBERS.flareFiducialSide.value * m,
    length,
    start,
    "argon",
  );
}

/** The FPF detectors by name (registered in geometry.ts `detectors`). */
export const fpfDetectors = {
  "fpf-fasernu2-faser2": fpfFasernu2Faser2,
  "fpf-flare-faser2": fpfFlareFaser2,
} as const;
export type FpfDetectorName = keyof typeof fpfDetectors;
export const FPF_DETECTOR_NAMES: readonly FpfDetectorName[] = Object.keys(fpfDetectors) as FpfDetectorName[];

/** The flux configuration (lib/flux/configs.ts) of each FPF detector: the same front face. */
export const FPF_FLUX: Readonly<Record<FpfDetectorName, "fasernu2-fpf40" | "flare-fpf">> = {
  "fpf-fasernu2-faser2": "fasernu2-fpf40",
  "fpf-flare-faser2": "flare-fpf",
};

/** Whether a detector name is one of the FPF detectors. */
export function isFpfDetector(name: string): name is FpfDetectorName {
  return (FPF_DETECTOR_NAMES as readonly string[]).includes(name);
}
