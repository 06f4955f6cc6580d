/**
 * The client side of the render service (lib/plot/renderService.ts): the variable that names
 * its socket and one request. Kept apart from the service so that lib/plot/render.ts can use
 * it without importing the server.
 */
import * as http from "node:http";
import type { Figure } from "./figure";
import type { StaticImage } from "./render";

/** Environment variable with the socket path of a running render service ({@link startRenderService}). */
export const RENDER_SERVICE_ENV = "NUDUMP_RENDER_SERVICE";

/** Reads a request body as UTF-8 text. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (b: Buffer) => parts.push(b));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

/** Draws `figs` through the render service listening on `socket` (see the file comment). */
export function renderThroughService(socket: string, figs: readonly Figure[], scale: number, svg: boolean): Promise<StaticImage[]> {
  const body = JSON.stringify({ figs: figs.map((f) => ({ name: f.name, data: f.data, layout: f.layout })), scale, svg });
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, method: "POST", path: "/render", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, agent: false }, (res) => {
      readBody(res).then((text) => {
        let reply: { images?: { png: string; svg: string }[]; error?: string };
        try {
          reply = JSON.parse(text) as typeof reply;
        } catch {
          return reject(new Error(`render service at ${socket}: status ${res.statusCode}, not JSON: ${text.slice(0, 200)}`));
        }
        if (res.statusCode !== 200 || !reply.images) return reject(new Error(`render service at ${socket}: ${reply.error ?? `status ${res.statusCode}`}`));
        if (reply.images.length !== figs.length) return reject(new Error(`render service at ${socket}: ${reply.images.length} images for ${figs.length} figures`));
        resolve(reply.images.map((im) => ({ png: Buffer.from(im.png, "base64"), svg: im.svg })));
      }, reject);
    });
    req.on("error", (e) => reject(new Error(`render service at ${socket} (${RENDER_SERVICE_ENV}): ${e.message}`)));
    req.end(body);
  });
}
