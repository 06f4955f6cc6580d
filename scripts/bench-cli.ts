/**
 * The command-line rows of `npm run bench` (scripts/bench.ts calls {@link cliBenchRows}): whole
 * calls with start-up (wall time of a child process), and one `nudump events` call broken down
 * into its parts, each timed inside a fresh process (cold JIT, as a real call).
 *
 * NODE_EXTRA_CA_CERTS: Node (20) reads and parses the CA bundle this variable names at process
 * start, before any JavaScript runs (OpenSSL 3, nodejs/node#40524) — ~80 ms of CPU on this
 * machine, whose environment sets it to the system bundle. nudump makes no network connection,
 * so the certificates are never used, but no script can avoid the cost: it is paid before
 * bin/nudump.js is read. When the variable is set, every wall-time row is measured twice,
 * labelled: as the environment has it (the keys of the baseline), and without it (key suffix
 * `:no-extra-ca`, what a machine without the variable pays).
 */
import { execFileSync } from "node:child_process";
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
 * The instrumented call, run with `node -e` in a fresh process: the time Node took to reach the
 * first line (performance.now() counts from the process's time origin), the CLI's modules and
 * the command's, then main() with the library's stages wrapped (the compiled modules call each
 * other through their exports objects, so a wrapped export is the function every caller gets).
 * Prints one JSON object of milliseconds.
 */
function breakdownScript(root: string): string {
  const dist = (p: string) => JSON.stringify(join(root, "dist", p));
  return `
    const nodeStart = performance.now();
    const acc = { flux: 0, tables: 0, massPoint: 0, events: 0 };
    const wrap = (file, name, key) => {
      const m = require(file); const f = m[name];
      m[name] = function (...a) { const t0 = performance.now(); try { return f.apply(this, a); } finally { acc[key] += performance.now() - t0; } };
    };
    const t0 = performance.now();
    require(${dist("cli/fastResolve.js")}).installFastResolve(${JSON.stringify(join(root, "dist"))});
    const cli = require(${dist("cli/main.js")});
    require(${dist("cli/events.js")});
    const cliStart = performance.now() - t0;
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
      const other = work - acc.flux - acc.massPoint - acc.events;
      console.log(JSON.stringify({ nodeStart, cliStart, work, flux: acc.flux, tables: acc.tables, pointRest: acc.massPoint - acc.tables, events: acc.events, other }));
    });`;
}

/** The parts of one call: `reps` fresh processes, each part's values in ms. */
function breakdownRows(root: string, reps: number, env: NodeJS.ProcessEnv): CliBenchRow[] {
  const script = breakdownScript(root);
  const runs = Array.from({ length: reps }, () => JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env })) as Record<string, number>);
  const part = (k: string) => runs.map((r) => r[k]!);
  const ca = env.NODE_EXTRA_CA_CERTS !== undefined ? "with NODE_EXTRA_CA_CERTS" : "without NODE_EXTRA_CA_CERTS";
  return [
    { key: "cli-events:node", label: `  parts of one events call (fresh processes): Node's start to the first line (${ca})`, unit: "ms", values: part("nodeStart") },
    { key: "cli-events:cli-start", label: "  CLI start: the CLI's and the command's modules", unit: "ms", values: part("cliStart") },
    { key: "cli-events:compute", label: "  the command's work after start-up (parse, flux, tables, output)", unit: "ms", values: part("work") },
    { key: "cli-events:flux", label: "    of which the flux (loadFlux: tables read, checked, normalised)", unit: "ms", values: part("flux") },
    { key: "cli-events:tables", label: "    of which the production tables (tabulateProduction)", unit: "ms", values: part("tables") },
    { key: "cli-events:point-rest", label: "    of which the rest of the mass point (widths, decay fractions, all signatures collapsed)", unit: "ms", values: part("pointRest") },
    { key: "cli-events:sum", label: "    of which the node sum of the asked signature (dipoleEvents)", unit: "ms", values: part("events") },
    { key: "cli-events:other", label: "    of which option parsing, setup and the output", unit: "ms", values: part("other") },
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
  const rows = wallRows(root, reps, asIs, "", ca !== undefined ? ` (NODE_EXTRA_CA_CERTS set, as here)` : " (NODE_EXTRA_CA_CERTS not set)");
  if (ca !== undefined) rows.push(...wallRows(root, reps, noCa, ":no-extra-ca", " (without NODE_EXTRA_CA_CERTS)"));
  rows.push(...breakdownRows(root, reps, noCa));
  return rows;
}
