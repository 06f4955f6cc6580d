/** Fig. 2 (photon spectra, three-body branching fractions) as plotly figures, from lib/figures/fig2 (pure). */
import { figure, type Figure, type Trace } from "../figure";
import { sci } from "../text";
import { histogram, line, points } from "../traces";
import type { BranchingCurves, PhotonSpectrumCurve } from "../../figures/fig2";

/** Fig. 2 left: photon spectra, quadrature as histograms and the sampler as points with errors. */
export function fig2LeftFigure(curves: readonly PhotonSpectrumCurve[]): Figure {
  const colours = ["#1f77b4", "#d62728", "#2ca02c"];
  const traces: (Trace | readonly Trace[])[] = [];
  curves.forEach((c, i) => {
    const col = colours[i % colours.length]!;
    traces.push(histogram({ edges: c.edges, counts: c.quadrature }, { name: `m<sub>N</sub> = ${sci(c.mN)} GeV, quadrature`, color: col, logX: true }));
    const centres = c.edges.slice(0, -1).map((e, b) => Math.sqrt(e * c.edges[b + 1]!));
    const keep = c.sampled.map((v, b) => v > 0 && c.quadrature[b]! > 0);
    traces.push(
      points(centres.filter((_, b) => keep[b]), c.sampled.filter((_, b) => keep[b]), {
        name: `m<sub>N</sub> = ${sci(c.mN)} GeV, sampler (${sci(c.nSampled)} events)`,
        color: col,
        yErr: c.errors.filter((_, b) => keep[b]),
      }),
    );
  });
  return figure({
    name: "fig2-left",
    title: `Fig. 2 (left): photons in the FASER 2 vessel, μ<sub>N</sub> = ${curves[0] ? sci(curves[0].mu) : ""} GeV<sup>−1</sup>`,
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
  add(b.total.e, "BR(N → ν e⁺e⁻)", "black", "solid");
  add(b.total.mu, "BR(N → ν μ⁺μ⁻)", "black", "dash");
  add(b.effective.e, `effective (e⁺e⁻): E<sub>vis</sub> > ${sci(b.Ecut)} GeV at E<sub>N</sub> = ${sci(b.EN)} GeV`, "green", "solid");
  add(b.effective.mu, "effective (μ⁺μ⁻)", "green", "dash");
  add(b.printed.e, "printed (B.2)–(B.5) normalisation (e⁺e⁻), ERRATA E8", "#999", "dot");
  add(b.printed.mu, "printed normalisation (μ⁺μ⁻)", "#bbb", "dot");
  traces.push(...overlays);
  return figure({
    name: "fig2-right",
    title: "Fig. 2 (right): three-body branching fractions",
    x: { title: "m<sub>N</sub> [GeV]", log: true },
    y: { title: "branching fraction", log: true },
    traces,
  });
}

