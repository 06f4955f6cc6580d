/**
 * Polarisation of N in the dipole portal (docs/derivations/polarisation.md): ν_L T → N T through
 * the photon and the chirality-flipping vertex μ_N N̄_R σ^{μν} ν_L F_μν makes N right-handed up to
 * O(m_N²/E_N²) (§1, P5); N → ν_L γ of a polarised Dirac N is 1 − P cosθ (photon w.r.t. the N spin,
 * §2, P8; the angular distributions of Balantekin, de Gouvêa, Kayser, PLB 789 (2019) 488,
 * arXiv:1808.10518), isotropic for a Majorana N. The paper treats N as unpolarised (the `paper`
 * preset's choice).
 */
import { m_e, m_n, m_p } from "../../core/constants";
import type { ProductionTable } from "../../engine/productionTable";
import { momentum } from "../../core/kinematics";
import {
  channelTargetCurrent,
  effectiveAsymmetry,
  longitudinalPolarisation,
  type PolarisationOptions,
  polarisedEnergyFraction,
} from "../../core/polarisation";

/** Decay asymmetry of N → ν_L γ for N (photon direction w.r.t. the N spin), polarisation.md (P8): −1; N̄ → ν̄γ: +1. */
export const ALPHA_NU_GAMMA = -1;

/** Longitudinal polarisation of N from ν T → N T through the dipole at (E_ν, t), polarisation.md (P5); +1 − O(m_N²/E_N²) except within ~1e-4 of |t|_min. */
export function productionPolarisationDipole(E: number, t: number, mN: number, channel: string, targetMass: number): number {
  return longitudinalPolarisation("dipole", E, t, mN, channelTargetCurrent(channel, targetMass, t));
}

/** Effective αP of N → νγ for a node's N (Dirac: ALPHA_NU_GAMMA × P; Majorana or unpolarised: 0). */
export function photonDecayAsymmetry(P: number, opts: PolarisationOptions = {}): number {
  return effectiveAsymmetry(ALPHA_NU_GAMMA, P, opts);
}

/**
 * Fraction of N → νγ photons with E_γ in [x0, x1] for an N of energy E_N and asymmetry αP:
 * E_γ on [(E_N − p_N)/2, (E_N + p_N)/2] with density linear in E_γ (polarisation.md P9); αP = 0 is
 * the uniform box of SPEC §5 (signatures.photonFractionAbove). Dimensionless.
 */
export function photonFractionPolarised(x0: number, x1: number, EN: number, mN: number, alphaP: number): number {
  const p = momentum(EN, mN);
  if (p === 0) return x0 <= mN / 2 && mN / 2 < x1 ? 1 : 0;
  return polarisedEnergyFraction(x0, x1, 0.5 * (EN - p), 0.5 * (EN + p), alphaP);
}

/** Target mass of a dipole production channel (coherent: the nucleus). GeV. */
function channelMass(channel: string, nucleusMass: number): number {
  return channel === "coherent" ? nucleusMass : channel === "proton" ? m_p : channel === "neutron" ? m_n : m_e;
}

/**
 * Production polarisation P of every node of a dipole production table (ν → N; a ν̄ node makes N̄
 * with −P and the same αP, so the sign is that of N). nucleusMass: the coherent target's mass, GeV.
 */
export function nodePolarisations(table: ProductionTable, nucleusMass: number): Float64Array {
  const nd = table.nodes;
  const out = new Float64Array(nd.length);
  for (let k = 0; k < nd.length; k++) {
    const ch = table.channels[nd.channel[k]!]!;
    out[k] = productionPolarisationDipole(nd.Enu[k]!, nd.t[k]!, table.mN, ch, channelMass(ch, nucleusMass));
  }
  return out;
}
