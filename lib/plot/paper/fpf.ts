/**
 * The FPF reach plots (lib/figures/fpf) as plotly figures (pure): every line drawn as a band —
 * the central contour plus the shaded envelope of its lower and upper edges over the flux
 * variants — beside the paper's 2020 detectors (thin grey), and the FPF Fig. 3 left panel with
 * its band and the primary count's generator range.
 */
import { figure, type Figure, type Trace } from "../figure";
import { notation, sci, wrap } from "../text";
import { legendKey, line, region } from "../traces";
import { FIG1_LEVEL_WIDTH, type Fig1Data } from "../../figures/fig1";
import type { FpfBandEdge, FpfFig1Data, FpfFig3Data } from "../../figures/fpf";
import type { ReachLine } from "../../engine/reach";
import { drawBounds } from "./bounds";
import { DIPOLE_REACH_AXES, FIG_SUBTITLE_CHARS, REACH_SIZE } from "./style";

/** A flux normalisation as a physicist writes it (kling-nevay → Kling–Nevay, tp → TP). */
function normalisationLabel(v: string): string {
  return v === "kling-nevay" ? "Kling–Nevay" : v === "tp" ? "TP" : v;
}

/** Band fill colour of each line colour (translucent, so that overlapping bands stay readable). */
const BAND_FILL: Readonly<Record<string, string>> = {
  green: "rgba(0,128,0,0.22)",
  red: "rgba(220,0,0,0.18)",
  gold: "rgba(218,165,32,0.35)",
  darkgreen: "rgba(0,100,0,0.22)",
};

/**
 * The shaded band of one edge (lower or upper): one polygon per run of consecutive masses where
 * the edge exists for some variant — the edge's minimum over the variants forward in mass, its
 * maximum back. A run of a single mass is drawn as a vertical segment.
 */
export function bandPolygons(band: readonly FpfBandEdge[], edge: "lower" | "upper"): { x: number[]; y: number[] }[] {
  const out: { x: number[]; y: number[] }[] = [];
  let run: { mass: number; lo: number; hi: number }[] = [];
  const flush = () => {
    if (run.length > 0) out.push({ x: [...run.map((r) => r.mass), ...run.map((r) => r.mass).reverse()], y: [...run.map((r) => r.lo), ...run.map((r) => r.hi).reverse()] });
    run = [];
  };
  for (const b of band) {
    const e = b[edge];
    if (e === null) flush();
    else run.push({ mass: b.mass, lo: e[0], hi: e[1] });
  }
  flush();
  return out;
}

/** The traces of one contour (possibly several pieces) in a style. */
function contourTraces(lines: readonly ReachLine[], style: { name: string; color: string; dash: string; width: number; group: string; showlegend: boolean }): Trace[] {
  return lines.map((l, i) => line(l.x, l.y, { ...style, showlegend: style.showlegend && i === 0, breaks: l.breaks ?? [] }));
}

/**
 * One FPF Fig. 1 panel: grey bounds, the paper's lines of the same signatures (FASERν2/FASER 2 of
 * 2020, thin grey, when `paper` is given), and each FPF line as central contour (the paper's
 * colour and dash; N = 3 thick, N = 30 thin) with its flux band shaded.
 */
export function fpfFig1Figure(d: FpfFig1Data, paper?: Fig1Data): Figure {
  const drawn = drawBounds(d.bounds, paper?.boundOrder ?? []);
  const traces: Trace[] = drawn.map((b) => b.trace);
  if (paper) {
    const keep = paper.lines.filter((l) => !l.name.startsWith("run3") && (l.level === 3 || l.level === 20));
    keep.forEach((l, i) =>
      traces.push(line(l.x, l.y, { name: "arXiv:2011.04751 detectors (FASERν2 + FASER 2 at 480 m), N = 3 / 20", color: "#666", dash: l.dash, width: 1, group: "paper", showlegend: i === 0, breaks: l.breaks ?? [] })),
    );
  }
  for (const bl of d.lines) {
    const group = notation(bl.spec.label.replace(/, (N = \d+|\d+ events)$/, ""));
    const fill = BAND_FILL[bl.spec.color] ?? "rgba(100,100,100,0.2)";
    for (const edge of ["lower", "upper"] as const) {
      for (const p of bandPolygons(bl.band, edge)) traces.push(region(p.x, p.y, { name: `${group} band`, color: fill, opacity: 1, width: 0, group, showlegend: false }));
    }
    const first = bl.spec.level === 3 || bl.spec.level === 20;
    traces.push(...contourTraces(bl.central, { name: group, color: bl.spec.color, dash: bl.spec.dash, width: FIG1_LEVEL_WIDTH[bl.spec.level] ?? 2, group, showlegend: first }));
  }
  traces.push(
    legendKey({ name: "thick: N = 3 (20 for e scattering), thin: N = 30", color: "#333", width: FIG1_LEVEL_WIDTH[3] }),
    legendKey({ name: `band: flux ${d.variants.map(normalisationLabel).join(" ↔ ")} normalisation`, color: "rgba(0,0,0,0)", fill: "rgba(0,128,0,0.22)" }),
  );
  const det = d.detector === "fpf-flare-faser2" ? "FLArE + FASER2" : "FASERν2 + FASER2";
  return figure({
    name: `fpf-fig1-${d.panel}-${d.detector}`,
    title: `FPF ${det}: dipole portal, ${d.panel === "universal" ? "universal coupling" : "ν<sub>τ</sub>-specific coupling"}`,
    subtitle: wrap(notation(`${d.description}. Band: ${d.variants.map(normalisationLabel).join(" ↔ ")} flux normalisation.`), FIG_SUBTITLE_CHARS),
    ...DIPOLE_REACH_AXES,
    traces,
    width: REACH_SIZE.width,
    height: REACH_SIZE.height,
    regionLabels: drawn.map((b) => b.label),
  });
}

/**
 * FPF Fig. 3 left: the secondary e⁺e⁻ (N = 3) and electron-scattering (20 events) lines of the
 * central flux with each variant's line thin (the band's edges), and the primary count's
 * generator range in the subtitle.
 */
export function fpfFig3Figure(d: FpfFig3Data): Figure {
  const traces: Trace[] = [];
  d.variants.forEach((v, k) => {
    for (const l of d.byVariant[v]!.lines) {
      const flare = d.detector === "fpf-flare-faser2";
      const label = l.label.replace("FASER 2", "FPF FASER2").replace("FASERν2", flare ? "FLArE" : "FPF FASERν2");
      const name = notation(flare ? label.replace("ν W → N W with W = tungsten", "ν Ar → N Ar in FLArE") : label);
      traces.push(line(l.x, l.y, { name: k === 0 ? name : `${name} (${normalisationLabel(v)} flux)`, color: l.color, dash: k === 0 ? l.dash : "dot", width: k === 0 ? 2.4 : 1.1, breaks: l.breaks ?? [] }));
    }
  });
  const [lo, hi] = d.primaryRange;
  const gens = Object.entries(d.primaryByGenerator).map(([g, n]) => `${g === "EPOSLHC" ? "EPOS-LHC" : g} ${sci(n, { digits: 2 })}`).join(", ");
  return figure({
    name: `fpf-fig3-left-${d.detector}`,
    title: `FPF ${d.detector === "fpf-flare-faser2" ? "FLArE + FASER2" : "FASERν2 + FASER2"}: dark gauge boson, m<sub>Z<sub>D</sub></sub> = 30 MeV`,
    subtitle: wrap(notation(`Thick: ${normalisationLabel(d.variants[0]!)} flux; dotted: ${d.variants.slice(1).map(normalisationLabel).join(", ")}. Primary Z_D → e⁺e⁻ (IP) events: ${sci(lo, { digits: 2 })}–${sci(hi, { digits: 2 })} over the generators (${gens}).`), FIG_SUBTITLE_CHARS),
    x: { title: "m<sub>N</sub> [GeV]", log: true, range: [0.03, 10] },
    y: { title: "|U<sub>μN</sub>|<sup>2</sup>", log: true, range: [1e-10, 1e-2] },
    traces,
    width: REACH_SIZE.width,
    height: REACH_SIZE.height,
  });
}
