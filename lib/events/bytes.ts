/**
 * ASCII bytes written straight into a buffer for the text writers (no intermediate strings):
 * integers, ASCII strings and doubles in the form of lib/events/numfmt.ts — integers below 2⁵³
 * as integers, every other double as `x.toExponential(16)` (17 significant digits, an exact
 * round trip), byte for byte the same text.
 *
 * Doubles with 10⁻⁶ ≤ |x| < 10¹⁷ take a fast path: with p = 16 − ⌊log₁₀|x|⌋ (0 ≤ p ≤ 22, so 10ᵖ
 * is an exact double), y = |x|·10ᵖ is computed exactly as hi + lo (Dekker's two-product with
 * Veltkamp's splitting: T. J. Dekker, Numer. Math. 18 (1971) 224), and the 17 digits are
 * N = hi + round(lo): hi ≥ 10¹⁶ > 2⁵³ is an integer, split exactly into ⌊hi/10⁹⌋ and the rest.
 * An exact tie (|lo| has fractional part ½), any other magnitude, and non-finite values go to
 * toExponential itself. The decade ⌊log₁₀|x|⌋ where the search starts is estimated from the
 * exponent and mantissa bits (no Math.log10 call, ~20 % of the time per double before).
 * Measured (node 20, 2·10⁶ random doubles, CPU time): ~40 ns per double here against ~200 ns
 * for toExponential(16) and the byte copy of its string. Tested against
 * toExponential(16) on random doubles of every magnitude, powers of ten and their neighbours.
 */

/** 10^p, p = 0…22, exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, p) => Number(`1e${p}`));
const SPLIT = 134217729; // 2²⁷ + 1, Veltkamp's splitter for 53-bit doubles

/**
 * "0000" … "9999" as 4 bytes each: the digits are written four at a time (two integer divisions
 * per 8 digits). Filled by four nested digit loops, not a mapping function per byte, which cost
 * ~5 ms of a cold `nudump sample` (the table is built when the module loads).
 */
const QUADS = digitQuads();
function digitQuads(): Uint8Array {
  const q = new Uint8Array(40000);
  let o = 0;
  for (let a = 48; a < 58; a++) for (let b = 48; b < 58; b++) for (let c = 48; c < 58; c++) for (let d = 48; d < 58; d++) {
    q[o] = a;
    q[o + 1] = b;
    q[o + 2] = c;
    q[o + 3] = d;
    o += 4;
  }
  return q;
}

/** Writes the 4 decimal digits of d (0 ≤ d < 10⁴, leading zeros kept) at b[o…]. */
function quad(b: Uint8Array, o: number, d: number): void {
  const r = 4 * d;
  b[o] = QUADS[r]!;
  b[o + 1] = QUADS[r + 1]!;
  b[o + 2] = QUADS[r + 2]!;
  b[o + 3] = QUADS[r + 3]!;
}
/** The bits of a double: F64[0] written, its high word read from U32[1] (little-endian hosts) or U32[0]. */
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HIGH = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/**
 * ⌊log₁₀ a⌋ or one less or one more, for a normal double a > 0, without a log call: log₂ a is
 * the unbiased exponent plus log₂(1 + f) ≈ f + f(1 − f)·0.34 for the mantissa fraction f (top 20
 * bits; |error| < 0.01), times log₁₀ 2. fastExp corrects the decade by its exact range test on
 * a·10ᵖ, so the estimate only decides where that search starts (the text is the same).
 */
function decadeEstimate(a: number): number {
  F64[0] = a;
  const hi = U32[HIGH]!;
  const f = (hi & 0xfffff) / 1048576;
  return Math.floor(((hi >>> 20) - 1023 + f + f * (1 - f) * 0.34) * 0.30102999566398120);
}

/** Most distinct labels {@link ByteWriter.label} keeps encoded (beyond them it encodes each time). */
export const LABEL_CACHE = 4096;
const labelBytes = new Map<string, Uint8Array>();

/** The UTF-8 bytes of a label, from the cache (the labels of a sample — flavours, channels, modes — are a handful of strings). */
function encodedLabel(s: string): Uint8Array {
  let b = labelBytes.get(s);
  if (b === undefined) {
    b = Buffer.from(s, "utf8");
    if (labelBytes.size < LABEL_CACHE) labelBytes.set(s, b);
  }
  return b;
}

/** A byte buffer with `ensure` deciding what happens when it is full (grow, or flush to a file). */
export abstract class ByteWriter {
  protected buf: Buffer;
  off = 0;
  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }
  /** Make room for n more bytes. */
  abstract ensure(n: number): void;

  /** An ASCII string (one byte per UTF-16 unit; the caller guarantees ASCII, else use {@link utf8}). */
  ascii(s: string): void {
    const b = this.buf;
    let o = this.off;
    for (let i = 0; i < s.length; i++) b[o++] = s.charCodeAt(i);
    this.off = o;
  }
  /** Any string as UTF-8 (after ensure(3·length)). */
  utf8(s: string): void {
    this.off += this.buf.write(s, this.off, "utf8");
  }
  /**
   * A short string as UTF-8, the same bytes as {@link utf8}, copied from a cache of encoded labels
   * (after ensure(3·length)): no string encoding per event for the few labels a sample repeats.
   */
  label(s: string): void {
    const e = encodedLabel(s), b = this.buf;
    let o = this.off;
    for (let i = 0; i < e.length; i++) b[o++] = e[i]!;
    this.off = o;
  }
  /** A safe integer (|i| < 2⁵³) in decimal. */
  int(i: number): void {
    const b = this.buf;
    if (i < 0) {
      b[this.off++] = 45;
      i = -i;
    }
    if (i < 10) {
      b[this.off++] = 48 + i;
      return;
    }
    let n = 1;
    for (let t = i; t >= 10; t = Math.floor(t / 10)) n++;
    let o = this.off + n;
    this.off = o;
    while (i >= 10) {
      const q = Math.floor(i / 10);
      b[--o] = 48 + (i - 10 * q);
      i = q;
    }
    b[--o] = 48 + i;
  }
  /**
   * The last non-integer written by {@link num} and where its text is (buf[lastStart…lastEnd));
   * lastEnd = −1 after {@link forget}. Writers call ensure (and the sinks forget) before an
   * event, and the buffer only grows within it, so the text is still there when the same value
   * comes again in the event (E = p_z of the beam ν, E = m of the target, t = z of the first vertex).
   */
  private lastX = NaN;
  private lastStart = 0;
  private lastEnd = -1;
  /** Drop the remembered number (its bytes are about to be flushed or overwritten): every ensure() of a subclass calls it. */
  protected forget(): void {
    this.lastEnd = -1;
  }
  /** A double exactly as fmtNum writes it (≤ 24 bytes). */
  num(x: number): void {
    if (Number.isInteger(x) && x < 9007199254740992 && x > -9007199254740992) {
      this.int(x === 0 ? 0 : x);
      return;
    }
    const b = this.buf;
    let o = this.off;
    if (x === this.lastX && this.lastEnd >= 0 && this.lastEnd <= o) {
      // the same value as the last number (equal non-integers have the same text): copy it
      for (let k = this.lastStart; k < this.lastEnd; k++) b[o++] = b[k]!;
      this.off = o;
      return;
    }
    if (!this.fastExp(x)) this.ascii(x.toExponential(16));
    this.lastX = x;
    this.lastStart = o;
    this.lastEnd = this.off;
  }
  /** Four doubles (a four-vector, a vertex position) as {@link num} writes them, separated by the one ASCII character `sep`. */
  num4(a: number, b: number, c: number, d: number, sep: string): void {
    const k = sep.charCodeAt(0);
    this.num(a);
    this.buf[this.off++] = k;
    this.num(b);
    this.buf[this.off++] = k;
    this.num(c);
    this.buf[this.off++] = k;
    this.num(d);
  }
  /** One ASCII character by its code (a separator). */
  char(code: number): void {
    this.buf[this.off++] = code;
  }
  /** The fast path of the module comment; false when it does not apply (nothing written). */
  private fastExp(x: number): boolean {
    const a = Math.abs(x);
    if (!(a >= 1e-6 && a < 1e17)) return false;
    let e = decadeEstimate(a);
    for (let tries = 0; tries < 3; tries++) {
      const p = 16 - e;
      if (p < 0 || p > 22) return false;
      const m = POW10[p]!;
      const hi = a * m;
      // lo = a·m − hi exactly (Dekker)
      let c = SPLIT * a;
      const ah = c - (c - a), al = a - ah;
      c = SPLIT * m;
      const mh = c - (c - m), ml = m - mh;
      const lo = ah * mh - hi + ah * ml + al * mh + al * ml;
      // the exact y = hi + lo must lie in [10¹⁶, 10¹⁷) (then hi ≥ 10¹⁶ > 2⁵³ is an integer)
      if (hi < 1e16 || (hi === 1e16 && lo < 0)) {
        e--;
        continue;
      }
      if (hi > 1e17 || (hi === 1e17 && lo >= 0)) {
        e++;
        continue;
      }
      if (Math.abs(lo - Math.trunc(lo)) === 0.5) return false; // exact tie: leave the rule to toExponential
      let q = Math.floor(hi / 1e9);
      let rem = hi - q * 1e9 + Math.round(lo); // exact: q·10⁹ has ≤ 48 significant bits, the difference is an integer < 2⁵³
      while (rem < 0) (rem += 1e9), q--;
      while (rem >= 1e9) (rem -= 1e9), q++;
      if (q >= 1e8) {
        // rounded up to 10¹⁷: 1.0000000000000000 at the next exponent
        q = 1e7;
        rem = 0;
        e++;
      }
      this.digits(x < 0, q, rem, e);
      return true;
    }
    return false;
  }
  /** d.ddddddddddddddddde±E from the 8 digits of q, the 9 of rem (both < 2³¹: int32 arithmetic) and the exponent. */
  private digits(negative: boolean, q: number, rem: number, e: number): void {
    const b = this.buf;
    let o = this.off;
    if (negative) b[o++] = 45;
    let t = q | 0;
    const lead = (t / 10000000) | 0;
    b[o++] = 48 + lead;
    b[o++] = 46;
    t -= lead * 10000000;
    // 7 digits of q (3 + 4), then 9 of rem (1 + 4 + 4)
    const t3 = (t / 10000) | 0, r3 = 4 * t3;
    b[o] = QUADS[r3 + 1]!;
    b[o + 1] = QUADS[r3 + 2]!;
    b[o + 2] = QUADS[r3 + 3]!;
    quad(b, o + 3, t - 10000 * t3);
    o += 7;
    let u = rem | 0;
    const u1 = (u / 100000000) | 0;
    u -= 100000000 * u1;
    b[o++] = 48 + u1;
    const u2 = (u / 10000) | 0;
    quad(b, o, u2);
    quad(b, o + 4, u - 10000 * u2);
    o += 8;
    b[o++] = 101;
    if (e < 0) {
      b[o++] = 45;
      e = -e;
    } else b[o++] = 43;
    if (e >= 100) {
      b[o++] = 48 + ((e / 100) | 0);
      e %= 100;
      b[o++] = 48 + ((e / 10) | 0);
    } else if (e >= 10) b[o++] = 48 + ((e / 10) | 0);
    b[o++] = 48 + (e % 10);
    this.off = o;
  }
}

/** A growing in-memory ByteWriter (one chunk of a sample). */
export class GrowingBytes extends ByteWriter {
  constructor(capacity = 1 << 22) {
    super(capacity);
  }
  ensure(n: number): void {
    this.forget();
    if (this.off + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.off + n));
    this.buf.copy(next, 0, 0, this.off);
    this.buf = next;
  }
  /** The bytes so far (a view, valid until the next write). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.off);
  }
}
