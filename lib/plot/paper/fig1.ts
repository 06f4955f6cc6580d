/** Fig. 1 (dipole portal reach) as a plotly figure, from the data of lib/figures/fig1 (pure). */
import { figure, type Figure } from "../figure";
import { notation, wrap } from "../text";
import { legendKey, line } from "../traces";
import { FIG1_LEVEL_WIDTH, FIG1_MISSING, type Fig1Data } from "../../figures/fig1";
import { drawBounds } from "./bounds";
import { DIPOLE_REACH_AXES, FIG_SUBTITLE_CHARS, REACH_SIZE } from "./style";
import type { Trace } from "../figure";

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
    ...DIPOLE_REACH_AXES,
    traces,
    width: REACH_SIZE.width,
    height: REACH_SIZE.height,
    regionLabels: drawn.map((b) => b.label),
  });
}

