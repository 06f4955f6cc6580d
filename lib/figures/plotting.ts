/**
 * Plotly figures of the paper's figures, built from the data of lib/figures (pure: data in,
 * figure out; displaying or rendering is lib/plots' job).
 */
import { figure, histogram, line, points, region, type Figure, type Trace } from "../plots";
import type { Fig1Data } from "./fig1";
import type { BranchingCurves, PhotonSpectrumCurve } from "./fig2";

const BOUND_COLOURS: Record<string, string> = {
  charm2: "#8c8c8c",
  miniboone: "#a0a0a0",
  nomad: "#9a9a9a",
  lep: "#7a7a7a",
  sn1987a: "#b0b0b0",
  bbn: "#c0c0c0",
};

/** Fig. 1 (one panel) as a plotly figure: gray bounds, then the contour lines in the paper's styles. */
export function fig1Figure(d: Fig1Data): Figure {
  const traces: Trace[] = [];
  for (const b of d.bounds) {
    traces.push(region(b.x as number[], b.y as number[], { name: b.name, color: BOUND_COLOURS[b.name] ?? "#999", opacity: 0.45, group: "bounds" }));
  }
  for (const l of d.lines) {
    traces.push({
      ...line(l.x, l.y, { name: l.label, color: l.color, dash: l.dash, width: 2 }),
      ...(l.hover ? { text: l.hover, hovertemplate: "m<sub>N</sub> = %{x:.3g} GeV<br>μ<sub>N</sub> = %{y:.3g} GeV⁻¹<br>%{text}<extra>%{fullData.name}</extra>" } : {}),
    });
  }
  return figure({
    name: `fig1-${d.panel}`,
    title: d.panel === "universal" ? "Fig. 1 (left): dipole portal, universal coupling" : "Fig. 1 (right): dipole portal, ν<sub>τ</sub>-specific coupling",
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [1e-3, 10] },
    y: { title: "μ<sub>N</sub> [GeV<sup>−1</sup>]", log: true, range: [1e-10, 1e-3] },
    traces,
    width: 1120,
    height: 620,
    legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top", bgcolor: "rgba(255,255,255,0.9)", font: { size: 11 } },
  });
}

/** Fig. 2 left: photon spectra, quadrature as histograms and the sampler as points with errors. */
export function fig2LeftFigure(curves: readonly PhotonSpectrumCurve[]): Figure {
  const colours = ["#1f77b4", "#d62728", "#2ca02c"];
  const traces: (Trace | readonly Trace[])[] = [];
  curves.forEach((c, i) => {
    const col = colours[i % colours.length]!;
    traces.push(histogram({ edges: c.edges, counts: c.quadrature }, { name: `m<sub>N</sub> = ${c.mN} GeV (quadrature)`, color: col, logX: true }));
    const centres = c.edges.slice(0, -1).map((e, b) => Math.sqrt(e * c.edges[b + 1]!));
    const keep = c.sampled.map((v, b) => v > 0 && c.quadrature[b]! > 0);
    traces.push(
      points(centres.filter((_, b) => keep[b]), c.sampled.filter((_, b) => keep[b]), {
        name: `m<sub>N</sub> = ${c.mN} GeV (sampler, ${c.nSampled} events)`,
        color: col,
        yErr: c.errors.filter((_, b) => keep[b]),
      }),
    );
  });
  return figure({
    name: "fig2-left",
    title: `Fig. 2 (left): photons in the FASER 2 vessel, μ<sub>N</sub> = ${curves[0]?.mu ?? ""} GeV<sup>−1</sup>`,
    x: { title: "E<sub>γ</sub> [GeV]", log: true },
    y: { title: "events per bin (3000 fb<sup>−1</sup>)", log: true },
    traces,
  });
}

/** Fig. 2 right: BR(N → νℓℓ), total, effective and printed (plus optional overlays, e.g. a check by hand). */
export function fig2RightFigure(b: BranchingCurves, overlays: readonly Trace[] = []): Figure {
  const traces: Trace[] = [];
  const add = (ys: (number | null)[], name: string, color: string, dash: string) => {
    const x: number[] = [], y: number[] = [];
    ys.forEach((v, i) => {
      if (v !== null && v > 0) {
        x.push(b.mN[i]!);
        y.push(v);
      }
    });
    if (x.length > 0) traces.push(line(x, y, { name, color, dash }));
  };
  add(b.total.e, "BR(N → ν e e)", "black", "solid");
  add(b.total.mu, "BR(N → ν μ μ)", "black", "dash");
  add(b.effective.e, `effective, E<sub>vis</sub> > ${b.Ecut} GeV at E<sub>N</sub> = ${b.EN} GeV (ee)`, "green", "solid");
  add(b.effective.mu, `effective (μμ)`, "green", "dash");
  add(b.printed.e, "printed (B.2)–(B.5) normalisation (ee), ERRATA E8", "#999", "dot");
  add(b.printed.mu, "printed normalisation (μμ)", "#bbb", "dot");
  traces.push(...overlays);
  return figure({
    name: "fig2-right",
    title: "Fig. 2 (right): three-body branching fractions",
    x: { title: "m<sub>N</sub> [GeV]", log: true },
    y: { title: "branching fraction", log: true },
    traces,
    legend: { x: 0.99, xanchor: "right", y: 0.01, yanchor: "bottom", bgcolor: "rgba(255,255,255,0.85)", font: { size: 10 } },
  });
}
