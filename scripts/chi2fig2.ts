import { fig2Left } from "../lib/figures/fig2";
import { histogramChiSquare } from "../lib/stats";
const n = Number(process.argv[2] ?? 200000);
for (const [name, q] of [["old", { withinBin: "log-uniform", ePoints: 3, tPoints: 8 }], ["new", undefined]] as const) {
  const curves = fig2Left({ masses: [0.5, 2], mu: 5e-7, n, seed: 1, flux: "fasernu2-paper", normalisation: "kling-nevay", ...(q ? { quadrature: q } : {}) });
  for (const c of curves) {
    const r = histogramChiSquare(c.sampled, c.errors, c.quadrature);
    const tot = c.sampled.reduce((a, b) => a + b, 0);
    console.log(name, c.mN, `chi2 ${r.chi2.toFixed(1)}/${r.ndf} p=${r.pValue.toExponential(2)} quadTotal ${c.totalQuadrature.toFixed(4)} sampTotal ${tot.toFixed(4)}`);
  }
}
