/**
 * How existing bounds are drawn in the paper's figures: every bound file becomes a grey region
 * with its own grey level, edge style and hatching (assigned in file order, so a new file gets
 * the next style without code changes) and is named on the plot by a label read from the file.
 */
import { notation, plainText } from "../text";
import type { RegionLabel, Trace } from "../figure";
import { region } from "../traces";

/** One drawing style of a bound region. */
export interface BoundStyle {
  readonly fill: string;
  readonly edge: string;
  readonly dash: string;
  /** plotly scatter fillpattern shape ("" for a solid fill). */
  readonly pattern: "" | "/" | "\\" | "x" | "." | "-" | "|";
}

/**
 * Styles of bound regions, cycled in file order: grey levels from light to dark, alternated with
 * hatchings and edge dashes so that two neighbouring or overlapping regions never look alike.
 */
export const BOUND_STYLES: readonly BoundStyle[] = [
  { fill: "rgba(120,120,120,0.35)", edge: "#555", dash: "solid", pattern: "" },
  { fill: "rgba(190,190,190,0.45)", edge: "#666", dash: "dash", pattern: "/" },
  { fill: "rgba(80,80,80,0.30)", edge: "#333", dash: "dot", pattern: "" },
  { fill: "rgba(205,205,205,0.50)", edge: "#777", dash: "solid", pattern: "\\" },
  { fill: "rgba(150,150,150,0.40)", edge: "#444", dash: "dashdot", pattern: "." },
  { fill: "rgba(225,225,225,0.60)", edge: "#888", dash: "longdash", pattern: "x" },
  { fill: "rgba(170,170,170,0.40)", edge: "#555", dash: "dot", pattern: "|" },
  { fill: "rgba(100,100,100,0.25)", edge: "#222", dash: "dash", pattern: "-" },
];

/** Short names of bound files without a `label:`/`title:` line (the FORESEE ν_τ-HNL files of Fig. 4). */
const KNOWN_LABELS: Readonly<Record<string, string>> = {
  argoneut: "ArgoNeuT",
  babar: "BaBar",
  bebc: "BEBC",
  charm: "CHARM",
  cosmo: "BBN/cosmology",
  delphi_long: "DELPHI (long-lived)",
  delphi_short: "DELPHI (prompt)",
  charm2: "CHARM-II",
  lep: "LEP",
  nomad: "NOMAD",
  miniboone: "MiniBooNE",
  sn1987a: "SN1987A",
  bbn: "BBN",
};

/**
 * The label of a bound on the plot: the file's `label:` comment line, else its `title:` line up
 * to the first " (" or ",", both in physics notation (lib/plot/text `notation`); else a known short
 * name for the file id, else the id with spaces for underscores.
 */
export function boundLabel(name: string, provenance: string): string {
  const field = (key: string) => provenance.split("\n").map((l) => new RegExp(`^${key}:\\s*(.*)$`).exec(l.trim())?.[1]).find((v) => v !== undefined && v !== "");
  const label = field("label");
  if (label) return notation(label);
  const title = field("title");
  if (title) return notation(title.split(/ \(|,/)[0]!.trim());
  // an unknown file id is shown as words (a file should carry a `# label:` or `# title:` line)
  return KNOWN_LABELS[name] ?? name.replace(/_/g, " ");
}

/**
 * True for a region of interest (a preferred region, not an exclusion): the file's `kind`
 * (data/bounds README: exclusion / projection / region-of-interest) when it has one, else its
 * name or title.
 */
export function isRegionOfInterest(name: string, provenance: string, kind?: string): boolean {
  if (kind !== undefined) return kind === "region-of-interest";
  return /(^|_)roi(_|$)/i.test(name) || /region of interest/i.test(provenance.split("\n").find((l) => l.startsWith("title:")) ?? "");
}

/** A bound as drawn: its region trace and its on-plot label. */
export interface DrawnBound {
  readonly trace: Trace;
  readonly label: RegionLabel;
}

/**
 * Grey regions for a list of bounds, no legend entries: each is named on the plot. The style of a
 * bound is the one at its position in `styleOrder` (e.g. every file of the bound directory, so
 * that a bound looks the same in both panels of a figure), else at its position in `bounds`.
 */
export function drawBounds(
  bounds: readonly { readonly name: string; readonly x: readonly number[]; readonly y: readonly number[]; readonly provenance: string }[],
  styleOrder: readonly string[] = [],
): DrawnBound[] {
  return bounds.map((b, k) => {
    const at = styleOrder.indexOf(b.name);
    const s = BOUND_STYLES[(at >= 0 ? at : k) % BOUND_STYLES.length]!;
    const text = boundLabel(b.name, b.provenance);
    const r = region(b.x, b.y, { name: plainText(text), color: s.edge, dash: s.dash, width: 1, opacity: 1, group: "bounds", showlegend: false });
    const trace: Trace = { ...r, fillcolor: s.fill, ...(s.pattern ? { fillpattern: { shape: s.pattern, fgcolor: "rgba(60,60,60,0.4)", size: 8, solidity: 0.12 } } : {}) };
    return { trace, label: { x: b.x, y: b.y, text, color: "#222" } };
  });
}
