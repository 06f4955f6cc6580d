/**
 * Seeded pseudo-random numbers. The generator is xoshiro128** (D. Blackman and S. Vigna,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47 (2021) 36; period 2¹²⁸ − 1),
 * seeded by expanding a 32-bit seed with SplitMix32 (the 32-bit variant of SplitMix,
 * G. Steele, D. Lea, C. Flood, OOPSLA 2014). Doubles take 53 bits from two outputs.
 *
 * Randomness is injected: every sampler takes a `Random` (a function returning a double in
 * [0, 1)), so the same seed gives the same bytes. `Math.random` is never used in lib.
 */
import { requireFinite } from "./validate";

/** A uniform generator on [0, 1). */
export type Random = () => number;

/** A seeded xoshiro128** stream with access to its raw 32-bit output. */
export interface Rng extends Random {
  /** The next raw 32-bit unsigned integer. */
  readonly nextUint32: () => number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A xoshiro128** generator seeded from an integer seed (0 ≤ seed < 2³²; RangeError otherwise). */
export function seededRandom(seed: number): Rng {
  requireFinite("seed", seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed = ${seed} must be an integer in [0, 4294967295]`);
  }
  const sm = splitmix32(seed);
  return xoshiro128ss([sm(), sm(), sm(), sm()]);
}

/** xoshiro128** from an explicit 128-bit state (four 32-bit words, not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): Rng {
  let [a, b, c, d] = state.map((x) => x >>> 0) as [number, number, number, number];
  if ((a | b | c | d) === 0) throw new RangeError("xoshiro128** state must not be all zero");
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d >>> 0, 11);
    a >>>= 0; b >>>= 0; c >>>= 0;
    return result;
  };
  const rng = (() => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992; // (hi·2²⁶ + lo)/2⁵³
  }) as Rng;
  (rng as { nextUint32: () => number }).nextUint32 = nextUint32;
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Derive an independent stream for a sub-task (e.g. a worker or a mass point) from a seed and an index. */
export function substreamSeed(seed: number, index: number): number {
  const sm = splitmix32((seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0);
  return sm();
}

/** A uniform variate on [lo, hi). */
export function uniform(rng: Random, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Index drawn from a discrete distribution with non-negative weights (linear search on the CDF). */
export function discrete(rng: Random, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1];
  if (total === undefined || !(total > 0)) throw new RangeError(`discrete: total weight ${total} must be > 0`);
  const x = rng() * total;
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
