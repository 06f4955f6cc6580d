/**
 * Elastic N e⁻ → N e⁻ with electron-recoil cuts, for the heavy-Z_D scenario of Fig. 4 of
 * arXiv:2011.04751: the recoil angle of elastic scattering of a MASSIVE projectile, the exact
 * T intervals of (E_e, θ) boxes, and σ within the cuts from the corrected (A.12) (ERRATA E7,
 * lib/models/darkBoson/electronScattering.ts). Derivation: docs/derivations/fig4.md §4.
 */
import { m_e } from "../../../core/constants";
import { type DarkBosonModel, sigmaNElectron } from "..";
import { requirePositive } from "../../../core/validate";
import type { RecoilBox } from "../../../detector/electronCuts";

/**
 * cos θ_e of the electron (mass M, at rest) recoiling with kinetic energy T in the ELASTIC scattering
 * of a particle of mass m and energy E (momentum p): from energy and momentum conservation
 * (E − T)² − m² = p² + p_e² − 2 p p_e cos θ,  cos θ = T(E + M)/(p √(T² + 2MT)). It does not depend
 * on m except through p; θ decreases monotonically from π/2 (T → 0) to 0 (T = T_max). Dimensionless.
 */
export function elasticRecoilCosTheta(E: number, T: number, m: number, M = m_e): number {
  requirePositive("T", T);
  if (!(E > m)) throw new RangeError(`E = ${E} GeV must exceed the projectile mass m = ${m} GeV`);
  const p = Math.sqrt((E - m) * (E + m));
  return (T * (E + M)) / (p * Math.sqrt(T * T + 2 * M * T));
}

/** Maximal recoil T_max = 2M p²/((E + M)² − p²) of elastic scattering on M at rest (θ = 0, backward CM scattering). GeV. */
export function elasticTMax(E: number, m: number, M = m_e): number {
  const p2 = (E - m) * (E + m);
  return (2 * M * p2) / ((E + M) * (E + M) - p2);
}

/** Recoil T at which the elastic recoil angle equals θ: T(θ) = 2M p² cos²θ/((E + M)² − p² cos²θ) (inverse of {@link elasticRecoilCosTheta}). GeV. */
export function elasticTAtAngle(E: number, m: number, theta: number, M = m_e): number {
  const c = Math.cos(Math.min(Math.PI / 2, Math.max(0, theta)));
  const p2c2 = (E - m) * (E + m) * c * c;
  return (2 * M * p2c2) / ((E + M) * (E + M) - p2c2);
}

/**
 * Accepted recoil kinetic-energy intervals for elastic scattering of a particle (E, m) on an electron,
 * given (E_e, θ) boxes (E_e = T + m_e): θ ≤ θ_max ⇔ T ≥ T(θ_max), θ ≥ θ_min ⇔ T ≤ T(θ_min), exactly,
 * since θ(T) is monotonic. Optional E θ² ≤ EThetaSqMax is not applied here (see charm2). GeV.
 */
export function elasticRecoilWindows(E: number, m: number, boxes: readonly RecoilBox[], M = m_e): [number, number][] {
  const out: [number, number][] = [];
  const Tmax = elasticTMax(E, m, M);
  for (const b of boxes) {
    const lo = Math.max(b.EeMin - M, elasticTAtAngle(E, m, b.thetaMax, M), 0);
    const hi = Math.min(b.EeMax - M, b.thetaMin > 0 ? elasticTAtAngle(E, m, b.thetaMin, M) : Tmax, Tmax);
    if (hi > lo && hi > 0) out.push([Math.max(lo, 1e-12), hi]);
  }
  return out;
}

/** σ(N e → N e) inside the recoil boxes: Σ over windows of {@link sigmaNElectron} with [T_lo, T_hi] (corrected (A.12), E7). GeV⁻². */
export function sigmaNElectronInBoxes(m: DarkBosonModel, E: number, boxes: readonly RecoilBox[]): number {
  if (!(E > m.mN)) return 0;
  let s = 0;
  for (const [a, b] of elasticRecoilWindows(E, m.mN, boxes)) s += sigmaNElectron(m, E, { Tmin: a, Tmax: b });
  return s;
}
