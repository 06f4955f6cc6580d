/**
 * Dark-boson rows of `npm run bench` (issue 15): one Fig. 3 mass point (production tables,
 * collapse, Z_D nodes) and one Fig. 4 mass point (every signature, Z_D → NN̄ spectra included),
 * each built afresh per run (the Fig. 4 masses differ by 1e-9 relative so that the Z_D-spectra
 * cache never answers). The notebooks build ~60 of the first and ~80 of the second.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { join } from "node:path";

/** A bench row (the shape of scripts/bench.ts). */
interface Row {
  readonly key: string;
  readonly label: string;
  readonly unit: "ms";
  readonly values: number[];
}

/** Time `f(i)` for i = 0 … n − 1 after one untimed call, ms each. */
function timesIndexed(n: number, f: (i: number) => void): number[] {
  f(-1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function darkBosonBenchRows(root: string, reps: number): Row[] {
  const nd = require(join(root, "dist", "lib", "index.js")) as typeof import("../lib");
  const figs = require(join(root, "dist", "lib", "plot", "index.js")) as typeof import("../lib/plot");
  const setup = nd.signatures.makeSetup("fasernu2-faser2");
  const fig3 = timesIndexed(reps, () => nd.signatures.darkBosonMassPoint(0.3, setup, nd.signatures.FIG3_PARAMS));
  const fig4 = timesIndexed(reps, (i) => figs.figures.fig4MassPoints({ masses: [0.04 * (1 + 1e-9 * (i + 2))] }));
  return [
    { key: "darkboson:fig3-point", label: "Fig. 3 mass point (m_N = 0.3 GeV: tables, collapse, Z_D nodes)", unit: "ms", values: fig3 },
    { key: "darkboson:fig4-point", label: "Fig. 4 mass point (m_N = 0.04 GeV, every signature)", unit: "ms", values: fig4 },
  ];
}
