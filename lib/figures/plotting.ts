/**
 * Plotly figures of the paper's figures, built from the data of lib/figures (pure: data in,
 * figure out; displaying or rendering is lib/plots' job).
 */
import { figure, histogram, line, points, region, type Figure, type Trace } from "../plot/plots";
import { FIG1_MISSING, type Fig1Data } from "./fig1";
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
  for (const mk of d.markers) {
    traces.push(line(mk.x as number[], mk.y as number[], { name: "MiniBooNE region of interest [24] (segment at m<sub>N</sub> = 0.5 GeV)", color: "#1f3a93", width: 6 }));
  }
  for (const l of d.lines) {
    const island = /-N\d+-\d+$/.test(l.name); // a second island of "<signature>-N<level>"
    traces.push({
      ...line(l.x, l.y, { name: l.label, color: l.color, dash: l.dash, width: 2, group: l.label, showlegend: !island }),
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
    height: 660,
    margin: { b: 100 },
    legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top", bgcolor: "rgba(255,255,255,0.9)", font: { size: 11 } },
    annotations: [{ x: 0, y: -0.13, xref: "paper", yref: "paper", xanchor: "left", yanchor: "top", showarrow: false, text: FIG1_MISSING, font: { size: 11, color: "#555" } }],
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

/** Fig. 3 left: (m_N, |U_μN|²) plane with the e⁺e⁻ and electron-scattering lines and the available bounds. */
export function fig3Figure(d: {
  lines: readonly (ReachLineStyled)[];
  bounds: readonly { name: string; x: readonly number[]; y: readonly number[] }[];
  primaryEvents: { total: number };
}): Figure {
  const traces: Trace[] = [];
  for (const b of d.bounds) traces.push(region(b.x as number[], b.y as number[], { name: `${b.name} (region of interest)`, color: "#1f3a93", opacity: 0.35 }));
  for (const l of d.lines) traces.push(line(l.x, l.y, { name: l.label, color: l.color, dash: l.dash, width: 2 }));
  return figure({
    name: "fig3-reach",
    title: "Fig. 3 (left): dark gauge boson, m<sub>Z_D</sub> = 30 MeV, α<sub>D</sub> = 0.25, αε² = 2·10<sup>−10</sup>",
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [0.02, 10] },
    y: { title: "|U<sub>μN</sub>|²", log: true, range: [1e-10, 1e-2] },
    traces,
    width: 1000,
    height: 560,
    annotations: [
      {
        x: 0.03, y: 3e-10, xref: "x", yref: "y", showarrow: false, xanchor: "left",
        text: `primary Z<sub>D</sub> from the IP: ${d.primaryEvents.total.toPrecision(2)} e⁺e⁻ events at any (m<sub>N</sub>, U²) — not a line`,
        font: { size: 11 },
      },
    ],
    legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top", font: { size: 11 } },
  });
}

/** A reach line with its plotting style (as produced by lib/figures). */
export type ReachLineStyled = { x: number[]; y: number[]; label: string; color: string; dash: string };

/** Fig. 3 right: the primary and secondary e⁺e⁻ energy spectra, as absolute events and as unit-area shapes. */
export function fig3SpectrumFigure(
  s: { edges: readonly number[]; secondary: { events: number[] }; primary: { events: number[] }; benchmark: { mN: number; U2: number } },
  mode: "events" | "shape",
): Figure {
  const norm = (v: number[]) => {
    const t = v.reduce((a, b) => a + b, 0);
    return mode === "shape" && t > 0 ? v.map((x) => x / t) : v;
  };
  const traces = [
    histogram({ edges: s.edges, counts: norm(s.primary.events) }, { name: "primary Z<sub>D</sub> (ATLAS IP: π⁰, η, bremsstrahlung)", color: "#1f77b4", logX: true }),
    histogram({ edges: s.edges, counts: norm(s.secondary.events) }, { name: "secondary Z<sub>D</sub> (ν W → N W, N → ν Z<sub>D</sub>)", color: "#ff7f0e", logX: true }),
  ];
  return figure({
    name: mode === "shape" ? "fig3-spectrum-shapes" : "fig3-spectrum-events",
    title: `Fig. 3 (right): E(e⁺e⁻) in FASER 2, m<sub>N</sub> = ${s.benchmark.mN} GeV, |U<sub>μN</sub>|² = ${s.benchmark.U2}` + (mode === "shape" ? " — unit area" : ""),
    x: { title: "E<sub>e⁺e⁻</sub> [GeV]", log: true },
    y: { title: mode === "shape" ? "fraction per bin" : "events per bin (3000 fb<sup>−1</sup>)", log: true },
    traces,
  });
}

/** Fig. 4 left: (m_N, |U_τN|²) plane, heavy Z_D (m_ZD = 8 m_N); lines styled after FIG4_LINES, bounds in gray. */
export function fig4Figure(
  d: { lines: readonly { name: string; label: string; x: number[]; y: number[] }[]; regions: readonly { name: string; x: number[]; y: number[] }[] },
  styles: readonly { name: string; color: string; dash: string; fill: boolean }[],
): Figure {
  const styleOf = new Map(styles.map((s) => [s.name, s] as const));
  // islands of one line are named name-2, name-3, …: same style, one legend entry
  const baseName = (n: string) => (styleOf.has(n) ? n : n.replace(/-\d+$/, ""));
  const traces: Trace[] = [];
  for (const r of d.regions) traces.push(region(r.x, r.y, { name: r.name, color: "#9a9a9a", opacity: 0.4, group: "bounds" }));
  for (const l of d.lines) {
    const s = styleOf.get(baseName(l.name)) ?? { color: "black", dash: "solid", fill: false };
    const legend = { group: l.label, showlegend: baseName(l.name) === l.name };
    traces.push(s.fill ? region(l.x, l.y, { name: l.label, color: s.color, opacity: 0.25, width: 2, ...legend }) : line(l.x, l.y, { name: l.label, color: s.color, dash: s.dash, ...legend }));
  }
  return figure({
    name: "fig4-reach",
    title: "Fig. 4 (left): heavy Z<sub>D</sub>, m<sub>Z_D</sub> = 8 m<sub>N</sub>, g<sub>D</sub> = 1, ε = 10<sup>−3</sup>, ν<sub>τ</sub> mixing",
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [0.005, 2] },
    y: { title: "|U<sub>τN</sub>|²", log: true, range: [1e-10, 1] },
    traces,
    width: 1100,
    height: 600,
    legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top", font: { size: 10 } },
  });
}

/** Fig. 4 right: N e → N e events versus m_N in FASERν2 (with/without angle cuts) and CHARM-II. */
export function fig4RightFigure(r: { masses: number[]; faser2: number[]; faser2NoAngle: number[]; charm2: number[]; levels: { faser2: number; charm2: number } }): Figure {
  const pos = (x: number[], y: number[]) => {
    const k = y.map((v) => v > 0);
    return [x.filter((_, i) => k[i]), y.filter((_, i) => k[i])] as const;
  };
  const tr: Trace[] = [];
  const add = (y: number[], name: string, color: string, dash: string) => {
    const [a, b] = pos(r.masses, y);
    if (a.length > 0) tr.push(line(a, b, { name, color, dash }));
  };
  add(r.charm2, "CHARM-II", "blue", "solid");
  add(r.faser2, "FASERν2 (recoil energy and angle cuts)", "red", "solid");
  add(r.faser2NoAngle, "FASERν2 (no angle cuts)", "red", "dash");
  const xr = [Math.min(...r.masses), Math.max(...r.masses)];
  tr.push(line(xr, [r.levels.charm2, r.levels.charm2], { name: `${r.levels.charm2} events (CHARM-II line)`, color: "blue", dash: "dot", width: 1 }));
  tr.push(line(xr, [r.levels.faser2, r.levels.faser2], { name: `${r.levels.faser2} events (FASERν2 line)`, color: "red", dash: "dot", width: 1 }));
  return figure({
    name: "fig4-right",
    title: "Fig. 4 (right): N e → N e events, N from Z<sub>D</sub> → N N̄ (m<sub>Z_D</sub> = 8 m<sub>N</sub>, ε = 10<sup>−3</sup>)",
    x: { title: "m<sub>N</sub> [GeV]", log: true },
    y: { title: "events", log: true, range: [1e-2, 1e6] },
    traces: tr,
  });
}
