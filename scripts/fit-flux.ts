/**
 * Fits the embedded default neutrino flux (data/flux-default.json) to the Kling–Nevay
 * reference tables (arXiv:2105.08270; github KlingFelix/FastNeutrinoFluxSimulation `Fluxes/`).
 *
 *   npx tsx scripts/fit-flux.ts [--flux-dir data/flux] [--out data/flux-default.json]
 *
 * For each of the six flavours of the FASERv (FASERν, Run 3) and FASERv2 (FPF, HL-LHC)
 * through-going tables, a weighted linear least-squares fit of ln N_i (N_i = neutrinos in
 * bin i) to the smooth form of lib/flux/parametrisation.ts: Legendre polynomials of degree
 * DEGREE in t(ln E) plus c·ln(1 − E/E_max), E_max = 7000 GeV (beam energy at √s = 14 TeV).
 * Bins with N_i = 0 are left out of the fit; bins above the last one with entries get zero
 * flux. Weights (N_i / max N)^WEIGHT_POWER: a bin's relative error counts more where the
 * events are, but the tails still constrain the shape.
 *
 * Linear algebra: mathjs's QR decomposition of the weighted design matrix and a back
 * substitution; QR avoids squaring the condition number (as the normal equations would),
 * and the dense 28 × 9 problem needs nothing more.
 *
 * The JSON records the grid (3 numbers), the coefficients, provenance (source commit, file
 * hashes, fit form, date) and the deviations achieved. It never contains the tables.
 */
import { createHash } from "node:crypto";
// mathjs ships CommonJS for require(); its type declarations are ESM-only
// eslint-disable-next-line @typescript-eslint/no-require-imports
const math = require("mathjs") as {
  qr: (A: number[][]) => unknown;
  multiply: (a: unknown, b: unknown) => unknown;
  transpose: (a: unknown) => unknown;
  usolve: (U: number[][], b: number[]) => unknown;
};
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { readFluxTable, type FluxTable } from "../lib/flux/reader";
import { FLAVOURS, PDG_ID, type Flavour } from "../lib/flux/flavours";
import { designRow, smoothBinCount, type SmoothSpectrumParameters } from "../lib/flux/parametrisation";
import { logBinEdges } from "../lib/flux/spectrum";
import { deviationReport } from "../lib/flux/deviation";

const DEGREE = 7;
const WEIGHT_POWER = 0.5;
const E_MAX_GEV = 7000;

/** Solves min ‖A x − b‖₂ by QR (mathjs: A = QR, then R₁ x = (Qᵀ b)₁ by back substitution; A: m × n, m ≥ n, full column rank). */
function leastSquares(A: number[][], b: number[]): number[] {
  const n = A[0]!.length;
  const { Q, R } = math.qr(A) as unknown as { Q: number[][]; R: number[][] };
  const qtb = math.multiply(math.transpose(Q), b) as unknown as number[];
  const R1 = R.slice(0, n).map((row) => row.slice(0, n));
  if (R1.some((row, k) => row[k] === 0)) throw new Error("leastSquares: the design matrix is rank deficient");
  const x = math.usolve(R1, qtb.slice(0, n)) as unknown as number[][];
  return x.map((r) => r[0]!);
}

function fitOne(t: FluxTable): SmoothSpectrumParameters {
  const { centres, counts } = t;
  let last = -1;
  counts.forEach((n, i) => {
    if (n > 0) last = i;
  });
  if (last < DEGREE + 2) throw new Error(`${t.source}: too few bins with entries to fit`);
  const edges = logBinEdges(centres);
  const eLo = centres[0] as number;
  const eHi = centres[last] as number;
  const nMax = Math.max(...counts);
  const A: number[][] = [];
  const b: number[] = [];
  counts.forEach((n, i) => {
    if (!(n > 0)) return;
    const w = Math.pow(n / nMax, WEIGHT_POWER);
    A.push(designRow(centres[i] as number, DEGREE, eLo, eHi, E_MAX_GEV).map((x) => x * w));
    b.push(Math.log(n) * w);
  });
  const c = leastSquares(A, b);
  return {
    legendre: c.slice(0, DEGREE + 1),
    cutoff: c[DEGREE + 1] as number,
    eMax: E_MAX_GEV,
    eLo,
    eHi,
    lowerEdge: edges[0] as number,
    upperEdge: edges[last + 1] as number,
    binWidthLn: Math.log((centres[centres.length - 1] as number) / (centres[1] as number)) / (centres.length - 2),
  };
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function main(): void {
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const fluxDir = resolve(arg("--flux-dir") ?? join(__dirname, "..", "data", "flux"));
  const out = resolve(arg("--out") ?? join(__dirname, "..", "data", "flux-default.json"));
  // the provenance note of the tables: data/flux/FASERv/README.md (shipped), or <dir>/../README.md
  const readme = [join(fluxDir, "FASERv", "README.md"), join(fluxDir, "..", "README.md")].find((f) => existsSync(f)) ?? "";
  const commitMatch = readme !== ""
    ? /FastNeutrinoFluxSimulation, commit ([0-9a-f]{40})/.exec(readFileSync(readme, "utf8"))
    : null;
  const sets = { FASERv: "FASER_", FASERv2: "FASERv2_" } as const;
  const result: Record<string, unknown> = {};
  const files: Record<string, string> = {};
  let grid: { firstCentre_GeV: number; secondCentre_GeV: number; log10Step: number; nBins: number } | undefined;
  const rows: string[] = [];
  for (const [set, prefix] of Object.entries(sets)) {
    const spectra: Record<string, unknown> = {};
    for (const f of FLAVOURS) {
      const rel = `${set}/${prefix}${PDG_ID[f]}.txt`;
      const path = join(fluxDir, rel);
      const t = readFluxTable(path);
      files[rel] = sha256(path);
      const c = t.centres;
      const step = Math.log10((c[c.length - 1] as number) / (c[1] as number)) / (c.length - 2);
      const g = { firstCentre_GeV: c[0] as number, secondCentre_GeV: c[1] as number, log10Step: step, nBins: c.length };
      // The grid is c_0, then c_1 · 10^{step (k−1)}: check that it reproduces every centre.
      c.forEach((x, k) => {
        const y = k === 0 ? g.firstCentre_GeV : g.secondCentre_GeV * Math.pow(10, g.log10Step * (k - 1));
        if (Math.abs(y / x - 1) > 2e-5) throw new Error(`${path}: centre ${k} = ${x} is off the regular grid (${y})`);
      });
      if (grid && (grid.nBins !== g.nBins || Math.abs(grid.firstCentre_GeV / g.firstCentre_GeV - 1) > 1e-9 || Math.abs(grid.log10Step / g.log10Step - 1) > 1e-9)) {
        throw new Error(`${path}: binning differs from the other tables`);
      }
      grid ??= g;
      const p = fitOne(t);
      const model = c.map((E) => (E <= p.upperEdge ? smoothBinCount(p, E) : 0));
      const dev = deviationReport(t.counts, model, c);
      spectra[f] = { ...p, achieved: dev };
      rows.push(
        `${set.padEnd(8)} ${f.padEnd(10)} worst ${(dev.worstBinDeviation * 100).toFixed(1).padStart(5)} % at ${dev.worstBinEnergy_GeV ?? "-"} GeV  total ${(dev.totalDeviation * 100).toFixed(2)} %  rms ${(dev.rmsLogDeviation * 100).toFixed(1)} %  (${dev.binsIn99} bins hold 99 %)`,
      );
    }
    result[set] = spectra;
  }
  const json = {
    description:
      "Embedded default forward-LHC neutrino spectra of nudump: a smooth parametrisation of the Kling–Nevay tables (see data/README.md and lib/flux/parametrisation.ts). Counts are neutrinos per bin of the grid for the whole exposure of each set; the tables themselves are not included.",
    provenance: {
      source: "F. Kling, L.J. Nevay, arXiv:2105.08270; github KlingFelix/FastNeutrinoFluxSimulation, directory Fluxes/ (MIT licence)",
      sourceCommit: commitMatch ? commitMatch[1] : "unknown (data README not found)",
      files,
      fitScript: "scripts/fit-flux.ts",
      fitForm: `ln N(E) = sum_{k=0..${DEGREE}} c_k P_k(t) + c_cut ln(1 - E/E_max), t = (2 ln E - ln E_lo - ln E_hi)/(ln E_hi - ln E_lo), E_max = ${E_MAX_GEV} GeV; N = neutrinos in a bin of width binWidthLn centred at E`,
      fitMethod: `weighted linear least squares on ln N_i over bins with N_i > 0, weights (N_i/max N)^${WEIGHT_POWER}, Householder QR`,
      fitDate: new Date().toISOString(),
      deviationDefinitions:
        "worstBinDeviation: max |model/reference - 1| over the smallest set of bins (largest first) holding >= 99 % of the events; totalDeviation: sum(model)/sum(reference) - 1; rmsLogDeviation: rms of ln(model/reference) over the same bins",
    },
    sets: {
      FASERv: { detector: "FASERnu front face 25 x 25 cm^2, 480 m from the ATLAS IP", exposure_fb: 150 },
      FASERv2: { detector: "FASERnu2 (FPF) 50 x 50 cm^2, 620 m from the ATLAS IP", exposure_fb: 3000 },
    },
    grid,
    spectra: result,
  };
  writeFileSync(out, JSON.stringify(json, null, 2) + "\n");
  console.log(rows.join("\n"));
  console.log(`wrote ${out}`);
}

main();
