/**
 * Test-only phase-space points: 2 → 2 in the centre-of-mass frame and 1 → 3 in the parent rest
 * frame from Dalitz variables, plus a tiny seeded RNG (mulberry32) so tests are reproducible.
 * Four-vectors are [E, px, py, pz] (the FourVector of dirac.ts).
 */
import type { FourVector as Vec4 } from "./dirac";

/** Seeded uniform RNG on [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function kallen(a: number, b: number, c: number): number {
  return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c;
}

/** p1 + p2 → p3 + p4 at c.m. energy √s, p1 along +z, p3 at (cosθ, φ). Returns [p1, p2, p3, p4]. */
export function twoToTwo(s: number, m1: number, m2: number, m3: number, m4: number, cosTheta: number, phi: number): [Vec4, Vec4, Vec4, Vec4] {
  const rs = Math.sqrt(s);
  const pi = Math.sqrt(kallen(s, m1 * m1, m2 * m2)) / (2 * rs);
  const pf = Math.sqrt(kallen(s, m3 * m3, m4 * m4)) / (2 * rs);
  const p1: Vec4 = [Math.sqrt(m1 * m1 + pi * pi), 0, 0, pi];
  const p2: Vec4 = [Math.sqrt(m2 * m2 + pi * pi), 0, 0, -pi];
  const st = Math.sqrt(1 - cosTheta * cosTheta);
  const d: [number, number, number] = [st * Math.cos(phi), st * Math.sin(phi), cosTheta];
  const p3: Vec4 = [Math.sqrt(m3 * m3 + pf * pf), pf * d[0], pf * d[1], pf * d[2]];
  const p4: Vec4 = [Math.sqrt(m4 * m4 + pf * pf), -pf * d[0], -pf * d[1], -pf * d[2]];
  return [p1, p2, p3, p4];
}

/**
 * A → a b c in the A rest frame from Dalitz variables s_ab = (p_a+p_b)², s_ac = (p_a+p_c)²
 * (the event is built in the (ab) rest frame and boosted; orientation fixed). Returns [pA, pa, pb, pc].
 */
export function threeBody(M: number, ma: number, mb: number, mc: number, sab: number, sac: number): [Vec4, Vec4, Vec4, Vec4] {
  // Energies in the A rest frame: E_c = (M² + mc² − s_ab)/(2M), E_b = (M² + mb² − s_ac)/(2M).
  const Ec = (M * M + mc * mc - sab) / (2 * M);
  const Eb = (M * M + mb * mb - sac) / (2 * M);
  const Ea = M - Eb - Ec;
  const pa = Math.sqrt(Ea * Ea - ma * ma);
  const pb = Math.sqrt(Eb * Eb - mb * mb);
  const pc = Math.sqrt(Ec * Ec - mc * mc);
  // a along +z; b in the xz plane with the angle fixed by |p_a + p_b| = p_c.
  const cosab = (pc * pc - pa * pa - pb * pb) / (2 * pa * pb);
  const sinab = Math.sqrt(Math.max(0, 1 - cosab * cosab));
  const va: Vec4 = [Ea, 0, 0, pa];
  const vb: Vec4 = [Eb, pb * sinab, 0, pb * cosab];
  const vc: Vec4 = [Ec, -pb * sinab, 0, -pa - pb * cosab];
  return [[M, 0, 0, 0], va, vb, vc];
}

/** Dalitz range of s_ac at fixed s_ab for A → a b c (PDG kinematics review). */
export function dalitzRange(M: number, ma: number, mb: number, mc: number, sab: number): [number, number] {
  const rs = Math.sqrt(sab);
  const Eb = (sab - ma * ma + mb * mb) / (2 * rs); // b energy in the (ab) rest frame
  const Ec = (M * M - sab - mc * mc) / (2 * rs); // c energy in the (ab) rest frame
  const pb = Math.sqrt(Math.max(0, Eb * Eb - mb * mb));
  const pc = Math.sqrt(Math.max(0, Ec * Ec - mc * mc));
  const sbcBase = (Eb + Ec) ** 2;
  // This is the range of s_bc; convert to s_ac via s_ab + s_ac + s_bc = M² + ma² + mb² + mc².
  const sbcMin = sbcBase - (pb + pc) ** 2;
  const sbcMax = sbcBase - (pb - pc) ** 2;
  const sum = M * M + ma * ma + mb * mb + mc * mc;
  return [sum - sab - sbcMax, sum - sab - sbcMin];
}
