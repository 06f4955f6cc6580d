/**
 * A cache of static renders (issue 15: an edit-and-rerun recomputes only what changed). A
 * figure's PNG and SVG are a function of what is drawn and of what draws it, so an image drawn
 * once is stored under the SHA-256 of all of it:
 * - the figure (its data and layout as JSON: JSON writes every number exactly), the PNG scale
 *   and whether the SVG is wanted;
 * - the renderer: Chromium's `--version` and binary path, its flags, plotly's version and size,
 *   the page code (lib/plot/page.ts, sent to the page as source), and the installed fonts (every
 *   file under the font directories and /etc/fonts by path, size and modification time).
 * A re-run of a notebook or of `npm run figures` then draws only the figures whose inputs
 * changed, and opens no Chromium at all when none did. Drawing is deterministic (seeded page,
 * lib/plot/page.ts), so a stored image has the bytes a new drawing would have; the tests draw
 * without the cache and compare.
 *
 * Where: `<tmpdir>/nudump-code-cache-<uid>/renders`, a directory of this user that no one else
 * may write (lib/core/privateDirectory.ts), files written by temporary name and rename; each use
 * refreshes an entry's time and the least recently used beyond {@link RENDER_CACHE_KEEP} are
 * removed. NUDUMP_RENDER_CACHE=0 turns it off, NUDUMP_RENDER_CACHE=<absolute dir> moves it.
 * Without a Chromium that answers `--version`, nothing is cached.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { homedir, tmpdir } from "node:os";
import * as path from "node:path";
import { privateDirectory } from "../core/privateDirectory";
import { chromiumArgs, plotlyPath } from "./chromium";
import type { Figure } from "./figure";
import { drawFigure, installSeededRandom } from "./page";
import type { StaticImage } from "./render";

/** Environment variable: "0" turns the render cache off, an absolute directory moves it. */
export const RENDER_CACHE_ENV = "NUDUMP_RENDER_CACHE";

/** Images kept (the most recently used); a write beyond it removes the oldest down to 3/4 of it. */
export const RENDER_CACHE_KEEP = 2000;

/** The render cache's directory, or null when it is off (see the file comment). */
export function renderCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env[RENDER_CACHE_ENV];
  if (v === "0") return null;
  if (v !== undefined && v !== "") return path.isAbsolute(v) ? v : null;
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return path.join(tmpdir(), `nudump-code-cache-${uid}`, "renders");
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Path, size and modification time of every file under `dirs` (sorted; missing directories skipped). */
function filesFingerprint(dirs: readonly string[]): string {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && depth < 8) walk(p, depth + 1);
      else {
        try {
          const st = fs.statSync(p);
          out.push(`${p} ${st.size} ${st.mtimeMs}`);
        } catch {
          out.push(`${p} ?`);
        }
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  return out.sort().join("\n");
}

/** The font directories fontconfig reads on Linux, and its configuration. */
function fontDirectories(): string[] {
  const home = homedir();
  return ["/usr/share/fonts", "/usr/local/share/fonts", path.join(home, ".fonts"), path.join(home, ".local", "share", "fonts"), "/etc/fonts"];
}

/** `exe --version` (stdout, trimmed), or null if it fails. */
function chromiumVersion(exe: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(exe, ["--version"], { timeout: 30_000, encoding: "utf8" }, (err, stdout) => resolve(err || !stdout.trim() ? null : stdout.trim()));
  });
}

const identities = new Map<string, Promise<string | null>>();

/**
 * The renderer's part of every key for Chromium `exe` (once per process and binary), or null
 * when the binary does not tell its version (then nothing is cached).
 */
export function rendererIdentity(exe: string): Promise<string | null> {
  let id = identities.get(exe);
  if (!id) {
    id = chromiumVersion(exe).then((version) => {
      if (version === null) return null;
      const plotly = plotlyPath();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const plotlyVersion = (require("plotly.js-dist-min/package.json") as { version: string }).version;
      // plotly by version and size, not by path: every checkout has its own node_modules copy of the same file
      const parts = [version, fs.realpathSync(exe), chromiumArgs.join(" "), plotlyVersion, fs.statSync(plotly).size, drawFigure.toString(), installSeededRandom.toString(), filesFingerprint(fontDirectories())];
      return sha256(parts.join("\n\0"));
    });
    identities.set(exe, id);
  }
  return id;
}

/** The key of one image: renderer, scale, SVG wanted, the figure's data and layout. */
export function renderKey(identity: string, fig: Pick<Figure, "data" | "layout">, scale: number, svg: boolean): string {
  return sha256(`${identity}\n${scale}\n${svg}\n${JSON.stringify({ data: fig.data, layout: fig.layout })}`);
}

/** Reads one stored image (refreshing its time), or null. */
function readEntry(dir: string, key: string, svg: boolean): StaticImage | null {
  const png = path.join(dir, `${key}.png`);
  try {
    const image = { png: fs.readFileSync(png), svg: svg ? fs.readFileSync(path.join(dir, `${key}.svg`), "utf8") : "" };
    const now = new Date();
    fs.utimesSync(png, now, now);
    return image;
  } catch {
    return null;
  }
}

/** Writes `data` to `file` through a temporary name and a rename (a reader never sees half a file). */
function writeAtomically(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** Removes the least recently used images beyond {@link RENDER_CACHE_KEEP}, down to 3/4 of it. */
function prune(dir: string): void {
  const pngs = fs.readdirSync(dir).filter((f) => f.endsWith(".png"));
  if (pngs.length <= RENDER_CACHE_KEEP) return;
  const byUse = pngs.map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { f } of byUse.slice(0, pngs.length - Math.floor((3 * RENDER_CACHE_KEEP) / 4))) {
    fs.rmSync(path.join(dir, f), { force: true });
    fs.rmSync(path.join(dir, f.replace(/\.png$/, ".svg")), { force: true });
  }
}

/** Whether the cache in `dir` holds any image (a re-run is likely to find its figures there). */
export function renderCacheHasImages(dir: string | null = renderCacheDirectory()): boolean {
  try {
    return dir !== null && fs.readdirSync(dir).some((f) => f.endsWith(".png"));
  } catch {
    return false;
  }
}

/** Cache directories this process has pruned (once each). */
const pruned = new Set<string>();

/**
 * `figs` drawn at `scale` (with their SVG if `svg`): the images stored before from the cache in
 * `dir`, the others by `draw` (called once, with those figures in order, or not at all) and then
 * stored. `dir` null or a renderer without an identity: everything is drawn.
 */
export async function drawCached(
  figs: readonly Figure[],
  scale: number,
  svg: boolean,
  exe: string,
  draw: (figs: readonly Figure[]) => Promise<StaticImage[]>,
  dir: string | null = renderCacheDirectory(),
): Promise<StaticImage[]> {
  const identity = dir !== null && privateDirectory(dir) ? await rendererIdentity(exe) : null;
  if (identity === null || dir === null) return draw(figs);
  const keys = figs.map((f) => renderKey(identity, f, scale, svg));
  const images = keys.map((k) => readEntry(dir, k, svg));
  const missing = figs.filter((_, i) => images[i] === null);
  if (missing.length === 0) return images as StaticImage[];
  const drawn = await draw(missing);
  let j = 0;
  const out = images.map((im, i) => {
    if (im !== null) return im;
    const d = drawn[j++]!;
    if (svg) writeAtomically(path.join(dir, `${keys[i]}.svg`), d.svg);
    writeAtomically(path.join(dir, `${keys[i]}.png`), d.png); // last: an entry is complete once its PNG is there
    return d;
  });
  if (!pruned.has(dir)) {
    pruned.add(dir);
    prune(dir);
  }
  return out;
}
