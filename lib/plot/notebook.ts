/**
 * Display in a tslab notebook: {@link show} sends one Jupyter display_data message per figure
 * whose mime bundle stores the plot once:
 * - `application/vnd.plotly.v1+json`: the figure, drawn interactively by front-ends that know
 *   plotly (VS Code, nteract, JupyterLab with the plotly renderer) and, in the project's report,
 *   by the nbconvert template (scripts/notebooks/nbconvert/nudump draws it into a div);
 * - `image/png`: the one static fallback — what JupyterLab without a plotly extension, the
 *   classic Notebook and GitHub's viewer show — drawn at {@link NOTEBOOK_PNG_SCALE} and stored
 *   as a 256-colour palette PNG (lib/plot/png.ts): ≈ 3.5× smaller than Chromium's RGBA PNG,
 *   every flat colour exact;
 * - `text/plain`: a one-line description.
 * tslab's public `display` API sends a single mime type per message (`display.raw(type, …)`),
 * so a bundle goes through tslab's own message writer (`tslab/dist/jupyter`
 * `lastWriteDisplayData`, the function `display.raw` itself calls), pinned to tslab 1.0.22.
 *
 * The figure JSON's data arrays are rounded to {@link DISPLAY_DIGITS} significant digits — in
 * the display bundle only, never in the computed numbers (full precision: `nudump reach`, the
 * figure functions).
 *
 * Caching a notebook's results on every input: `memo` of the main entry (lib/engine/memo).
 *
 * Module state: one shared renderer (a Chromium kept for consecutive cells) and the status
 * lines' counter. Nothing else.
 */
import { requireName, type Figure, type Trace } from "./figure";
import { compactPng } from "./png";
import { chromiumPath, openRenderer, type Renderer, type StaticImage } from "./render";

/** Mime type of a plotly figure in a Jupyter output (the one plotly's renderers read). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The figure's title without HTML tags (alt text, text/plain). */
export function plainTitle(fig: Figure): string {
  const t = (fig.layout["title"] as { text?: string } | undefined)?.text ?? fig.name;
  return t.replace(/<[^>]*>/g, "");
}

/**
 * Pixel ratio of the notebooks' PNG fallback: 1, i.e. the figure's layout width (760 CSS px,
 * the house style's, which JupyterLab's and GitHub's output column show unscaled) drawn pixel
 * for pixel. Measured on the six notebooks' 30 figures (palette PNGs): 0.71 MB at 1×, 1.14 MB at
 * 1.5×, 1.71 MB at 2× — 2× alone would take the notebooks past their 3 MB budget, and the sharp
 * views exist already: the interactive plotly figure in the same output and the 2× PNG + SVG
 * that `npm run figures` writes.
 */
export const NOTEBOOK_PNG_SCALE = 1;

/**
 * Significant digits of the numbers in a notebook's figure JSON: 10⁻⁶ relative is far below a
 * pixel (a 760-px axis resolves ~10⁻³ of its range) and below the 3 digits the hover labels
 * print; the full numbers stay in the library's results.
 */
export const DISPLAY_DIGITS = 6;

/** `x` with every non-integer number rounded to `digits` significant digits (arrays and objects copied, strings kept). */
export function roundForDisplay<T>(x: T, digits: number = DISPLAY_DIGITS): T {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`roundForDisplay: digits = ${digits} (allowed: integer 1–17)`);
  const r = (v: unknown): unknown => {
    if (typeof v === "number") return Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(digits)) : v;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, r);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, r(e)]));
    return v;
  };
  return r(x) as T;
}

/** The mime bundle of a figure: the plotly JSON once (data at display precision), one PNG fallback (if rendered), a text line. */
export function mimeBundle(fig: Figure, png: Buffer | null): Record<string, unknown> {
  const bundle: Record<string, unknown> = {
    [PLOTLY_MIME]: { data: roundForDisplay(fig.data) as Trace[], layout: fig.layout, config: { responsive: true } },
    "text/plain": `<Figure ${fig.name}: ${plainTitle(fig)}; ${fig.data.length} traces>`,
  };
  if (png) bundle["image/png"] = png.toString("base64");
  return bundle;
}

/**
 * Idle time after which the kernel's render page is closed, ms: long enough that a notebook's
 * consecutive plot cells share one page (≈ 2.4 s saved per plot: opening a page loads plotly),
 * short enough that no browser outlives the work. Under `npm run notebooks` the kernels draw
 * through the run's render service instead (lib/plot/renderService.ts), whose pages stay open
 * for the whole run, so nothing waits for this. Sharing cannot change a byte: every image is
 * drawn from a re-seeded page state.
 */
const RENDERER_IDLE_MS = 3000;

let shared: { renderer: Promise<Renderer>; timer: NodeJS.Timeout | null } | null = null;

async function sharedRender(figs: readonly Figure[], exe: string): Promise<StaticImage[]> {
  if (!shared) shared = { renderer: openRenderer(exe), timer: null };
  const s = shared;
  if (s.timer) clearTimeout(s.timer);
  try {
    return await (await s.renderer).render(figs, NOTEBOOK_PNG_SCALE, false);
  } catch (e) {
    shared = null;
    void s.renderer.then((r) => r.close()).catch(() => undefined);
    throw e;
  } finally {
    if (shared === s) {
      s.timer = setTimeout(() => {
        if (shared === s) shared = null;
        void s.renderer.then((r) => r.close()).catch(() => undefined);
      }, RENDERER_IDLE_MS);
      s.timer.unref();
    }
  }
}

type Writer = (msg: unknown, update: boolean) => void;

/** tslab's message writer for the current cell, or null outside a tslab kernel. */
function tslabWriter(): Writer | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("tslab/dist/jupyter") as { lastWriteDisplayData: Writer | null }).lastWriteDisplayData;
  } catch {
    return null;
  }
}

/**
 * Shows figures in the running tslab cell: renders their static PNGs (one Chromium for the
 * batch) and sends one mime bundle per figure. Use `await plots.show(fig)`: without await
 * the output may land after the cell has finished.
 *
 * Without Chromium the bundle has no static image, unless `NUDUMP_REQUIRE_STATIC=1` (set by
 * `npm run notebooks`), which makes a missing Chromium an error.
 */
export async function show(...figs: Figure[]): Promise<void> {
  if (figs.length === 0) throw new RangeError("show() needs at least one figure");
  figs.forEach((f) => requireName(f.name));
  const write = tslabWriter(); // bound now: the cell that called show() owns the outputs
  if (!write) throw new Error("plots.show() runs inside a tslab notebook kernel; elsewhere use renderStatic() or figureCsv()");
  const required = process.env["NUDUMP_REQUIRE_STATIC"] === "1";
  const exe = chromiumPath();
  if (!exe && required) throw new Error("NUDUMP_REQUIRE_STATIC=1 but there is no Chromium at /usr/bin/chromium (or $NUDUMP_CHROMIUM)");
  const shown = figs.map((f) => ({ ...f, data: roundForDisplay(f.data) })); // the PNG shows the stored numbers
  const images = exe ? await sharedRender(shown, exe) : null;
  shown.forEach((fig, k) => {
    const png = images ? compactPng((images[k] as StaticImage).png) : null;
    write({ data: mimeBundle(fig, png), metadata: { nudump: { figure: fig.name } }, transient: {} }, false);
  });
}

/** A status line in the running cell, rewritten in place (Jupyter `update_display_data`). */
export interface StatusLine {
  /** Shows `text` (throttled to one message per {@link STATUS_INTERVAL_MS}). */
  update(text: string): void;
  /** Shows the final `text` (always sent; keep it free of timings so re-executed notebooks match) and stops the clock. */
  done(text: string): void;
}

/** Least time between two status messages, ms: a readable rate that does not flood the kernel channel. */
export const STATUS_INTERVAL_MS = 500;

let statusCount = 0;

/**
 * A status line for a long cell: `const s = plots.status("Fig. 1, tau panel")`, then
 * `s.update("34/61 masses")` from a progress callback and `s.done("tau: 104 masses")`. While it
 * runs the line also shows the seconds elapsed (ticking whenever the computation yields to
 * the event loop); the final text replaces it. Outside a tslab kernel only `done` prints (one
 * console line).
 */
export function status(label: string): StatusLine {
  const write = tslabWriter();
  const id = `nudump-status-${process.pid}-${++statusCount}`;
  const t0 = Date.now();
  let last = 0, text = "", finished = false;
  const send = (line: string, first = false) => {
    if (!write) return;
    write({ data: { "text/plain": line }, metadata: {}, transient: { display_id: id } }, !first);
    last = Date.now();
  };
  const line = () => `${label}${text ? `: ${text}` : ""} … ${((Date.now() - t0) / 1000).toFixed(0)} s`;
  send(line(), true);
  const clock = setInterval(() => send(line()), 1000);
  clock.unref();
  return {
    update(t) {
      text = t;
      if (!finished && Date.now() - last >= STATUS_INTERVAL_MS) send(line());
    },
    done(t) {
      finished = true;
      clearInterval(clock);
      if (write) send(t);
      else console.log(t);
    },
  };
}

/**
 * Runs `task` under a {@link status} line and ends it with `summary(result)` — or with
 * "failed" when the task throws (the error propagates): the clock never outlives the cell.
 */
export async function withStatus<T>(label: string, task: (s: StatusLine) => Promise<T> | T, summary: (result: T) => string): Promise<T> {
  const s = status(label);
  try {
    const r = await task(s);
    s.done(summary(r));
    return r;
  } catch (e) {
    s.done(`${label}: failed`);
    throw e;
  }
}

/**
 * `items.map(fn)` under a {@link status} line ("k/n …"), yielding to the event loop after each
 * item so that the line is redrawn while a long synchronous computation (one mass point per
 * item, say) runs. Same results as `items.map(fn)`.
 */
export async function mapWithStatus<T, R>(label: string, items: readonly T[], fn: (item: T, i: number) => R, summary: (results: R[]) => string): Promise<R[]> {
  return withStatus(
    label,
    async (s) => {
      const out: R[] = [];
      for (let i = 0; i < items.length; i++) {
        out.push(fn(items[i]!, i));
        s.update(`${i + 1}/${items.length}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return out;
    },
    summary,
  );
}
