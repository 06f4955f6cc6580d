/**
 * Event counts that rescale analytically with the coupling.
 *
 * For a model in which every production cross section and every N width scale with the
 * same coupling factor κ (the dipole portal: κ = μ_N², σ ∝ κ, Γ ∝ κ), the expected number of
 * events of a signature is
 *     N(κ) = κ Σ_j W_j P(d_j / κ),
 * where W_j is the production weight × static acceptance (branching fraction, energy cut,
 * transverse acceptance) at κ = 1 collected in a fine bin j of the N energy, d_j the lab
 * decay length at κ = 1, and P the geometric decay probability (vessel, tungsten, or 1 when
 * the signature does not need a decay). Production is simulated once per mass; a coupling
 * scan costs one pass over ≲ 500 bins per coupling value.
 */
import type { Detector } from "../detector/geometry";
import { probVessel, probTungsten } from "../detector/geometry";
import { requirePositive } from "../core/validate";

/** Where the N must decay for a signature. */
export type DecayRegion = "vessel" | "tungsten" | "none";

/** A signature reduced to N-energy bins at unit coupling factor. */
export interface ScalableSignature {
  readonly name: string;
  readonly region: DecayRegion;
  readonly detector: Detector;
  /** Mean N energy per bin, GeV. */
  readonly EN: Float64Array;
  /** Events per bin at κ = 1 before the decay probability. */
  readonly weight: Float64Array;
  /** Lab decay length per bin at κ = 1, GeV⁻¹. */
  readonly decayLength: Float64Array;
  /** Event count at a coupling factor κ, by the formula above. */
  readonly events: (kappa: number) => number;
}

/** Build a {@link ScalableSignature} from binned weights and a decay-length function d(E_N) at κ = 1. */
export function scalableSignature(
  name: string,
  region: DecayRegion,
  detector: Detector,
  bins: { EN: Float64Array; weight: Float64Array },
  decayLengthAtUnit: (EN: number) => number,
): ScalableSignature {
  const n = bins.EN.length;
  const d = new Float64Array(n);
  for (let j = 0; j < n; j++) d[j] = decayLengthAtUnit(bins.EN[j]!);
  const P =
    region === "vessel"
      ? (x: number) => probVessel(detector, x)
      : region === "tungsten"
        ? (x: number) => probTungsten(detector, x)
        : () => 1;
  const events = (kappa: number): number => {
    requirePositive("kappa", kappa);
    let s = 0;
    for (let j = 0; j < n; j++) s += bins.weight[j]! * P(d[j]! / kappa);
    return kappa * s;
  };
  return { name, region, detector, EN: bins.EN, weight: bins.weight, decayLength: d, events };
}
