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

/** Raw outputs generated per refill of a {@link xoshiro128ss} stream's buffer (even: the doubles of a refill are whole pairs). */
const RAW_BUFFER = 256;

/**
 * xoshiro128** from an explicit 128-bit state (four 32-bit words, not all zero). The raw 32-bit
 * outputs are generated RAW_BUFFER at a time into a buffer (a tight loop with the state in
 * registers) and consumed in order, by rng() two at a time and by nextUint32() one at a time:
 * the same stream, output for output, as stepping the generator on every call.
 */
export function xoshiro128ss(state: readonly [number, number, number, number]): Rng {
  const s = Int32Array.of(state[0] | 0, state[1] | 0, state[2] | 0, state[3] | 0);
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) throw new RangeError("xoshiro128** state must not be all zero");
  return xoshiroStream(s, new Int32Array(RAW_BUFFER), new Float64Array(RAW_BUFFER / 2), RAW_BUFFER, RAW_BUFFER, RAW_BUFFER | 1);
}

/** The double of two raw outputs: 27 high bits of the first and 26 of the second, (hi·2²⁶ + lo)/2⁵³. */
const toDouble = (r1: number, r2: number): number => ((r1 >>> 5) * 67108864 + (r2 >>> 6)) / 9007199254740992;

/**
 * The stream of {@link xoshiro128ss} on state s, raw buffer buf of n = RAW_BUFFER outputs (mask =
 * n | 1), its doubles dbl (dbl[j] is the double of buf[2j], buf[2j+1], made at each refill) and
 * position pos (raw outputs consumed from buf). Everything the closures share is a parameter, not
 * a let/const of an enclosing (or the module's) scope: V8 checks such a variable for its temporal
 * dead zone on every access from an inner function.
 * rng() returns dbl[pos/2]: at an even position < n (always, unless nextUint32 was called an odd
 * number of times) the made double; otherwise slow() first refills, or writes the double of
 * buf[pos], buf[pos+1] into dbl[⌊pos/2⌋] (the pair there holds the consumed output pos − 1). rng()
 * is small and has one return, a Float64Array load: inlined (V8 inlines it everywhere within its
 * budget), it yields an unboxed double — a double returned by a call is boxed, a heap allocation.
 */
function xoshiroStream(s: Int32Array, buf: Int32Array, dbl: Float64Array, pos: number, n: number, mask: number): Rng {
  // Fill buf[from…] with the next outputs (from = 0, or 1 after a carried output) and dbl with the doubles of
  // buf's pairs; the step (Blackman & Vigna's next()) is written out inline: it is the innermost operation of
  // the samplers, and this form is several times faster in V8 than helper calls.
  const refill = (from: number): void => {
    const st = s, b = buf, db = dbl, m = n;
    let A = st[0]!, B = st[1]!, C = st[2]!, D = st[3]!, j = from;
    if (j === 1) {
      // one carried output in b[0]: one step makes the pair (b[0], b[1]) whole
      const r = Math.imul(B, 5), o = Math.imul((r << 7) | (r >>> 25), 9), t = B << 9;
      C ^= A; D ^= B; B ^= C; A ^= D; C ^= t; D = (D << 11) | (D >>> 21);
      b[1] = o;
      db[0] = ((b[0]! >>> 5) * 67108864 + (o >>> 6)) * 2 ** -53; // toDouble (× 2⁻⁵³ is ÷ 2⁵³ exactly)
      j = 2;
    }
    for (; j < m; j += 2) {
      // two steps per pass: the outputs o1, o2 of a double
      let r = Math.imul(B, 5), t = B << 9;
      const o1 = Math.imul((r << 7) | (r >>> 25), 9);
      C ^= A; D ^= B; B ^= C; A ^= D; C ^= t; D = (D << 11) | (D >>> 21);
      r = Math.imul(B, 5);
      t = B << 9;
      const o2 = Math.imul((r << 7) | (r >>> 25), 9);
      C ^= A; D ^= B; B ^= C; A ^= D; C ^= t; D = (D << 11) | (D >>> 21);
      b[j] = o1;
      b[j + 1] = o2;
      db[j >> 1] = ((o1 >>> 5) * 67108864 + (o2 >>> 6)) * 2 ** -53; // toDouble
    }
    st[0] = A;
    st[1] = B;
    st[2] = C;
    st[3] = D;
    pos = 0;
  };
  const nextUint32 = (): number => {
    if (pos === n) refill(0);
    return buf[pos++]! >>> 0;
  };
  // make dbl[pos >> 1] the next double: at the buffer's end, or at an odd position
  const slow = (): void => {
    if (pos === n) refill(0);
    else if (pos === n - 1) {
      buf[0] = buf[n - 1]!; // one output left: it is the first of this double
      refill(1);
    } else dbl[pos >> 1] = toDouble(buf[pos]!, buf[pos + 1]!);
  };
  const rng = (() => {
    if ((pos & mask) !== 0) slow(); // odd, or pos = n (pos ≤ n, a power of 2)
    const p = pos;
    pos = p + 2;
    return dbl[p >> 1]!;
  }) as Rng;
  (rng as { nextUint32: () => number }).nextUint32 = nextUint32;
  return rng;
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

/**
 * First index i with cumulative[i] > x (binary search) for a non-decreasing array of
 * cumulative weights: the inverse-CDF step shared by every discrete draw in the library.
 */
export function searchCumulative(cumulative: ArrayLike<number>, x: number): number {
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index drawn from a discrete distribution given its cumulative non-negative weights. */
export function discrete(rng: Random, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1];
  if (total === undefined || !(total > 0)) throw new RangeError(`discrete: total weight ${total} must be > 0`);
  return searchCumulative(cumulative, rng() * total);
}

/** Running sums c[i] = x[0] + … + x[i] of non-negative weights (the cumulative array searchCumulative reads). */
export function cumulativeSums(x: ArrayLike<number>): Float64Array {
  const c = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) c[i] = s += x[i]!;
  return c;
}

/**
 * Sampler of an index 0…n−1 with probability ∝ weights[i] (non-negative, total > 0): the
 * cumulative sums are formed once, each draw takes one rng() and returns the first index whose
 * cumulative weight exceeds rng() × total ({@link searchCumulative}); the one owner of the
 * decay-mode pick of the samplers.
 */
export function discreteSampler(weights: ArrayLike<number>): (rng: Random) => number {
  const cum = cumulativeSums(weights);
  const total = cum[cum.length - 1] ?? 0;
  if (!(total > 0) || !Number.isFinite(total)) throw new RangeError(`discreteSampler: total weight ${total} of ${weights.length} weights must be finite and > 0`);
  return (rng) => searchCumulative(cum, rng() * total);
}
