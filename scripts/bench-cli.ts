/**
 * The command-line rows of `npm run bench` (scripts/bench.ts calls {@link cliBenchRows}): whole
 * calls with start-up (wall time of a child process; bin/nudump.js runs the one-file bundle with
 * V8's code cache, which the untimed first call writes), and one `nudump events` call broken down
 * into its parts, each timed inside a fresh process (cold JIT, as a real call).
 *
 * NODE_EXTRA_CA_CERTS: Node 20 (20.20.2 here) builds its root-certificate store and parses the
 * file this variable names at process start, before any JavaScript runs (OpenSSL 3,
 * nodejs/node#40524; strace shows the file opened before Node starts its threads) — ~85 ms of the
 * main thread's CPU on this machine, whose environment sets it to the 219 kB system bundle:
 * about half for Node's bundled root certificates (an empty file costs that), half for the file.
 * nudump makes no network connection, so the certificates are never used, but no script can
 * avoid the cost: it is paid before bin/nudump.js is read. When the variable is set, every
 * wall-time row is measured twice, labelled: as the environment has it (the keys of the
 * baseline), and without it (key suffix `:no-extra-ca`, what a machine without the variable pays).
 *
 * CPU rows (Linux): the main thread's CPU time of one `nudump events` call up to its exit
 * (/proc schedstat, read by the preload scripts/cpu-at-exit.cjs) and the CPU time of all its
 * threads (JIT compiler and GC helpers included). On the shared two-core machine wall times
 * wait for other work; the main thread's CPU time does not, and on a quiet machine it is
 * close to the wall time less process creation and teardown (a few ms).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The row shape of scripts/bench.ts. */
export interface CliBenchRow {
  readonly key: string;
  readonly label: string;
  readonly unit: "ms";
  readonly values: number[];
}

/** The timed call of issue 15. */
export const EVENTS_ARGS = ["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"];
const XSEC_ARGS = ["xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "1", "--json"];
const XSEC_UNITS_ARGS = ["xsec", "--model", "dipole", "--process", "coherent", "--E", "1TeV", "--mN", "1000MeV", "--json"];

/** `n` wall times (ms) of a child process `node args…` in environment `env`, after one untimed run. */
function wall(n: number, args: readonly string[], env: NodeJS.ProcessEnv): number[] {
  const run = () => execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"], env });
  run();
  return Array.from({ length: n }, () => {
    const t0 = performance.now();
    run();
    return performance.now() - t0;
  });
}

/**
 * The instrumented call, run with `node -e` in a fresh process, as bin/nudump.js makes it: the
 * time Node took to reach the first line (performance.now() counts from the process's time
 * origin), the CLI's start (the bundle loaded with its code cache, cli/codeCache.ts; the wall rows
 * before have written that cache), then main(). Prints one JSON object of milliseconds.
 */
function startScript(root: string): string {
  const dist = (p: string) => JSON.stringify(join(root, "dist", p));
  return `
    const nodeStart = performance.now();
    const t0 = performance.now();
    const { cacheDirectory, loadBundle } = require(${dist("cli/codeCache.js")});
    const loaded = loadBundle(${dist("cli/bundle.js")}, "events", cacheDirectory());
    const cliStart = performance.now() - t0;
    const w = process.stdout.write; process.stdout.write = () => true;
    const t1 = performance.now();
    loaded.exports.main(${JSON.stringify(EVENTS_ARGS)}).then((code) => {
      const work = performance.now() - t1;
      process.stdout.write = w;
      if (code !== 0) process.exit(code);
      loaded.save();
      console.log(JSON.stringify({ nodeStart, cliStart, work, cache: loaded.cache }));
    });`;
}

/**
 * The parts of the command's work, in a fresh process on the unbundled modules of dist/ (the
 * code the bundle carries, but reachable from outside: the compiled modules call each other
 * through their exports objects, so a wrapped export is the function every caller gets). Cold
 * JIT as in a real call, without the code cache. Prints one JSON object of milliseconds.
 */
function partsScript(root: string): string {
  const dist = (p: string) => JSON.stringify(join(root, "dist", p));
  return `
    // time per part; a part called inside another (the tables are built lazily, inside dipoleEvents)
    // is also counted in inner[outer], and taken out of the outer part below
    const acc = { flux: 0, tables: 0, massPoint: 0, events: 0 }, inner = { flux: 0, tables: 0, massPoint: 0, events: 0 }, active = [];
    const wrap = (file, name, key) => {
      const m = require(file); const f = m[name];
      m[name] = function (...a) {
        const t0 = performance.now(), outer = active[active.length - 1];
        active.push(key);
        try { return f.apply(this, a); } finally {
          active.pop();
          const dt = performance.now() - t0;
          acc[key] += dt;
          if (outer !== undefined) inner[outer] += dt;
        }
      };
    };
    const cli = require(${dist("cli/main.js")});
    require(${dist("cli/events.js")});
    wrap(${dist("lib/flux/configs.js")}, "loadFlux", "flux");
    wrap(${dist("lib/engine/productionTable.js")}, "tabulateProduction", "tables");
    wrap(${dist("lib/models/dipole/signatures.js")}, "dipoleMassPoint", "massPoint");
    wrap(${dist("lib/models/dipole/signatures.js")}, "dipoleEvents", "events");
    const w = process.stdout.write; process.stdout.write = () => true;
    const t1 = performance.now();
    cli.main(${JSON.stringify(EVENTS_ARGS)}).then((code) => {
      const work = performance.now() - t1;
      process.stdout.write = w;
      if (code !== 0) process.exit(code);
      const own = (k) => acc[k] - inner[k]; // a part's time outside the parts it called
      const other = work - own("flux") - acc.tables - own("massPoint") - own("events");
      console.log(JSON.stringify({ flux: own("flux"), tables: acc.tables, pointRest: own("massPoint"), events: own("events"), other }));
    });`;
}

/** The parts of one call: `reps` fresh processes of each script, each part's values in ms. */
function breakdownRows(root: string, reps: number, env: NodeJS.ProcessEnv): CliBenchRow[] {
  const fresh = (script: string) => Array.from({ length: reps }, () => JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env })) as Record<string, number>);
  const start = fresh(startScript(root));
  const parts = fresh(partsScript(root));
  const of = (runs: Record<string, number>[], k: string) => runs.map((r) => r[k]!);
  const ca = env.NODE_EXTRA_CA_CERTS !== undefined ? "with NODE_EXTRA_CA_CERTS" : "without NODE_EXTRA_CA_CERTS";
  const unb = "(unbundled dist/, no code cache)";
  return [
    { key: "cli-events:node", label: `  parts of one events call (fresh processes): Node's start to the first line (${ca})`, unit: "ms", values: of(start, "nodeStart") },
    { key: "cli-events:cli-start", label: "  CLI start: the bundle with its code cache (dist/cli/bundle.js, cli/codeCache.ts)", unit: "ms", values: of(start, "cliStart") },
    { key: "cli-events:compute", label: "  the command's work after start-up (parse, flux, tables, output)", unit: "ms", values: of(start, "work") },
    { key: "cli-events:flux", label: `    the flux (loadFlux: tables read, checked, normalised) ${unb}`, unit: "ms", values: of(parts, "flux") },
    { key: "cli-events:tables", label: `    the production tables (tabulateProduction) ${unb}`, unit: "ms", values: of(parts, "tables") },
    { key: "cli-events:point-rest", label: `    the rest of the mass point (widths, decay fractions; the signatures are built lazily) ${unb}`, unit: "ms", values: of(parts, "pointRest") },
    { key: "cli-events:sum", label: `    the node sum of the asked signature (dipoleEvents, without the tables it builds) ${unb}`, unit: "ms", values: of(parts, "events") },
    { key: "cli-events:other", label: `    option parsing, setup and the output ${unb}`, unit: "ms", values: of(parts, "other") },
  ];
}

/**
 * CPU rows of `nudump events` in environment `env` (Linux only: none elsewhere): `n` calls
 * (after one untimed call) of bin/nudump.js with the preload scripts/cpu-at-exit.cjs, which
 * prints the main thread's and the process's CPU time (ms) to stderr when the process exits.
 */
function cpuRows(root: string, n: number, env: NodeJS.ProcessEnv, suffix: string, note: string): CliBenchRow[] {
  if (!existsSync(`/proc/self/task/${process.pid}/schedstat`)) return [];
  const preload = join(__dirname, "cpu-at-exit.cjs");
  const run = () => {
    const r = spawnSync(process.execPath, ["-r", preload, join(root, "bin", "nudump.js"), ...EVENTS_ARGS], { stdio: ["ignore", "ignore", "pipe"], env, encoding: "utf8" });
    const err = r.stderr ?? "";
    if (r.status !== 0) throw new Error(`bench-cli: nudump events exited with ${r.status} (stderr: ${err.slice(0, 200)})`);
    const line = err.split("\n").find((l) => l.startsWith("cpu-at-exit "));
    if (line === undefined) throw new Error(`bench-cli: the preload printed no CPU times (stderr: ${err.slice(0, 200)})`);
    return JSON.parse(line.slice("cpu-at-exit ".length)) as { main: number; process: number };
  };
  run();
  const runs = Array.from({ length: n }, run);
  return [
    { key: `cli-events:main-cpu${suffix}`, label: `  the main thread's CPU time of one events call up to its exit (Linux; quiet wall ≈ this + a few ms)${note}`, unit: "ms", values: runs.map((r) => r.main) },
    { key: `cli-events:cpu${suffix}`, label: `  the CPU time of all its threads (JIT compilation and GC helpers too)${note}`, unit: "ms", values: runs.map((r) => r.process) },
  ];
}

/** Whole calls in one environment; `suffix` and `note` tell the environments apart. */
function wallRows(root: string, reps: number, env: NodeJS.ProcessEnv, suffix: string, note: string): CliBenchRow[] {
  const bin = join(root, "bin", "nudump.js");
  return [
    { key: `cli-events${suffix}`, label: `nudump events (start-up + one point), wall${note}`, unit: "ms", values: wall(reps, [bin, ...EVENTS_ARGS], env) },
    { key: `cli-version${suffix}`, label: `nudump --version (the CLI's start-up alone), wall${note}`, unit: "ms", values: wall(reps, [bin, "--version"], env) },
    { key: `cli-node${suffix}`, label: `node -e 0 (Node's own start-up), wall${note}`, unit: "ms", values: wall(reps, ["-e", "0"], env) },
    { key: `cli-xsec${suffix}`, label: `nudump xsec (start-up + one σ), wall${note}`, unit: "ms", values: wall(reps, [bin, ...XSEC_ARGS], env) },
    { key: `cli-xsec:units${suffix}`, label: `nudump xsec with quantities (--E 1TeV --mN 1000MeV: loads mathjs), wall${note}`, unit: "ms", values: wall(reps, [bin, ...XSEC_UNITS_ARGS], env) },
  ];
}

/** Every CLI row: the calls as the environment has it, again without NODE_EXTRA_CA_CERTS if it is set, and the parts of one call. */
export function cliBenchRows(root: string, reps: number): CliBenchRow[] {
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const asIs = { ...process.env };
  const noCa = { ...process.env };
  delete noCa.NODE_EXTRA_CA_CERTS;
  const asIsNote = ca !== undefined ? ` (NODE_EXTRA_CA_CERTS set, as here)` : " (NODE_EXTRA_CA_CERTS not set)";
  const rows = [...wallRows(root, reps, asIs, "", asIsNote), ...cpuRows(root, reps, asIs, "", asIsNote)];
  if (ca !== undefined) rows.push(...wallRows(root, reps, noCa, ":no-extra-ca", " (without NODE_EXTRA_CA_CERTS)"), ...cpuRows(root, reps, noCa, ":no-extra-ca", " (without NODE_EXTRA_CA_CERTS)"));
  rows.push(...breakdownRows(root, reps, noCa));
  return rows;
}
