/**
 * A render service: one headless Chromium with a few render pages opened once (plotly.js
 * loaded in each), shared over a local socket by every process of a run — the notebook kernels
 * of `npm run notebooks` and the figures step of `npm run main`.
 *
 * Why: opening a render page costs ≈ 2 s of wall and of Chromium CPU on this machine, nearly
 * all of it plotly.min.js (4.8 MB) being parsed and run in the page (measured 1.9–2.0 s of
 * script time per page; `chromium.connect` 10–50 ms, `newPage` 250–450 ms). A kernel that
 * opened its own page paid that at its first plot, and again after each idle spell, and its
 * connection kept the kernel alive after Jupyter's shutdown request until the page was closed.
 * Through the service a kernel's plot costs only its drawing.
 *
 * Protocol: HTTP over a Unix-domain socket in a directory of its own (mode 0700: only this
 * user can connect); `POST /render` with the JSON `{ figs, scale, svg }` answers
 * `{ images: [{ png: base64, svg }] }` or, on failure, status 500 and `{ error }`. The socket's
 * path is given to child processes in {@link RENDER_SERVICE_ENV} (the client side:
 * lib/plot/renderClient.ts); {@link openRenderer} uses it
 * when set. A request waits for a free page; each figure is drawn from a re-seeded page state
 * (lib/plot/page.ts), so the bytes do not depend on which page drew it or what it drew before.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { Figure } from "./figure";
import { launchBrowser, openPage } from "./browser";
import { chromiumPath } from "./chromium";
import { drawCached, renderCacheHasImages } from "./renderCache";
import type { Renderer } from "./render";
import { readBody, RENDER_SERVICE_ENV } from "./renderClient";

export { RENDER_SERVICE_ENV, renderThroughService } from "./renderClient";

/** A running render service. */
export interface RenderService {
  /** The socket's path (what {@link RENDER_SERVICE_ENV} is set to). */
  readonly socket: string;
  /** Stops accepting requests, closes the pages and the browser, removes the socket. */
  close(): Promise<void>;
}

/** Body of a render request. */
interface RenderRequest {
  readonly figs: readonly Figure[];
  readonly scale: number;
  readonly svg: boolean;
}

/**
 * Pages drawing in turn: a request takes a free page or waits for the next one released. The pool
 * opens one page at once and another (up to `max`) only when a request finds every page busy:
 * loading plotly in a page costs ≈ 2 s of CPU, not worth paying for a page that would stay idle.
 */
class PagePool {
  private readonly free: Renderer[] = [];
  private readonly waiting: { resolve: (r: Renderer) => void; reject: (e: unknown) => void }[] = [];
  private opened = 0;
  private opening = 0;
  private failure: unknown = null;
  /** `eager`: open the first page now (beside whatever starts next), else at the first request that needs one. */
  constructor(private readonly open: () => Promise<Renderer>, private readonly max: number, eager: boolean) {
    if (eager) this.grow();
  }
  private grow(): void {
    this.opening++;
    this.open().then(
      (r) => {
        this.opening--;
        this.opened++;
        this.release(r);
      },
      (e: unknown) => {
        this.opening--;
        this.failure ??= e;
        // no page at all: nobody waiting can be served (with a page open, the waiters keep their turn)
        if (this.opened === 0 && this.opening === 0) for (const w of this.waiting.splice(0)) w.reject(e);
      },
    );
  }
  private release(r: Renderer): void {
    const next = this.waiting.shift();
    if (next) next.resolve(r);
    else this.free.push(r);
  }
  async use<T>(fn: (r: Renderer) => Promise<T>): Promise<T> {
    let r = this.free.pop();
    if (!r) {
      if (this.opened === 0 && this.opening === 0 && this.failure !== null) throw this.failure;
      // every page busy: one more page for each request waiting beyond those being opened
      if (this.opened + this.opening < this.max && this.waiting.length >= this.opening && this.failure === null) this.grow();
      r = await new Promise<Renderer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    }
    try {
      return await fn(r);
    } finally {
      this.release(r);
    }
  }
}

/** Checks a decoded request; throws a RangeError naming what is wrong. */
function checkRequest(x: unknown): RenderRequest {
  const r = x as Partial<RenderRequest> | null;
  if (r === null || typeof r !== "object" || !Array.isArray(r.figs)) throw new RangeError("render request: expected { figs: Figure[], scale, svg }");
  if (typeof r.scale !== "number" || !(r.scale > 0 && r.scale <= 8)) throw new RangeError(`render request: scale = ${String(r.scale)} (allowed: 0 < scale ≤ 8)`);
  if (typeof r.svg !== "boolean") throw new RangeError(`render request: svg = ${String(r.svg)} (allowed: true or false)`);
  return r as RenderRequest;
}

/**
 * Starts a render service with up to `pages` render pages (default 2: this machine's 2 cores) in a
 * Chromium of its own. It resolves as soon as the socket listens: the browser starts and the
 * first page opens in the background (≈ 2–3 s, beside whatever the caller starts next), a
 * request that comes earlier waits for it, and a second page opens only when a request finds the
 * first busy. A failure to start the browser or the first page fails every request with its message.
 */
export async function startRenderService(opts: { readonly pages?: number; readonly executablePath?: string } = {}): Promise<RenderService> {
  const n = opts.pages ?? 2;
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new RangeError(`startRenderService: pages = ${n} (allowed: integer 1–16)`);
  const exe = opts.executablePath ?? chromiumPath();
  // Chromium starts now when the render cache is empty or off (a first run: the pages will be
  // needed, and start beside the kernels), else at the first figure not in the cache (a re-run
  // that changed nothing drawn never starts it)
  let browser: ReturnType<typeof launchBrowser> | null = null;
  const startBrowser = () => {
    if (browser === null) {
      browser = launchBrowser(exe ?? undefined);
      browser.catch(() => undefined); // reported through the requests (and close)
    }
    return browser;
  };
  const pool = new PagePool(() => startBrowser().then((b) => openPage(b)), n, !renderCacheHasImages());
  const draw = (r: RenderRequest) => (missing: readonly Figure[]) => pool.use((page) => page.render(missing, r.scale, r.svg));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudump-render-service-"));
  fs.chmodSync(dir, 0o700);
  const socket = path.join(dir, "render.sock");
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/render") return reply(404, { error: `no ${req.method} ${req.url} here (POST /render)` });
    readBody(req)
      .then((text) => {
        const r = checkRequest(JSON.parse(text));
        return exe ? drawCached(r.figs, r.scale, r.svg, exe, draw(r)) : draw(r)(r.figs);
      })
      .then(
        (images) => reply(200, { images: images.map((im) => ({ png: im.png.toString("base64"), svg: im.svg })) }),
        (e: unknown) => reply(500, { error: e instanceof Error ? e.message : String(e) }),
      );
  });
  const closeBrowser = async () => {
    if (browser !== null) await browser.then((b) => b.close(), () => undefined);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socket, () => resolve());
    });
  } catch (e) {
    await closeBrowser();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    socket,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeBrowser();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

