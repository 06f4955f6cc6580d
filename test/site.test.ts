/**
 * The report in site/ (built by `npm run figures && npm run report`) opened in headless
 * Chromium, offline: every page loads without console errors or failed requests, asks for
 * nothing outside the site, typesets its equations, and every plot is drawn with all of
 * its traces. Skipped with a message when /usr/bin/chromium is missing; when site/ is not
 * built it is skipped locally but fails under CI (CI=true), where it must run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as url from "node:url";
import { describe, expect, it } from "vitest";
import { chromiumArgs, chromiumPath } from "../lib/plot";

const root = path.join(__dirname, "..");
const site = path.join(root, "site");
const exe = chromiumPath();
const built = fs.existsSync(path.join(site, "index.html"));
const inCI = process.env["CI"] === "true" || process.env["CI"] === "1";

interface FigureIndexEntry {
  readonly notebook: string;
  readonly figures: readonly { readonly name: string; readonly files: Record<string, string> }[];
}

/** Opens a page of the site offline; returns the page's problems and a handle to query it. */
async function openPage(browser: import("playwright-core").Browser, file: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? "?"})`));
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (/^(file|data|blob):/.test(u)) return route.continue();
    problems.push(`network request outside the site: ${u}`);
    return route.abort();
  });
  await page.goto(url.pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

if (!exe) {
  describe("report site", () => {
    it.skip("skipped: /usr/bin/chromium is missing (apt-get install chromium, or set NUDUMP_CHROMIUM)", () => {});
  });
} else if (!built && !inCI) {
  describe("report site", () => {
    it.skip("skipped: site/ is not built (run `npm run figures && npm run report`)", () => {});
  });
} else {
  describe("report site in headless Chromium, offline", () => {
    it("site/ has been built (npm run figures && npm run report)", () => {
      expect(built).toBe(true);
    });

    const notebooks = built ? fs.readdirSync(site).filter((f) => f.endsWith(".html") && f !== "index.html" && f !== "explorer.html").sort() : [];
    const figIndexFile = path.join(site, "figures", "index.json");
    const figIndex: FigureIndexEntry[] = fs.existsSync(figIndexFile) ? (JSON.parse(fs.readFileSync(figIndexFile, "utf8")) as FigureIndexEntry[]) : [];

    it("the index page lists every notebook, and every figure image on it loads", async () => {
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({ executablePath: exe, headless: true, args: [...chromiumArgs] });
      try {
        const { page, problems } = await openPage(browser, path.join(site, "index.html"));
        const links: string[] = await page.$$eval("section h2 a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
        expect(links.sort()).toEqual(notebooks);
        // the thumbnails are loading="lazy": Chromium fetches those far below the viewport only when
        // scrolled to (or, under load, after the load event), so each is made eager and awaited
        const imgs = await page.$$eval("img", (is) =>
          Promise.all(
            is.map(async (i) => {
              i.loading = "eager";
              await i.decode().catch(() => undefined); // a broken image rejects: reported as not ok below
              return { src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0 };
            }),
          ),
        );
        expect(imgs.length).toBe(figIndex.reduce((n, e) => n + e.figures.length, 0));
        expect(imgs.filter((i) => !i.ok)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    for (const html of notebooks) {
      it(`${html}: loads with no errors and no network, typesets its equations, and draws every plot with all its traces`, async () => {
        const { chromium } = await import("playwright-core");
        const browser = await chromium.launch({ executablePath: exe, headless: true, args: [...chromiumArgs] });
        try {
          const { page, problems } = await openPage(browser, path.join(site, html));
          const expected = figIndex.find((e) => e.notebook === path.basename(html, ".html"))?.figures.length;
          const count = await page.$$eval(".nudump-plot", (els) => els.length);
          if (expected !== undefined) expect(count).toBe(expected);
          // Each stored plotly figure is drawn into its div by the report template (scripts/notebooks/nbconvert/nudump); wait for all of them.
          await page.waitForFunction(`[...document.querySelectorAll(".nudump-plot")].every((el) => el.classList.contains("js-plotly-plot"))`, undefined, { timeout: 30_000 });
          const plots = await page.$$eval(".nudump-plot", (els) =>
            els.map((el) => ({
              id: el.id,
              traces: ((el as unknown as { data?: unknown[] }).data ?? []).length,
              drawn: el.querySelectorAll("g.trace, g.contour").length,
            })),
          );
          for (const p of plots) {
            expect(p.traces, `${p.id}: no traces`).toBeGreaterThan(0);
            expect(p.drawn, `${p.id}: ${p.drawn} of ${p.traces} traces drawn`).toBeGreaterThanOrEqual(p.traces);
          }
          // MathJax: pages whose markdown has TeX get typeset SVG, and no "Math Processing Error".
          const hasTeX = /\$[^$\n]+\$/.test(fs.readFileSync(path.join(site, html), "utf8"));
          if (hasTeX) {
            await page.waitForFunction(`document.querySelectorAll(".MathJax_SVG").length > 0`, undefined, { timeout: 30_000 });
            expect(await page.$$eval(".MathJax_SVG", (els) => els.length)).toBeGreaterThan(0);
            expect(await page.content()).not.toContain("Math Processing Error");
          }
          expect(problems).toEqual([]);
        } finally {
          await browser.close();
        }
      });
    }
  });
}
