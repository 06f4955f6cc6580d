/**
 * `npm run bench`: the timings issue 15 sets targets for. Every row is measured at least five
 * times and reports the median, min and max, and the ratio of its median to the committed
 * baseline (scripts/bench-baseline.json, the code before issue 15 on this machine) as
 * "×N faster" (or "×N slower"). Compute rows exclude drawing; the `nudump events` row
 * includes process start-up, and the rows below it split a call into Node's start-up, the
 * CLI's start-up and the command's work. The machine's load average is printed before and
 * after, with a warning above 1.5, since the machine is shared.
 *
 * Not timed here: the parts of `npm run main` (the notebooks need Jupyter and the tslab kernel
 * and take over a minute per run; `figures` is drawing only, through Chromium, and rewrites
 * figures/ in the working tree) and the Fig. 1 notebook (its time is the kernel's start plus
 * the panels; without Jupyter it would be another program). The Fig. 1 panel row is the
 * computation that notebook repeats per panel.
 *
 *   npm run bench                 print the table
 *   npm run bench -- --reps 7     more repetitions (default 5)
 *   npm run bench -- --only cli   only the rows whose key starts with "cli" (xsec, grid, sampler, events, fig1, cli)
 *   npm run bench -- --write-baseline   also store the medians as the new baseline (only for a new reference code)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

// Measure the compiled library (dist/, what the CLI and the notebooks run), not the tsx
// on-the-fly transform, whose import getters slow inner loops by up to 2x.
const root = join(__dirname, "..");
const distIndex = join(root, "dist", "lib", "index.js");
if (!existsSync(distIndex)) {
  console.error("bench: dist/ is missing; run `npm run build` first");
  process.exit(1);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nd = require(distIndex) as typeof import("../lib");
const baselineFile = join(__dirname, "bench-baseline.json");
const argv = process.argv.slice(2);
const reps = Math.max(5, Number(argv[argv.indexOf("--reps") + 1]) || 5);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
/** Whether the rows of a section (its key prefix) are measured in this run. */
const want = (section: string) => only === undefined || section.startsWith(only) || only.startsWith(section);

/** A row: key (stable, used in the baseline), label, unit; `higherIsBetter` for throughputs. */
interface Row {
  readonly key: string;
  readonly label: string;
  readonly unit: "ms" | "s" | "events/s" | "MB";
  readonly values: number[];
  readonly higherIsBetter?: boolean;
}
const rows: Row[] = [];

/** Time `f` `n` times (after `warm` untimed calls), ms per call. */
function times(n: number, f: () => void, warm = 1): number[] {
  for (let i = 0; i < warm; i++) f();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}
async function timesAsync(n: number, f: () => Promise<void>, warm = 1): Promise<number[]> {
  for (let i = 0; i < warm; i++) await f();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}
const median = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
};

/** Above this 1-minute load average the timings are flagged as taken on a busy machine. */
const LOAD_WARN = 1.5;
const loadBefore = loadavg();

// 1. cross sections over the flux energies
if (want("xsec")) {
  const { tungsten } = nd.constants;
  const dark = nd.darkBoson, dipole = nd.dipole;
  const energies = Array.from({ length: 28 }, (_, i) => 11.34 * Math.pow(10, 0.1 * i));
  const mN = 0.5;
  const dm = dark.fig3Benchmark(mN, 1e-6);
  const xs: [string, (E: number) => number][] = [
    ["dipole coherent W", (E) => dipole.sigmaCoherent(E, mN, 1e-6, tungsten)],
    ["dipole incoherent W (p+n)", (E) => dipole.sigmaIncoherent(E, mN, 1e-6, tungsten)],
    ["dipole electron", (E) => dipole.sigmaElectron(E, mN, 1e-6)],
    ["darkboson coherent W", (E) => dark.sigmaCoherent(dm, E, tungsten)],
    ["darkboson incoherent W", (E) => dark.sigmaIncoherent(dm, E, tungsten)],
    ["darkboson nu e -> N e", (E) => dark.sigmaNuElectron(dm, E)],
  ];
  for (const [name, f] of xs) {
    rows.push({ key: `xsec:${name}`, label: `σ(E) at 28 energies: ${name} (m_N = ${mN} GeV)`, unit: "ms", values: times(reps, () => energies.forEach((E) => f(E))) });
  }
}

// 2. all signatures at 60 masses x 60 couplings (one core)
if (want("grid")) {
  const { DIPOLE_SIGNATURES, dipoleMassPoint, makeSetup } = nd.signatures;
  const setup = makeSetup("fasernu2-faser2");
  const masses = Array.from({ length: 60 }, (_, i) => 1e-3 * Math.pow(1e4, i / 59));
  const couplings = Array.from({ length: 60 }, (_, i) => 1e-9 * Math.pow(1e5, i / 59));
  const tTables: number[] = [], tEval: number[] = [], tAll: number[] = [];
  for (let r = 0; r < reps + 1; r++) {
    let a = 0, b = 0;
    for (const mass of masses) {
      const t0 = performance.now();
      const point = dipoleMassPoint(mass, "universal", setup);
      const t1 = performance.now();
      for (const mu of couplings) for (const s of DIPOLE_SIGNATURES) point.signatures[s].events(mu * mu);
      a += t1 - t0;
      b += performance.now() - t1;
    }
    if (r === 0) continue; // warm-up
    tTables.push(a / 1000); tEval.push(b / 1000); tAll.push((a + b) / 1000);
  }
  rows.push({ key: "grid60x60x5", label: `all ${DIPOLE_SIGNATURES.length} dipole signatures, 60 masses × 60 couplings (one core)`, unit: "s", values: tAll });
  rows.push({ key: "grid60x60x5:tables", label: "  of which production tables (60 masses)", unit: "s", values: tTables });
  rows.push({ key: "grid60x60x5:eval", label: `  of which ${60 * 60 * DIPOLE_SIGNATURES.length} rescaled evaluations`, unit: "s", values: tEval });
}

// 3. sampler throughput (in memory)
if (want("sampler")) {
  const { dipoleMassPoint, makeSetup, sampleDipole } = nd.signatures;
  const setup = makeSetup("fasernu2-faser2");
  const point = dipoleMassPoint(0.5, "universal", setup);
  const model = nd.dipole.dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
  const n = 300_000;
  const ms = times(reps, () => sampleDipole(nd.random.seededRandom(2), point, model, "vessel-photons", n));
  rows.push({ key: "sampler", label: "sampler (m_N = 0.5 GeV, vessel photons, in memory)", unit: "events/s", values: ms.map((t) => (n / t) * 1000), higherIsBetter: true });
}

// 3b. full events (lib/events): generation alone, and `nudump sample` into each format (incl.
// start-up, 2·10⁵ events); peak resident memory of a `nudump sample` run per format at 10⁵ and
// BENCH_MEMORY_N (default 10⁶) events — flat in --n means the writers stream.
if (want("events")) {
  const ev = nd.events;
  const setup = nd.signatures.makeSetup("fasernu2-faser2");
  const point = nd.signatures.dipoleMassPoint(0.5, "universal", setup);
  const model = nd.dipole.dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
  const n = 200_000;
  const gen = times(reps, () => {
    for (const r of ev.dipoleEventStream(point, model, "vessel-photons", { n, seed: 2 }).events()) void r;
  });
  rows.push({ key: "events:generate", label: "full events, generation only (vessel photons)", unit: "events/s", values: gen.map((t) => (n / t) * 1000), higherIsBetter: true });
  const fs = require("node:fs") as typeof import("node:fs");
  const dir = fs.mkdtempSync(join(require("node:os").tmpdir(), "nudump-bench-events-"));
  for (const f of ev.EVENT_FORMATS) {
    const file = join(dir, `ev.${f}`);
    const args = ["sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", String(n), "--seed", "1", "--out", file];
    const ms = times(reps, () => void execFileSync(process.execPath, [join(root, "bin", "nudump.js"), ...args]), 0);
    rows.push({ key: `events:write:${f}`, label: `nudump sample → ${f} (${n} events, incl. start-up)`, unit: "events/s", values: ms.map((t) => (n / t) * 1000), higherIsBetter: true });
  }
  const big = Number(process.env["BENCH_MEMORY_N"] ?? 1e6);
  for (const f of ev.EVENT_FORMATS) {
    for (const m of [100_000, big]) {
      const script = `require("./dist/cli/main").main(["sample","--signature","vessel-photons","--mN","0.5","--mu","5e-7","--n","${m}","--seed","1","--out","${join(dir, "m." + f)}"]).then(() => console.log(process.resourceUsage().maxRSS))`;
      const mb = Array.from({ length: reps }, () => Number(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()) / 1024);
      rows.push({ key: `events:memory:${f}:${m}`, label: `peak memory, nudump sample → ${f}, ${m.toExponential(0)} events`, unit: "MB", values: mb });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

// 4. one Fig. 1 panel as data (starting grid + refinement, both edges, all lines, bounds), 2 workers, no drawing
async function fig1Panel(): Promise<void> {
  // the figures façade (data + worker threads), which the main entry leaves out
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const f = require(join(__dirname, "..", "dist", "lib", "figures", "index.js")) as typeof import("../lib/figures");
  const opts = { panel: "universal" as const };
  const perMass = await nd.reach.refineMassGrid(f.fig1Masses(), (ms) => f.runMassTasks("fig1", [...ms], opts, 2), (r) => r.mass, f.fig1EdgeList, {});
  f.assembleFig1("universal", perMass);
}

// 5. the CLI: start-up plus one evaluation (needs the build in dist/), and the parts of a call
const cli = (args: string[]) => () => {
  execFileSync(process.execPath, [join(root, "bin", "nudump.js"), ...args], { stdio: ["ignore", "ignore", "inherit"] });
};
const EVENTS_ARGS = ["events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"];
/**
 * The work of one `nudump events` call after start-up, timed inside a fresh process (cold JIT,
 * as a real call): the CLI and the command's modules are loaded first, then main() is timed —
 * option parsing, the flux tables, the mass point's production tables and the output. The
 * start-up of a call is the full call's wall time minus this.
 */
function eventsComputeMs(): number {
  const script = [
    `const m = require(${JSON.stringify(join(root, "dist", "cli", "main.js"))});`,
    `import(${JSON.stringify(join(root, "dist", "cli", "events.js"))}).then(async () => {`,
    `  const w = process.stdout.write; process.stdout.write = () => true;`,
    `  const t0 = performance.now(); const code = await m.main(${JSON.stringify(EVENTS_ARGS)}); const dt = performance.now() - t0;`,
    `  process.stdout.write = w; if (code !== 0) process.exit(code); console.log(dt);`,
    `});`,
  ].join("\n");
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
}

/**
 * The grid of section 2 on 2 worker threads (raw worker_threads here: lib/figures' pool runs
 * only Fig. 1 tasks): each worker, warm, takes every other mass (the same per-mass work as
 * the one-core row), the time is the wall time until both are done; ms per run.
 */
async function gridTwoWorkers(): Promise<number[]> {
  const { Worker } = await import("node:worker_threads");
  const code = `
    const { parentPort } = require("node:worker_threads");
    const nd = require(${JSON.stringify(distIndex)});
    const { DIPOLE_SIGNATURES, dipoleMassPoint, makeSetup } = nd.signatures;
    const setup = makeSetup("fasernu2-faser2");
    const couplings = Array.from({ length: 60 }, (_, i) => 1e-9 * Math.pow(1e5, i / 59));
    parentPort.on("message", (masses) => {
      let s = 0;
      for (const mass of masses) {
        const point = dipoleMassPoint(mass, "universal", setup);
        for (const mu of couplings) for (const sig of DIPOLE_SIGNATURES) s += point.signatures[sig].events(mu * mu);
      }
      parentPort.postMessage(s);
    });`;
  const masses = Array.from({ length: 60 }, (_, i) => 1e-3 * Math.pow(1e4, i / 59));
  const halves = [masses.filter((_, i) => i % 2 === 0), masses.filter((_, i) => i % 2 === 1)];
  const ws = halves.map(() => new Worker(code, { eval: true }));
  const run = async (): Promise<void> => {
    await Promise.all(ws.map((w, i) => new Promise<void>((ok, fail) => {
      w.once("message", () => ok());
      w.once("error", fail);
      w.postMessage(halves[i]);
    })));
  };
  try {
    return await timesAsync(reps, run, 1);
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

async function main(): Promise<void> {
  if (want("grid")) {
    rows.push({ key: "grid60x60x5:2workers", label: `all ${nd.signatures.DIPOLE_SIGNATURES.length} dipole signatures, 60 masses × 60 couplings (2 worker threads, wall)`, unit: "s", values: (await gridTwoWorkers()).map((t) => t / 1000) });
  }
  if (want("fig1")) {
    rows.push({ key: "fig1-panel", label: "Fig. 1 panel, data only (universal, refined grid, 2 workers)", unit: "s", values: (await timesAsync(reps, fig1Panel, 1)).map((t) => t / 1000) });
  }
  if (want("cli")) cliRows();
  if (want("events")) {
    const { eventBenchRows } = await import("./bench-events.js");
    rows.push(...(await eventBenchRows(nd, reps)));
  }
  const loadAfter = loadavg();

  printTable(loadAfter);
}

/** The CLI rows: one call with start-up, its parts, and xsec. */
function cliRows(): void {
  rows.push({ key: "cli-events", label: "nudump events (start-up + one point), wall", unit: "ms", values: times(reps, cli(EVENTS_ARGS)) });
  rows.push({ key: "cli-events:compute", label: "  of which the command's work after start-up (parse, flux, tables, output)", unit: "ms", values: Array.from({ length: reps }, eventsComputeMs) });
  rows.push({ key: "cli-version", label: "nudump --version (the CLI's start-up alone), wall", unit: "ms", values: times(reps, cli(["--version"])) });
  rows.push({ key: "cli-node", label: "node -e 0 (Node's own start-up), wall", unit: "ms", values: times(reps, () => void execFileSync(process.execPath, ["-e", "0"])) });
  rows.push({ key: "cli-xsec", label: "nudump xsec (start-up + one σ), wall", unit: "ms", values: times(reps, cli(["xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "1", "--json"])) });
  rows.push({ key: "cli-xsec:units", label: "nudump xsec with quantities (--E 1TeV --mN 1000MeV: loads mathjs), wall", unit: "ms", values: times(reps, cli(["xsec", "--model", "dipole", "--process", "coherent", "--E", "1TeV", "--mN", "1000MeV", "--json"])) });
}

/** The table: median, min, max and the ratio to the baseline for every row; the load before and after. */
function printTable(loadAfter: number[]): void {
  const baseline: { rows?: Record<string, number> } = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, "utf8")) : {};
  const fmt = (x: number, unit: Row["unit"]) => (unit === "events/s" ? x.toExponential(2) : unit === "s" ? x.toFixed(2) : x.toFixed(unit === "ms" && x < 10 ? 2 : 0));
  const w = Math.max(...rows.map((r) => r.label.length));
  console.log(`nudump benchmark — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${reps} runs per row`);
  console.log(`load average (1/5/15 min): before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, after ${loadAfter.map((x) => x.toFixed(2)).join(" ")}`);
  const busy = Math.max(loadBefore[0]!, loadAfter[0]!);
  if (busy > LOAD_WARN) {
    console.log(`WARNING: the 1-minute load average reached ${busy.toFixed(2)} (> ${LOAD_WARN}): other work shares the ${cpus().length} cores and these timings are inflated; rerun on a quiet machine before comparing with the baseline`);
  }
  console.log(`${"row".padEnd(w)}  ${"median".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)}  unit      vs baseline`);
  for (const r of rows) {
    const med = median(r.values);
    const base = baseline.rows?.[r.key];
    let ratio = "(no baseline)";
    if (base !== undefined && base > 0 && med > 0) {
      const speedup = r.higherIsBetter ? med / base : base / med;
      ratio = speedup >= 1 ? `×${speedup.toFixed(2)} faster` : `×${(1 / speedup).toFixed(2)} slower`;
    }
    console.log(`${r.label.padEnd(w)}  ${fmt(med, r.unit).padStart(9)} ${fmt(Math.min(...r.values), r.unit).padStart(9)} ${fmt(Math.max(...r.values), r.unit).padStart(9)}  ${r.unit.padEnd(8)}  ${ratio}`);
  }
  if (argv.includes("--write-baseline")) {
    if (only !== undefined) throw new Error("--write-baseline needs every row (drop --only)");
    const out = {
      note: "Medians of `npm run bench` on the code before issue 15 (commit 7f4eb72), this 2-core machine; ratios in the bench are against these.",
      measured: new Date().toISOString(),
      node: process.version,
      load: { before: loadBefore, after: loadAfter },
      units: Object.fromEntries(rows.map((r) => [r.key, r.unit])),
      rows: Object.fromEntries(rows.map((r) => [r.key, median(r.values)])),
      min: Object.fromEntries(rows.map((r) => [r.key, Math.min(...r.values)])),
      max: Object.fromEntries(rows.map((r) => [r.key, Math.max(...r.values)])),
    };
    writeFileSync(baselineFile, JSON.stringify(out, null, 1) + "\n");
    console.log(`baseline written to ${baselineFile}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
