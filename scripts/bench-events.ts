/**
 * Event-stream rows for `npm run bench` (scripts/bench.ts calls {@link eventBenchRows}):
 *
 * - `events:write:<format>`: `nudump sample` in a child process into each format (10⁵ events,
 *   incl. start-up, events/s); the same runs give `events:memory:<format>:100000`, the peak
 *   RSS of the call (VmHWM of /proc/self/status: getrusage's maxRSS would include the bench
 *   process it was forked from).
 * - `events:memory:floor`: peak RSS of `nudump events` at the same point (start-up, flux
 *   tables, the mass point's production tables): what no writer can go below.
 * - `events:memory:<format>:<N>` at N = BENCH_MEMORY_N (default 10⁶; 10⁷ for issue 12's
 *   target, ~20 min): flat against the 10⁵ row means the writer streams. Peak RSS of a
 *   seeded run varies by 1–3 MB between runs (the spread of the five 10⁵ runs shows it,
 *   against 30–100 MB of growth when a writer keeps data), so these rows, a minute per run
 *   on a quiet machine at 10⁶ and ten at 10⁷, take BENCH_MEMORY_REPS runs (default 1), not
 *   five: `npm run bench -- --only events` stays at ~4 minutes.
 * - `events:inproc:<format>`: the writers in-process to a file (generation included, no
 *   start-up); `events:writer:parquet[-none]`: the Parquet writer alone on replayed events
 *   (generation excluded), brotli (the default), gzip and uncompressed, each with its file's
 *   bytes per event (`…:bytes`): the compression choice as speed against size.
 * - `events:generate:fig4-*`: generation of the Fig. 4 streams.
 *
 * Each timed row is `reps` runs after one warm-up; throughputs in events/s.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EventRecord, EventStream } from "../lib/events";

/** The row shape of scripts/bench.ts. */
export interface EventBenchRow {
  readonly key: string;
  readonly label: string;
  readonly unit: "events/s" | "MB" | "B/event";
  readonly values: number[];
  readonly higherIsBetter?: true;
}

/** Timed runs of an async `f` (one untimed warm-up), ms each. */
async function timed(reps: number, f: () => Promise<void>): Promise<number[]> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

const POINT = ["--signature", "vessel-photons", "--mN", "0.5", "--mu", "5e-7"];

/** One CLI call in a fresh process: wall time (ms, incl. start-up) and its peak RSS (MB). */
function cliRun(root: string, args: readonly string[]): { ms: number; mb: number } {
  // VmHWM: the peak of this process image. getrusage's maxRSS (process.resourceUsage) keeps the
  // peak of the image before execve — the fork of this bench process, hundreds of MB by then.
  const peak = `(() => { try { return Number(/VmHWM:\\s+(\\d+) kB/.exec(require("fs").readFileSync("/proc/self/status", "utf8"))[1]); } catch { return process.resourceUsage().maxRSS; } })()`;
  const script = `require("./dist/cli/main").main(${JSON.stringify(args)}).then((c) => { if (c) process.exit(c); console.error("maxRSS " + ${peak}); })`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  const m = /maxRSS (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`bench: ${args.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
  return { ms, mb: Number(m[1]) / 1024 };
}

/** The child-process rows: `nudump sample` speed and peak memory per format, and the floor. */
function cliEventRows(root: string, reps: number, dir: string): EventBenchRow[] {
  const rows: EventBenchRow[] = [];
  const floor = Array.from({ length: reps }, () => cliRun(root, ["events", ...POINT, "--json"]).mb);
  rows.push({ key: "events:memory:floor", label: "peak memory, nudump events (start-up + flux + production tables: the floor)", unit: "MB", values: floor });
  const n = 100_000;
  const big = Number(process.env["BENCH_MEMORY_N"] ?? 1e6);
  const bigReps = Math.max(1, Number(process.env["BENCH_MEMORY_REPS"] ?? 1));
  const fmts = ["hepmc3", "parquet", "csv", "json"] as const;
  for (const f of fmts) {
    const runs = Array.from({ length: reps }, () => cliRun(root, ["sample", ...POINT, "--n", String(n), "--seed", "1", "--out", join(dir, `ev.${f}`)]));
    rows.push({ key: `events:write:${f}`, label: `nudump sample → ${f} (${n} events, incl. start-up)`, unit: "events/s", values: runs.map((r) => (n / r.ms) * 1000), higherIsBetter: true });
    rows.push({ key: `events:memory:${f}:${n}`, label: `  peak memory of those runs (${n.toExponential(0)} events)`, unit: "MB", values: runs.map((r) => r.mb) });
  }
  for (const f of fmts) {
    const mb = Array.from({ length: bigReps }, () => cliRun(root, ["sample", ...POINT, "--n", String(big), "--seed", "1", "--out", join(dir, `big.${f}`)]).mb);
    rows.push({ key: `events:memory:${f}:${big}`, label: `peak memory, nudump sample → ${f}, ${big.toExponential(0)} events (${bigReps} run${bigReps > 1 ? "s" : ""})`, unit: "MB", values: mb });
  }
  return rows;
}

/** A stream replaying `recs` (copies of generated events) cyclically as `n` events: a writer's cost without generation. */
function replay(source: EventStream, recs: readonly EventRecord[], n: number): EventStream {
  return {
    weightNames: source.weightNames,
    meta: source.meta,
    n,
    *events() {
      for (let i = 0; i < n; i++) {
        const r = recs[i % recs.length]!;
        r.index = i;
        yield r;
      }
    },
  };
}

/** Copies of the first k events of a stream. */
function keep(nd: typeof import("../lib"), s: EventStream, k: number): EventRecord[] {
  const out: EventRecord[] = [];
  for (const rec of s.events()) {
    const c = new nd.events.EventRecord(rec.weights.length);
    for (const key of ["pdg", "status", "px", "py", "pz", "E", "m", "prodVertex", "vx", "vy", "vz", "vt", "vIn", "weights"] as const) c[key].set(rec[key]);
    Object.assign(c, { index: rec.index, nParticles: rec.nParticles, nVertices: rec.nVertices, mode: rec.mode, channel: rec.channel });
    out.push(c);
    if (out.length === k) break;
  }
  return out;
}

/** The event rows; `nd` is the compiled library (dist/lib/index.js), `root` the repository. */
export async function eventBenchRows(nd: typeof import("../lib"), reps: number, root: string): Promise<EventBenchRow[]> {
  const ev = nd.events;
  const setup = nd.signatures.makeSetup("fasernu2-faser2");
  const point = nd.signatures.dipoleMassPoint(0.5, "universal", setup);
  const model = nd.dipole.dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
  const stream = (n: number) => ev.dipoleEventStream(point, model, "vessel-photons", { n, seed: 2 });
  const dir = mkdtempSync(join(tmpdir(), "nudump-bench-ev-"));
  const rows: EventBenchRow[] = [];
  try {
    rows.push(...cliEventRows(root, reps, dir));
    const n = 100_000;
    for (const f of ev.EVENT_FORMATS) {
      const file = join(dir, `ev.${f}`);
      const ms = await timed(reps, async () => void (await ev.writeEvents(stream(n), f, file)));
      rows.push({ key: `events:inproc:${f}`, label: `full events → ${f} file, in-process (vessel photons, ${n} events, no start-up)`, unit: "events/s", values: ms.map((t) => (n / t) * 1000), higherIsBetter: true });
    }
    // 2·10⁴ distinct events (> gzip's 32 kB window per column), replayed 10× each
    const recs = keep(nd, stream(20_000), 20_000);
    const m = 200_000;
    for (const compression of ["brotli", "gzip", "none"] as const) {
      const file = join(dir, `w-${compression}.parquet`);
      const ms = await timed(reps, async () => void (await ev.writeParquet(replay(stream(1), recs, m), file, { compression })));
      const key = compression === "brotli" ? "events:writer:parquet" : `events:writer:parquet-${compression}`;
      rows.push({ key, label: `Parquet writer alone (${compression}), replayed events → file (${m} events, generation excluded)`, unit: "events/s", values: ms.map((t) => (m / t) * 1000), higherIsBetter: true });
      rows.push({ key: `${key}:bytes`, label: `  its file, bytes per event`, unit: "B/event", values: [statSync(file).size / m] });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const template = nd.darkBoson.fig4Benchmark(0.2, 1e-4);
  const k = 50_000;
  for (const [key, make] of [
    ["upscattering", () => ev.heavyZDUpscatteringStream(template, setup, 1e-4, { n: k, seed: 2 })],
    ["inelastic", () => ev.heavyZDInelasticStream(template, setup, 1e-4, { n: k, seed: 2 })],
  ] as const) {
    const ms = await timed(reps, async () => {
      for (const r of make().events()) void r;
    });
    rows.push({ key: `events:generate:fig4-${key}`, label: `Fig. 4 ${key} events, generation only (m_N = 0.2 GeV, ${k} events, table included)`, unit: "events/s", values: ms.map((t) => (k / t) * 1000), higherIsBetter: true });
  }
  return rows;
}
