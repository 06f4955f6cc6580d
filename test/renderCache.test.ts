/**
 * The render cache (lib/plot/renderCache.ts): an image comes from the cache only for the same
 * figure, scale, SVG choice and renderer; only the figures not stored are drawn, in order; a
 * directory others may write, a renderer without a version or NUDUMP_RENDER_CACHE=0 draw
 * everything; the least recently used entries go beyond the bound; and with the real Chromium a
 * stored image has the bytes of a drawing without the cache.
 */
import { chmodSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as plots from "../lib/plot";
import { drawCached, RENDER_CACHE_KEEP, renderCacheDirectory, renderKey } from "../lib/plot/renderCache";

const mk = (name: string, k: number) =>
  plots.figure({ name, title: name, x: { title: "x", log: true }, y: { title: "y" }, traces: [plots.line([1, 10, 100], [k, 2 * k, 4 * k], { name: `k = ${k}` })] });

/** A stand-in Chromium that answers --version (and nothing else). */
function fakeChromium(version: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), "nudump-rc-exe-"));
  const exe = path.join(dir, "chromium");
  writeFileSync(exe, version === null ? "#!/bin/sh\nexit 1\n" : `#!/bin/sh\necho "${version}"\n`);
  chmodSync(exe, 0o755);
  return exe;
}

/** A drawing stand-in: one distinct PNG per figure name and scale; records what it was asked to draw. */
function recorder() {
  const calls: string[][] = [];
  const draw = async (figs: readonly plots.Figure[]) => {
    calls.push(figs.map((f) => f.name));
    return figs.map((f) => ({ png: Buffer.from(`png:${f.name}`), svg: `<svg>${f.name}</svg>` }));
  };
  return { calls, draw };
}

const cacheDir = () => mkdtempSync(path.join(tmpdir(), "nudump-rc-"));

describe("render cache", () => {
  const env = process.env.NUDUMP_RENDER_CACHE;
  afterEach(() => {
    process.env.NUDUMP_RENDER_CACHE = env;
  });

  it("keys change with every input: a number of the data by one ulp, the layout, the scale, the SVG choice, the renderer", () => {
    const f = mk("a", 1);
    const base = renderKey("id", f, 1, false);
    const nudged = { ...f, data: [{ ...f.data[0]!, y: [1, 2, 4 + 4 * Number.EPSILON] }] };
    const keys = [base, renderKey("id", nudged, 1, false), renderKey("id", { ...f, layout: { ...f.layout, height: 501 } }, 1, false), renderKey("id", f, 2, false), renderKey("id", f, 1, true), renderKey("id2", f, 1, false)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(renderKey("id", mk("a", 1), 1, false)).toBe(base); // an equal figure built again: the same key
  });

  it("draws only the figures it has not stored, in their order, and answers the rest from the cache", async () => {
    const exe = fakeChromium("FakeChromium 1.0"), dir = cacheDir(), r = recorder();
    const figs = [mk("p", 1), mk("q", 2)];
    const first = await drawCached(figs, 1, true, exe, r.draw, dir);
    const second = await drawCached([mk("s", 3), ...figs], 1, true, exe, r.draw, dir);
    expect(r.calls).toEqual([["p", "q"], ["s"]]);
    expect(second.map((i) => i.png.toString())).toEqual(["png:s", "png:p", "png:q"]);
    expect(second.slice(1).map((i) => i.svg)).toEqual(first.map((i) => i.svg));
    await drawCached(figs, 2, true, exe, r.draw, dir); // another scale: drawn
    await drawCached(figs, 1, true, fakeChromium("FakeChromium 2.0"), r.draw, dir); // another renderer: drawn
    expect(r.calls.slice(2)).toEqual([["p", "q"], ["p", "q"]]);
  });

  it("draws everything and stores nothing: a directory others may write, a renderer with no version, NUDUMP_RENDER_CACHE=0", async () => {
    const open = cacheDir();
    chmodSync(open, 0o777);
    const r = recorder(), figs = [mk("p", 1)];
    for (let i = 0; i < 2; i++) await drawCached(figs, 1, false, fakeChromium("FakeChromium 1.0"), r.draw, open);
    expect(readdirSync(open)).toEqual([]);
    const dir = cacheDir();
    for (let i = 0; i < 2; i++) await drawCached(figs, 1, false, fakeChromium(null), r.draw, dir);
    expect(readdirSync(dir)).toEqual([]);
    expect(r.calls).toHaveLength(4);
    expect(renderCacheDirectory({ NUDUMP_RENDER_CACHE: "0" })).toBeNull();
    expect(renderCacheDirectory({ NUDUMP_RENDER_CACHE: "relative" })).toBeNull();
    expect(renderCacheDirectory({ NUDUMP_RENDER_CACHE: dir })).toBe(dir);
  });

  it(`keeps the ${RENDER_CACHE_KEEP} most recently used images: beyond it the oldest go, down to 3/4`, async () => {
    const exe = fakeChromium("FakeChromium 1.0"), dir = cacheDir(), r = recorder();
    const old = new Date(Date.now() - 86_400_000);
    for (let i = 0; i <= RENDER_CACHE_KEEP; i++) {
      const f = path.join(dir, `${String(i).padStart(64, "0")}.png`);
      writeFileSync(f, "x");
      utimesSync(f, old, new Date(old.getTime() + i * 1000));
    }
    await drawCached([mk("new", 1)], 1, false, exe, r.draw, dir);
    const left = readdirSync(dir);
    expect(left).toHaveLength(Math.floor((3 * RENDER_CACHE_KEEP) / 4));
    expect(left).toContain(`${String(RENDER_CACHE_KEEP).padStart(64, "0")}.png`); // the newest of the old ones stays
    expect(left).not.toContain(`${"0".repeat(64)}.png`); // the oldest went
    expect(await drawCached([mk("new", 1)], 1, false, exe, r.draw, dir)).toHaveLength(1);
    expect(r.calls).toEqual([["new"]]); // the image just drawn survived the pruning
  });

  it("with Chromium: a stored image has the bytes of a drawing without the cache, and a re-draw takes it from the cache", async () => {
    expect(plots.chromiumPath(), "Chromium is needed (Debian: apt-get install chromium)").not.toBeNull();
    const figs = [mk("p", 1), mk("q", 2)];
    process.env.NUDUMP_RENDER_CACHE = cacheDir();
    const drawn = await plots.renderStatic(figs, { pages: 1 });
    const stored = await plots.renderStatic(figs, { pages: 1 });
    expect(readdirSync(process.env.NUDUMP_RENDER_CACHE).filter((f) => f.endsWith(".png"))).toHaveLength(2);
    process.env.NUDUMP_RENDER_CACHE = "0";
    const fresh = await plots.renderStatic(figs, { pages: 1 });
    fresh.forEach((img, k) => {
      expect(stored[k]!.png.equals(img.png)).toBe(true);
      expect(stored[k]!.svg).toBe(img.svg);
      expect(drawn[k]!.png.equals(img.png)).toBe(true);
    });
  });
});
