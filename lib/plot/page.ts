/**
 * Code that runs inside the headless-Chromium render page (not in Node): a seeded
 * `Math.random` and the drawing of one figure to SVG and PNG. These functions are sent to the
 * page as source (`fn.toString()` / playwright's `page.evaluate`), so each must be
 * self-contained: no imports, no closures over module variables.
 */

/** The parts of plotly.js and the DOM the page code uses. */
interface PageGlobals {
  Math: { random: () => number };
  __nudumpSeed: (s: number) => void;
  Plotly: {
    toImage(fig: { data: unknown; layout: unknown; config: unknown }, opts: Record<string, unknown>): Promise<string>;
  };
}

/** Replaces Math.random by mulberry32 with a settable seed (plotly uses it for element ids). */
export function installSeededRandom(): void {
  const g = globalThis as unknown as PageGlobals;
  let state = 1;
  g.Math.random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  g.__nudumpSeed = (s: number) => {
    state = s;
  };
}

/**
 * Draws one figure off-screen; returns its SVG text (empty unless `svg`) and its PNG as base64.
 * `Plotly.toImage` plots the figure it is given afresh in a div of its own for every image, so it
 * is handed the figure itself (data, layout, static config) rather than a div plotted first: that
 * plot was thrown away, one plotly draw in two (notebooks) or three (figures/). Seeds 2 and 3 before
 * each image, as when the first plot (seed 1) was drawn, so the bytes are the same.
 */
export async function drawFigure([data, layout, scale, svgWanted]: readonly [unknown, { width: number; height: number }, number, boolean]): Promise<{ svg: string; png: string }> {
  const g = globalThis as unknown as PageGlobals;
  const P = g.Plotly;
  const fig = { data, layout, config: { staticPlot: true } };
  g.__nudumpSeed(2);
  const svg = svgWanted ? await P.toImage(fig, { format: "svg", width: layout.width, height: layout.height }) : "";
  g.__nudumpSeed(3);
  const png = await P.toImage(fig, { format: "png", width: layout.width, height: layout.height, scale });
  return { svg: decodeURIComponent(svg.replace(/^data:image\/svg\+xml,/, "")), png: png.replace(/^data:image\/png;base64,/, "") };
}
