/**
 * The render service (lib/plot/renderService.ts): images drawn through it are the bytes a
 * renderer of one's own draws, concurrent requests share its pages without mixing their
 * answers, a bad request gets an error that says why, and a renderer pointed at a dead socket
 * fails naming the variable. Needs Chromium (CI installs it; without it the suite fails).
 */
import * as http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as plots from "../lib/plot";

const mk = (name: string, k: number) =>
  plots.figure({ name, title: name, x: { title: "x", log: true }, y: { title: "y" }, traces: [plots.line([1, 10, 100], [k, 2 * k, 4 * k], { name: `k = ${k}` })] });
const figs = [mk("p", 1), mk("q", 2), mk("s", 3)];

/** A raw request to the service: status and body text. */
function post(socket: string, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, method: "POST", path, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("render service", () => {
  let service: plots.RenderService;
  beforeAll(async () => {
    expect(plots.chromiumPath(), "Chromium is needed for the render-service tests (Debian: apt-get install chromium)").not.toBeNull();
    service = await plots.startRenderService({ pages: 2 });
  });
  afterAll(async () => {
    delete process.env[plots.RENDER_SERVICE_ENV];
    await service?.close();
  });

  it("draws the same PNG and SVG bytes as a renderer of one's own, for concurrent requests, in their order", async () => {
    delete process.env[plots.RENDER_SERVICE_ENV];
    const own = await plots.renderStatic(figs, { pages: 1 });
    process.env[plots.RENDER_SERVICE_ENV] = service.socket;
    // three requests at once on two pages, one of them PNG-only at scale 2
    const r = await plots.openRenderer();
    const [a, b, c] = await Promise.all([r.render(figs, 1, true), r.render([...figs].reverse(), 1, true), r.render(figs, 2, false)]);
    await r.close();
    a!.forEach((img, k) => expect([img.svg === own[k]!.svg, img.png.equals(own[k]!.png)]).toEqual([true, true]));
    b!.forEach((img, k) => expect(img.png.equals(own[2 - k]!.png)).toBe(true));
    expect(c!.map((i) => [i.svg, i.png.readUInt32BE(16)])).toEqual(figs.map(() => ["", 1520])); // IHDR width: 760 px at scale 2
    expect(own[0]!.png.equals(own[1]!.png)).toBe(false); // the figures differ, so the order is tested
  });

  it("answers a malformed request with status 500 and the reason, and an unknown path with 404", async () => {
    const bad = await post(service.socket, "/render", JSON.stringify({ figs: [], scale: 0, svg: true }));
    expect(bad.status).toBe(500);
    expect(JSON.parse(bad.text).error).toMatch(/scale = 0 \(allowed: 0 < scale ≤ 8\)/);
    const notJson = await post(service.socket, "/render", "{");
    expect([notJson.status, typeof JSON.parse(notJson.text).error]).toEqual([500, "string"]);
    expect((await post(service.socket, "/other", "")).status).toBe(404);
  });

  it("refuses a page count outside 1–16, and a renderer pointed at a dead socket fails naming the variable", async () => {
    await expect(plots.startRenderService({ pages: 0 })).rejects.toThrow(/pages = 0 \(allowed: integer 1–16\)/);
    await expect(plots.renderThroughService("/nonexistent/render.sock", figs, 1, false)).rejects.toThrow(new RegExp(plots.RENDER_SERVICE_ENV));
  });
});
