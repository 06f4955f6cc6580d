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
    newPlot(el: unknown, data: unknown, layout: unknown, config: unknown): Promise<unknown>;
    toImage(el: unknown, opts: Record<string, unknown>): Promise<string>; // a plotted div, or a figure { data, layout, config }
    purge(el: unknown): void;
  };
  document: { createElement(tag: string): { remove(): void }; body: { appendChild(el: unknown): void } };
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
 * `Plotly.toImage` plots the figure afresh in a div of its own for every image. With the SVG
 * (figures/), the figure is plotted first (seed 1) and both images taken from that div (seeds 2,
 * 3): plotly's text-measure cache then holds this figure's texts, so the SVG's bytes do not depend
 * on what the page drew before. The PNG alone (notebooks) is taken from the figure itself, seed 3,
 * without that first plot (one plotly draw instead of two): its pixels are the same either way.
 */
export async function drawFigure([data, layout, scale, svgWanted]: readonly [unknown, { width: number; height: number }, number, boolean]): Promise<{ svg: string; png: string }> {
  const g = globalThis as unknown as PageGlobals;
  const P = g.Plotly;
  const size = { width: layout.width, height: layout.height };
  if (!svgWanted) {
    g.__nudumpSeed(3);
    const png = await P.toImage({ data, layout, config: { staticPlot: true } }, { format: "png", ...size, scale });
    return { svg: "", png: png.replace(/^data:image\/png;base64,/, "") };
  }
  g.__nudumpSeed(1);
  const gd = g.document.createElement("div");
  g.document.body.appendChild(gd);
  await P.newPlot(gd, data, layout, { staticPlot: true });
  g.__nudumpSeed(2);
  const svg = await P.toImage(gd, { format: "svg", ...size });
  g.__nudumpSeed(3);
  const png = await P.toImage(gd, { format: "png", ...size, scale });
  P.purge(gd);
  gd.remove();
  return { svg: decodeURIComponent(svg.replace(/^data:image\/svg\+xml,/, "")), png: png.replace(/^data:image\/png;base64,/, "") };
}
