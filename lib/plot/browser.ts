/**
 * The playwright-core side of static rendering (lib/plot/render.ts): launching Chromium and
 * opening a render page with plotly loaded. Not exported by `nudump/plot` (lib/plot/index.ts):
 * its declarations name playwright-core's types, and a module that a notebook imports pulls in
 * the declarations of everything its own declarations name — for playwright-core 2 MB, which
 * every notebook kernel parsed before its first cell (tslab type-checks each cell against them).
 * The public API (renderStatic, openRenderer, the render service) names none of them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as url from "node:url";
import { chromiumArgs, chromiumPath, plotlyPath } from "./chromium";
import { drawFigure, installSeededRandom } from "./page";
import type { Renderer, StaticImage } from "./render";

// Lazy: playwright-core is needed only to render, never to build figures.
export function playwright(): typeof import("playwright-core") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("playwright-core") as typeof import("playwright-core");
}

/**
 * The render page: an esbuild `__name` shim (tsx and vitest may wrap named functions in it,
 * and the page code is sent as source), the seeded Math.random, then plotly.js.
 */
function renderPageHtml(): string {
  const seed = `var __name = function (f) { return f; };\n(${installSeededRandom.toString()})();`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><script>${seed}</script><script src="${url.pathToFileURL(plotlyPath()).href}"></script></head><body></body></html>`;
}

/** Launches a headless Chromium of this process's own (the caller closes it). */
export async function launchBrowser(executablePath?: string): Promise<import("playwright-core").Browser> {
  const exe = executablePath ?? chromiumPath();
  if (!exe) throw new Error("no Chromium for static plots: install Debian's `chromium` (or set NUDUMP_CHROMIUM to a Chromium binary)");
  return playwright().chromium.launch({ executablePath: exe, headless: true, args: [...chromiumArgs] });
}

/** Opens one render page with plotly loaded in `browser`; its `close` closes the page only. */
export async function openPage(browser: import("playwright-core").Browser): Promise<Renderer> {
  const page = await browser.newPage();
  // Offline: only the page itself and plotly.js from node_modules (file: URLs) load.
  await page.route("**/*", (route) => (/^(file|data):/.test(route.request().url()) ? route.continue() : route.abort()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudump-render-"));
  try {
    const html = path.join(dir, "render.html");
    fs.writeFileSync(html, renderPageHtml());
    await page.goto(url.pathToFileURL(html).href);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    async render(figs, scale, svg = true) {
      const out: StaticImage[] = [];
      for (const fig of figs) {
        const r = await page.evaluate(drawFigure, [fig.data, fig.layout as { width: number; height: number }, scale, svg] as const);
        out.push({ svg: r.svg, png: Buffer.from(r.png, "base64") });
      }
      return out;
    },
    close: () => page.close(),
  };
}
