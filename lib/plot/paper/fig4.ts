/** Fig. 4 (heavy Z_D: reach, N e → N e events) as plotly figures, from lib/figures/fig4 (pure). */
import { figure, type Figure, type Trace } from "../figure";
import { notation, sci } from "../text";
import { line, region } from "../traces";
import type { ReachLine } from "../../engine/reach";
import type { Fig4LineSpec, Fig4Region, Fig4RightPanel } from "../../figures/fig4";
import { drawBounds } from "./bounds";
import { REACH_SIZE } from "./style";

/** Factor below the plot's lower |U|² edge to which regions open towards small U2 are filled (out of view). */
const FILL_BEYOND_AXIS = 10;

/**
 * Fig. 4 left: (m_N, |U_τN|²) plane, heavy Z_D (m_ZD = 8 m_N); lines styled after FIG4_LINES,
 * every bound named on the plot in its own grey. A filled line that is open towards small (or
 * large) U2 — a signal independent of U2 there, e.g. Z_D → N N̄ — is filled down to (up to) the
 * plot edge, not closed along the diagonal between its ends.
 */
export function fig4Figure(
  d: { readonly lines: readonly Pick<ReachLine, "name" | "label" | "x" | "y" | "openAt" | "breaks">[]; readonly regions: readonly Pick<Fig4Region, "name" | "x" | "y" | "provenance">[] },
  styles: readonly Pick<Fig4LineSpec, "name" | "color" | "dash" | "fill">[],
): Figure {
  const yRange: [number, number] = [1e-10, 1];
  const styleOf = new Map(styles.map((s) => [s.name, s] as const));
  // islands of one line are named name-2, name-3, …: same style, one legend entry
  const baseName = (n: string) => (styleOf.has(n) ? n : n.replace(/-\d+$/, ""));
  const drawn = drawBounds(d.regions);
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
export function fig4RightFigure(r: Omit<Fig4RightPanel, "notes">): Figure {
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
