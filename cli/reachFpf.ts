/**
 * `nudump reach --figure 1 --detector <fpf detector>`: the FPF lines of Fig. 1 with their flux
 * band (lib/figures/fpf), as JSON and CSV, for cli/reach.ts to write.
 */
import { assertFinite, snakeKeys } from "./output";
import { fig1Masses } from "../lib/figures/fig1";
import { fpfFig1, type FpfFig1Data } from "../lib/figures/fpf";
import type { FpfDetectorName } from "../lib/detector/fpf";
import type { DipolePanel } from "../lib/figures/bounds";

/** The files of one FPF Fig. 1 panel: name → content, the data (for the figure), and a summary. */
export function fpfFig1Files(
  panel: DipolePanel,
  detector: FpfDetectorName,
  opts: { masses: number; rounds: number; decayFlavours?: number; onMass?: () => void },
): { files: [string, string][]; data: FpfFig1Data; summary: Record<string, unknown> } {
  const t0 = Date.now();
  const data = fpfFig1({
    panel,
    detector,
    masses: fig1Masses(opts.masses),
    refine: { maxRounds: opts.rounds },
    ...(opts.decayFlavours !== undefined ? { decayFlavours: opts.decayFlavours } : {}),
  });
  const base = `fig1-${panel}-${detector}`;
  const inputs = { figure: 1, panel, detector, masses: opts.masses, refine_rounds: opts.rounds, band_variants: data.variants, central: data.variants[0] };
  const j = snakeKeys({ ...data, inputs });
  assertFinite(j, `${base}.json`, true);
  const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";
  const lines: (string | number)[][] = [["line", "variant", "label", "level", "mN_GeV", "mu_GeV_inv"]];
  for (const l of data.lines) {
    for (const [v, pieces] of Object.entries(l.variants)) for (const p of pieces) p.x.forEach((x, i) => lines.push([p.name, v, JSON.stringify(l.spec.label), l.spec.level, x, p.y[i]!]));
  }
  const band: (string | number)[][] = [["line", "mN_GeV", "lower_min", "lower_max", "upper_min", "upper_max"]];
  for (const l of data.lines) for (const b of l.band) band.push([l.spec.name, b.mass, b.lower?.[0] ?? "", b.lower?.[1] ?? "", b.upper?.[0] ?? "", b.upper?.[1] ?? ""]);
  const mrows: (string | number)[][] = [["signature", "max_events_allowed", "min_over_band", "max_over_band", "mN_GeV", "mu_GeV_inv"]];
  for (const [s, m] of Object.entries(data.maxAllowed)) mrows.push([s, m.events, m.range[0], m.range[1], m.mass, m.mu]);
  return {
    files: [
      [`${base}.json`, JSON.stringify(j, null, 1) + "\n"],
      [`${base}-lines.csv`, csv(lines)],
      [`${base}-band.csv`, csv(band)],
      [`${base}-max-allowed.csv`, csv(mrows)],
    ],
    data,
    summary: { detector, lines: data.lines.map((l) => ({ name: l.spec.name, pieces: l.central.length })), maxAllowed: data.maxAllowed, seconds: (Date.now() - t0) / 1000 },
  };
}
