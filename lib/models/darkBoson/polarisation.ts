/**
 * Polarisation of N in the dark-boson model (docs/derivations/polarisation.md): N made by the
 * chiral Z_D ν̄ N vertex g_D U γ^μ P_L (darkBoson.md vertex table) is left-handed up to
 * O(m_N²/E_N²) (§1), and N → ν Z_D of a polarised N is 1 + α P cosθ in its rest frame with
 * α = (m_N² − 2m_ZD²)/(m_N² + 2m_ZD²) for the Z_D direction w.r.t. the N spin (§2). The paper
 * treats N as unpolarised (the `paper` preset's choice, lib/detector/presets.ts).
 */
import {
  channelTargetCurrent,
  effectiveAsymmetry,
  longitudinalPolarisation,
  type PolarisationOptions,
  polarisedEnergyDensity,
} from "../../core/polarisation";
import { requirePositive } from "../../core/validate";
import type { ProductionTable } from "../../engine/productionTable";

/** Decay asymmetry of N → ν Z_D for N (Z_D direction w.r.t. the N spin), polarisation.md (P7): (m_N² − 2m_ZD²)/(m_N² + 2m_ZD²). N̄: −α. Dimensionless. */
export function alphaNuZD(mN: number, mZD: number): number {
  requirePositive("mZD", mZD);
  if (!(mN > mZD)) throw new RangeError(`mN = ${mN} GeV must exceed mZD = ${mZD} GeV for N → ν Z_D`);
  const r = (2 * mZD * mZD) / (mN * mN);
  return (1 - r) / (1 + r);
}

/** Longitudinal polarisation of N from ν_α T → N T through Z_D exchange at (E_ν, t), polarisation.md (P5); −1 + O(m_N²/E_N²). */
export function productionPolarisationZD(E: number, t: number, mN: number, channel: string, targetMass: number): number {
  return longitudinalPolarisation("vector-left", E, t, mN, channelTargetCurrent(channel, targetMass, t));
}

/**
 * Event-weighted mean polarisation of the N of a production table with E_N ≥ ENmin (those that
 * can give a Z_D above the cut), for ν_α (N); ν̄_α gives N̄ with the opposite sign and the same αP.
 * targetMasses: GeV per channel name. Dimensionless (−1 if no node qualifies).
 */
export function meanProductionPolarisationZD(table: ProductionTable, targetMasses: Readonly<Record<string, number>>, ENmin: number): number {
  const nd = table.nodes;
  let s = 0, sw = 0;
  for (let k = 0; k < nd.length; k++) {
    if (!(nd.EN[k]! >= ENmin) || !(nd.weight[k]! > 0)) continue;
    const ch = table.channels[nd.channel[k]!]!;
    const M = targetMasses[ch];
    if (M === undefined) throw new RangeError(`no target mass for channel ${ch}`);
    s += nd.weight[k]! * productionPolarisationZD(nd.Enu[k]!, nd.t[k]!, table.mN, ch, M);
    sw += nd.weight[k]!;
  }
  return sw > 0 ? s / sw : -1;
}

/**
 * Effective αP of the Fig. 3 chain N → ν Z_D: α(m_N, m_ZD) × P with P = −1 (fully left-handed
 * N: the production tables give 1 + ⟨P⟩ < 1e-4 for E_N ≥ 100 GeV, test/polarisation.test.ts), 0 when
 * unpolarised (default) or Majorana. Dimensionless, in [−1, 1].
 */
export function zdDecayAsymmetry(mN: number, mZD: number, opts: PolarisationOptions = {}): number {
  return effectiveAsymmetry(alphaNuZD(mN, mZD), -1, opts);
}

/**
 * Weight of a Z_D lab energy E relative to the unpolarised (uniform) density on [lo, hi]:
 * 1 + αP (2E − lo − hi)/(hi − lo), polarisation.md (P9). Dimensionless; 1 for αP = 0.
 */
export function zdEnergyWeight(E: number, lo: number, hi: number, alphaP: number): number {
  return alphaP === 0 ? 1 : polarisedEnergyDensity(E, lo, hi, alphaP) * (hi - lo);
}
