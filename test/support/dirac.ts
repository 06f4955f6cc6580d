/**
 * Numeric Dirac algebra for tests: explicit 4×4 complex gamma matrices (Dirac representation),
 * products and traces evaluated numerically at given four-momenta — no trace theorems, no
 * spinors. Used to check analytic spin-summed |M|² independently of their derivation.
 *
 * Conventions: metric diag(+1, −1, −1, −1); four-vectors are contravariant arrays [p⁰, p¹, p², p³];
 * γ⁵ = iγ⁰γ¹γ²γ³; σ^{μν} = (i/2)[γ^μ, γ^ν]; P_{L,R} = (1 ∓ γ⁵)/2.
 */

/** A 4×4 complex matrix, row-major: re[4i + j], im[4i + j]. */
export interface CMat {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A contravariant four-vector [p⁰, p¹, p², p³]. */
export type FourVector = readonly [number, number, number, number];

/** Minkowski metric diagonal g_{μμ}. */
export const metric: FourVector = [1, -1, -1, -1];

function zeros(): CMat {
  return { re: new Float64Array(16), im: new Float64Array(16) };
}

/** Matrix from real and imaginary 4×4 nested arrays. */
export function cmat(re: number[][], im?: number[][]): CMat {
  const m = zeros();
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      m.re[4 * i + j] = re[i]![j]!;
      m.im[4 * i + j] = im ? im[i]![j]! : 0;
    }
  return m;
}

/** Identity. */
export const ONE: CMat = cmat([
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
]);

/** A + B. */
export function add(a: CMat, b: CMat): CMat {
  const m = zeros();
  for (let k = 0; k < 16; k++) {
    m.re[k] = a.re[k]! + b.re[k]!;
    m.im[k] = a.im[k]! + b.im[k]!;
  }
  return m;
}

/** (x + i y) A. */
export function scale(a: CMat, x: number, y = 0): CMat {
  const m = zeros();
  for (let k = 0; k < 16; k++) {
    m.re[k] = x * a.re[k]! - y * a.im[k]!;
    m.im[k] = x * a.im[k]! + y * a.re[k]!;
  }
  return m;
}

/** Matrix product A B (… of any number of factors). */
export function mul(...ms: CMat[]): CMat {
  if (ms.length === 0) return ONE;
  let acc = ms[0]!;
  for (let n = 1; n < ms.length; n++) {
    const b = ms[n]!;
    const m = zeros();
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        let r = 0;
        let im = 0;
        for (let k = 0; k < 4; k++) {
          const ar = acc.re[4 * i + k]!;
          const ai = acc.im[4 * i + k]!;
          const br = b.re[4 * k + j]!;
          const bi = b.im[4 * k + j]!;
          r += ar * br - ai * bi;
          im += ar * bi + ai * br;
        }
        m.re[4 * i + j] = r;
        m.im[4 * i + j] = im;
      }
    acc = m;
  }
  return acc;
}

/** Trace, as [re, im]. */
export function trace(a: CMat): [number, number] {
  let r = 0;
  let i = 0;
  for (let k = 0; k < 4; k++) {
    r += a.re[5 * k]!;
    i += a.im[5 * k]!;
  }
  return [r, i];
}

/** Hermitian conjugate A†. */
export function dagger(a: CMat): CMat {
  const m = zeros();
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      m.re[4 * i + j] = a.re[4 * j + i]!;
      m.im[4 * i + j] = -a.im[4 * j + i]!;
    }
  return m;
}

/** Dirac representation: γ⁰ = diag(1, 1, −1, −1), γ^k = [[0, σ_k], [−σ_k, 0]]. */
export const gamma: readonly CMat[] = (() => {
  const g0 = cmat([
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, -1, 0],
    [0, 0, 0, -1],
  ]);
  const g1 = cmat([
    [0, 0, 0, 1],
    [0, 0, 1, 0],
    [0, -1, 0, 0],
    [-1, 0, 0, 0],
  ]);
  const g2 = cmat(
    [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
    [
      [0, 0, 0, -1],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [-1, 0, 0, 0],
    ],
  );
  const g3 = cmat([
    [0, 0, 1, 0],
    [0, 0, 0, -1],
    [-1, 0, 0, 0],
    [0, 1, 0, 0],
  ]);
  return [g0, g1, g2, g3];
})();

/** γ⁵ = i γ⁰γ¹γ²γ³. */
export const gamma5: CMat = scale(mul(gamma[0]!, gamma[1]!, gamma[2]!, gamma[3]!), 0, 1);
/** P_L = (1 − γ⁵)/2. */
export const PL: CMat = scale(add(ONE, scale(gamma5, -1)), 0.5);
/** P_R = (1 + γ⁵)/2. */
export const PR: CMat = scale(add(ONE, gamma5), 0.5);

/** Minkowski product p·q. */
export function dot(p: FourVector, q: FourVector): number {
  return p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3];
}

/** Lower the index: p_μ = g_{μν} p^ν. */
export function lower(p: FourVector): FourVector {
  return [p[0], -p[1], -p[2], -p[3]];
}

/** p̸ = γ^μ p_μ. */
export function slash(p: FourVector): CMat {
  const pl = lower(p);
  let m = scale(gamma[0]!, pl[0]);
  for (let k = 1; k < 4; k++) m = add(m, scale(gamma[k]!, pl[k]!));
  return m;
}

/** p̸ + m·1. */
export function slashPlus(p: FourVector, mass: number): CMat {
  return add(slash(p), scale(ONE, mass));
}

/** σ^{μν} = (i/2)[γ^μ, γ^ν] (upper indices). */
export function sigma(mu: number, nu: number): CMat {
  const c = add(mul(gamma[mu]!, gamma[nu]!), scale(mul(gamma[nu]!, gamma[mu]!), -1));
  return scale(c, 0, 0.5);
}

/** σ^{μν} q_ν for μ = 0..3 (upper index μ). */
export function sigmaDotQ(q: FourVector): CMat[] {
  const ql = lower(q);
  const out: CMat[] = [];
  for (let mu = 0; mu < 4; mu++) {
    let m = scale(ONE, 0);
    for (let nu = 0; nu < 4; nu++) m = add(m, scale(sigma(mu, nu), ql[nu]!));
    out.push(m);
  }
  return out;
}

/** Dirac conjugate of a vertex, Γ̄ = γ⁰ Γ† γ⁰. */
export function bar(a: CMat): CMat {
  return mul(gamma[0]!, dagger(a), gamma[0]!);
}

/**
 * Fermion-line tensor T^{αβ} = Tr[A_out V^α A_in V̄^β] for vertices V^α (α = 0..3, upper index):
 * the spin-summed ū(out) V^α u(in) [ū(out) V^β u(in)]^*, with A = p̸ ± m the spin sums.
 * Returns 4×4 [re, im] entries.
 */
export function lineTensor(aOut: CMat, V: readonly CMat[], aIn: CMat): [number, number][][] {
  const out: [number, number][][] = [];
  for (let a = 0; a < 4; a++) {
    const row: [number, number][] = [];
    for (let b = 0; b < 4; b++) row.push(trace(mul(aOut, V[a]!, aIn, bar(V[b]!))));
    out.push(row);
  }
  return out;
}

/** Full contraction T1^{αβ} T2^{α'β'} g_{αα'} g_{ββ'} of two line tensors; returns [re, im]. */
export function contract(t1: [number, number][][], t2: [number, number][][]): [number, number] {
  let re = 0;
  let im = 0;
  for (let a = 0; a < 4; a++)
    for (let b = 0; b < 4; b++) {
      const g = metric[a]! * metric[b]!;
      const [x1, y1] = t1[a]![b]!;
      const [x2, y2] = t2[a]![b]!;
      re += g * (x1 * x2 - y1 * y2);
      im += g * (x1 * y2 + y1 * x2);
    }
  return [re, im];
}

/** Contraction of a line tensor with −g_{αβ} (photon polarisation sum); returns [re, im]. */
export function contractMinusMetric(t: [number, number][][]): [number, number] {
  let re = 0;
  let im = 0;
  for (let a = 0; a < 4; a++) {
    re -= metric[a]! * t[a]![a]![0];
    im -= metric[a]! * t[a]![a]![1];
  }
  return [re, im];
}
