import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BOUND_KINDS, parseBoundCsv } from "../lib/figures/bounds";
import { readFig3Bounds } from "../lib/figures/fig3";

const BOUNDS = path.resolve(__dirname, "..", "data", "bounds");
const SHARED = path.resolve(__dirname, "..", "..", "shared", "data", "bounds");
const dirs = readdirSync(BOUNDS).filter((d) => statSync(path.join(BOUNDS, d)).isDirectory()).sort();
const COMMIT = /\b[0-9a-f]{7,40}\b/;
const REPO = /\b[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\b/;

/** The README entries that describe `file`: table rows naming it, and sections whose heading names it. */
function entries(readme: string, file: string): string[] {
  const rows = readme.split("\n").filter((l) => l.startsWith("|") && l.includes(`\`${file}\``));
  const sections = readme.split(/\n(?=## )/).filter((s) => (s.split("\n")[0] as string).includes(file));
  return [...rows, ...sections];
}

/** A provenance entry: a source commit, or (for a file rebuilt from a paper's text) "rebuilt from" and an arXiv number. */
function hasProvenance(e: string): boolean {
  return COMMIT.test(e.replace(/arXiv:\S+/g, "")) || (/rebuilt from/i.test(e) && /arXiv:\d{4}\.\d{4,5}/.test(e));
}

describe("every bound file in data/bounds has its provenance", () => {
  it("finds the bound directories", () => {
    expect(dirs).toEqual(["darkboson-fig3", "dipole", "hnl-tau"]);
  });

  for (const d of dirs) {
    it(`${d}: README.md names each data file with its source repository and commit`, () => {
      const readme = readFileSync(path.join(BOUNDS, d, "README.md"), "utf8");
      expect(readme, `${d}/README.md names a source repository`).toMatch(REPO);
      const files = readdirSync(path.join(BOUNDS, d)).filter((f) => /\.(csv|txt)$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const es = entries(readme, f);
        expect(es.length, `${d}/README.md has no entry for ${f}`).toBeGreaterThan(0);
        expect(es.some(hasProvenance), `${d}/README.md entry for ${f} names no commit`).toBe(true);
      }
    });

    const src = path.join(BOUNDS, d, "sources");
    if (existsSync(src)) {
      it(`${d}/sources: each transcription's first line names repository, commit and path`, () => {
        for (const f of readdirSync(src)) {
          const first = readFileSync(path.join(src, f), "utf8").split("\n")[0] as string;
          expect(first, f).toMatch(REPO);
          expect(first, f).toMatch(COMMIT);
        }
      });
    }
  }

  it("bound CSVs carry name (= file name), label, a valid kind and a data line with a commit or a rebuilt-from note", () => {
    for (const d of ["dipole", "darkboson-fig3"]) {
      for (const f of readdirSync(path.join(BOUNDS, d)).filter((x) => x.endsWith(".csv"))) {
        const text = readFileSync(path.join(BOUNDS, d, f), "utf8");
        const header = text.split("\n").find((l) => !l.startsWith("#")) as string;
        const b = parseBoundCsv(text, f, header);
        const meta = b.provenance.split("\n");
        expect(meta, f).toContain(`name: ${b.name}`);
        expect(meta.some((l) => l.startsWith("label: ")), f).toBe(true);
        expect(BOUND_KINDS).toContain(b.kind);
        const data = meta.find((l) => l.startsWith("data: ")) ?? "";
        expect(hasProvenance(data), `${f}: ${data}`).toBe(true);
      }
    }
  });

  it("hnl-tau files are byte-identical to the reference copy and to the sha256 listed in the README", () => {
    const dir = path.join(BOUNDS, "hnl-tau");
    const readme = readFileSync(path.join(dir, "README.md"), "utf8");
    expect(existsSync(path.join(SHARED, "hnl-tau")), `reference data missing: ${SHARED}`).toBe(true);
    const shipped = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
    expect(shipped).toEqual(readdirSync(path.join(SHARED, "hnl-tau")).filter((f) => f.endsWith(".txt")).sort());
    for (const f of shipped) {
      const bytes = readFileSync(path.join(dir, f));
      expect(bytes.equals(readFileSync(path.join(SHARED, "hnl-tau", f))), f).toBe(true);
      const sum = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
      expect(entries(readme, f).join(" "), f).toContain(sum);
    }
  });
});

describe("Fig. 3 grey region from the Δχ² grids of arXiv:1812.08768", () => {
  const byName = new Map(readFig3Bounds().map((b) => [b.name, b]));

  it("MINERνA and CHARM-II are closed exclusions at 90% CL over the grid's mass range", () => {
    for (const [name, label] of [["minerva", "MINERνA"], ["charm2", "CHARM-II"]] as const) {
      const b = byName.get(name)!;
      expect(b.label).toBe(label);
      expect(b.kind).toBe("exclusion");
      expect(b.closed).toBe(true);
      expect(b.provenance).toMatch(/Δχ² = 4\.61 \(2 degrees of freedom/);
      expect(b.provenance).toMatch(/cbea43485652b36e0abda6669f1e4db851a850b2/);
      expect(Math.min(...b.x)).toBe(0.031);
      expect(Math.max(...b.x)).toBe(1);
      expect(Math.max(...b.y)).toBe(0.01);
    }
  });

  it("together they exclude the MiniBooNE RoI of ref. [30] above |U|^2 = 3e-8, not its low-mixing part", () => {
    const roi = byName.get("miniboone_roi_3sigma")!;
    const lowerEdge = (name: string, m: number) => {
      const b = byName.get(name)!;
      const n = (b.x.length - 1) / 2; // lower edge: the first half of the ring, increasing mass
      for (let i = 0; i + 1 < n; i++) {
        const [x0, x1] = [b.x[i]!, b.x[i + 1]!];
        if (m >= x0 && m <= x1) {
          const t = Math.log(m / x0) / Math.log(x1 / x0);
          return Math.exp(Math.log(b.y[i]!) + t * Math.log(b.y[i + 1]! / b.y[i]!));
        }
      }
      throw new RangeError(`m = ${m} outside ${name}`);
    };
    const excluded = (m: number, u2: number) => u2 > Math.min(lowerEdge("minerva", m), lowerEdge("charm2", m));
    let high = 0;
    for (let i = 0; i < roi.x.length; i++) {
      if (roi.y[i]! <= 3e-8) continue;
      high++;
      expect(excluded(roi.x[i]!, roi.y[i]!), `RoI point (${roi.x[i]}, ${roi.y[i]})`).toBe(true);
    }
    expect(high).toBeGreaterThan(50);
    // the RoI's lowest point, |U|^2 = 2.4e-9 near 54 MeV, lies below both 90% CL edges
    const j = roi.y.indexOf(Math.min(...roi.y));
    expect(excluded(roi.x[j]!, roi.y[j]!)).toBe(false);
    // at 0.1 GeV: MINERvA 1.14e-8 and CHARM-II 1.91e-8 (90% CL lower edges)
    expect(lowerEdge("minerva", 0.1)).toBeCloseTo(1.139e-8, 10);
    expect(lowerEdge("charm2", 0.1) / 1.9077e-8).toBeCloseTo(1, 3);
  });
});
