/**
 * Build step after tsc (`npm run build`, `prepare`): the command line as one file,
 * dist/cli/bundle.js, made by esbuild from the compiled dist/cli/main.js and every module of
 * dist/ it reaches (issue 15, start-up). A call then reads, resolves and compiles one file
 * instead of ~75, and bin/nudump.js can keep V8's code cache for it (bin/codeCache.js).
 *
 * The bundle is the tsc output concatenated, not a second compilation: esbuild wraps each
 * compiled module in a closure evaluated on its first require, so a command still runs only
 * the modules it needs. commander, which every command uses to read its options, is bundled too
 * (so the code cache covers it; its MIT licence is appended to the bundle); every other package
 * (mathjs, playwright-core, danfojs-node, …) stays external and loads from node_modules as before. dist/lib and dist/cli stay as they are: the
 * library's exports, the worker threads (dist/lib/figures/worker.js) and tests use them.
 *
 * `__dirname` and `__filename` are rewritten per module to the directory and file the module
 * has in dist/ (relative to the bundle's own location at run time), so the code that finds
 * data/, package.json or the worker script next to itself finds what it found before.
 */
import { build, type Plugin } from "esbuild";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stampAfterBuild } from "./buildStamp";

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const entry = path.join(dist, "cli", "main.js");
const outfile = path.join(dist, "cli", "bundle.js");

/** The module's `__dirname`/`__filename` as expressions on the bundle's own `__dirname`. */
function locate(file: string): { dir: string; file: string } {
  const rel = (p: string) => JSON.stringify(path.relative(path.dirname(outfile), p).split(path.sep).join("/"));
  const dir = `require("node:path").join(__dirname, ${rel(path.dirname(file))})`;
  return { dir, file: `require("node:path").join(__dirname, ${rel(file)})` };
}

const rewritten: string[] = [];

/** The packages carried inside the bundle; every other bare request stays a require. */
const BUNDLED = new Set(["commander"]);

/** Leaves every package but {@link BUNDLED} to Node's require at run time. */
const externalPackages: Plugin = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0]!;
      return BUNDLED.has(name) && args.kind !== "entry-point" ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * commander requires child_process at load for its executable subcommands, which nudump does not
 * have; loading it costs ~5–10 ms of a call (net, dgram, streams). Inside the bundle commander gets
 * a stand-in that requires the real module on its first use.
 */
const lazyChildProcess: Plugin = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}`) ? { path: "child_process", namespace: "lazy-child-process" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-child-process" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

/** The licences of the bundled packages, as one comment for the end of the bundle. */
function licences(): string {
  const texts = [...BUNDLED].map((name) => {
    const dir = path.join(root, "node_modules", name);
    const version = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
    return `${name} ${version}, bundled from node_modules/${name}:\n\n${readFileSync(path.join(dir, "LICENSE"), "utf8").trim()}`;
  });
  return `/*!\n${texts.join("\n\n").replace(/\*\//g, "* /")}\n*/`;
}

/** Gives every module of dist/ its own location (see the file comment). */
const ownLocation: Plugin = {
  name: "own-location",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const text = readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(text)) return { contents: text, loader: "js" };
      const at = locate(args.path);
      rewritten.push(path.relative(dist, args.path));
      const contents = text.replace(/\b__dirname\b/g, `(${at.dir})`).replace(/\b__filename\b/g, `(${at.file})`);
      return { contents, loader: "js" };
    });
  },
};

/**
 * Writes every non-ASCII UTF-16 unit of the bundle as `\\uXXXX`: esbuild escapes strings and
 * template literals itself (its default ASCII charset) but leaves regular-expression literals
 * (units, Greek letters) as they are, where the escape denotes the same unit (a pair of escaped
 * surrogates is one code point under the `u` flag). bin/nudump.js reads an ASCII file as a
 * one-byte string (no UTF-8 decoding).
 */
function asciiOnly(file: string): void {
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

async function main(): Promise<void> {
  if (!existsSync(entry)) throw new Error(`bundle-cli: ${entry} is missing; run tsc (npm run build) first`);
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    plugins: [lazyChildProcess, externalPackages, ownLocation],
    footer: { js: licences() },
    logLevel: "warning",
    legalComments: "none",
    minifyWhitespace: true,
    metafile: true,
  });
  asciiOnly(outfile);
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`bundle-cli: ${path.relative(root, outfile)} from ${inputs} modules (${(statSync(outfile).size / 1024).toFixed(0)} kB); own location for ${rewritten.join(", ")}`);
  stampAfterBuild(); // dist/ and its bundle are complete: `npm run main` need not build again
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
