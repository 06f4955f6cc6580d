/**
 * `npm run bench`: timings that the issues set targets for, printed as a table.
 *  1. σ(E) at the 28 flux energies for each (model, process) at one m_N;
 *  2. all signatures of the dipole portal at 60 masses × 60 couplings (tables once per mass,
 *     analytic μ_N rescaling);
 *  3. the sampler's events per second; full events (lib/events) per second, generated and
 *     written in each format, and the peak memory of `nudump sample` per format;
 *  4. nudump's start-up plus one `events` evaluation.
 * Wall-clock times on this machine; each measurement is the best of a few repetitions.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

// Measure the compiled library (dist/, what the CLI and the notebooks run), not the tsx
// on-the-fly transform, whose import getters slow inner loops by up to 2x.
const distIndex = join(__dirname, "..", "dist", "lib", "index.js");
if (!existsSync(distIndex)) {
  console.error("bench: dist/ is missing; run `npm run build` first");
  process.exit(1);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nd = require(distIndex) as typeof import("../lib");
const { tungsten } = nd.constants;
const dark = nd.darkBoson;
const dipole = nd.dipole;
const { seededRandom } = nd.random;
const { DIPOLE_SIGNATURES, dipoleMassPoint, makeSetup, sampleDipole } = nd.signatures;

function best(reps: number, f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

const rows: [string, string][] = [];
const energies = Array.from({ length: 28 }, (_, i) => 11.34 * Math.pow(10, 0.1 * i));

// 1. cross sections over the flux energies
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
  const ms = best(5, () => energies.forEach((E) => f(E)));
  rows.push([`σ(E) at 28 energies: ${name} (m_N = ${mN} GeV)`, `${ms.toFixed(2)} ms`]);
}

// 2. all signatures at 60 masses x 60 couplings
const setup = makeSetup("fasernu2-faser2");
const masses = Array.from({ length: 60 }, (_, i) => 1e-3 * Math.pow(1e4, i / 59));
const couplings = Array.from({ length: 60 }, (_, i) => 1e-9 * Math.pow(1e5, i / 59));
let tTables = 0, tEval = 0, evaluations = 0;
for (const mass of masses) {
  const t0 = performance.now();
  const point = dipoleMassPoint(mass, "universal", setup);
  const t1 = performance.now();
  for (const mu of couplings) for (const s of DIPOLE_SIGNATURES) {
    point.signatures[s].events(mu * mu);
    evaluations++;
  }
  tTables += t1 - t0;
  tEval += performance.now() - t1;
}
rows.push([`all ${DIPOLE_SIGNATURES.length} dipole signatures, 60 masses × 60 couplings (one core)`, `${((tTables + tEval) / 1000).toFixed(2)} s`]);
rows.push(["  of which production tables (60 masses)", `${(tTables / 1000).toFixed(2)} s`]);
rows.push([`  of which ${evaluations} rescaled evaluations`, `${(tEval / 1000).toFixed(3)} s`]);

// 3. sampler throughput
{
  const point = dipoleMassPoint(0.5, "universal", setup);
  const model = dipole.dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
  const n = 300_000;
  sampleDipole(seededRandom(1), point, model, "vessel-photons", 10_000); // warm-up
  const ms = best(3, () => sampleDipole(seededRandom(2), point, model, "vessel-photons", n));
  rows.push(["sampler (m_N = 0.5 GeV, vessel photons)", `${((n / ms) * 1000).toExponential(2)} events/s`]);
}

// 3b. full events (lib/events): generation alone, then each writer; peak memory of `nudump sample` per format
{
  const ev = nd.events;
  const point = dipoleMassPoint(0.5, "universal", setup);
  const model = dipole.dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
  const n = 200_000;
  const stream = ev.dipoleEventStream(point, model, "vessel-photons", { n, seed: 2 });
  const gen = best(2, () => {
    for (const r of stream.events()) void r;
  });
  rows.push(["full events, generation only (vessel photons)", `${((n / gen) * 1000).toExponential(2)} events/s`]);
  const dir = require("node:fs").mkdtempSync(require("node:os").tmpdir() + "/nudump-bench-events-");
  for (const f of ev.EVENT_FORMATS) {
    const file = `${dir}/ev.${f}`;
    const t0 = performance.now();
    execFileSync(process.execPath, ["bin/nudump.js", "sample", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--n", String(n), "--seed", "1", "--out", file]);
    const ms = performance.now() - t0;
    rows.push([`nudump sample → ${f} (${n} events, incl. start-up)`, `${((n / ms) * 1000).toExponential(2)} events/s, ${(require("node:fs").statSync(file).size / n).toFixed(0)} B/event`]);
  }
  // peak resident memory of a whole `nudump sample` run (maxRSS of the child), at two sizes:
  // flat in --n means streaming works. BENCH_MEMORY_N (default 1e6) sets the larger size.
  const big = Number(process.env.BENCH_MEMORY_N ?? 1e6);
  for (const f of ev.EVENT_FORMATS) {
    const rss = [100_000, big].map((m) => {
      const script = `require("./dist/cli/main").main(["sample","--signature","vessel-photons","--mN","0.5","--mu","5e-7","--n","${m}","--seed","1","--out","${dir}/m.${f}"]).then(() => console.log(process.resourceUsage().maxRSS))`;
      return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split("\n").pop()) / 1024;
    });
    rows.push([`peak memory, nudump sample → ${f}: 1e5 / ${big.toExponential(0)} events`, `${rss[0]!.toFixed(0)} MB / ${rss[1]!.toFixed(0)} MB`]);
  }
  require("node:fs").rmSync(dir, { recursive: true, force: true });
}

// 4. one full Fig. 1 panel through the CLI (worker threads, one per core)
{
  const out = require("node:os").tmpdir() + "/nudump-bench-fig1";
  const ms = best(1, () => {
    execFileSync(process.execPath, ["bin/nudump.js", "reach", "--figure", "1", "--panel", "universal", "--out", out]);
  });
  rows.push(["Fig. 1 panel (61 masses, 9 lines, bounds; nudump reach)", `${(ms / 1000).toFixed(2)} s`]);
}

// 5. CLI start-up + one evaluation (needs the build in dist/)
{
  const ms = best(3, () => {
    execFileSync(process.execPath, ["bin/nudump.js", "events", "--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7", "--json"]);
  });
  rows.push(["nudump events (start-up + one point)", `${ms.toFixed(0)} ms`]);
  const ms2 = best(3, () => {
    execFileSync(process.execPath, ["bin/nudump.js", "xsec", "--model", "dipole", "--process", "coherent", "--E", "1000", "--mN", "1", "--json"]);
  });
  rows.push(["nudump xsec (start-up + one σ)", `${ms2.toFixed(0)} ms`]);
}

const w = Math.max(...rows.map(([k]) => k.length));
console.log(`nudump benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${require("node:os").cpus().length} cores`);
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
