/**
 * Plotly figures of the paper's figures, built from the data of lib/figures (pure: data in,
 * figure out; displaying or rendering is lib/plots' job).
 */
import { figure, histogram, legendKey, line, notation, points, region, sci, wrap, type Figure, type Trace } from "../plot/plots";
import { FIG1_LEVEL_WIDTH, FIG1_MISSING, type Fig1Data } from "./fig1";
import type { BranchingCurves, PhotonSpectrumCurve } from "./fig2";
import { boundLabel, drawBounds, isRegionOfInterest } from "./plotBounds";

/** Lines of a Fig. 1 contour spec's signature share one legend entry: its label without the threshold. */
function signatureLabel(label: string): string {
  return label.replace(/, N = \d+$/, "");
}

/**
 * Fig. 1 (one panel) as a plotly figure: each grey bound named on the plot in its own grey /
 * hatching, the contour lines in the paper's colours with N = 3 thick and N = 30 thin (a legend
 * key says which), one legend entry per signature, placed where it covers no data (else below
 * the axes), and what the plot cannot show as a subtitle.
 */
export function fig1Figure(d: Fig1Data): Figure {
  const drawn = drawBounds(d.bounds, d.boundOrder ?? []);
  const traces: Trace[] = drawn.map((b) => b.trace);
  for (const mk of d.markers) {
    traces.push(line(mk.x as number[], mk.y as number[], { name: "MiniBooNE RoI of [24] (at m<sub>N</sub> = 0.5 GeV)", color: "#1f3a93", width: 6 }));
  }
  const seen = new Set<string>();
  for (const l of d.lines) {
    const group = notation(signatureLabel(l.label));
    const first = !seen.has(group) && (l.level === 3 || l.level === 20 || l.level === undefined);
    if (first) seen.add(group);
    const width = FIG1_LEVEL_WIDTH[l.level ?? 3] ?? 2;
    traces.push({
      ...line(l.x, l.y, { name: group, color: l.color, dash: l.dash, width, group, showlegend: first, breaks: l.breaks ?? [] }),
      ...(l.hover ? { text: l.hover, hovertemplate: `m<sub>N</sub> = %{x:.3g} GeV<br>μ<sub>N</sub> = %{y:.3g} GeV⁻¹<br>%{text}<extra>${group}, N = ${l.level ?? ""}</extra>` } : {}),
    });
  }
  traces.push(legendKey({ name: "thick: N = 3 events", color: "#333", width: FIG1_LEVEL_WIDTH[3] }), legendKey({ name: "thin: N = 30 events", color: "#333", width: FIG1_LEVEL_WIDTH[30] }));
  return figure({
    name: `fig1-${d.panel}`,
    title: d.panel === "universal" ? "Fig. 1 (left): dipole portal, universal coupling" : "Fig. 1 (right): dipole portal, ν<sub>τ</sub>-specific coupling",
    subtitle: wrap(notation(FIG1_MISSING), FIG_SUBTITLE_CHARS),
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [1e-3, 10] },
    y: { title: "μ<sub>N</sub> [GeV<sup>−1</sup>]", log: true, range: [1e-10, 1e-3] },
    traces,
    width: REACH_SIZE.width,
    height: REACH_SIZE.height,
    regionLabels: drawn.map((b) => b.label),
  });
}

/** Size of the reach plots, px: ≤ 760 wide so that JupyterLab's ≈ 800 px output column shows them unscaled. */
const REACH_SIZE = { width: 760, height: 560 } as const;
/** Characters per subtitle line at the reach-plot width (11 px font). */
const FIG_SUBTITLE_CHARS = 110;

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

/** A reach line with its plotting style (as produced by lib/figures). */
export type ReachLineStyled = { x: number[]; y: number[]; label: string; color: string; dash: string; breaks?: readonly number[] };

/** A bound curve as read from a bound file. */
type BoundLike = { readonly name: string; readonly x: readonly number[]; readonly y: readonly number[]; readonly provenance: string; readonly kind?: string };

/**
 * Fig. 3 left: (m_N, |U_μN|²) plane with the e⁺e⁻ and electron-scattering lines, every excluded
 * region of data/bounds/darkboson-fig3 as a named grey region, and the MiniBooNE region(s) of
 * interest as hatched blue regions; lines are left open where they leave the scan.
 */
export function fig3Figure(d: { lines: readonly ReachLineStyled[]; bounds: readonly BoundLike[]; primaryEvents: { total: number } }): Figure {
  const roi = d.bounds.filter((b) => isRegionOfInterest(b.name, b.provenance, b.kind));
  const excluded = drawBounds(d.bounds.filter((b) => !isRegionOfInterest(b.name, b.provenance, b.kind)));
  const traces: Trace[] = excluded.map((b) => b.trace);
  const labels = excluded.map((b) => b.label);
  for (const b of roi) {
    const name = `${boundLabel(b.name, b.provenance).replace(/region of interest/i, "RoI")} (a preferred region, not an exclusion)`;
    traces.push({ ...region(b.x, b.y, { name, color: "#1f3a93", opacity: 1, width: 1 }), fillcolor: "rgba(31,58,147,0.25)", fillpattern: { shape: "/", fgcolor: "rgba(31,58,147,0.6)", size: 6, solidity: 0.2 } });
  }
  for (const l of d.lines) traces.push(line(l.x, l.y, { name: notation(l.label), color: l.color, dash: l.dash, width: 2.2, breaks: l.breaks ?? [] }));
  return figure({
    name: "fig3-reach",
    title: "Fig. 3 (left): dark gauge boson, m<sub>Z<sub>D</sub></sub> = 30 MeV, α<sub>D</sub> = 0.25, αε² = 2×10⁻¹⁰",
    subtitle: wrap(`Primary Z<sub>D</sub> from the IP: ${sci(d.primaryEvents.total)} e⁺e⁻ events at any (m<sub>N</sub>, |U<sub>μN</sub>|²), not a line (the paper: "adds to the events"). Lines end open where they leave the scanned range.`, FIG_SUBTITLE_CHARS),
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [0.02, 10] },
    y: { title: "|U<sub>μN</sub>|²", log: true, range: [1e-10, 1e-2] },
    traces,
    width: REACH_SIZE.width,
    height: REACH_SIZE.height,
    regionLabels: labels,
  });
}

/** Fig. 3 right data as the plot needs it. */
type Fig3SpectrumLike = { edges: readonly number[]; secondary: { events: number[] }; primary: { events: number[] }; benchmark: { mN: number; U2: number; params?: { alphaEps2: number } } };

/** Decades shown below the highest bin on the log axis of the Fig. 3 spectra (lower bins are below the axis, not drawn). */
const FIG3_DECADES_SHOWN = { shape: 4, events: 11 } as const;

/**
 * Fig. 3 right: the primary and secondary e⁺e⁻ energy spectra. "shape": each histogram
 * normalised to unit area, as (1/N) dN/dlog₁₀E — the only normalisation in which the spectrum is
 * bi-modal at αε² = 2×10⁻¹⁰ (fig3PrimaryCheck) — with the absolute counts in the legend;
 * "events": absolute counts per decade of energy, dN/dlog₁₀E. The log axis spans a fixed number of decades below the
 * highest bin; bins below it (down to denormal numbers, from the survival factor) are not drawn.
 */
export function fig3SpectrumFigure(s: Fig3SpectrumLike, mode: "events" | "shape", check?: { readonly equalCountsAlphaEps2: number | null }): Figure {
  const total = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
  const nP = total(s.primary.events), nS = total(s.secondary.events);
  const dlog = s.edges.slice(0, -1).map((e, i) => Math.log10(s.edges[i + 1]! / e));
  // per unit log₁₀E in both modes: the bins are not all equal (fig3SpectrumEdges), so counts per bin would step where the width changes
  const norm = (v: readonly number[], t: number) => v.map((x, i) => (mode === "shape" && t > 0 ? x / t : x) / dlog[i]!);
  const p = norm(s.primary.events, nP), q = norm(s.secondary.events, nS);
  const top = Math.max(...p, ...q);
  const floor = top / 10 ** FIG3_DECADES_SHOWN[mode];
  // bins below the axis are drawn at a tenth of its bottom (outside the plot): no denormal reaches plotly
  const clamp = (v: number[]) => v.map((x) => (x >= floor ? x : floor / 10));
  const traces = [
    histogram({ edges: s.edges, counts: clamp(p) }, { name: `primary Z<sub>D</sub> (ATLAS IP: π⁰, η, p bremsstrahlung): ${sci(nP)} events`, color: "#1f77b4", logX: true, width: 2 }),
    histogram({ edges: s.edges, counts: clamp(q) }, { name: `secondary Z<sub>D</sub> (ν W → N W, W = tungsten; N → ν Z<sub>D</sub>): ${sci(nS, { digits: 3 })} events`, color: "#ff7f0e", logX: true, width: 2 }),
  ];
  const eps = s.benchmark.params ? `, αε² = ${sci(s.benchmark.params.alphaEps2)}` : "";
  const equal = check?.equalCountsAlphaEps2 ? ` Equal counts only at αε² ≈ ${sci(check.equalCountsAlphaEps2)}.` : "";
  return figure({
    name: mode === "shape" ? "fig3-spectrum-shapes" : "fig3-spectrum-events",
    title: `Fig. 3 (right): E(e⁺e⁻) in FASER 2, m<sub>N</sub> = ${sci(s.benchmark.mN)} GeV, |U<sub>μN</sub>|² = ${sci(s.benchmark.U2)}${eps}`,
    subtitle:
      mode === "shape"
        ? wrap(`Each histogram normalised to unit area (absolute counts in the legend): in counts the primary peak is ${sci(nS / Math.max(nP, 1e-300))} times smaller than the secondary one.${equal}`, 105)
        : wrap(`Absolute counts, 3000 fb⁻¹: ${sci(nP)} primary against ${sci(nS, { digits: 3 })} secondary events, so no second peak in counts.${equal}`, 105),
    x: { title: "E<sub>e⁺e⁻</sub> [GeV]", log: true, range: [s.edges[0]!, s.edges[s.edges.length - 1]!] },
    y: {
      title: mode === "shape" ? "(1/N) dN/dlog<sub>10</sub>E (unit area each)" : "events / decade (3000 fb<sup>−1</sup>)",
      log: true,
      range: [floor, top * 3],
    },
    traces,
  });
}

/** A bound region of Fig. 4 (name, polygon, provenance). */
type Fig4RegionLike = { name: string; x: number[]; y: number[]; provenance?: string };

/** Factor below the plot's lower |U|² edge to which regions open towards small U2 are filled (out of view). */
const FILL_BEYOND_AXIS = 10;

/**
 * Fig. 4 left: (m_N, |U_τN|²) plane, heavy Z_D (m_ZD = 8 m_N); lines styled after FIG4_LINES,
 * every bound named on the plot in its own grey. A filled line that is open towards small (or
 * large) U2 — a signal independent of U2 there, e.g. Z_D → N N̄ — is filled down to (up to) the
 * plot edge, not closed along the diagonal between its ends.
 */
export function fig4Figure(
  d: { lines: readonly { name: string; label: string; x: number[]; y: number[]; openAt?: readonly string[]; breaks?: readonly number[] }[]; regions: readonly Fig4RegionLike[] },
  styles: readonly { name: string; color: string; dash: string; fill: boolean }[],
): Figure {
  const yRange: [number, number] = [1e-10, 1];
  const styleOf = new Map(styles.map((s) => [s.name, s] as const));
  // islands of one line are named name-2, name-3, …: same style, one legend entry
  const baseName = (n: string) => (styleOf.has(n) ? n : n.replace(/-\d+$/, ""));
  const drawn = drawBounds(d.regions.map((r) => ({ ...r, provenance: r.provenance ?? "" })));
  const traces: Trace[] = drawn.map((b) => b.trace);
  for (const l of d.lines) {
    const s = styleOf.get(baseName(l.name)) ?? { color: "black", dash: "solid", fill: false };
    const label = notation(l.label);
    const legend = { group: label, showlegend: baseName(l.name) === l.name };
    if (!s.fill) {
      traces.push(line(l.x, l.y, { name: label, color: s.color, dash: s.dash, width: 2, breaks: l.breaks ?? [], ...legend }));
      continue;
    }
    const open = l.openAt ?? [];
    const closeTo = open.includes("low-coupling") ? { y: yRange[0] / FILL_BEYOND_AXIS } : open.includes("high-coupling") ? { y: yRange[1] * FILL_BEYOND_AXIS } : undefined;
    const fill = region(l.x, l.y, { name: label, color: s.color, opacity: 1, width: 0, ...(closeTo ? { closeTo } : {}), ...legend });
    traces.push({ ...fill, fillcolor: s.color === "blue" ? "rgba(0,0,255,0.18)" : "rgba(255,0,0,0.18)", line: { width: 0 }, showlegend: false });
    traces.push(line(l.x, l.y, { name: label, color: s.color, dash: s.dash, width: 2, breaks: l.breaks ?? [], ...legend }));
  }
  return figure({
    name: "fig4-reach",
    title: "Fig. 4 (left): heavy Z<sub>D</sub>, m<sub>Z<sub>D</sub></sub> = 8 m<sub>N</sub>, g<sub>D</sub> = 1, ε = 10⁻³, ν<sub>τ</sub> mixing",
    subtitle: "ν<sub>τ</sub> W → N W: W = tungsten. Shaded: Z<sub>D</sub> → N N̄ regions (independent of |U<sub>τN</sub>|² below their upper line).",
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [0.005, 2] },
    y: { title: "|U<sub>τN</sub>|²", log: true, range: yRange },
    traces,
    width: REACH_SIZE.width,
    height: REACH_SIZE.height,
    regionLabels: drawn.map((b) => b.label),
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
  tr.push(line(xr, [r.levels.charm2, r.levels.charm2], { name: `${sci(r.levels.charm2)} events (CHARM-II line)`, color: "blue", dash: "dot", width: 1 }));
  tr.push(line(xr, [r.levels.faser2, r.levels.faser2], { name: `${sci(r.levels.faser2)} events (FASERν2 line)`, color: "red", dash: "dot", width: 1 }));
  return figure({
    name: "fig4-right",
    title: "Fig. 4 (right): N e → N e events, N from Z<sub>D</sub> → N N̄ (m<sub>Z<sub>D</sub></sub> = 8 m<sub>N</sub>, ε = 10⁻³)",
    x: { title: "m<sub>N</sub> [GeV]", log: true },
    y: { title: "events", log: true, range: [1e-2, 1e6] },
    traces: tr,
  });
}
