/**
 * Adaptive Gauss–Kronrod quadrature (7-point Gauss embedded in the 15-point Kronrod rule,
 * as QUADPACK's QAG/QK15: Piessens et al., "QUADPACK", Springer 1983). Global adaptive
 * bisection of the interval with the largest error estimate until the summed estimate is
 * below max(absTol, relTol·|I|). Nodes and weights are those tabulated in QUADPACK's qk15.
 */
import { requireFinite, requirePositive } from "./validate";

const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.58608723546769113029414483825873, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
] as const;
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
] as const;
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975,
  0.417959183673469387755102040816327,
] as const;

/** Options of {@link integrate}. */
export interface QuadOptions {
  /** Relative tolerance on the integral (default 1e-7). */
  readonly relTol?: number;
  /** Absolute tolerance (default 0). */
  readonly absTol?: number;
  /** Maximum number of subintervals (default 2000). */
  readonly maxIntervals?: number;
}

/** Result of a quadrature: the value and an estimate of its absolute error. */
export interface QuadResult {
  readonly value: number;
  readonly error: number;
  /** Number of integrand evaluations. */
  readonly evaluations: number;
}

interface Segment {
  a: number;
  b: number;
  value: number;
  error: number;
}

function qk15(f: (x: number) => number, a: number, b: number): Segment {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(centre);
  let resG = fc * WG[3];
  let resK = fc * WGK[7];
  for (let j = 0; j < 3; j++) {
    const jj = 2 * j + 1;
    const dx = half * XGK[jj]!;
    const f1 = f(centre - dx);
    const f2 = f(centre + dx);
    resG += WG[j]! * (f1 + f2);
    resK += WGK[jj]! * (f1 + f2);
  }
  for (let j = 0; j < 4; j++) {
    const jj = 2 * j;
    const dx = half * XGK[jj]!;
    const f1 = f(centre - dx);
    const f2 = f(centre + dx);
    resK += WGK[jj]! * (f1 + f2);
  }
  const value = resK * half;
  const error = Math.abs((resK - resG) * half);
  if (!Number.isFinite(value)) {
    throw new RangeError(`integrand is not finite on [${a}, ${b}] (value ${value})`);
  }
  return { a, b, value, error };
}

/**
 * ∫_a^b f(x) dx by adaptive Gauss–Kronrod (G7/K15). Throws if the integrand returns a
 * non-finite value or if the tolerance is not reached within `maxIntervals` bisections.
 */
export function integrate(f: (x: number) => number, a: number, b: number, opts: QuadOptions = {}): QuadResult {
  requireFinite("a", a);
  requireFinite("b", b);
  const relTol = opts.relTol ?? 1e-7;
  const absTol = opts.absTol ?? 0;
  const maxIntervals = opts.maxIntervals ?? 2000;
  requirePositive("maxIntervals", maxIntervals);
  if (a === b) return { value: 0, error: 0, evaluations: 0 };
  if (a > b) {
    const r = integrate(f, b, a, opts);
    return { value: -r.value, error: r.error, evaluations: r.evaluations };
  }
  const segments: Segment[] = [qk15(f, a, b)];
  let total = segments[0]!.value;
  let err = segments[0]!.error;
  let evals = 15;
  while (err > Math.max(absTol, relTol * Math.abs(total))) {
    if (segments.length >= maxIntervals) {
      throw new RangeError(
        `quadrature did not converge on [${a}, ${b}]: error ${err} > tolerance after ${segments.length} intervals (maxIntervals)`,
      );
    }
    // bisect the segment with the largest error
    let worst = 0;
    for (let i = 1; i < segments.length; i++) if (segments[i]!.error > segments[worst]!.error) worst = i;
    const s = segments[worst]!;
    const mid = 0.5 * (s.a + s.b);
    if (!(mid > s.a && mid < s.b)) break; // interval at machine resolution: accept
    const left = qk15(f, s.a, mid);
    const right = qk15(f, mid, s.b);
    evals += 30;
    segments[worst] = left;
    segments.push(right);
    total = 0;
    err = 0;
    for (const seg of segments) {
      total += seg.value;
      err += seg.error;
    }
  }
  return { value: total, error: err, evaluations: evals };
}

/**
 * ∫_a^b f(x) dx over 0 < a < b computed in the variable u = ln x (∫ f(e^u) e^u du), for
 * integrands peaked at small x such as dσ/dt near |t|_min. Same options and errors as
 * {@link integrate}.
 */
export function integrateLog(f: (x: number) => number, a: number, b: number, opts: QuadOptions = {}): QuadResult {
  requirePositive("a", a);
  requirePositive("b", b);
  return integrate(
    (u) => {
      const x = Math.exp(u);
      return f(x) * x;
    },
    Math.log(a),
    Math.log(b),
    opts,
  );
}

/**
 * ∫ f(t) dt over a momentum-transfer range [tLo, tHi] with tLo < tHi ≤ 0, integrating in
 * ln|t| (where dσ/dt is peaked near |t|_min). Returns the value only. GeV-independent helper.
 */
export function integrateOverT(f: (t: number) => number, tLo: number, tHi: number, opts: QuadOptions = {}): number {
  if (!(tLo <= tHi && tHi <= 0)) {
    throw new RangeError(`t range [${tLo}, ${tHi}] must satisfy tLo ≤ tHi ≤ 0`);
  }
  if (tLo === tHi) return 0;
  if (tHi === 0) throw new RangeError(`t range upper end must be < 0 for a log-|t| integral (got ${tHi})`);
  return integrateLog((q2) => f(-q2), -tHi, -tLo, opts).value;
}

/** Legendre P_n(z) and its derivative P_n'(z) by the three-term recurrence (|z| < 1). */
function legendreAndDerivative(n: number, z: number): [number, number] {
  let p0 = 1;
  let p1 = z;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return [p1, n === 1 ? 1 : (n * (z * p1 - p0)) / (z * z - 1)];
}

const glCache = new Map<number, { readonly x: number[]; readonly w: number[] }>();

/**
 * Gauss–Legendre nodes and weights on [−1, 1] for n points (Newton iteration on P_n from the
 * asymptotic guess cos(π(i + 3/4)/(n + 1/2)); Abramowitz & Stegun 25.4.29), w = 2/((1 − x²)P_n'²).
 * Exact for polynomials of degree ≤ 2n − 1. Cached per n (the arrays are shared: do not mutate).
 */
export function gaussLegendre(n: number): { readonly x: number[]; readonly w: number[] } {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`n = ${n} must be an integer in [1, 200]`);
  const cached = glCache.get(n);
  if (cached) return cached;
  const x: number[] = new Array<number>(n).fill(0);
  const w: number[] = new Array<number>(n).fill(0);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      const [p, dp] = legendreAndDerivative(n, z);
      const dz = p / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    const dp = legendreAndDerivative(n, z)[1];
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
    w[n - 1 - i] = w[i]!;
  }
  const rule = { x, w };
  glCache.set(n, rule);
  return rule;
}
