/**
 * Builds site/explorer.html (called by `npm run report`; alone: `tsx scripts/notebooks/explorer.ts [outDir]`):
 * the library bundled for the browser with esbuild (the copy tsx depends on), run in Web
 * Workers, one self-contained page that works from file:// with no server and no network.
 *
 * The library reads its data with node:fs and finds it from __dirname; it is not changed for
 * the browser. Instead the bundle gets a small virtual file system:
 * - `node:fs`/`fs` → explorer/shims/fs.ts, which serves an embedded map "/nudump/data/…" → text
 *   of the data files the explorer needs (EMBEDDED_DATA);
 * - every bundled source that mentions __dirname/__filename gets its own virtual value
 *   ("/nudump/lib/figures" for lib/figures/fig3.ts, …), so lib's own path logic (candidates
 *   relative to __dirname) resolves to those virtual paths. A per-file value instead of one
 *   global `define` keeps working when modules move between directories;
 * - `node:path` → explorer/shims/path.ts (POSIX subset; 70 lines of ours rather than the
 *   path-browserify package, which would be a new dependency for the few functions lib uses);
 * - `node:crypto` → a deterministic hash for plot uids; os, worker_threads, child_process, zlib,
 *   url, util, http → stubs that throw if called.
 * The worker bundle is inlined as a string and started from a Blob URL (Chromium refuses
 * `new Worker("file:///…")`); plotly.js is copied to <outDir>/assets/plotly.min.js from
 * node_modules/plotly.js-dist-min (the report copies it there too), never a CDN.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { build, type Plugin } from "esbuild";
import { plotlyPath } from "../../lib/plot";

const root = path.resolve(__dirname, "..", "..");
const VIRTUAL_ROOT = "/nudump";

/** Data the explorer needs, relative to data/: directories (their top-level .csv/.txt/.json files) and files. Missing entries are skipped. */
export const EMBEDDED_DATA: readonly string[] = [
  "README.md", // lib/dataDir.ts recognises the package's data/ by it
  "bounds/dipole", // Fig. 1 grey regions
  "bounds/darkboson-fig3", // Fig. 3 regions
  "flux/FASERv", // the presets' Kling–Nevay tables and CC-interaction counts (TP normalisation)
  "flux/FASERv2",
  "hadrons/14TeV/EPOSLHC", // default π⁰/η spectra of the primary Z_D production (Z_D model)
  "flux-default.json",
  "mesons-default.json",
];

/** The virtual file map "/nudump/data/…" → text (and "/nudump/package.json" with the package name). */
export function embeddedFiles(dataDir = path.join(root, "data")): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (abs: string) => (out[`${VIRTUAL_ROOT}/${path.relative(root, abs).split(path.sep).join("/")}`] = fs.readFileSync(abs, "utf8"));
  // the package root marker of lib's data-dir resolver (the name only, not our whole package.json)
  out[`${VIRTUAL_ROOT}/package.json`] = JSON.stringify({ name: "nudump" });
  for (const entry of EMBEDDED_DATA) {
    const abs = path.join(dataDir, entry);
    if (!fs.existsSync(abs)) continue;
    if (fs.statSync(abs).isFile()) add(abs);
    else for (const f of fs.readdirSync(abs).sort()) if (/\.(csv|txt|json)$/.test(f) && fs.statSync(path.join(abs, f)).isFile()) add(path.join(abs, f));
  }
  return out;
}

function browserShims(files: Record<string, string>): Plugin {
  const shims = path.join(root, "explorer", "shims");
  const map: Record<string, string> = {
    fs: "fs.ts", path: "path.ts", crypto: "crypto.ts", os: "unavailable.ts", worker_threads: "unavailable.ts", child_process: "unavailable.ts", url: "unavailable.ts", util: "unavailable.ts", zlib: "unavailable.ts", http: "unavailable.ts",
  };
  return {
    name: "nudump-browser-shims",
    setup(b) {
      b.onResolve({ filter: /^(node:)?(fs|path|crypto|os|worker_threads|child_process|url|util|zlib|http)$/ }, (a) => ({ path: path.join(shims, map[a.path.replace(/^node:/, "")]!) }));
      b.onResolve({ filter: /^nudump-vfs-data$/ }, () => ({ path: "nudump-vfs-data", namespace: "nudump-vfs" }));
      b.onLoad({ filter: /.*/, namespace: "nudump-vfs" }, () => ({ contents: `export default ${JSON.stringify(files)};`, loader: "js" }));
      // each module's own virtual __dirname / __filename
      b.onLoad({ filter: /\.ts$/ }, async (a) => {
        const src = await fs.promises.readFile(a.path, "utf8");
        if (!/__dirname|__filename/.test(src) || !a.path.startsWith(root + path.sep)) return { contents: src, loader: "ts" };
        const rel = path.relative(root, a.path).split(path.sep).join("/");
        const head = `const __filename = ${JSON.stringify(`${VIRTUAL_ROOT}/${rel}`)}; const __dirname = ${JSON.stringify(`${VIRTUAL_ROOT}/${path.posix.dirname(rel)}`)};\n`;
        return { contents: head + src, loader: "ts" };
      });
    },
  };
}

async function bundle(entry: string, plugins: Plugin[], define: Record<string, string> = {}): Promise<string> {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    external: ["playwright-core", "tslab/*", "danfojs-node"],
    define: { "process.env.NODE_ENV": '"production"', ...define },
    plugins,
    logLevel: "error",
  });
  return r.outputFiles[0]!.text;
}

/** Sizes of the built parts, bytes. */
export interface ExplorerBuild {
  readonly file: string;
  readonly bytes: { page: number; worker: number; data: number; plotly: number };
  readonly dataFiles: number;
}

/** Build explorer.html into outDir (and assets/plotly.min.js beside it if absent). */
export async function buildExplorer(outDir: string): Promise<ExplorerBuild> {
  const files = embeddedFiles();
  const worker = await bundle(path.join(root, "explorer", "worker.ts"), [browserShims(files)]);
  const page = await bundle(path.join(root, "explorer", "main.ts"), [browserShims({})], { __NUDUMP_WORKER_SOURCE__: JSON.stringify(worker) });
  const template = fs.readFileSync(path.join(root, "explorer", "explorer.html"), "utf8");
  const html = template.replace("/*__NUDUMP_EXPLORER_SCRIPT__*/", () => page.replace(/<\/script/gi, "<\\/script"));
  fs.mkdirSync(path.join(outDir, "assets"), { recursive: true });
  const plotly = path.join(outDir, "assets", "plotly.min.js");
  if (!fs.existsSync(plotly)) fs.copyFileSync(plotlyPath(), plotly);
  const file = path.join(outDir, "explorer.html");
  fs.writeFileSync(file, html);
  const data = Object.values(files).reduce((n, t) => n + Buffer.byteLength(t), 0);
  return { file, bytes: { page: Buffer.byteLength(html), worker: Buffer.byteLength(worker), data, plotly: fs.statSync(plotly).size }, dataFiles: Object.keys(files).length };
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, "site"));
  buildExplorer(outDir).then(
    (b) => console.log(`${path.relative(process.cwd(), b.file)}: ${(b.bytes.page / 1e6).toFixed(2)} MB (worker ${(b.bytes.worker / 1e6).toFixed(2)} MB, of which ${b.dataFiles} data files ${(b.bytes.data / 1e3).toFixed(0)} kB); plotly ${(b.bytes.plotly / 1e6).toFixed(1)} MB in assets/`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
