/**
 * Four-vector helpers for building final states: two-body decays in the parent rest frame
 * and the boost of a rest-frame momentum into the lab frame of a moving parent. GeV.
 */
import type { Random } from "../core/random";

/** Momentum of each daughter in the rest frame of a parent of mass M decaying to masses m1, m2 (Källén function). GeV. */
export function twoBodyMomentum(M: number, m1: number, m2: number): number {
  const a = (M - m1 - m2) * (M + m1 + m2) * (M - m1 + m2) * (M + m1 - m2);
  return Math.sqrt(Math.max(0, a)) / (2 * M);
}

/** Scratch four-vector [px, py, pz, E]. */
export type Vec4 = Float64Array;

/** A new zero four-vector. */
export function vec4(): Vec4 {
  return new Float64Array(4);
}

/**
 * Set `out` to an isotropic direction times momentum p with energy E (unpolarised decay): the
 * direction by Marsaglia's method (Ann. Math. Stat. 43 (1972) 645): (v₁, v₂) uniform in the unit
 * disk by rejection, r² = v₁² + v₂², then n = (2v₁√(1−r²), 2v₂√(1−r²), 1 − 2r²) — uniform on the
 * sphere, with one square root and no trigonometric call.
 */
export function isotropic(rng: Random, p: number, E: number, out: Vec4): Vec4 {
  for (;;) {
    const v1 = 2 * rng() - 1, v2 = 2 * rng() - 1;
    const r2 = v1 * v1 + v2 * v2;
    if (r2 < 1) {
      const k = 2 * p * Math.sqrt(1 - r2);
      out[0] = k * v1;
      out[1] = k * v2;
      out[2] = p * (1 - 2 * r2);
      out[3] = E;
      return out;
    }
  }
}

/**
 * Boost `v` (given in the rest frame of a parent of mass M) into the frame where the parent
 * has four-momentum P = (Px, Py, Pz, PE): the general Lorentz boost with β = P/PE, in place.
 */
export function boostInto(v: Vec4, Px: number, Py: number, Pz: number, PE: number, M: number): Vec4 {
  const bp = v[0]! * Px + v[1]! * Py + v[2]! * Pz; // p·P
  const E = (PE * v[3]! + bp) / M;
  const k = (v[3]! + E) / (PE + M); // (E* + E)/(E_P + M) times P gives the momentum shift
  v[0] = v[0]! + k * Px;
  v[1] = v[1]! + k * Py;
  v[2] = v[2]! + k * Pz;
  v[3] = E;
  return v;
}

/** Energy of `v` boosted into the frame where the parent moves with P (without changing v). */
export function boostedEnergy(v: Vec4, Px: number, Py: number, Pz: number, PE: number, M: number): number {
  return (PE * v[3]! + v[0]! * Px + v[1]! * Py + v[2]! * Pz) / M;
}
