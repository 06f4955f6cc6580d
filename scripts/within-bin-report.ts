/**
 * `npx tsx scripts/within-bin-report.ts`: S1–S4 of the dipole portal at the two benchmarks for
 * each within-bin flux model (converged rule) and for the pre-issue-10 rule (log-uniform,
 * 3 points per bin, no split at thresholds/cuts), as a table (the numbers of docs/signal-engine.md §2).
 */
import { DIPOLE_SIGNATURES, dipoleEvents, dipoleMassPoint, makeSetup, withinBinComparison, type QuadratureOptions } from "../lib/signatures";

const setup = makeSetup("fasernu2-faser2", { flux: "fasernu2-paper", normalisation: "kling-nevay" });
const OLD: QuadratureOptions = { withinBin: "log-uniform", ePoints: 3, tPoints: 8, energyBreaks: [], splitAtThresholds: false };
const fmt = (x: number) => x.toPrecision(5).padStart(12);
console.log("rule / model".padEnd(28) + DIPOLE_SIGNATURES.map((s) => s.padStart(20)).join(""));
for (const [mN, mu] of [[0.5, 5e-7], [2, 1e-6]] as const) {
  console.log(`m_N = ${mN} GeV, μ_N = ${mu} GeV⁻¹`);
  const old = dipoleMassPoint(mN, "universal", { ...setup, quadrature: OLD });
  const rows = [
    ...withinBinComparison(mN, mu, "universal", setup).map((r) => [`new rule, ${r.model}`, r.events] as const),
    ["old rule (log-uniform, 3 pt)", Object.fromEntries(DIPOLE_SIGNATURES.map((s) => [s, dipoleEvents(old, mu, s).events]))] as const,
  ];
  for (const [name, ev] of rows) console.log(`  ${name}`.padEnd(28) + DIPOLE_SIGNATURES.map((s) => fmt(ev[s]!).padStart(20)).join(""));
}
