/**
 * Monte Carlo of the dark-boson secondary chain, built on lib/engine/sampler: ν_α T → N T drawn from
 * the production table, N flies with its own lab decay length and decays N → ν Z_D (the Z_D
 * direction isotropic in the N frame, so E_ZD uniform on [E₋, E₊]), then the Z_D decay point is
 * drawn from its exponential law forced into the vessel (weight = the probability to decay
 * there). An independent route to the closed-form chain probability of darkBoson.ts (tested).
 */
import type { DecayModel } from "../../../engine/sampler";
import { sampleEvents } from "../../../engine/sampler";
import type { Random } from "../../../core/random";
import { requirePositive } from "../../../core/validate";
import { chainWidths, DARKBOSON_EVIS_CUT, darkBosonPoint, type DarkBosonMassPoint, type NuNuReading, zdEnergyRange } from "./chain";

/** N → ν Z_D of an unpolarised N (visible[0] = E_ZD, uniform on [E₋, E₊]); Γ_N from the corrected (B.6) (ERRATA E9). */
export function darkBosonDecayModel(mN: number, mZD: number, gammaN: number): DecayModel {
  requirePositive("gammaN", gammaN);
  return {
    mN,
    totalWidth: gammaN,
    modes: ["nu ZD"],
    sample: (rng, EN, vis) => {
      const [lo, hi] = zdEnergyRange(Math.max(EN, mN), mN, mZD);
      vis[0] = lo + (hi - lo) * rng();
      return 0;
    },
  };
}

/** Sampled chain events (column arrays, length n); weights are expected e⁺e⁻ events. */
export interface ChainEvents {
  readonly channel: string[];
  readonly flavour: string[];
  readonly EN: Float64Array;
  /** N decay point (Z_D birth), from the tungsten front face along the beam, GeV⁻¹. */
  readonly zN: Float64Array;
  readonly EZD: Float64Array;
  /** Z_D decay point (forced into the vessel), GeV⁻¹. */
  readonly zZD: Float64Array;
  /** Expected events: production × P(Z_D decays in the vessel) × BR(ee) × [E_ZD > 100 GeV] × transverse acceptance. */
  readonly weight: Float64Array;
}

/**
 * Draw n chain events at U2 (production table per unit U2, rescaled). The N decay point is
 * unforced (exponential, sampler); the Z_D decay is forced into [vessel start, end] along the
 * beam. Sum of weights estimates {@link secondaryDileptonEvents}.
 */
export function sampleDarkBosonChain(
  rng: Random,
  point: DarkBosonMassPoint,
  U2: number,
  n: number,
  opts: { readonly reading?: NuNuReading } = {},
): ChainEvents {
  requirePositive("U2", U2);
  const mN = point.mN, mZD = point.params.mZD;
  const w = chainWidths(darkBosonPoint(point.params, mN, U2), opts.reading ?? "errata");
  const det = point.setup.detector;
  const ev = sampleEvents(rng, point.production, darkBosonDecayModel(mN, mZD, w.gammaN), det, { n, forceDecay: "none" });
  const xA = det.vessel.start, xB = det.vessel.start + det.vessel.length;
  const zZD = new Float64Array(n), weight = new Float64Array(n);
  const scale = U2 * w.brEE * point.transverse;
  for (let i = 0; i < n; i++) {
    const E = ev.Evis1[i]!;
    const z0 = ev.zDecay[i]!;
    const d = Math.sqrt((E - mZD) * (E + mZD)) / (mZD * w.gammaZD);
    const sA = Math.max(0, xA - z0), sB = Math.max(0, xB - z0);
    const pA = Math.exp(-sA / d), pB = Math.exp(-sB / d);
    const prob = pA - pB;
    const s = prob > 0 ? sA - d * Math.log1p(-rng() * -Math.expm1(-(sB - sA) / d)) : sA;
    zZD[i] = z0 + s;
    weight[i] = E > DARKBOSON_EVIS_CUT ? ev.weight[i]! * scale * prob : 0;
  }
  return { channel: ev.channel, flavour: ev.flavour, EN: ev.EN, zN: ev.zDecay, EZD: Float64Array.from(ev.Evis1), zZD, weight };
}
