/**
 * Plot defaults for notebook cells: the axes the project plots again and again (with their
 * notation and units) and one-call builders, so that a plot cell is 1–3 lines and holds no
 * HTML. Pure; no physics.
 */
import { figure, type AxisSpec, type Figure, type FigureSpec, type Trace } from "./figure";
import { line } from "./traces";

/** The project's recurring axes (log unless a quantity is naturally linear). */
export const AXES = {
  mN: { title: "m<sub>N</sub> [GeV]", log: true },
  muN: { title: "μ<sub>N</sub> [GeV<sup>−1</sup>]", log: true },
  U2mu: { title: "|U<sub>μN</sub>|²", log: true },
  U2tau: { title: "|U<sub>τN</sub>|²", log: true },
  Enu: { title: "E<sub>ν</sub> [GeV]", log: true },
  EN: { title: "E<sub>N</sub> [GeV]", log: true },
  Egamma: { title: "E<sub>γ</sub> [GeV]", log: true },
  Eee: { title: "E<sub>e⁺e⁻</sub> [GeV]", log: true },
  Ee: { title: "E<sub>e</sub> [GeV]", log: true },
  events: { title: "events (3000 fb<sup>−1</sup>)", log: true },
  eventsPerBin: { title: "events per bin (3000 fb<sup>−1</sup>)", log: true },
  neutrinosPerBin: { title: "neutrinos per energy bin", log: true },
  zMetres: { title: "z from the tungsten front face [m]" },
} as const satisfies Record<string, AxisSpec>;

const GREEK: Readonly<Record<string, string>> = { e: "e", mu: "μ", tau: "τ" };

/** A flavour name of the flux files as plot text: "nu_mu" → ν<sub>μ</sub>, "nubar_tau" → ν̄<sub>τ</sub>. */
export function flavourLabel(f: string): string {
  const m = /^(nu|nubar)_(e|mu|tau)$/.exec(f);
  if (!m) throw new RangeError(`flavour = ${JSON.stringify(f)} is not nu_e, nu_mu, nu_tau, nubar_e, nubar_mu or nubar_tau`);
  return `${m[1] === "nubar" ? "ν̄" : "ν"}<sub>${GREEK[m[2] as string]}</sub>`;
}

/** An axis from {@link AXES} with a visible range: `axis("mN", [1e-3, 10])`. */
export function axis(name: keyof typeof AXES, range?: readonly [number, number]): AxisSpec {
  return range ? { ...AXES[name], range } : AXES[name];
}

/** One curve of {@link curves}. */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly color?: string;
  readonly dash?: string;
}

/**
 * A figure of curves in one call: `plots.curves("threshold", "Threshold of ν T → N T", plots.AXES.mN, plots.AXES.Enu, series)`.
 * `extra` passes any other {@link FigureSpec} field (shapes, annotations, legend, size).
 */
export function curves(name: string, title: string, x: AxisSpec, y: AxisSpec, series: readonly (Series | Trace | readonly Trace[])[], extra: Partial<Omit<FigureSpec, "name" | "title" | "x" | "y" | "traces">> = {}): Figure {
  const traces = series.map((s) => (isSeries(s) ? line(s.x, s.y, { name: s.name, ...(s.color ? { color: s.color } : {}), ...(s.dash ? { dash: s.dash } : {}) }) : s));
  return figure({ name, title, x, y, traces, ...extra });
}

function isSeries(s: Series | Trace | readonly Trace[]): s is Series {
  return !Array.isArray(s) && !("type" in (s as object));
}
