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
    toImage(el: unknown, opts: Record<string, unknown>): Promise<string>;
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

/** Draws one figure off-screen; returns its SVG text (empty unless `svg`) and its PNG as base64. Seeds 1, 2, 3 before the plot and each image. */
export async function drawFigure([data, layout, scale, svgWanted]: readonly [unknown, { width: number; height: number }, number, boolean]): Promise<{ svg: string; png: string }> {
  const g = globalThis as unknown as PageGlobals;
  const P = g.Plotly;
  g.__nudumpSeed(1);
  const gd = g.document.createElement("div");
  g.document.body.appendChild(gd);
  await P.newPlot(gd, data, layout, { staticPlot: true });
  g.__nudumpSeed(2);
  const svg = svgWanted ? await P.toImage(gd, { format: "svg", width: layout.width, height: layout.height }) : "";
  g.__nudumpSeed(3);
  const png = await P.toImage(gd, { format: "png", width: layout.width, height: layout.height, scale });
  P.purge(gd);
  gd.remove();
  return { svg: decodeURIComponent(svg.replace(/^data:image\/svg\+xml,/, "")), png: png.replace(/^data:image\/png;base64,/, "") };
}
