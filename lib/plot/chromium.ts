/**
 * Where static rendering finds its browser and plotly: the Chromium binary and flags, and
 * plotly.min.js in node_modules (used by lib/plot/browser.ts, the tests and the report).
 */
import * as fs from "node:fs";

/** The Chromium binary used for static rendering, or null if there is none. */
export function chromiumPath(): string | null {
  const p = process.env["NUDUMP_CHROMIUM"] ?? "/usr/bin/chromium";
  return fs.existsSync(p) ? p : null;
}

/** Chromium flags: headless, no GPU, no network side traffic (no updates, sync or QUIC). */
export const chromiumArgs: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Absolute path of plotly.min.js in node_modules (plotly.js-dist-min). */
export function plotlyPath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}
