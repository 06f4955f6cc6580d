/**
 * Display in a tslab notebook: {@link show} sends one Jupyter display_data message per figure
 * whose mime bundle stores the plot once:
 * - `application/vnd.plotly.v1+json`: the figure, drawn interactively by front-ends that know
 *   plotly (VS Code, nteract, JupyterLab with the plotly renderer) and, in the project's report,
 *   by the nbconvert template (scripts/notebooks/nbconvert/nudump draws it into a div);
 * - `image/png`: the one static fallback — what JupyterLab without a plotly extension, the
 *   classic Notebook and GitHub's viewer show;
 * - `text/plain`: a one-line description.
 * tslab's public `display` API sends a single mime type per message (`display.raw(type, …)`),
 * so a bundle goes through tslab's own message writer (`tslab/dist/jupyter`
 * `lastWriteDisplayData`, the function `display.raw` itself calls), pinned to tslab 1.0.22.
 *
 * Module state: one shared renderer (a Chromium kept for consecutive cells). Nothing else.
 */
import { requireName, type Figure } from "./figure";
import { chromiumPath, openRenderer, type Renderer, type StaticImage } from "./render";

/** Mime type of a plotly figure in a Jupyter output (the one plotly's renderers read). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The figure's title without HTML tags (alt text, text/plain). */
export function plainTitle(fig: Figure): string {
  const t = (fig.layout["title"] as { text?: string } | undefined)?.text ?? fig.name;
  return t.replace(/<[^>]*>/g, "");
}

/** The mime bundle of a figure: the plotly JSON once, one PNG fallback (if rendered), a text line. */
export function mimeBundle(fig: Figure, png: Buffer | null): Record<string, unknown> {
  const bundle: Record<string, unknown> = {
    [PLOTLY_MIME]: { data: fig.data, layout: fig.layout, config: { responsive: true } },
    "text/plain": `<Figure ${fig.name}: ${plainTitle(fig)}; ${fig.data.length} traces>`,
  };
  if (png) bundle["image/png"] = png.toString("base64");
  return bundle;
}

/**
 * Idle time after which the kernel's shared Chromium is closed, ms: long enough that a
 * notebook's consecutive plot cells share one browser (≈2 s saved per plot), short enough
 * that no browser outlives the work. Sharing cannot change a byte: every image is drawn from
 * a re-seeded page state.
 */
const RENDERER_IDLE_MS = 3000;

let shared: { renderer: Promise<Renderer>; timer: NodeJS.Timeout | null } | null = null;

async function sharedRender(figs: readonly Figure[], exe: string): Promise<StaticImage[]> {
  if (!shared) shared = { renderer: openRenderer(exe), timer: null };
  const s = shared;
  if (s.timer) clearTimeout(s.timer);
  try {
    return await (await s.renderer).render(figs, 1);
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
  const images = exe ? await sharedRender(figs, exe) : null;
  figs.forEach((fig, k) => {
    const png = images ? (images[k] as StaticImage).png : null;
    write({ data: mimeBundle(fig, png), metadata: { nudump: { figure: fig.name } }, transient: {} }, false);
  });
}
