/**
 * Electron-recoil selection of FASERν2 (SPEC §5 item 4, following arXiv:2101.10338):
 * 0.3 GeV < E_e < 20 GeV, and recoil angle 10–20 mrad for E_e > 10 GeV, 10–30 mrad for
 * 3 < E_e < 10 GeV, > 10 mrad for E_e < 3 GeV. E_e is the total electron energy T + m_e.
 *
 * Each (energy, angle) box becomes a set of intervals in the recoil kinetic energy T (the
 * angle θ(T) comes from kinematics.recoilCosTheta), which the production tabulation
 * integrates exactly, edge to edge.
 */
import { m_e } from "../core/constants";
import { recoilCosTheta } from "../core/kinematics";
import { requireNonNegative, requirePositive } from "../core/validate";

/** One box of the selection: E_e range (GeV) and θ range (rad). */
export interface RecoilBox {
  readonly EeMin: number;
  readonly EeMax: number;
  readonly thetaMin: number;
  readonly thetaMax: number;
}

/** The FASERν2 electron-scattering selection with angle cuts (SPEC §5). */
export const fasernu2ElectronCuts: readonly RecoilBox[] = [
  { EeMin: 0.3, EeMax: 3, thetaMin: 0.01, thetaMax: Math.PI / 2 },
  { EeMin: 3, EeMax: 10, thetaMin: 0.01, thetaMax: 0.03 },
  { EeMin: 10, EeMax: 20, thetaMin: 0.01, thetaMax: 0.02 },
];

/** The same energy window with the angle cuts released (Fig. 4, "without angle cuts"). */
export const fasernu2ElectronCutsNoAngle: readonly RecoilBox[] = [
  { EeMin: 0.3, EeMax: 20, thetaMin: 0, thetaMax: Math.PI / 2 },
];

/** Recoil angle θ(T) of the electron for ν(E) e → N(m_N) e, radians; monotonically decreasing in T. */
export function electronRecoilAngle(E: number, T: number, mN: number, M = m_e): number {
  const c = recoilCosTheta(E, T, M, mN);
  return Math.acos(Math.max(-1, Math.min(1, c)));
}

/**
 * Accepted recoil kinetic-energy intervals [T_lo, T_hi] (GeV) for an incoming neutrino of
 * energy E producing N of mass m_N, given the physical range [TMinPhys, TMaxPhys] and a
 * selection made of boxes in (E_e, θ). θ(T) is 0 at both ends of the physical range when
 * m_N > 0 (the recoil is collinear at the extreme CM angles), so it is not monotonic in
 * general: each box is scanned on a grid of 256 points in ln T and every crossing of a cut
 * angle is refined by bisection to machine precision. Empty intervals are dropped.
 */
export function recoilWindows(
  E: number,
  mN: number,
  TMinPhys: number,
  TMaxPhys: number,
  boxes: readonly RecoilBox[],
  M = m_e,
): [number, number][] {
  requirePositive("E", E);
  requireNonNegative("mN", mN);
  const out: [number, number][] = [];
  if (!(TMaxPhys > TMinPhys) || !(TMinPhys > 0)) return out;
  for (const box of boxes) {
    const lo = Math.max(TMinPhys, box.EeMin - M);
    const hi = Math.min(TMaxPhys, box.EeMax - M);
    if (!(hi > lo)) continue;
    const inside = (T: number) => {
      const th = electronRecoilAngle(E, T, mN, M);
      return th >= box.thetaMin && th <= box.thetaMax;
    };
    const n = 256;
    const L0 = Math.log(lo), L1 = Math.log(hi);
    let prevT = lo;
    let prevIn = inside(lo);
    let start = prevIn ? lo : NaN;
    for (let i = 1; i <= n; i++) {
      const T = i === n ? hi : Math.exp(L0 + ((L1 - L0) * i) / n);
      const now = inside(T);
      if (now !== prevIn) {
        // bisect the crossing between prevT and T
        let a = Math.log(prevT), b = Math.log(T);
        for (let k = 0; k < 60; k++) {
          const mid = 0.5 * (a + b);
          if (inside(Math.exp(mid)) === prevIn) a = mid;
          else b = mid;
        }
        const cross = Math.exp(0.5 * (a + b));
        if (now) start = cross;
        else out.push([start, cross]);
      }
      prevT = T;
      prevIn = now;
    }
    if (prevIn) out.push([start, hi]);
  }
  return out.filter(([a, b]) => b > a);
}
