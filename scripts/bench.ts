/**
 * `npm run bench`: the timings issue 15 sets targets for. Every row is measured at least five
 * times and reports the median, min and max, and the ratio of its median to the committed
 * baseline (scripts/bench-baseline.json, the code before issue 15 on this machine) as
 * "×N faster" (or "×N slower"). Compute rows exclude drawing; the `nudump events` row
 * includes process start-up, and the rows below it split a call into Node's start-up, the
 * CLI's start-up and the command's work (scripts/bench-cli.ts; with and without NODE_EXTRA_CA_CERTS). The machine's load average is printed before and
 * after, with a warning above 1.5, since the machine is shared.
 *
 * The notebook rows (scripts/bench-notebooks.ts, need Jupyter and Chromium): the Fig. 1 notebook
 * executed headless, and `npm run main` as a whole ({@link MAIN_RUNS} runs, `--main-reps N`;
 * it rewrites figures/ and site/), each with the kernels' CPU split into start-up, tslab's
 * type check and the cells' compute. The Fig. 1 panel row is the computation that notebook
 * does per panel.
 *
 *   npm run bench                 print the table
 *   npm run bench -- --reps 7     more repetitions (default 5)
 *   npm run bench -- --only main --main-reps 5   `npm run main` only, 5 runs (default 3)
 *   npm run bench -- --only cli   only the rows whose key starts with "cli" (xsec, grid, sampler, events, fig1, cli, darkboson, notebook, main)
 *   npm run bench -- --write-baseline   also store the medians as the new baseline (only for a new reference code)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { MAIN_RUNS, mainBenchRows, notebookBenchRows } from "./bench-notebooks";

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
  readonly unit: "ms" | "s" | "events/s" | "MB" | "MB/s" | "B/event";
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

// 3a. the sampler written to a file: `nudump sample`'s path in-process (no start-up), writeSample
// (lib/events/parallel.ts: chunks generated and encoded on one thread per core — this one and
// pooled workers — written in order), into each format; the `:1` rows are the same with one
// thread (this one): the ratio is the thread scaling. One file per run. The workers stay in the
// pool between runs (warm, as in a notebook writing several samples); `:cold` starts new ones
// in every run (a `nudump sample` process). Then the floor: the generation alone (the same
// chunks, no encoding) and, per format, its bytes per event and the machine's write bandwidth
// (the same number of bytes from a buffer to a file in the same directory, 4 MiB writes as the
// writers make), whose ratio bounds any writer of that format: at most N events/s.
async function samplerFileRows(): Promise<void> {
  const fs = require("node:fs") as typeof import("node:fs");
  const ev = nd.events;
  // the in-memory sampler on 2 threads (this one + a pooled worker: lib/events/sampleColumns.ts), the same 3·10⁵ events as the row above
  const inputs = { mN: 0.5, mu: 5e-7, signature: "vessel-photons" as const };
  const m = 300_000;
  const mc = await timesAsync(reps, async () => void (await ev.sampleDipoleColumns(inputs, { n: m, seed: 2, workers: 2 })));
  rows.push({ key: "sampler:threads2", label: `sampler in memory on 2 threads (this one + a pooled worker; ${m} events, chunks of ${ev.SAMPLE_CHUNK})`, unit: "events/s", values: mc.map((t) => (m / t) * 1000), higherIsBetter: true });
  await ev.closeColumnPool();
  const source = ev.dipoleSampleSource(inputs);
  const n = 300_000;
  const rate = (ms: number[]) => ms.map((t) => (n / t) * 1000);
  const dir = fs.mkdtempSync(join(require("node:os").tmpdir(), "nudump-bench-sampler-"));
  const cores = require("node:os").availableParallelism() as number;
  const bytes: Record<string, number> = {};
  try {
    for (const f of ev.EVENT_FORMATS) {
      const file = join(dir, `s.${f}`);
      for (const workers of [cores, 1]) {
        const ms = await timesAsync(reps, async () => void (await ev.writeSample(source, f, file, { n, seed: 2, workers })));
        const key = workers === 1 ? `sampler:file:${f}:1` : `sampler:file:${f}`;
        const label = workers === 1 ? `  the same, 1 thread (this one)` : `sampler + write to a ${f} file (vessel photons, ${n} events, in-process, ${cores} threads: this one + ${cores - 1} pooled worker${cores > 2 ? "s" : ""})`;
        rows.push({ key, label, unit: "events/s", values: rate(ms), higherIsBetter: true });
      }
      bytes[f] = fs.statSync(file).size;
    }
    const cold = await timesAsync(reps, async () => {
      await ev.closeSamplePool();
      await ev.writeSample(source, "parquet", join(dir, "s.parquet"), { n, seed: 2, workers: cores });
    });
    rows.push({ key: "sampler:file:parquet:cold", label: `  parquet, ${cores} threads, new workers in every run (their cold start included)`, unit: "events/s", values: rate(cold), higherIsBetter: true });
    const plain = join(dir, "plain.parquet");
    const none = await timesAsync(reps, async () => void (await ev.writeSample(source, "parquet", plain, { n, seed: 2, workers: cores, compression: "none" })));
    rows.push({ key: "sampler:file:parquet-none", label: `  parquet uncompressed (--compression none), ${cores} threads`, unit: "events/s", values: rate(none), higherIsBetter: true });
    bytes["parquet-none"] = fs.statSync(plain).size;
    brotliFloorRow(inputs, fs.readFileSync(plain), n, cores);
    await samplerFloorRows(inputs, dir, n, bytes);
  } finally {
    await ev.closeSamplePool();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The floor that the default Parquet compression sets: the uncompressed file's bytes (its pages,
 * ~the same bytes the writer compresses) compressed as the writer does (brotli at its
 * BROTLI_QUALITY, in slices of the file's mean page size: one page per column per chunk), on one
 * thread; with every core compressing and nothing else done, at most cores × n / t events/s.
 */
function brotliFloorRow(inputs: Parameters<typeof nd.events.dipoleSampleFactory>[0], plain: Buffer, n: number, cores: number): void {
  const zlib = require("node:zlib") as typeof import("node:zlib");
  const ev = nd.events;
  const columns = ev.parquetSchema(ev.dipoleSampleFactory(inputs).weightNames).length;
  const page = Math.ceil(plain.length / (ev.chunkCount({ n, seed: 2, chunk: ev.SAMPLE_CHUNK }) * columns));
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: ev.BROTLI_QUALITY };
  const ms = times(reps, () => {
    for (let o = 0; o < plain.length; o += page) zlib.brotliCompressSync(plain.subarray(o, Math.min(plain.length, o + page)), { params: { ...params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Math.min(page, plain.length - o) } });
  });
  rows.push({ key: "sampler:ceiling:brotli", label: `  floor: brotli (quality ${nd.events.BROTLI_QUALITY}) of the ${(plain.length / 1e6).toFixed(0)} MB of pages alone, ${cores} cores: at most this for the default parquet`, unit: "events/s", values: ms.map((t) => ((cores * n) / t) * 1000), higherIsBetter: true });
}

/** The floor rows of section 3a: generation alone, and per format bytes per event, write bandwidth and the bound they set. */
async function samplerFloorRows(inputs: Parameters<typeof nd.events.dipoleSampleFactory>[0], dir: string, n: number, bytes: Record<string, number>): Promise<void> {
  const fs = require("node:fs") as typeof import("node:fs");
  const ev = nd.events;
  const factory = ev.dipoleSampleFactory(inputs);
  const plan = { n, seed: 2, chunk: ev.SAMPLE_CHUNK };
  const gen = times(reps, () => {
    for (let k = 0; k < ev.chunkCount(plan); k++) for (const r of ev.chunkEvents(factory, plan, k)) void r;
  });
  rows.push({ key: "sampler:generate", label: `  floor: the same ${n} full events generated, no encoding (1 thread)`, unit: "events/s", values: gen.map((t) => (n / t) * 1000), higherIsBetter: true });
  const block = Buffer.alloc(1 << 22, 0x2e);
  for (const f of Object.keys(bytes)) {
    const size = bytes[f]!;
    const ms = times(reps, () => {
      const fd = fs.openSync(join(dir, `s.${f}`), "w");
      for (let o = 0; o < size; o += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, size - o));
      fs.closeSync(fd);
    });
    rows.push({ key: `sampler:bytes:${f}`, label: `  floor: ${f} bytes per event (this sample)`, unit: "B/event", values: [size / n] });
    rows.push({ key: `sampler:disk:${f}`, label: `  floor: write bandwidth, ${(size / 1e6).toFixed(0)} MB from a buffer to a file beside it`, unit: "MB/s", values: ms.map((t) => size / 1e3 / t), higherIsBetter: true });
    rows.push({ key: `sampler:ceiling:${f}`, label: `  floor: at most this for any ${f} writer here (bandwidth / bytes per event)`, unit: "events/s", values: ms.map((t) => (n / t) * 1000), higherIsBetter: true });
  }
}

// 3b. full events (lib/events): generation alone here; `nudump sample` into each format, its
// peak memory (10⁵ and BENCH_MEMORY_N events, and the `nudump events` floor), the writers
// in-process and the Parquet writer alone are in scripts/bench-events.ts (run from main()).
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
}

// 4. one Fig. 1 panel as data (starting grid + refinement, both edges, all lines, bounds), 2 workers, no drawing
/** Where a panel's wall time went: the workers' task time (mean of the 2), their idle time, the refinement rounds. */
interface PanelSplit {
  busy: number;
  idle: number;
  /** CPU time of the whole process (this thread and the workers), ms: what the panel costs on a shared machine. */
  cpu: number;
  masses: number;
}
async function fig1Panel(split?: PanelSplit): Promise<void> {
  // the figures façade (data + worker threads), which the main entry leaves out
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const f = require(join(__dirname, "..", "dist", "lib", "figures", "index.js")) as typeof import("../lib/figures");
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let busy = 0, masses = 0;
  // as `nudump reach` and the notebooks compute a panel: masses asked for as soon as known (fig1OnWorkers)
  await f.fig1OnWorkers({ panel: "universal" }, 2, (t) => {
    busy += t.busyMs;
    masses++;
  });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (split) Object.assign(split, { busy: busy / 2, idle: wall - busy / 2, masses, cpu: (c.user + c.system) / 1000 });
}

// 5. the CLI: whole calls with start-up and the parts of one call (scripts/bench-cli.ts)

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
  if (want("sampler")) await samplerFileRows();
  if (want("grid")) {
    rows.push({ key: "grid60x60x5:2workers", label: `all ${nd.signatures.DIPOLE_SIGNATURES.length} dipole signatures, 60 masses × 60 couplings (2 worker threads, wall)`, unit: "s", values: (await gridTwoWorkers()).map((t) => t / 1000) });
  }
  if (want("fig1")) {
    const splits: PanelSplit[] = [];
    const values = await timesAsync(reps, async () => {
      const s = { busy: 0, idle: 0, masses: 0, cpu: 0 };
      await fig1Panel(s);
      splits.push(s);
    }, 1);
    const sp = splits.slice(1); // the warm-up run is not timed
    rows.push({ key: "fig1-panel", label: "Fig. 1 panel, data only (universal, refined grid, 2 workers)", unit: "s", values: values.map((t) => t / 1000) });
    rows.push({ key: "fig1-panel:busy", label: `  of which per-mass tasks (mean of the 2 workers; ${sp[0]!.masses} masses, each asked for as soon as known)`, unit: "s", values: sp.map((s) => s.busy / 1000) });
    rows.push({ key: "fig1-panel:idle", label: "  of which workers idle (waiting for masses, round trips, assembly)", unit: "s", values: sp.map((s) => s.idle / 1000) });
    rows.push({ key: "fig1-panel:cpu", label: "  CPU time of the panel, all threads (less sensitive to a shared machine than wall time)", unit: "s", values: sp.map((s) => s.cpu / 1000) });
  }
  if (want("cli")) {
    const { cliBenchRows } = await import("./bench-cli.js");
    rows.push(...cliBenchRows(root, reps));
  }
  if (want("events")) {
    const { eventBenchRows } = await import("./bench-events.js");
    rows.push(...(await eventBenchRows(nd, reps, root)));
  }
  if (want("darkboson")) {
    const { darkBosonBenchRows } = await import("./bench-darkboson.js");
    rows.push(...darkBosonBenchRows(root, reps));
  }
  if (want("notebook")) rows.push(...notebookBenchRows(reps));
  if (want("main")) rows.push(...mainBenchRows(argv.includes("--main-reps") ? Math.max(1, Number(argv[argv.indexOf("--main-reps") + 1]) || MAIN_RUNS) : MAIN_RUNS));
  const loadAfter = loadavg();

  printTable(loadAfter);
}

/** The table: median, min, max and the ratio to the baseline for every row; the load before and after. */
function printTable(loadAfter: number[]): void {
  const baseline: { rows?: Record<string, number> } = existsSync(baselineFile) ? JSON.parse(readFileSync(baselineFile, "utf8")) : {};
  const fmt = (x: number, unit: Row["unit"]) => (unit === "events/s" ? x.toExponential(2) : unit === "s" ? x.toFixed(2) : x.toFixed(unit === "ms" && x < 10 ? 2 : 0));
  const w = Math.max(...rows.map((r) => r.label.length));
  console.log(`nudump benchmark — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${reps} runs per row`);
  console.log(`load average (1/5/15 min): before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, after ${loadAfter.map((x) => x.toFixed(2)).join(" ")}`);
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  console.log(ca !== undefined ? `NODE_EXTRA_CA_CERTS=${ca}: Node parses that bundle at every start (~80 ms CPU here); the CLI rows are given with it and again without it (:no-extra-ca, see scripts/bench-cli.ts)` : "NODE_EXTRA_CA_CERTS not set");
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
