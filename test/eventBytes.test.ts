/**
 * The text writers' number formatting (lib/events/numfmt.ts, lib/events/bytes.ts): the byte
 * writer's fast path writes exactly what toExponential(16) writes (17 significant digits), every
 * number parses back to the same double, integers stay integers.
 */
import { describe, expect, it } from "vitest";
import { GrowingBytes } from "../lib/events/bytes";
import { fmtNum } from "../lib/events/numfmt";
import { seededRandom } from "../lib/core/random";

/** Doubles of every kind: random magnitudes 1e-12…1e20, random bit patterns, powers of ten and their neighbours, dyadic fractions (ties). */
function doubles(n: number): Float64Array {
  const rng = seededRandom(12345);
  const out = new Float64Array(n);
  const dv = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    const k = i % 4;
    if (k === 0) out[i] = (rng() - 0.5) * 10 ** (rng() * 32 - 12);
    else if (k === 1) {
      dv.setUint32(0, Math.floor(rng() * 2 ** 32));
      dv.setUint32(4, Math.floor(rng() * 2 ** 32));
      const x = dv.getFloat64(0);
      out[i] = Number.isFinite(x) ? x : 1.5;
    } else if (k === 2) {
      const b = Number(`1e${Math.floor(rng() * 44) - 22}`);
      out[i] = [b, b * (1 + 2 ** -52), b * (1 - 2 ** -53), -b, b * 0.9999999999999999][Math.floor(rng() * 5)]!;
    } else out[i] = (Math.round(rng() * 2 ** 20) / 2 ** Math.floor(rng() * 60)) * (rng() < 0.5 ? -1 : 1);
  }
  return out;
}

describe("number formatting of the text writers", () => {
  it("the byte writer writes fmtNum's text (= toExponential(16) for non-integers) for 4·10⁵ doubles of every kind, and each parses back exactly", () => {
    const xs = doubles(400_000);
    const w = new GrowingBytes(1 << 20);
    let mismatches = 0, roundTrip = 0;
    for (let s = 0; s < xs.length; s += 10_000) {
      w.off = 0;
      for (let i = s; i < s + 10_000; i++) {
        w.ensure(32);
        w.num(xs[i]!);
        w.ascii(" ");
      }
      const parts = w.bytes().toString("latin1").split(" ");
      for (let i = s; i < s + 10_000; i++) {
        const x = xs[i]!;
        const got = parts[i - s]!;
        if (got !== fmtNum(x) || (!Number.isInteger(x) && got !== x.toExponential(16))) mismatches++;
        if (Number(got) !== x) roundTrip++;
      }
    }
    expect(mismatches).toBe(0);
    expect(roundTrip).toBe(0);
  });
  it("a value repeated in an event is copied from its first text, also across integers and resets (off = 0, ensure, buffer growth)", () => {
    const xs = doubles(20_000);
    const w = new GrowingBytes(64); // grows several times
    const want: string[] = [];
    const rng = seededRandom(7);
    for (let i = 0; i < xs.length; i++) {
      if (i % 97 === 0) {
        // a new event in a reused buffer: what chunks.ts does
        const before = w.bytes().toString("latin1");
        expect(before).toBe(want.join(""));
        want.length = 0;
        w.off = 0;
      }
      w.ensure(80);
      // the same value again, an integer in between, -0 after 0, or a new value
      const r = rng();
      const x = r < 0.3 ? xs[Math.max(0, i - 1)]! : r < 0.4 ? 3 : r < 0.45 ? -0 : xs[i]!;
      w.num(x);
      w.ascii(",");
      w.num(x);
      w.ascii(" ");
      want.push(`${fmtNum(x)},${fmtNum(x)} `);
    }
    expect(w.bytes().toString("latin1")).toBe(want.join(""));
  });
  it("integers below 2⁵³ as integers; 0.1 and 1e-6 with 17 digits; non-finite as JavaScript writes them", () => {
    const w = new GrowingBytes(256);
    for (const x of [0, -0, 7, -42, 2 ** 53 - 1, 0.1, 1e-6, 9.999999999999999e22, -1.5, Infinity, NaN]) {
      w.num(x);
      w.ascii(" ");
    }
    expect(w.bytes().toString("latin1")).toBe("0 0 7 -42 9007199254740991 1.0000000000000001e-1 9.9999999999999995e-7 9.9999999999999992e+22 -1.5000000000000000e+0 Infinity NaN ");
  });
});
