import { describe, it, expect } from "vitest";
import { expectRelClose } from "./support/relClose";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  clipPolygonToLogBox,
  dipoleBoundsDir,
  parseBoundCsv,
  parseDipoleBoundCsv,
  readAllDipoleBounds,
  readDipoleBoundCsv,
  readTwoColumnTable,
  type DipoleBound,
} from "../lib/figures/bounds";
import { buildDipoleBounds, DISPLAY_BOX, gninenkoMuTrToMuN, muBohr_GeV_inv, muBohrTableToMuN } from "../data/bounds/dipole/build";
import { widthNuGammaPerFlavour } from "../lib/models/dipole/decays";
import { second } from "../lib/core/units";

const FIX = path.join(__dirname, "fixtures", "bounds");
const fx = (f: string) => path.join(FIX, f);

/** Area of a ring in decades² (shoelace in log10 coordinates). */
function logArea(x: readonly number[], y: readonly number[]): number {
  let a = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const x0 = Math.log10(x[i] as number), y0 = Math.log10(y[i] as number);
    const x1 = Math.log10(x[i + 1] as number), y1 = Math.log10(y[i + 1] as number);
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

describe("bound file reader (data/bounds/dipole/*.csv format)", () => {
  it("reads a closed polygon: last row = first row, panels and provenance from the comment block", () => {
    const b = readDipoleBoundCsv(fx("triangle_closed.csv"));
    expect(b.name).toBe("triangle_closed");
    expect(b.x).toEqual([0.01, 1, 0.1, 0.01]);
    expect(b.y).toEqual([1e-7, 1e-7, 1e-5, 1e-7]);
    expect(b.closed).toBe(true);
    expect(b.panels).toEqual(["universal", "tau"]);
    expect(b.provenance).toContain("source paper: none (fixture)");
  });

  it("reads an open line with CRLF line endings; no panels line gives no panels", () => {
    const b = readDipoleBoundCsv(fx("line_open.csv"));
    expect(b.closed).toBe(false);
    expect(b.x).toEqual([0.001, 0.01, 1]);
    expect(b.y).toEqual([2e-6, 3e-6, 4e-6]);
    expect(b.panels).toEqual([]);
  });

  it("rejects a negative coupling, naming the file and line 5", () => {
    expect(() => readDipoleBoundCsv(fx("bad_negative.csv"))).toThrow(RangeError);
    expect(() => readDipoleBoundCsv(fx("bad_negative.csv"))).toThrow(/bad_negative\.csv:5: mu_GeV_inv = -1e-5 must be > 0/);
  });

  it("rejects text where a number is expected, naming the file and line 4", () => {
    expect(() => readDipoleBoundCsv(fx("bad_text.csv"))).toThrow(/bad_text\.csv:4: mN_GeV = "abc" is not a number/);
  });

  it("rejects a row with three columns", () => {
    expect(() => readDipoleBoundCsv(fx("bad_columns.csv"))).toThrow(/bad_columns\.csv:5: expected 2 comma-separated columns, found 3/);
  });

  it("rejects a wrong column header", () => {
    expect(() => readDipoleBoundCsv(fx("bad_header.csv"))).toThrow(/bad_header\.csv:2: expected the header line "mN_GeV,mu_GeV_inv"/);
  });

  it("rejects an unknown panel name", () => {
    expect(() => readDipoleBoundCsv(fx("bad_panel.csv"))).toThrow(/bad_panel\.csv: panel "muon"/);
  });

  it("rejects infinities, empty fields, a missing header and too few rows", () => {
    expect(() => parseDipoleBoundCsv("mN_GeV,mu_GeV_inv\n1,Infinity\n2,1e-6\n", "inf.csv")).toThrow(/inf\.csv:2/);
    expect(() => parseDipoleBoundCsv("mN_GeV,mu_GeV_inv\n1,\n2,1e-6\n", "empty.csv")).toThrow(/empty\.csv:2: mu_GeV_inv = "" is not a number/);
    expect(() => parseDipoleBoundCsv("# only comments\n", "nohdr.csv")).toThrow(/nohdr\.csv:\d+: missing the header/);
    expect(() => parseDipoleBoundCsv("mN_GeV,mu_GeV_inv\n1,1e-6\n", "one.csv")).toThrow(/one\.csv:\d+: needs at least 2 data rows/);
    // a comment after the header is an error at its line; with an earlier bad row, the row's line is named (errors in line order)
    expect(() => parseDipoleBoundCsv("mN_GeV,mu_GeV_inv\n1,1e-6\n# late\n2,1e-6\n", "late.csv")).toThrow(/late\.csv:3: comment lines are only allowed before the header/);
    expect(() => parseDipoleBoundCsv("mN_GeV,mu_GeV_inv\n1,x\n# late\n2,1e-6\n", "late.csv")).toThrow(/late\.csv:2: mu_GeV_inv = "x"/);
    expect(() => parseDipoleBoundCsv("mN_GeV,mu_GeV_inv\n1,1e-6\n2,1e-6\n# late\n", "late.csv")).toThrow(/late\.csv:4: comment lines/);
  });
});

describe("FORESEE-style two-column reader", () => {
  it("reads whitespace-separated columns, skipping # lines and blank lines", () => {
    const t = readTwoColumnTable(fx("foresee_style.txt"));
    expect(t.x).toEqual([0.001, 0.01, 0.1]);
    expect(t.y).toEqual([1e-7, 2e-7, 3e-7]);
    expect(t.closed).toBe(false);
    expect(t.provenance).toContain("foresee_style.txt");
  });

  it("rejects a third column, naming the file and line 3", () => {
    expect(() => readTwoColumnTable(fx("foresee_bad.txt"))).toThrow(/foresee_bad\.txt:3: expected 2 whitespace-separated columns, found 3/);
  });

  it("rejects y = 0 by default and accepts it with positiveY: false", () => {
    expect(() => readTwoColumnTable(fx("foresee_zero.txt"))).toThrow(/foresee_zero\.txt:2: column 2 = 0 must be > 0/);
    expect(readTwoColumnTable(fx("foresee_zero.txt"), { positiveY: false }).y).toEqual([1e-7, 0, 3e-7]);
  });
});

describe("log-log polygon clipping", () => {
  it("a polygon inside the box is returned unchanged (as a closed ring)", () => {
    const r = clipPolygonToLogBox([1, 10, 10, 1], [1, 1, 10, 10], { xMin: 0.1, xMax: 100, yMin: 0.1, yMax: 100 });
    expect(r.x.length).toBe(5);
    expect(logArea(r.x, r.y)).toBeCloseTo(1, 12);
  });

  it("a 4x4-decade square clipped to a 2x2-decade box has area 4 decades²", () => {
    const r = clipPolygonToLogBox([1e-2, 1e2, 1e2, 1e-2, 1e-2], [1e-2, 1e-2, 1e2, 1e2, 1e-2], { xMin: 0.1, xMax: 10, yMin: 0.1, yMax: 10 });
    expect(logArea(r.x, r.y)).toBeCloseTo(4, 10);
    for (const v of [...r.x, ...r.y]) expect(v).toBeGreaterThanOrEqual(0.1 * (1 - 1e-12));
  });

  it("a non-convex U cut by the box keeps the area of its inside part", () => {
    // U in log coords: outer square [0,3]², notch x in [1,2], y in [1,3]; box cuts y <= 2.
    const lx = [0, 3, 3, 2, 2, 1, 1, 0, 0], ly = [0, 0, 3, 3, 1, 1, 3, 3, 0];
    const r = clipPolygonToLogBox(lx.map((v) => 10 ** v), ly.map((v) => 10 ** v), { xMin: 1, xMax: 1e3, yMin: 1, yMax: 1e2 });
    // inside part: 3 x 2 rectangle minus notch 1 x 1 = 5 decades²
    expect(logArea(r.x, r.y)).toBeCloseTo(5, 10);
  });

  it("a polygon entirely outside gives nothing", () => {
    const r = clipPolygonToLogBox([1e3, 1e4, 1e4], [1, 1, 10], { xMin: 0.1, xMax: 10, yMin: 0.1, yMax: 10 });
    expect(r.x).toEqual([]);
  });
});

describe("shipped dipole bounds (data/bounds/dipole)", () => {
  const all = readAllDipoleBounds();
  const byName = new Map<string, DipoleBound>(all.map((b) => [b.name, b]));

  it("contains the six gray bounds of Fig. 1 and the MiniBooNE RoI segment", () => {
    expect([...byName.keys()].sort()).toEqual(["bbn", "charm2", "lep", "miniboone", "miniboone_roi_gninenko", "nomad", "sn1987a"]);
  });

  it("every file loads with positive values in 1e-4 < m_N < 100 GeV and 1e-11 < mu_N < 1e-2 GeV^-1", () => {
    for (const b of all) {
      for (let i = 0; i < b.x.length; i++) {
        expect(b.x[i]).toBeGreaterThanOrEqual(1e-4);
        expect(b.x[i]).toBeLessThan(100);
        expect(b.y[i]).toBeGreaterThan(1e-11);
        expect(b.y[i]).toBeLessThan(1e-2);
      }
    }
  });

  it("every file states its source paper, its data source, its coupling convention and its panels", () => {
    for (const b of all) {
      expect(b.provenance, b.name).toMatch(/source paper: .*arXiv:\d{4}\.\d{4,5}/);
      expect(b.provenance, b.name).toMatch(/^data: /m);
      expect(b.provenance, b.name).toMatch(/^coupling: /m);
      expect(b.panels.length, b.name).toBeGreaterThan(0);
    }
  });

  it("excluded regions are closed polygons; the RoI (only m_N and a mu range stated in [24]) is an open segment", () => {
    for (const b of all) expect(b.closed, b.name).toBe(b.name !== "miniboone_roi_gninenko");
  });

  it("nu_mu-beam bounds (CHARM-II, MiniBooNE, NOMAD) apply to the universal panel only; LEP, SN1987A, BBN to both (sec. 4.1)", () => {
    for (const n of ["charm2", "miniboone", "nomad"]) expect(byName.get(n)?.panels).toEqual(["universal"]);
    for (const n of ["lep", "sn1987a", "bbn"]) expect(byName.get(n)?.panels).toEqual(["universal", "tau"]);
  });

  it("the LEP bound is flat at mu_N ≈ 2e-5 GeV^-1 for 1 MeV–10 GeV (literature: see comment)", () => {
    // Where read: the LEP table of Magill et al. (arXiv:1803.03262, ref. [28]) as digitised in
    // mhostert/Heavy-Neutrino-Limits data/dipole/LEPgz_d.dat (2.06e-5 to 2.14e-5 GeV^-1 for
    // 1 MeV < m_N < 10 GeV); independently, Zhang & Liu ("Neutrino dipole portal at electron
    // colliders", abstract) call a BESIII reach of d = 1.3e-5 GeV^-1 at m_N ~ GeV "previously
    // unexplored", so the LEP bound there lies above 1.3e-5 GeV^-1 (same d convention).
    const lep = byName.get("lep") as DipoleBound;
    const lower = lep.y.filter((_, i) => (lep.x[i] as number) > 2e-3 && (lep.x[i] as number) < 10 && (lep.y[i] as number) < 1e-4);
    expect(lower.length).toBeGreaterThan(50);
    for (const v of lower) {
      expect(v).toBeGreaterThan(1.3e-5);
      expect(v).toBeLessThan(3e-5);
    }
  });

  it("the MiniBooNE bound reaches its minimum ≈ 2e-7 GeV^-1 near m_N ≈ 0.15 GeV and closes below 1 GeV", () => {
    const b = byName.get("miniboone") as DipoleBound;
    let iMin = 0;
    b.y.forEach((v, i) => { if (v < (b.y[iMin] as number)) iMin = i; });
    expect(b.y[iMin]).toBeGreaterThan(1.5e-7);
    expect(b.y[iMin]).toBeLessThan(2.5e-7);
    expect(b.x[iMin]).toBeGreaterThan(0.1);
    expect(b.x[iMin]).toBeLessThan(0.25);
    expect(Math.max(...b.x)).toBeLessThan(1);
  });

  it("the Bohr magneton used to convert mu_B tables is e/(2 m_e) = 296.3 GeV^-1", () => {
    // e = sqrt(4 pi / 137.036) = 0.302822; 2 m_e = 1.0219979e-3 GeV; ratio 296.30.
    expect(muBohr_GeV_inv).toBeCloseTo(296.30, 1);
  });

  it("Gninenko's mu_tr = 1e-9 mu_B at m_N = 0.5 GeV, read as mu_N, gives tau <~ 1e-9 s with (B.1), as [24] states", () => {
    // (B.1): Gamma = mu^2 m^3/(4 pi); mu = 2.963e-7 GeV^-1, m^3 = 0.125 GeV^3
    // -> Gamma = 8.78e-14 * 0.125 / 12.566 = 8.73e-16 GeV -> tau = 6.582e-25 GeV s / Gamma = 7.5e-10 s.
    const roi = byName.get("miniboone_roi_gninenko") as DipoleBound;
    expect(roi.x).toEqual([0.5, 0.5]);
    expectRelClose(roi.y[0]!, 1e-9 * gninenkoMuTrToMuN, 1e-9); // the file holds 10 digits
    const tau = 1 / widthNuGammaPerFlavour(0.5, roi.y[0] as number) / second;
    expectRelClose(tau, 7.5e-10, 7e-3); // the comment's 2-digit 7.5e-10
    expect(tau).toBeLessThan(1e-9);
    // the alternative readings mu_N = mu_tr/sqrt2 and mu_tr/2 would give 1.5e-9 s and 3.0e-9 s
    expect(1 / widthNuGammaPerFlavour(0.5, (roi.y[0] as number) / 2) / second).toBeGreaterThan(1e-9);
  });

  it("the shipped files are exactly what data/bounds/dipole/build.ts makes from its sources", () => {
    const built = buildDipoleBounds();
    const dir = dipoleBoundsDir();
    expect([...built.keys()].sort()).toEqual(all.map((b) => `${b.name}.csv`));
    for (const [file, text] of built) expect(readFileSync(path.join(dir, file), "utf8"), file).toBe(text);
  });

  it("regions are clipped to the display box", () => {
    for (const b of all) {
      if (!b.closed) continue;
      for (let i = 0; i < b.x.length; i++) {
        expect(b.x[i]).toBeGreaterThanOrEqual(DISPLAY_BOX.xMin * (1 - 1e-9));
        expect(b.y[i]).toBeLessThanOrEqual(DISPLAY_BOX.yMax * (1 + 1e-9));
      }
    }
  });
});

describe("bound kind and label", () => {
  it("default to exclusion and the file name; reject an unknown kind naming the file", () => {
    const plain = parseBoundCsv("# name: x\nmN_GeV,U2\n0.1,1e-8\n0.2,2e-8\n", "dir/x.csv", "mN_GeV,U2");
    expect(plain.kind).toBe("exclusion");
    expect(plain.label).toBe("x");
    const proj = parseBoundCsv("# label: SHiP (decay vessel)\n# kind: projection\nmN_GeV,U2\n0.1,1e-8\n0.2,2e-8\n", "p.csv", "mN_GeV,U2");
    expect([proj.kind, proj.label]).toEqual(["projection", "SHiP (decay vessel)"]);
    expect(() => parseBoundCsv("# kind: maybe\nmN_GeV,U2\n0.1,1e-8\n0.2,2e-8\n", "k.csv", "mN_GeV,U2")).toThrow(/k\.csv: kind "maybe"/);
  });

  it("the shipped dipole files are labelled, and only Gninenko's segment is a region of interest", () => {
    const all = readAllDipoleBounds();
    expect(Object.fromEntries(all.map((b) => [b.name, [b.label, b.kind]]))).toEqual({
      bbn: ["BBN", "exclusion"],
      charm2: ["CHARM-II", "exclusion"],
      lep: ["LEP", "exclusion"],
      miniboone: ["MiniBooNE", "exclusion"],
      miniboone_roi_gninenko: ["MiniBooNE RoI (Gninenko)", "region-of-interest"],
      nomad: ["NOMAD", "exclusion"],
      sn1987a: ["SN1987A", "exclusion"],
    });
  });
});

describe("mu_B tables (SN1987A, BBN): the conversion of README 'Coupling conventions', reading (b)", () => {
  it("mu_N = mu_nu/2 turns (B.1) into Brdar et al.'s Gamma = mu_nu^2 m_N^3/(16 pi), and mu_B = 296.3 GeV^-1", () => {
    expect(muBohr_GeV_inv / 296.3).toBeCloseTo(1, 4);
    expect(muBohrTableToMuN / muBohr_GeV_inv).toBe(0.5);
    for (const [m, x] of [[0.01, 1e-9], [0.1, 3e-8]] as const) {
      const muNu = x * muBohr_GeV_inv;
      const gamma = widthNuGammaPerFlavour(m, x * muBohrTableToMuN);
      expect(gamma / ((muNu * muNu * m ** 3) / (16 * Math.PI))).toBeCloseTo(1, 12);
    }
  });
});
