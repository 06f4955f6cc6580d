/**
 * Statistics for comparing Monte Carlo with quadrature: the regularised incomplete gamma
 * function and the χ² tail probability (Numerical Recipes 3rd ed. §6.2: series for x < a + 1,
 * Lentz continued fraction otherwise; relative accuracy ~1e-12).
 */
import { requirePositive } from "./validate";

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; Numerical Recipes §6.1). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Stand-in for a zero denominator in the modified Lentz algorithm (Numerical Recipes §5.2,
 * "FPMIN"): 1e-300, near the smallest normal double, so 1/LENTZ_TINY stays finite and the
 * recurrence continues instead of dividing by 0.
 */
const LENTZ_TINY = 1e-300;

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), a > 0, x ≥ 0 (dimensionless). */
export function gammaQ(a: number, x: number): number {
  requirePositive("a", a);
  if (!(x >= 0)) throw new RangeError(`x = ${x} must be ≥ 0`);
  if (x === 0) return 1;
  const lnPre = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // series for P(a, x)
    let sum = 1 / a, term = sum;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(lnPre);
  }
  // continued fraction for Q(a, x) (modified Lentz)
  let b = x + 1 - a, c = 1 / LENTZ_TINY, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = b + an / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lnPre) * h;
}

/** Probability that a χ² variable with `ndf` degrees of freedom exceeds `chi2`: Q(ndf/2, χ²/2). */
export function chiSquarePValue(chi2: number, ndf: number): number {
  if (!Number.isInteger(ndf) || ndf < 1) throw new RangeError(`ndf = ${ndf} must be a positive integer`);
  return gammaQ(ndf / 2, chi2 / 2);
}

/**
 * χ² of a weighted Monte Carlo histogram against expected values, Σ (s_b − q_b)²/σ_b², over the
 * bins with at least `minEffective` effective events (s_b/σ_b)²; returns χ², ndf (bins used,
 * no fitted parameter: the totals are compared too) and the p-value.
 */
export function histogramChiSquare(
  sampled: readonly number[],
  errors: readonly number[],
  expected: readonly number[],
  minEffective = 25,
): { chi2: number; ndf: number; pValue: number } {
  if (sampled.length !== expected.length || errors.length !== expected.length) {
    throw new RangeError(`histogram lengths differ: sampled ${sampled.length}, errors ${errors.length}, expected ${expected.length}`);
  }
  let chi2 = 0, ndf = 0;
  sampled.forEach((s, b) => {
    const e = errors[b]!;
    if (!(e > 0) || (s / e) ** 2 < minEffective) return;
    chi2 += ((s - expected[b]!) / e) ** 2;
    ndf++;
  });
  if (ndf === 0) throw new RangeError(`no bin holds ≥ ${minEffective} effective events`);
  return { chi2, ndf, pValue: chiSquarePValue(chi2, ndf) };
}
