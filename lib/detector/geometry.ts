/**
 * Detectors of SPEC §3 as data, and the probabilities that a particle produced uniformly
 * along the tungsten decays in the vessel or inside the tungsten.
 *
 * Coordinates: z along the beam, measured from the FRONT face of the tungsten. All lengths
 * in GeV⁻¹ (multiply by `units.m` to bring metres in).
 */
import { type Material, tungsten } from "../core/constants";
import { cm, fb_inv, m } from "../core/units";
import { requireNonNegative, requirePositive } from "../core/validate";
import { fpfDetectors } from "./fpf";

/** The tungsten/emulsion target in front of a decay vessel. */
export interface Target {
  readonly material: Material;
  /** Transverse size (square side) of the flux plane, GeV⁻¹. */
  readonly side: number;
  /** Length of tungsten along the beam, GeV⁻¹. */
  readonly length: number;
  /** Distance of the front face from the ATLAS IP, GeV⁻¹. */
  readonly distanceFromIP: number;
}

/** A cylindrical decay vessel on the beam axis. */
export interface Vessel {
  /** Radius, GeV⁻¹. */
  readonly radius: number;
  /** Length, GeV⁻¹. */
  readonly length: number;
  /** Start of the vessel, measured from the front face of the tungsten, GeV⁻¹. */
  readonly start: number;
}

/** A detector configuration: target, vessel and exposure. */
export interface Detector {
  readonly name: string;
  readonly description: string;
  readonly target: Target;
  readonly vessel: Vessel;
  /** Integrated luminosity, GeV² (use `x / fb_inv` to read fb⁻¹). */
  readonly luminosity: number;
}

/**
 * FASERν2 + FASER 2 at the HL-LHC (SPEC §3): 50 × 50 cm² tungsten, 480 m from the IP,
 * t = 1.8 m of tungsten as in the authors' implementation (the paper's text says 2 m; pass
 * `{ tungstenLength: 2 * m }` to {@link fasernu2Faser2} for that), vessel R = 1 m, 5 m long,
 * starting 2.2 m from the front face of the tungsten; 3000 fb⁻¹.
 */
export function fasernu2Faser2(opts: { tungstenLength?: number; vesselStart?: number } = {}): Detector {
  const length = opts.tungstenLength ?? 1.8 * m;
  const start = opts.vesselStart ?? 2.2 * m;
  requirePositive("tungstenLength", length);
  if (!(start >= length)) {
    throw new RangeError(`vesselStart = ${start / m} m must be ≥ tungstenLength = ${length / m} m`);
  }
  return {
    name: "fasernu2-faser2",
    description: "FASERν2 (50×50 cm², W) + FASER 2 (R = 1 m, 5 m), HL-LHC 3000 fb⁻¹",
    target: { material: tungsten, side: 50 * cm, length, distanceFromIP: 480 * m },
    vessel: { radius: 1 * m, length: 5 * m, start },
    luminosity: 3000 * fb_inv,
  };
}

/**
 * FASERν + FASER at LHC Run 3 (SPEC §3): 25 × 25 cm², 1.2 t of tungsten. The tungsten
 * length is the mass-equivalent 1.2 t / (19.3 g/cm³ × 625 cm²) = 0.995 m (the emulsion
 * module is 1.1 m long; its column density of W is 1913 g/cm², data/README of the flux).
 * The FASER vessel (R = 10 cm, 1.5 m) is taken to start 1.5 m behind the FASERν front face
 * (1.1 m module plus the interface/veto station): an assumption of this project, exposed
 * as `vesselStart`. 150 fb⁻¹.
 */
export function fasernuFaser(opts: { tungstenLength?: number; vesselStart?: number } = {}): Detector {
  const length = opts.tungstenLength ?? (1.2e6 / (19.3 * 625)) * cm;
  const start = opts.vesselStart ?? 1.5 * m;
  requirePositive("tungstenLength", length);
  if (!(start >= length)) {
    throw new RangeError(`vesselStart = ${start / m} m must be ≥ tungstenLength = ${length / m} m`);
  }
  return {
    name: "fasernu-faser",
    description: "FASERν (25×25 cm², 1.2 t W) + FASER (R = 10 cm, 1.5 m), LHC Run 3 150 fb⁻¹",
    target: { material: tungsten, side: 25 * cm, length, distanceFromIP: 480 * m },
    vessel: { radius: 10 * cm, length: 1.5 * m, start },
    luminosity: 150 * fb_inv,
  };
}

/** The detectors known by name. */
export const detectors = {
  "fasernu2-faser2": fasernu2Faser2,
  "fasernu-faser": fasernuFaser,
  // the Forward Physics Facility designs (lib/detector/fpf.ts)
  ...fpfDetectors,
} as const;
export type DetectorName = keyof typeof detectors;

/** Look a detector up by name; RangeError for an unknown name. */
export function detectorByName(name: string): Detector {
  const f = (detectors as Record<string, (() => Detector) | undefined>)[name];
  if (!f) throw new RangeError(`detector = ${JSON.stringify(name)} is not one of ${Object.keys(detectors).join(", ")}`);
  return f();
}

/**
 * Probability that a particle produced uniformly along the tungsten [0, t], moving along
 * the beam with lab decay length d, decays inside the vessel [x_min, x_min + Δ] (x_min ≥ t):
 * P = (d/t) e^{−(x_min − t)/d} (1 − e^{−t/d})(1 − e^{−Δ/d}),
 * which equals SPEC §3's (d/t) e^{−(x_min+Δ)/d}(e^{Δ/d} − 1)(e^{t/d} − 1) but never overflows.
 * Derivation: (1/t)∫₀ᵗ dz [e^{−(x_min−z)/d} − e^{−(x_min+Δ−z)/d}]. Limits: → 0 as d → 0
 * (exponentially) and → Δ/d as d → ∞. Dimensionless; lengths in any common unit.
 */
export function probDecayInVessel(d: number, t: number, xMin: number, delta: number): number {
  requireNonNegative("d", d);
  requirePositive("t", t);
  requirePositive("delta", delta);
  if (!(xMin >= t)) throw new RangeError(`xMin = ${xMin} must be ≥ the tungsten length t = ${t}`);
  if (d === 0) return 0;
  if (d === Infinity) return 0;
  return vesselProbabilityUnchecked(d, t, xMin, delta);
}

/** {@link probDecayInVessel} without the checks, for 0 < d < ∞ and valid geometry (hot loops, e.g. lib/engine/decayScan). Dimensionless. */
export function vesselProbabilityUnchecked(d: number, t: number, xMin: number, delta: number): number {
  return (d / t) * Math.exp(-(xMin - t) / d) * -Math.expm1(-t / d) * -Math.expm1(-delta / d);
}

/**
 * Probability that a particle produced uniformly along the tungsten [0, t] with lab decay
 * length d decays before leaving it: P = 1 − (d/t)(1 − e^{−t/d}) (SPEC §3). Uses the series
 * x/2 − x²/6 + x³/24 − x⁴/120 for x = t/d < 1e-3. Limits: → 1 as d → 0, → t/(2d) as d → ∞.
 */
export function probDecayInTungsten(d: number, t: number): number {
  requireNonNegative("d", d);
  requirePositive("t", t);
  return tungstenProbabilityUnchecked(d, t);
}

/** {@link probDecayInTungsten} without the checks, for d ≥ 0 (∞ included) and t > 0 (hot loops, e.g. lib/engine/decayScan). Dimensionless. */
export function tungstenProbabilityUnchecked(d: number, t: number): number {
  if (d === 0) return 1;
  if (d === Infinity) return 0;
  const x = t / d;
  if (x < 1e-3) return x / 2 - (x * x) / 6 + (x * x * x) / 24 - (x * x * x * x) / 120;
  return 1 + Math.expm1(-x) / x;
}

/** Probability to decay in the vessel of a detector for lab decay length d (GeV⁻¹). */
export function probVessel(det: Detector, d: number): number {
  return probDecayInVessel(d, det.target.length, det.vessel.start, det.vessel.length);
}

/** Probability to decay inside the tungsten of a detector for lab decay length d (GeV⁻¹). */
export function probTungsten(det: Detector, d: number): number {
  return probDecayInTungsten(d, det.target.length);
}

/**
 * Transverse acceptance of the vessel for particles travelling parallel to the beam from a
 * uniformly illuminated square target of side a into a coaxial circle of radius R: the
 * overlap area of the square and the disc divided by a². For FASERν → FASER (a = 25 cm,
 * R = 10 cm) this is π R²/a² = 0.503; for FASERν2 → FASER 2 (a = 50 cm, R = 1 m) it is 1.
 * (Angular spread of N relative to the beam is ≲ m_N/E_N and is neglected.) Dimensionless.
 */
export function transverseAcceptance(det: Detector): number {
  const a = det.target.side;
  const R = det.vessel.radius;
  return squareDiscOverlap(a / 2, R) / (a * a);
}

/** Area of the overlap of the square [−h, h]² and the disc of radius R about the origin. */
export function squareDiscOverlap(h: number, R: number): number {
  requirePositive("h", h);
  requireNonNegative("R", R);
  if (R <= h) return Math.PI * R * R;
  if (R >= h * Math.SQRT2) return 4 * h * h;
  // one quadrant: ∫₀^h min(h, √(R² − x²)) dx, where √(R² − x²) < h for x > x0 = √(R² − h²)
  const x0 = Math.sqrt(R * R - h * h);
  const F = (x: number) => 0.5 * (x * Math.sqrt(R * R - x * x) + R * R * Math.asin(x / R));
  return 4 * (h * x0 + F(h) - F(x0));
}
