/**
 * Interpolation: the one owner of the log-grid interpolant of an expensive smooth function
 * (the visible-energy fraction of N → νℓℓ per E_N, the heavy-Z_D acceptances, …).
 */
import { requirePositive } from "./validate";

/**
 * Default nodes per decade of E: 40, a step of 0.025 dex — the value both former copies used
 * (dipole signatures, heavy Z_D); test/coreHelpers.test.ts measures the interpolation error on
 * a smooth energy dependence at this step.
 */
export const LOG_INTERPOLANT_PER_DECADE = 40;

/**
 * Interpolant of f, linear in ln E between nodes equally spaced in ln E on [Emin, Emax]
 * (⌈decades · perDecade⌉ steps, at least 2); f itself at and outside the ends.
 */
export function logInterpolant(f: (E: number) => number, Emin: number, Emax: number, perDecade = LOG_INTERPOLANT_PER_DECADE): (E: number) => number {
  requirePositive("Emin", Emin);
  if (!(Emax > Emin)) throw new RangeError(`Emax = ${Emax} must exceed Emin = ${Emin}`);
  requirePositive("perDecade", perDecade);
  const L0 = Math.log(Emin), L1 = Math.log(Emax);
  const n = Math.max(2, Math.ceil(((L1 - L0) / Math.LN10) * perDecade));
  const h = (L1 - L0) / n;
  const ys = Float64Array.from({ length: n + 1 }, (_, i) => f(Math.exp(L0 + i * h)));
  return (E: number) => {
    if (E <= Emin || E >= Emax) return f(E);
    const x = (Math.log(E) - L0) / h;
    const i = Math.min(n - 1, Math.floor(x));
    const u = x - i;
    return ys[i]! * (1 - u) + ys[i + 1]! * u;
  };
}
