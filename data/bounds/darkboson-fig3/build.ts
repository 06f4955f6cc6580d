/**
 * Builds data/bounds/darkboson-fig3/*.csv. Run from the project root:
 *
 *     npx tsx data/bounds/darkboson-fig3/build.ts                 # MiniBooNE RoI from ./sources
 *     npx tsx data/bounds/darkboson-fig3/build.ts --grids <dir>   # also MINERvA and CHARM-II
 *
 * Plane: (m_N [GeV], |U_muN|^2) of Fig. 3 of arXiv:2011.04751 (m_ZD = 30 MeV, alpha_D = 0.25,
 * alpha eps^2 = 2e-10). The MiniBooNE region is built from verbatim transcriptions in ./sources;
 * test/fig3.test.ts checks that the shipped file is exactly this output. The MINERvA and CHARM-II
 * bounds of ref. [82] (Argüelles, Hostert, Tsai, arXiv:1812.08768) are contoured from the authors'
 * Δχ² grids, which are not committed (no licence stated in their repository): `<dir>` must hold
 * the files named in GRID_FILES, from github.com/mhostert/dark-neutrinos-at-T2K at commit
 * GRID_COMMIT, path digitized/minerva_charm_limits/ (their sha256 is checked and recorded).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseTwoColumnTable } from "../../../lib/figures/bounds";
import { excludedBandPolygon, tensorGridFromTriplets, type BandPolygon } from "../../../lib/core/gridContour";
import { npyRow, parseNpy } from "../../../lib/core/npy";

/** Column header of the files in this directory. */
export const DARKBOSON_BOUND_HEADER = "mN_GeV,U2";

/** Δχ² for 2 degrees of freedom at 90% CL: the level at which ref. [82]'s authors contour these grids. */
export const DCHI2_2DOF_90CL = 4.61;

/** Repository and commit of the Δχ² grids. */
export const GRID_REPO = "github.com/mhostert/dark-neutrinos-at-T2K";
export const GRID_COMMIT = "cbea43485652b36e0abda6669f1e4db851a850b2";

/** The grid files used and their sha256 (as fetched at GRID_COMMIT). */
export const GRID_FILES: Readonly<Record<string, string>> = {
  "sensitivity_LE_vAugust2019.npy": "53e26b02f47b99e2f764aeb56ab78697e64025c2a7e697d226d4f5e9ed873783",
  "sensitivity_CH_vAugust2019.npy": "b316e87477e7a11715585d55911e98e5bb4ae19b6b34ce3563db2ca8e54dd81c",
  "sensitivity_CH_bar_vAugust2019.npy": "0b81cad7a43905b639bb3a9720ef54500b753df6d135c17f1404084036ce2c30",
};

const HERE = __dirname;

function readSource(file: string): { x: number[]; y: number[] } {
  const t = parseTwoColumnTable(readFileSync(path.join(HERE, "sources", file), "utf8"), file);
  return { x: [...t.x], y: [...t.y] };
}

function fmt(v: number): string {
  return Number(v.toPrecision(8)).toString();
}

function csv(header: readonly string[], x: readonly number[], y: readonly number[], format: (v: number) => string): string {
  const rows = x.map((xi, i) => `${format(xi)},${format(y[i] as number)}`);
  return [...header, DARKBOSON_BOUND_HEADER, ...rows].join("\n") + "\n";
}

function miniboone(): string {
  const low = readSource("DarkNews_1807-09877_low_3_sigma.dat");
  const up = readSource("DarkNews_1807-09877_upper_3_sigma.dat");
  // closed polygon: lower boundary in increasing m_N, upper boundary back, first point repeated
  const x = [...low.x, ...[...up.x].reverse(), low.x[0]!];
  const y = [...low.y, ...[...up.y].reverse(), low.y[0]!];
  const header = [
    "# name: miniboone_roi_3sigma",
    "# title: MiniBooNE region of interest (3 sigma) of Bertuzzo, Jana, Machado, Zukanovich Funchal",
    "# label: MiniBooNE RoI (3σ)",
    "# kind: region-of-interest",
    "# source paper: E. Bertuzzo et al., PRL 121 (2018) 241801, arXiv:1807.09877 (ref. [30] of arXiv:2011.04751); its benchmark m_Z' = 30 MeV, alpha_D = 0.25, alpha eps^2 = 2e-10 (Dirac N), i.e. the fixed parameters of Fig. 3",
    "# data: digitised from that paper by the DarkNews authors, github.com/mhostert/DarkNews-generator, examples/aux_data/1807-09877/low_3_sigma.dat (commit b1c54cec) and upper_3_sigma.dat (commit bb9cdc83); transcribed verbatim in sources/; DarkNews plots the same curves on (m_N [GeV], |U_muN|^2) axes",
    "# processing: polygon = lower boundary (increasing m_N) + upper boundary (decreasing m_N), closed; no rescaling. CLOSED REGION (a region of interest, not an exclusion)",
    "# built by data/bounds/darkboson-fig3/build.ts (npx tsx data/bounds/darkboson-fig3/build.ts)",
  ];
  return csv(header, x, y, (v) => String(v));
}

/** A Δχ² grid (rows m_4 [GeV], |U_mu4|^2, expected events, Δχ²) read from a .npy file. */
export function readChi2Grid(bytes: Uint8Array, file: string): { m: number[]; u2: number[]; chi2: number[] } {
  const a = parseNpy(bytes, file);
  if (a.shape.length !== 2 || a.shape[0] !== 4) throw new RangeError(`${file}: shape (${a.shape.join(", ")}), expected (4, n): m_4, |U_mu4|^2, events, chi2`);
  return { m: npyRow(a, 0), u2: npyRow(a, 1), chi2: npyRow(a, 3) };
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function edgeNote(p: BandPolygon): string {
  const e: string[] = [];
  if (p.leftAtGridEdge) e.push(`the left side at m_N = ${p.xMin} GeV (first grid mass, just above m_ZD)`);
  if (p.rightAtGridEdge) e.push(`the right side at m_N = ${p.xMax} GeV (last grid mass; the paper's extrapolation above 1 GeV, its footnote 4, is not published)`);
  if (p.topAtGridEdge) e.push("the top at |U|^2 = 1e-2 (grid top; the grid has no upper edge, unlike the gap at |U|^2 ~ 1e-3 that sec. 4.2 of arXiv:2011.04751 attributes to Z_D -> nu nubar)");
  if (p.bottomAtGridEdge) e.push("parts of the bottom (grid bottom)");
  return e.length === 0 ? "no side lies on the grid edge" : `artificial sides (grid edges, not contours): ${e.join("; ")}`;
}

/** The MINERvA and CHARM-II bound files contoured from the grids in `gridDir`. */
export function buildFromGrids(gridDir: string): Map<string, string> {
  const grids = new Map<string, { m: number[]; u2: number[]; chi2: number[] }>();
  const sums: string[] = [];
  for (const f of Object.keys(GRID_FILES)) {
    const bytes = new Uint8Array(readFileSync(path.join(gridDir, f)));
    const sum = sha256(bytes);
    if (sum !== GRID_FILES[f]) throw new RangeError(`${path.join(gridDir, f)}: sha256 ${sum} is not that of ${f} at ${GRID_COMMIT} (${GRID_FILES[f]})`);
    sums.push(`${f} sha256 ${sum}`);
    grids.set(f, readChi2Grid(bytes, f));
  }
  const le = grids.get("sensitivity_LE_vAugust2019.npy")!;
  const nu = grids.get("sensitivity_CH_vAugust2019.npy")!;
  const nubar = grids.get("sensitivity_CH_bar_vAugust2019.npy")!;
  const same = nu.m.every((v, i) => v === nubar.m[i] && nu.u2[i] === nubar.u2[i]);
  if (!same) throw new RangeError("CHARM-II nu and nubar grids do not share their (m_4, |U|^2) points");
  const charm = { m: nu.m, u2: nu.u2, chi2: nu.chi2.map((c, i) => c + (nubar.chi2[i] as number)) };
  const common = [
    `# source paper: C. A. Argüelles, M. Hostert, Y.-D. Tsai, PRL 123 (2019) 261801, arXiv:1812.08768 (ref. [82] of arXiv:2011.04751): Dirac N, m_Z' = 30 MeV, alpha_D = 0.25, alpha eps^2 = 2e-10 (the model of Fig. 3: the grids start at m_4 = 0.031 GeV, just above m_Z', and the authors' code plots them with exactly that benchmark and the MiniBooNE 3 sigma RoI of arXiv:1807.09877)`,
    `# data: Δχ² grids of the authors, ${GRID_REPO}, commit ${GRID_COMMIT}, digitized/minerva_charm_limits/ (88 masses 0.031-1.0 GeV x 50 log-spaced |U_mu4|^2 1e-10-1e-2; rows m_4 [GeV], |U_mu4|^2, expected events, Δχ² relative to no signal); not committed here (no licence stated in that repository)`,
    `# CL: 90%, Δχ² = ${DCHI2_2DOF_90CL} (2 degrees of freedom, m_N and |U|^2), the level the authors contour (their likelihood_contours_plot.py, plot_band; parameters_dict.py lists 4.61 as the 2-d 90% level)`,
    "# contouring: lib/gridContour.ts excludedBandPolygon: per mass column, the ends of {Δχ² > level} interpolated with log Δχ² linear in log |U|^2; polygon = lower edge (increasing m_N) + upper edge back, closed; straight lines between grid masses on a log-log plot",
  ];
  const out = new Map<string, string>();
  const specs = [
    { name: "minerva", label: "MINERνA", title: "MINERvA (nu e scattering, low-energy NuMI), excluded region", grid: le, file: "sensitivity_LE_vAugust2019.npy",
      what: "MINERvA low-energy-beam nu_mu e -> nu_mu e measurement of ref. [75] (J. Park et al., PRD 93 (2016) 112007, arXiv:1512.07699), the MINERvA data cited by arXiv:2011.04751; grid sensitivity_LE_vAugust2019.npy (the medium-energy grid sensitivity_ME_* of the same directory is the later arXiv:1906.00111 data, not cited by the paper, not used)" },
    { name: "charm2", label: "CHARM-II", title: "CHARM-II (nu_mu e and nubar_mu e scattering), excluded region", grid: charm, file: "sensitivity_CH_vAugust2019.npy + sensitivity_CH_bar_vAugust2019.npy",
      what: "CHARM-II nu_mu e and nubar_mu e scattering (ref. [81], Vilain et al., PLB 335 (1994) 246); Δχ² = sum of the nu-mode and nubar-mode grids, as the authors combine them" },
  ];
  for (const s of specs) {
    const grid = tensorGridFromTriplets(s.grid.m, s.grid.u2, s.grid.chi2, s.file);
    const p = excludedBandPolygon(grid, DCHI2_2DOF_90CL);
    const header = [
      `# name: ${s.name}`,
      `# title: ${s.title}`,
      `# label: ${s.label}`,
      "# kind: exclusion",
      ...common,
      `# experiment: ${s.what}`,
      `# inputs: ${sums.filter((l) => s.file.includes(l.split(" ")[0] as string)).join("; ")}`,
      `# processing: ${edgeNote(p)}; no rescaling`,
      "# built by data/bounds/darkboson-fig3/build.ts (npx tsx data/bounds/darkboson-fig3/build.ts --grids <dir>)",
    ];
    out.set(`${s.name}.csv`, csv(header, p.x, p.y, fmt));
  }
  return out;
}

/** The files built from ./sources (always rebuilt; the grid-derived files need `--grids`). */
export function buildAll(): Map<string, string> {
  return new Map([["miniboone_roi_3sigma.csv", miniboone()]]);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const files = buildAll();
  const g = args.indexOf("--grids");
  if (g >= 0) {
    const dir = args[g + 1];
    if (dir === undefined) throw new RangeError("--grids needs a directory");
    for (const [f, t] of buildFromGrids(dir)) files.set(f, t);
  } else if (args.length > 0) {
    throw new RangeError(`unknown arguments ${args.join(" ")} (usage: build.ts [--grids <dir>])`);
  }
  for (const [file, text] of files) {
    writeFileSync(path.join(HERE, file), text);
    console.log(`wrote ${path.join(HERE, file)}`);
  }
}
