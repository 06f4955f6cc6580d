/**
 * Coupling scans of a {@link ScalableSignature} (lib/engine/scaling) made cheap (issue 15):
 * the event count N(κ) = κ Σ_j W_j P(d_j/κ) evaluated in one loop without per-bin calls
 * (the same values to the rounding; the tungsten count bit for bit), and where N is monotone in κ, so that an
 * edge scan (lib/engine/edgeScan `shape`) evaluates only the grid between.
 *
 * Shape of the vessel count. With u = κ/D_j (D_j the lab decay length at κ = 1, GeV⁻¹) and the
 * vessel probability of lib/detector/geometry (SPEC §3), P(d) = (d/t) e^{−a/d}(1 − e^{−t/d})(1 − e^{−Δ/d}),
 * a = x_min − t ≥ 0, each term is
 *     κ W_j P(D_j/κ) = (W_j D_j / t) G(κ/D_j),   G(u) = e^{−a u}(1 − e^{−t u})(1 − e^{−Δ u}).
 * G is log-concave: ln G = −a u + ln(1 − e^{−t u}) + ln(1 − e^{−Δ u}), and
 * (ln(1 − e^{−b u}))'' = −b² e^{−b u}/(1 − e^{−b u})² < 0. Hence (ln G)'(u) = h(u) =
 * −a + t/(e^{t u} − 1) + Δ/(e^{Δ u} − 1) is strictly decreasing, from +∞ at u → 0 to −a: for
 * a > 0 it has one root u*, G rises below it and falls above it (for a = 0 G rises everywhere).
 * So every term rises for κ < D_j u* and falls for κ > D_j u*, and the sum N is non-decreasing
 * for κ ≤ u* min_j D_j and non-increasing for κ ≥ u* max_j D_j (over bins with W_j > 0).
 * The bounds used are taken 0.1 % inside those (u_inc < u* < u_dec with h(u_inc) > 0 > h(u_dec)
 * checked), so that on each grid step of a scan (≥ 1 % in κ) every term changes by far more than
 * the rounding of the sum (~10⁻¹⁶): the computed counts are monotone there too.
 *
 * Tungsten decays and no decay: P non-decreasing in κ (P_T(d) = 1 − (d/t)(1 − e^{−t/d}) falls
 * with d), so N is non-decreasing everywhere.
 */
import { requirePositive } from "../core/validate";
import { tungstenProbabilityUnchecked } from "../detector/geometry";
import type { ScalableSignature } from "./scaling";

/** Below this the exponential is exactly 0 in double precision (e^{−745.2} underflows to 0). */
const EXP_UNDERFLOW = -746;

/**
 * N(κ) of `sig`, the numbers of `sig.events`: tungsten bit for bit (probDecayInTungsten's
 * unchecked form per bin), vessel to the rounding (≲ 10⁻¹⁵ relative: probDecayInVessel in u = κ/D_j
 * with the per-bin factors taken once, no division per bin; a bin whose e^{−(x_min − t)/d}
 * underflows to 0 adds an exact 0 and is skipped). κ in GeV⁻² (μ_N²).
 */
export function fastEvents(sig: ScalableSignature): (kappa: number) => number {
  const W = sig.weight, D = sig.decayLength, n = W.length;
  const det = sig.detector;
  const t = det.target.length;
  if (sig.region === "vessel") {
    const xMin = det.vessel.start, delta = det.vessel.length;
    requirePositive("target length", t);
    requirePositive("vessel length", delta);
    if (!(xMin >= t)) throw new RangeError(`xMin = ${xMin} must be ≥ the tungsten length t = ${t}`);
    const negA = -(xMin - t);
    // per bin, once: 1/D_j and the term's prefactor κ W_j (d_j/t) = W_j D_j/t
    const invD = new Float64Array(n), c = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const Dj = D[j]!;
      if (!(Dj >= 0)) throw new RangeError(`decay length D[${j}] = ${Dj} GeV⁻¹ must be ≥ 0`);
      invD[j] = 1 / Dj;
      c[j] = (W[j]! * Dj) / t;
    }
    return (kappa) => {
      requirePositive("kappa", kappa);
      let s = 0;
      for (let j = 0; j < n; j++) {
        // u = κ/D_j = 1/d_j: κ W_j P(d_j) = (W_j D_j/t) e^{−a u}(1 − e^{−t u})(1 − e^{−Δ u}) (vesselProbabilityUnchecked
        // with its quotients by d as products by u: the same value to the rounding, ≲ 10⁻¹⁵ relative)
        const u = kappa * invD[j]!;
        const x = negA * u;
        if (u === Infinity || u === 0 || x < EXP_UNDERFLOW) continue;
        s += c[j]! * Math.exp(x) * Math.expm1(-t * u) * Math.expm1(-delta * u);
      }
      return s;
    };
  }
  if (sig.region === "tungsten") {
    requirePositive("target length", t);
    return (kappa) => {
      requirePositive("kappa", kappa);
      let s = 0;
      for (let j = 0; j < n; j++) {
        const d = D[j]! / kappa;
        if (!(d >= 0)) throw new RangeError(`d = ${d} must be ≥ 0`);
        s += W[j]! * tungstenProbabilityUnchecked(d, t);
      }
      return kappa * s;
    };
  }
  return sig.events;
}

/** Where N(κ) is monotone: non-decreasing for κ ≤ increasingBelow, non-increasing for κ ≥ decreasingAbove (GeV⁻²). */
export interface MonotoneRange {
  readonly increasingBelow: number;
  readonly decreasingAbove: number;
}

/** (ln G)'(u) of the module doc, GeV (u in GeV). */
function logSlope(u: number, a: number, t: number, delta: number): number {
  return -a + t / Math.expm1(t * u) + delta / Math.expm1(delta * u);
}

/** The root u* of (ln G)' bracketed by bisection: u_inc < u* < u_dec, each 0.1 % outside the bracket, signs checked. */
function logSlopeRoot(a: number, t: number, delta: number): { inc: number; dec: number } | null {
  let lo = 1 / (a + t + delta), hi = lo;
  for (let k = 0; k < 2000 && !(logSlope(lo, a, t, delta) > 0); k++) lo *= 0.5;
  for (let k = 0; k < 2000 && !(logSlope(hi, a, t, delta) < 0); k++) hi *= 2;
  if (!(logSlope(lo, a, t, delta) > 0 && logSlope(hi, a, t, delta) < 0)) return null;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const m = 0.5 * (lo + hi);
    if (logSlope(m, a, t, delta) > 0) lo = m;
    else hi = m;
  }
  const inc = lo * 0.999, dec = hi * 1.001;
  return logSlope(inc, a, t, delta) > 0 && logSlope(dec, a, t, delta) < 0 ? { inc, dec } : null;
}

/** The monotone range of N(κ) for `sig` (module doc), or null when nothing is known (then scan in full). */
export function monotoneRange(sig: ScalableSignature): MonotoneRange | null {
  if (sig.region !== "vessel") return { increasingBelow: Infinity, decreasingAbove: Infinity };
  const det = sig.detector;
  const t = det.target.length, a = det.vessel.start - t, delta = det.vessel.length;
  if (!(t > 0 && delta > 0 && a >= 0)) return null;
  let dMin = Infinity, dMax = 0;
  for (let j = 0; j < sig.weight.length; j++) {
    if (!(sig.weight[j]! > 0)) continue;
    const d = sig.decayLength[j]!;
    if (!(d > 0 && d < Infinity)) return null;
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
  }
  if (dMax === 0) return { increasingBelow: Infinity, decreasingAbove: Infinity }; // N ≡ 0
  if (a === 0) return { increasingBelow: Infinity, decreasingAbove: Infinity };
  const r = logSlopeRoot(a, t, delta);
  return r ? { increasingBelow: r.inc * dMin, decreasingAbove: r.dec * dMax } : null;
}
