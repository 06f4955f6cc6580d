/**
 * Static rendering: {@link renderStatic} draws figures to PNG and SVG in headless Chromium
 * (Debian's `/usr/bin/chromium`, driven by playwright-core — loaded lazily, only when a figure
 * is rendered — plotly.js from node_modules, no network). One browser for a whole batch;
 * `Math.random` is seeded in the page so that plotly's internal ids, hence the SVG bytes, are
 * reproducible. The code that runs in the page is lib/plot/page.ts.
 */
import { launchBrowser, openPage, playwright } from "./browser";
import { chromiumArgs, chromiumPath } from "./chromium";
import type { Figure } from "./figure";
import { RENDER_SERVICE_ENV, renderThroughService } from "./renderClient";
import { drawCached } from "./renderCache";

export { chromiumArgs, chromiumPath, plotlyPath } from "./chromium";

/** A figure drawn to static images. */
export interface StaticImage {
  /** PNG bytes. */
  readonly png: Buffer;
  /** SVG text ("" when drawn with `svg: false`). */
  readonly svg: string;
}

/** Options of {@link renderStatic}. */
export interface RenderOptions {
  /** PNG pixel ratio (1 in notebooks, 2 for figures/). */
  readonly scale?: number;
  /** Also draw the SVG (default true; notebooks need the PNG only). */
  readonly svg?: boolean;
  /** Chromium binary; default `$NUDUMP_CHROMIUM` or /usr/bin/chromium. */
  readonly executablePath?: string;
  /**
   * Pages drawing at once (default 1): each page is a Chromium renderer process of its own, so 2
   * use both cores of this machine when nothing else runs. Every image is drawn from a re-seeded
   * page, so the bytes do not depend on the page that drew it.
   */
  readonly pages?: number;
}



/**
 * Draws figures to PNG and SVG with one headless Chromium for the whole batch. Offline:
 * plotly.js is read from node_modules and every network request is refused. Deterministic:
 * `Math.random` (used by plotly for element ids) is replaced by a fixed-seed generator that
 * is re-seeded before each image.
 */
export async function renderStatic(figs: readonly Figure[], opts: RenderOptions = {}): Promise<StaticImage[]> {
  const pages = opts.pages ?? 1;
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`renderStatic: pages = ${pages} (allowed: integer ≥ 1)`);
  const n = Math.max(1, Math.min(pages, figs.length));
  // figure k on page k mod n; each page draws its share in order
  const shares = Array.from({ length: n }, (_, p) => figs.filter((_, k) => k % n === p));
  const drawn = await Promise.all(
    shares.map(async (share) => {
      const r = await openRenderer(opts.executablePath);
      try {
        return await r.render(share, opts.scale ?? 1, opts.svg ?? true);
      } finally {
        await r.close();
      }
    }),
  );
  return figs.map((_, k) => drawn[k % n]![Math.floor(k / n)]!);
}

/** A headless Chromium page with plotly loaded, ready to draw figures (see {@link renderStatic}). */
export interface Renderer {
  /** PNG at pixel ratio `scale`, and the SVG unless `svg` is false. */
  render(figs: readonly Figure[], scale: number, svg?: boolean): Promise<StaticImage[]>;
  close(): Promise<void>;
}

/**
 * Environment variable with the WebSocket endpoint of a running renderer server
 * ({@link launchRendererServer}): when set, {@link openRenderer} connects to that Chromium
 * instead of starting its own, so that every notebook kernel of `npm run notebooks` and the
 * figures step share one browser (≈ 1–2 s of start-up saved per notebook).
 */
export const RENDERER_ENV = "NUDUMP_RENDERER_WS";


/** Starts one headless Chromium that several processes can render with (their {@link RENDERER_ENV} set to `wsEndpoint`). */
export async function launchRendererServer(executablePath?: string): Promise<{ wsEndpoint: string; close(): Promise<void> }> {
  const exe = executablePath ?? chromiumPath();
  if (!exe) throw new Error("no Chromium for static plots: install Debian's `chromium` (or set NUDUMP_CHROMIUM to a Chromium binary)");
  const server = await playwright().chromium.launchServer({ executablePath: exe, headless: true, args: [...chromiumArgs] });
  return { wsEndpoint: server.wsEndpoint(), close: () => server.close() };
}



/**
 * Opens a renderer: through the render service of {@link RENDER_SERVICE_ENV} if set (no page of
 * its own: lib/plot/renderService.ts, which keeps the render cache), else a page in the shared
 * Chromium of {@link RENDERER_ENV} if set, else a page in a Chromium of its own; the caller
 * closes it. Images drawn before come from the render cache (lib/plot/renderCache.ts), and the
 * page opens only when a figure is not there.
 */
export async function openRenderer(executablePath?: string): Promise<Renderer> {
  const service = process.env[RENDER_SERVICE_ENV];
  if (service) return { render: (figs, scale, svg = true) => renderThroughService(service, figs, scale, svg), close: async () => undefined };
  const exe = executablePath ?? chromiumPath();
  if (!exe) throw new Error("no Chromium for static plots: install Debian's `chromium` (or set NUDUMP_CHROMIUM to a Chromium binary)");
  let page: Promise<Renderer> | null = null;
  const open = () => (page ??= openPageRenderer(exe));
  return {
    render: (figs, scale, svg = true) => drawCached(figs, scale, svg, exe, async (missing) => (await open()).render(missing, scale, svg)),
    async close() {
      if (page) await (await page.catch(() => null))?.close();
    },
  };
}

/** A page in the shared Chromium of {@link RENDERER_ENV} if set, else in a Chromium of its own. */
async function openPageRenderer(executablePath: string): Promise<Renderer> {
  const ws = process.env[RENDERER_ENV];
  const browser = ws ? await playwright().chromium.connect(ws) : await launchBrowser(executablePath);
  try {
    const page = await openPage(browser);
    return { render: page.render, close: () => browser.close() }; // for a shared Chromium: closes this connection's pages only
  } catch (e) {
    await browser.close();
    throw e;
  }
}
