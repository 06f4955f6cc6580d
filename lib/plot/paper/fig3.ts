/** Fig. 3 (dark gauge boson: reach, e⁺e⁻ spectra) as plotly figures, from lib/figures/fig3 (pure). */
import { figure, type Figure, type Trace } from "../figure";
import { notation, sci, wrap } from "../text";
import { histogram, line, region } from "../traces";
import type { BoundCurve } from "../../figures/bounds";
import type { Fig3Line, Fig3Primary, Fig3SpectrumData } from "../../figures/fig3";
import { boundLabel, drawBounds, isRegionOfInterest } from "./bounds";
import { FIG_SUBTITLE_CHARS, REACH_SIZE } from "./style";

/** What {@link fig3SpectrumFigure} reads of a {@link Fig3SpectrumData}. */
export type Fig3SpectrumInput = Pick<Fig3SpectrumData, "edges"> & {
  readonly secondary: { readonly events: readonly number[] };
  readonly primary: { readonly events: readonly number[] };
  readonly benchmark: { readonly mN: number; readonly U2: number; readonly params?: { readonly alphaEps2: number } };
};

/**
 * Fig. 3 left: (m_N, |U_μN|²) plane with the e⁺e⁻ and electron-scattering lines, every excluded
 * region of data/bounds/darkboson-fig3 as a named grey region, and the MiniBooNE region(s) of
 * interest as hatched blue regions; lines are left open where they leave the scan.
 */
export function fig3Figure(d: { readonly lines: readonly Pick<Fig3Line, "x" | "y" | "label" | "color" | "dash" | "breaks">[]; readonly bounds: readonly (Pick<BoundCurve, "name" | "x" | "y" | "provenance"> & { readonly kind?: string })[]; readonly primaryEvents: Pick<Fig3Primary, "total"> }): Figure {
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

/** Decades shown below the highest bin on the log axis of the Fig. 3 spectra (lower bins are below the axis, not drawn). */
const FIG3_DECADES_SHOWN = { shape: 4, events: 11 } as const;

/**
 * Fig. 3 right: the primary and secondary e⁺e⁻ energy spectra. "shape": each histogram
 * normalised to unit area, as (1/N) dN/dlog₁₀E — the only normalisation in which the spectrum is
 * bi-modal at αε² = 2×10⁻¹⁰ (fig3PrimaryCheck) — with the absolute counts in the legend;
 * "events": absolute counts per decade of energy, dN/dlog₁₀E. The log axis spans a fixed number of decades below the
 * highest bin; bins below it (down to denormal numbers, from the survival factor) are not drawn.
 */
export function fig3SpectrumFigure(s: Fig3SpectrumInput, mode: "events" | "shape", check?: { readonly equalCountsAlphaEps2: number | null }): Figure {
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

