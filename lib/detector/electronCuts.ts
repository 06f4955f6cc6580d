/**
 * Electron-recoil selection of FASERν2 (SPEC §5 item 4, following arXiv:2101.10338):
 * 0.3 GeV < E_e < 20 GeV, and recoil angle 10–20 mrad for E_e > 10 GeV, 10–30 mrad for
 * 3 < E_e < 10 GeV, > 10 mrad for E_e < 3 GeV. E_e is the total electron energy T + m_e.
 *
 * Each (energy, angle) box becomes a set of intervals in the recoil kinetic energy T (the
 * angle cuts are quadratic conditions on T, solved in closed form), which the production
 * tabulation integrates exactly, edge to edge.
 */
import { m_e } from "../core/constants";
import { recoilCosTheta, tRange } from "../core/kinematics";
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
 * The recoil kinetic energies T (GeV) where θ(T) ≥ θ_c, i.e. cos θ(T) ≤ c = cos θ_c, as an
 * interval [T₁, T₂] (null when empty). From cos θ = [T(E+M) + m_N²/2] / [E √(T² + 2MT)]
 * (core/kinematics recoilCosTheta; both sides positive for c > 0) squaring gives
 * Q(T) = A T² + 2B T + C ≤ 0 with A = 2EM + M² + E² sin²θ_c > 0, B = (E+M) m_N²/2 − E²M cos²θ_c,
 * C = m_N⁴/4: the set is the interval between the roots (A written with sin²θ_c so that small
 * angles lose no digits; the smaller root as C/q, the stable form). c ≤ 0 (θ_c ≥ π/2): no T.
 */
function cosAtMostInterval(E: number, mN: number, M: number, thetaC: number): [number, number] | null {
  const c = Math.cos(thetaC), s = Math.sin(thetaC);
  if (!(c > 0)) return null;
  const h = (mN * mN) / 2;
  const A = 2 * E * M + M * M + E * E * s * s;
  const B = (E + M) * h - E * E * M * c * c;
  const C = h * h;
  const disc = B * B - A * C;
  if (!(disc >= 0)) return null;
  const q = -(B + Math.sign(B || -1) * Math.sqrt(disc)); // −(B + sgn B √disc): no cancellation
  const r1 = q / A, r2 = q !== 0 ? C / q : 0;
  const lo = Math.min(r1, r2), hi = Math.max(r1, r2);
  return hi > 0 ? [Math.max(0, lo), hi] : null;
}

/**
 * Accepted recoil kinetic-energy intervals [T_lo, T_hi] (GeV) for an incoming neutrino of
 * energy E producing N of mass m_N, given the physical range [TMinPhys, TMaxPhys] and a
 * selection made of boxes in (E_e, θ). θ(T) is 0 at both ends of the physical range when
 * m_N > 0 (the recoil is collinear at the extreme CM angles), so it is not monotonic: each
 * angle cut is a quadratic condition on T ({@link cosAtMostInterval}), solved in closed form,
 * so a box is its E_e range ∩ [T₁(θ_min), T₂(θ_min)] minus (T₁(θ_max), T₂(θ_max)) — at most two
 * intervals, exact to rounding (the former 256-point scan with bisection could miss a window
 * narrower than a scan step). Empty intervals are dropped.
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
    let lo = Math.max(TMinPhys, box.EeMin - M);
    let hi = Math.min(TMaxPhys, box.EeMax - M);
    if (!(hi > lo)) continue;
    // θ ≥ θ_min (θ_min = 0: every physical T)
    if (box.thetaMin > 0) {
      const r = cosAtMostInterval(E, mN, M, box.thetaMin);
      if (r === null) continue;
      lo = Math.max(lo, r[0]);
      hi = Math.min(hi, r[1]);
      if (!(hi > lo)) continue;
    }
    // θ ≤ θ_max: remove the T where θ > θ_max (none for θ_max ≥ π/2)
    const hole = box.thetaMax < Math.PI / 2 ? cosAtMostInterval(E, mN, M, box.thetaMax) : null;
    if (hole === null || !(hole[1] > lo) || !(hole[0] < hi)) {
      out.push([lo, hi]);
      continue;
    }
    if (hole[0] > lo) out.push([lo, hole[0]]);
    if (hole[1] < hi) out.push([hole[1], hi]);
  }
  return out.filter(([a, b]) => b > a);
}

/** A production channel as the recoil-window option sees it: the scatterer's mass, GeV. */
export interface RecoilTarget {
  readonly targetMass: number;
}

/**
 * The electron-recoil selection as the `recoilWindows` option of a production table (the one
 * owner of this closure for every model): for ν(E) on a scatterer → N(m_N), the accepted T
 * intervals within the physical range of core/kinematics tRange, FASERν2's boxes with or
 * without the angle cuts. GeV.
 */
export function electronRecoilSelection(mN: number, angleCuts = true): (E: number, target: RecoilTarget) => [number, number][] {
  requireNonNegative("mN", mN);
  const boxes = angleCuts ? fasernu2ElectronCuts : fasernu2ElectronCutsNoAngle;
  return (E, target) => {
    const r = tRange(E, mN, target.targetMass);
    if (r === null) return [];
    return recoilWindows(E, mN, -r.tMax / (2 * target.targetMass), -r.tMin / (2 * target.targetMass), boxes, target.targetMass);
  };
}
