/**
 * `nudump/plot`: the plot layer, a sub-path of the package so that `import "nudump"` loads no
 * browser, tslab or worker machinery. It knows nothing of physics beyond the paper figures'
 * builders — callers pass numbers already converted out of natural units and name the axes.
 *
 * By job:
 * - building (pure): figure.ts (figure, axes, house style), traces.ts (line, points,
 *   contourLines, region, histogram, rect, label), text.ts (notation), layout.ts (legend and
 *   label placement), csv.ts (figureCsv), paper/ (fig1Figure … fig4RightFigure);
 * - rendering: render.ts (headless Chromium, lazily loaded playwright-core), chromium.ts (the
 *   browser binary, its flags, plotly.min.js), page.ts (the code that runs in the page),
 *   renderService.ts (one Chromium's pages shared by the processes of a run); browser.ts (the
 *   playwright-core calls) is internal: its declarations would pull playwright-core's 2 MB of
 *   types into every notebook kernel's type check;
 * - notebook display: notebook.ts (show, mimeBundle).
 *
 * `figures` is the whole figures namespace: the data of lib/figures, the builders of
 * lib/plot/paper and `runMassTasks` (worker threads), so that notebooks call
 * `figures.fig1Figure(…)` and `figures.runMassTasks(…)` as before.
 */
export * from "./figure";
export * from "./traces";
export * from "./csv";
export * from "./render";
export * from "./renderService";
export * from "./notebook";
export * from "./axes";
export { detectorSideView } from "./paper/detector";
export { notation, plainText, sci, superscript, wrap, type SciOptions } from "./text";
export { labelPoint, legendEntries, legendOverlap, legendSize, paperPolylines, placeLegend, type LegendPlacement, type PaperBox } from "./layout";
export { logGrid as logspace, linGrid as linspace } from "../core/grids";
export * as figures from "../figures";
