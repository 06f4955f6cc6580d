import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { excludedBandPolygon, excludedIntervals, tensorGridFromTriplets } from "../lib/core/gridContour";
import { parseNpy, readNpy } from "../lib/core/npy";
import { readChi2Grid } from "../data/bounds/darkboson-fig3/build";

const FIX = path.resolve(__dirname, "fixtures", "npy");
const EXPECTED = [1.5, -2.0, 3.25, 4.0, 5.5e-10, 6.0e12]; // row-major 2 x 3

/** A version-1.0 .npy file built by hand: magic, version, uint16 header length, header, raw <f8 doubles. */
function handMade(header: string, values: readonly number[], opts: { major?: number; extraBytes?: number } = {}): Uint8Array {
  const major = opts.major ?? 1;
  const pre = major === 1 ? 10 : 12;
  let h = header;
  while ((pre + h.length + 1) % 64 !== 0) h += " ";
  h += "\n";
  const buf = new Uint8Array(pre + h.length + 8 * values.length + (opts.extraBytes ?? 0));
  buf.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const dv = new DataView(buf.buffer);
  if (major === 1) dv.setUint16(8, h.length, true);
  else dv.setUint32(8, h.length, true);
  for (let i = 0; i < h.length; i++) buf[pre + i] = h.charCodeAt(i);
  values.forEach((v, k) => dv.setFloat64(pre + h.length + 8 * k, v, true));
  return buf;
}

describe(".npy reader", () => {
  it("reads NumPy's own C-order and Fortran-order files into the same row-major array", () => {
    for (const f of ["f8_c_2x3.npy", "f8_fortran_2x3.npy"]) {
      const a = readNpy(path.join(FIX, f));
      expect(a.shape, f).toEqual([2, 3]);
      expect(Array.from(a.data), f).toEqual(EXPECTED);
    }
    expect(readNpy(path.join(FIX, "f8_fortran_2x3.npy")).fortranOrder).toBe(true);
    expect(readNpy(path.join(FIX, "f8_c_2x3.npy")).fortranOrder).toBe(false);
  });

  it("transposes a hand-made Fortran-order (4, n) grid as the published grids are stored", () => {
    // column-major: for each point, its 4 values (m, U2, events, chi2) are consecutive
    const pts = [[0.1, 1e-8, 3, 0.5], [0.2, 1e-8, 4, 7], [0.1, 1e-7, 30, 9], [0.2, 1e-7, 40, 70]];
    const bytes = handMade("{'descr': '<f8', 'fortran_order': True, 'shape': (4, 4), }", pts.flat());
    const g = readChi2Grid(bytes, "hand.npy");
    expect(g.m).toEqual([0.1, 0.2, 0.1, 0.2]);
    expect(g.u2).toEqual([1e-8, 1e-8, 1e-7, 1e-7]);
    expect(g.chi2).toEqual([0.5, 7, 9, 70]);
    // read as C order the same bytes would be a different array
    const c = parseNpy(handMade("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4), }", pts.flat()), "c.npy");
    expect(Array.from(c.data.subarray(0, 4))).toEqual([0.1, 1e-8, 3, 0.5]);
    // version 2.0 header (uint32 length) and a 1-d shape
    const v2 = parseNpy(handMade("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", [1, 2, 3], { major: 2 }), "v2.npy");
    expect(v2.shape).toEqual([3]);
    expect(Array.from(v2.data)).toEqual([1, 2, 3]);
  });

  it("rejects malformed files with a clear error naming the file", () => {
    const ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    expect(() => parseNpy(new TextEncoder().encode("NUMPY not really a file"), "x.npy")).toThrow(/x\.npy: .*magic/);
    expect(() => parseNpy(handMade(ok.replace("<f8", ">f8"), EXPECTED), "be.npy")).toThrow(/be\.npy: .*descr '>f8'/);
    expect(() => parseNpy(handMade(ok.replace("<f8", "<f4"), EXPECTED), "f4.npy")).toThrow(/only '<f8'/);
    expect(() => parseNpy(handMade(ok.replace("False", "maybe"), EXPECTED), "fo.npy")).toThrow(/fortran_order/);
    expect(() => parseNpy(handMade(ok.replace("(2, 3)", "(2, x)"), EXPECTED), "sh.npy")).toThrow(/shape entry "x"/);
    expect(() => parseNpy(handMade("{'descr': '<f8', 'fortran_order': False, }", EXPECTED), "ns.npy")).toThrow(/no 'shape'/);
    expect(() => parseNpy(handMade("['descr', '<f8']", EXPECTED), "nd.npy")).toThrow(/not a dict/);
    expect(() => parseNpy(handMade(ok, EXPECTED.slice(0, 5)), "short.npy")).toThrow(/needs 48 data bytes, found 40/);
    expect(() => parseNpy(handMade(ok, EXPECTED, { extraBytes: 3 }), "long.npy")).toThrow(/found 51/);
    expect(() => parseNpy(handMade(ok, EXPECTED, { major: 4 }), "v4.npy")).toThrow(/format version 4/);
    const truncated = handMade(ok, EXPECTED);
    new DataView(truncated.buffer).setUint16(8, 60000, true);
    expect(() => parseNpy(truncated, "t.npy")).toThrow(/runs past the end/);
    expect(() => readChi2Grid(handMade(ok, EXPECTED), "g.npy")).toThrow(/expected \(4, n\)/);
  });
});

describe("contouring a Δχ² grid", () => {
  // synthetic grid: chi2 = level * (y / y0(x))^2 below a cap, so the exact lower edge is y0(x);
  // above yTop(x) the exclusion ends (chi2 falls to 0), as if the signal disappeared
  const xs = [0.03, 0.05, 0.1, 0.2, 0.5, 1];
  const ys = Array.from({ length: 41 }, (_, j) => 10 ** (-10 + (8 * j) / 40));
  const y0 = (x: number) => 1e-8 * (x / 0.03) ** 1.3;
  const level = 4.61;
  const triplets = (withTop: boolean) => {
    const x: number[] = [], y: number[] = [], z: number[] = [];
    // stored in a scrambled order, as the published grids are
    for (const yy of [...ys].reverse()) for (const xx of xs) {
      x.push(xx);
      y.push(yy);
      z.push(withTop && yy > 3e-4 ? 0 : level * (yy / y0(xx)) ** 2);
    }
    return { x, y, z };
  };

  it("recovers a power-law lower edge to 1e-9 (log-log interpolation; linear interpolation would be off by %)", () => {
    const t = triplets(false);
    const grid = tensorGridFromTriplets(t.x, t.y, t.z, "synthetic");
    expect(grid.xs).toEqual(xs);
    const iv = excludedIntervals(grid, level);
    for (const c of iv) {
      expect(c).not.toBeNull();
      expect(c!.lo / y0(c!.x)).toBeCloseTo(1, 9);
      expect(c!.hiAtGridEdge).toBe(true);
      expect(c!.hi).toBe(ys[ys.length - 1]);
    }
    const p = excludedBandPolygon(grid, level);
    expect(p.x[0]).toBe(p.x[p.x.length - 1]);
    expect(p.y[0]).toBe(p.y[p.y.length - 1]);
    expect(p.x.length).toBe(2 * xs.length + 1);
    expect(p.topAtGridEdge && p.leftAtGridEdge && p.rightAtGridEdge).toBe(true);
    expect(p.bottomAtGridEdge).toBe(false);
  });

  it("finds an upper edge where the exclusion ends, and rejects two intervals or gaps", () => {
    const t = triplets(true);
    const grid = tensorGridFromTriplets(t.x, t.y, t.z, "synthetic");
    for (const c of excludedIntervals(grid, level)) {
      expect(c!.hiAtGridEdge).toBe(false);
      expect(c!.hi).toBeGreaterThan(ys[31]!); // between the grid points around 3e-4
      expect(c!.hi).toBeLessThan(ys[33]!);
    }
    const z2 = t.z.map((v, k) => (t.y[k]! > 1e-3 ? 1e6 : v)); // exclusion resumes above 1e-3
    expect(() => excludedIntervals(tensorGridFromTriplets(t.x, t.y, z2, "two"), level)).toThrow(/2 separate intervals/);
    const z3 = t.z.map((v, k) => (t.x[k] === 0.1 ? 0 : v)); // nothing excluded at 0.1 GeV
    expect(() => excludedBandPolygon(tensorGridFromTriplets(t.x, t.y, z3, "gap"), level)).toThrow(/not contiguous.*0\.1/);
    expect(() => excludedBandPolygon(tensorGridFromTriplets(t.x, t.y, t.z.map(() => 0), "none"), level)).toThrow(/no grid point/);
  });

  it("rejects scattered points that are not a full grid", () => {
    expect(() => tensorGridFromTriplets([1, 2, 1], [1, 1, 2], [0, 0, 0], "g")).toThrow(/full 2 x 2 grid/);
    expect(() => tensorGridFromTriplets([1, 2, 1, 1], [1, 1, 2, 2], [0, 0, 0, 0], "g")).toThrow(/full|duplicate/);
    expect(() => tensorGridFromTriplets([1, -2], [1, 1], [0, 0], "g")).toThrow(/point 1/);
  });
});
