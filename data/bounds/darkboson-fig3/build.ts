/**
 * Builds data/bounds/darkboson-fig3/*.csv from the transcribed source tables in ./sources.
 * Run from the project root:
 *
 *     npx tsx data/bounds/darkboson-fig3/build.ts
 *
 * Plane: (m_N [GeV], |U_muN|^2) of Fig. 3 of arXiv:2011.04751. test/fig3.test.ts checks that the
 * shipped files are exactly what this script produces.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseTwoColumnTable } from "../../../lib/bounds";

/** Column header of the files in this directory. */
export const DARKBOSON_BOUND_HEADER = "mN_GeV,U2";

const HERE = __dirname;

function readSource(file: string): { x: number[]; y: number[] } {
  const t = parseTwoColumnTable(readFileSync(path.join(HERE, "sources", file), "utf8"), file);
  return { x: [...t.x], y: [...t.y] };
}

/** The files this script writes: name → content. */
export function buildAll(): Map<string, string> {
  const low = readSource("DarkNews_1807-09877_low_3_sigma.dat");
  const up = readSource("DarkNews_1807-09877_upper_3_sigma.dat");
  // closed polygon: lower boundary in increasing m_N, upper boundary back, first point repeated
  const x = [...low.x, ...[...up.x].reverse(), low.x[0]!];
  const y = [...low.y, ...[...up.y].reverse(), low.y[0]!];
  const header = [
    "# name: miniboone_roi_3sigma",
    "# title: MiniBooNE region of interest (3 sigma) of Bertuzzo, Jana, Machado, Zukanovich Funchal",
    "# source paper: E. Bertuzzo et al., PRL 121 (2018) 241801, arXiv:1807.09877 (ref. [30] of arXiv:2011.04751); its benchmark m_Z' = 30 MeV, alpha_D = 0.25, alpha eps^2 = 2e-10 (Dirac N), i.e. the fixed parameters of Fig. 3",
    "# data: digitised from that paper by the DarkNews authors, github.com/mhostert/DarkNews-generator, examples/aux_data/1807-09877/low_3_sigma.dat (commit b1c54cec) and upper_3_sigma.dat (commit bb9cdc83); transcribed verbatim in sources/; DarkNews plots the same curves on (m_N [GeV], |U_muN|^2) axes",
    "# processing: polygon = lower boundary (increasing m_N) + upper boundary (decreasing m_N), closed; no rescaling. CLOSED REGION (a region of interest, not an exclusion)",
    "# built by data/bounds/darkboson-fig3/build.ts (npx tsx data/bounds/darkboson-fig3/build.ts)",
  ];
  const rows = x.map((xi, i) => `${xi},${y[i]}`);
  return new Map([["miniboone_roi_3sigma.csv", [...header, DARKBOSON_BOUND_HEADER, ...rows].join("\n") + "\n"]]);
}

if (require.main === module) {
  for (const [file, text] of buildAll()) writeFileSync(path.join(HERE, file), text);
}
