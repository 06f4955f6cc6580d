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

/** Set `out` to an isotropic direction times momentum p with energy E (unpolarised decay). */
export function isotropic(rng: Random, p: number, E: number, out: Vec4): Vec4 {
  const c = 2 * rng() - 1;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const phi = 2 * Math.PI * rng();
  out[0] = p * s * Math.cos(phi);
  out[1] = p * s * Math.sin(phi);
  out[2] = p * c;
  out[3] = E;
  return out;
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
