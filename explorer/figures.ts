/**
 * The explorer's spectrum and decay panels as plotly figures (lib/plot builders: pure, data
 * in, figure out). Axis titles carry units; zero bins are dropped from the log-y spectrum.
 */
import { figure, histogram, line, type Figure } from "../lib/plot";
import type { DecayResult, SpectrumResult } from "./compute";

const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

/** Events per bin against the visible energy (log–log step histogram). */
export function spectrumFigure(s: SpectrumResult): Figure {
  const traces = s.series
    .filter((x) => x.events.some((v) => v > 0))
    .map((x, k) => {
      const floor = Math.min(...x.events.filter((v) => v > 0)) * 1e-3;
      return histogram({ edges: s.edges_GeV, counts: x.events.map((v) => (v > 0 ? v : floor)) }, { name: x.name, color: COLOURS[k], logX: true });
    });
  const all = s.series.flatMap((x) => x.events).filter((v) => v > 0);
  const top = all.length ? Math.max(...all) : 1;
  return figure({
    name: "explorer-spectrum",
    title: "Signal energy spectrum",
    x: { title: s.variable, log: true, range: [s.edges_GeV[0]!, s.edges_GeV[s.edges_GeV.length - 1]!] },
    y: { title: "events per bin (40 log bins)", log: true, range: [top * 1e-4, top * 3] },
    traces,
    width: 560,
    height: 400,
    legend: { x: 0.01, xanchor: "left", y: -0.3, yanchor: "top", font: { size: 11 } },
    margin: { b: 120, t: 40 },
  });
}

/** Lab decay lengths (m) on the left axis and decay probabilities on the right, against E. */
export function decayFigure(d: DecayResult, vessel: { start_m: number; end_m: number }): Figure {
  const traces = [
    ...d.lengths.map((l, k) => line(d.E_GeV, l.metres, { name: l.name, color: COLOURS[k], width: 2 })),
    ...d.probabilities.map((p, k) => ({ ...line(d.E_GeV, p.values.map((v) => Math.max(v, 1e-300)), { name: p.name, color: COLOURS[k + 2], dash: "dash", width: 2 }), yaxis: "y2" })),
  ];
  const fig = figure({
    name: "explorer-decay",
    title: "Lab decay length and decay probability",
    x: { title: "E [GeV]", log: true },
    y: { title: "lab decay length d = βγcτ [m]", log: true },
    traces,
    width: 560,
    height: 400,
    legend: { x: 0.01, xanchor: "left", y: -0.3, yanchor: "top", font: { size: 11 } },
    margin: { b: 140, t: 40, r: 70 },
  });
  const shapes = [
    { type: "rect", xref: "paper", x0: 0, x1: 1, yref: "y", y0: vessel.start_m, y1: vessel.end_m, fillcolor: "rgba(44,160,44,0.10)", line: { width: 0 } },
  ];
  const y2 = { title: { text: "decay probability" }, type: "log", overlaying: "y", side: "right", range: [-8, 0], exponentformat: "power", showgrid: false, ticks: "inside" };
  const note = { xref: "paper", yref: "y", x: 0.99, y: Math.log10(Math.sqrt(vessel.start_m * vessel.end_m)), xanchor: "right", showarrow: false, text: "distance to the vessel", font: { size: 10, color: "#2ca02c" } };
  return { ...fig, layout: { ...fig.layout, yaxis2: y2, shapes, annotations: [note] } };
}
