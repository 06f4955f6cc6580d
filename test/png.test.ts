import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compactPng, decodePng, encodeIndexedPng, quantize, type RgbaImage } from "../lib/plot/png";
import { DISPLAY_DIGITS, roundForDisplay } from "../lib/plot/notebook";

/** CRC-32 written out bit by bit (PNG spec annex D), independent of the table in png.ts. */
function crc(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4), c = Buffer.alloc(4), body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  len.writeUInt32BE(data.length);
  c.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, c]);
}

/** An RGBA PNG whose row y uses filter type y mod 5 (PNG spec §9.2), so decoding exercises every filter. */
function rgbaPng(img: RgbaImage, depth = 8): Buffer {
  const { width: w, height: h, rgba } = img, stride = 4 * w, raw = Buffer.alloc(h * (stride + 1));
  const at = (y: number, i: number) => (y < 0 || i < 0 ? 0 : rgba[y * stride + i]!);
  for (let y = 0; y < h; y++) {
    const f = y % 5;
    raw[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const a = at(y, i - 4), b = at(y - 1, i), c = at(y - 1, i - 4);
      const p = a + b - c, [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f]!;
      raw[y * (stride + 1) + 1 + i] = (at(y, i) - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([depth, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A plot-like image: white paper, two flat line colours and their anti-aliasing blends with white. */
function plotLike(w: number, h: number, blends: number): RgbaImage {
  const rgba = new Uint8Array(4 * w * h).fill(255);
  const lines = [[214, 39, 40], [31, 119, 180]] as const;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = (x + 3 * y) % 40;
      if (k >= 2 * (blends + 1)) continue;
      const col = lines[k % 2]!, t = Math.floor(k / 2) / (blends + 1); // t = 0: the flat colour, then lighter blends
      for (let c = 0; c < 3; c++) rgba[4 * (y * w + x) + c] = Math.round(col[c]! + t * (255 - col[c]!));
    }
  }
  return { width: w, height: h, rgba };
}

describe("palette PNGs for notebook outputs (lib/plot/png.ts)", () => {
  it("decodes every PNG row filter (None, Sub, Up, Average, Paeth) to the original pixels", () => {
    const img = plotLike(37, 23, 6);
    for (let i = 0; i < img.rgba.length; i += 7) img.rgba[i] = (i * 31) % 256; // non-trivial predictions
    expect(Buffer.from(decodePng(rgbaPng(img)).rgba).equals(Buffer.from(img.rgba))).toBe(true);
  });

  it("is lossless when the image has at most 256 colours, and smaller than the RGBA file", () => {
    const img = plotLike(200, 120, 10); // 1 + 2 × 11 colours
    const rgba = rgbaPng(img), small = compactPng(rgba);
    expect(Buffer.from(decodePng(small).rgba).equals(Buffer.from(img.rgba))).toBe(true);
    expect(small.length).toBeLessThan(rgba.length / 2);
  });

  it("above 256 colours: at most 256 palette entries, the dominant flat colours exact, every pixel close", () => {
    const img = plotLike(300, 200, 4);
    for (let p = 0; p < 300 * 60; p++) for (let c = 0; c < 3; c++) img.rgba[4 * p + c] = (p * (c + 1) * 7) % 256; // a band with many colours
    const { palette, index } = quantize(img);
    expect(palette.length / 4).toBeLessThanOrEqual(256);
    const out = decodePng(encodeIndexedPng(img.width, img.height, palette, index)).rgba;
    let worst = 0;
    for (let p = 60 * 300; p < 300 * 200; p++) {
      // outside the many-colour band: white and the two flat line colours must come back exactly
      const orig = [...img.rgba.subarray(4 * p, 4 * p + 4)], got = [...out.subarray(4 * p, 4 * p + 4)];
      const flat = orig.join() === "255,255,255,255" || orig.join() === "214,39,40,255" || orig.join() === "31,119,180,255";
      if (flat) expect(got).toEqual(orig);
      else worst = Math.max(worst, ...orig.map((v, c) => Math.abs(v - got[c]!)));
    }
    expect(worst).toBeLessThanOrEqual(24);
  });

  it("rejects what it cannot read, naming the problem", () => {
    expect(() => decodePng(Buffer.from("not a png"))).toThrow(RangeError);
    expect(() => decodePng(rgbaPng(plotLike(4, 4, 1), 16))).toThrow(/bit depth 16/);
    expect(() => quantize(plotLike(4, 4, 1), 0)).toThrow(/maxColours = 0/);
    expect(() => encodeIndexedPng(2, 2, new Uint8Array(4), new Uint8Array(3))).toThrow(RangeError);
  });
});

describe("display precision of the notebook figure JSON", () => {
  it("rounds non-integers to DISPLAY_DIGITS significant digits, keeps integers and strings, and is idempotent", () => {
    const data = [{ x: [1, 2.718281828459045, 1e-7 / 3], y: Float64Array.from([Math.PI * 1e12, -0.1 + 0.2 - 0.1]), name: "a 1.23456789", line: { width: 2.4 } }];
    const r = roundForDisplay(data);
    expect(r[0]!.x).toEqual([1, 2.71828, 3.33333e-8]);
    expect(r[0]!.name).toBe("a 1.23456789");
    expect(r[0]!.line.width).toBe(2.4);
    for (const [a, b] of [[r[0]!.x[1]!, Math.E], [(r[0]!.y as unknown as number[])[0]!, Math.PI * 1e12]] as const) expect(Math.abs(a / b - 1)).toBeLessThan(0.5 * 10 ** (1 - DISPLAY_DIGITS));
    expect(roundForDisplay(r)).toEqual(r);
    expect(() => roundForDisplay(data, 0)).toThrow(/digits = 0/);
  });
});
