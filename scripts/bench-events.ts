/**
 * Event-stream rows for `npm run bench` (scripts/bench.ts calls {@link eventBenchRows}): the
 * writers measured in-process, to a file, without process start-up (what `nudump sample`
 * spends per event once running), and the generation of the Fig. 4 streams. Each row is
 * `reps` timed runs after one warm-up; throughputs in events/s. Peak memory rows stay in
 * scripts/bench.ts (a child process per run; BENCH_MEMORY_N=1e7 for the 10⁷-event check).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The row shape of scripts/bench.ts. */
export interface EventBenchRow {
  readonly key: string;
  readonly label: string;
  readonly unit: "events/s";
  readonly values: number[];
  readonly higherIsBetter: true;
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

/** The event rows; `nd` is the compiled library (dist/lib/index.js). */
export async function eventBenchRows(nd: typeof import("../lib"), reps: number): Promise<EventBenchRow[]> {
  const rows: EventBenchRow[] = [];
  const ev = nd.events;
  const setup = nd.signatures.makeSetup("fasernu2-faser2");
  const point = nd.signatures.dipoleMassPoint(0.5, "universal", setup);
  const model = nd.dipole.dipoleModel({ mN: 0.5, mu: 5e-7, coupling: "universal" });
  const n = 200_000;
  const dir = mkdtempSync(join(tmpdir(), "nudump-bench-ev-"));
  try {
    for (const f of ev.EVENT_FORMATS) {
      const file = join(dir, `ev.${f}`);
      const ms = await timed(reps, async () => void (await ev.writeEvents(ev.dipoleEventStream(point, model, "vessel-photons", { n, seed: 2 }), f, file)));
      rows.push({ key: `events:inproc:${f}`, label: `full events → ${f} file, in-process (vessel photons, ${n} events, no start-up)`, unit: "events/s", values: ms.map((t) => (n / t) * 1000), higherIsBetter: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const template = nd.darkBoson.fig4Benchmark(0.2, 1e-4);
  const m = 50_000;
  for (const [key, make] of [
    ["upscattering", () => ev.heavyZDUpscatteringStream(template, setup, 1e-4, { n: m, seed: 2 })],
    ["inelastic", () => ev.heavyZDInelasticStream(template, setup, 1e-4, { n: m, seed: 2 })],
  ] as const) {
    const ms = await timed(reps, async () => {
      for (const r of make().events()) void r;
    });
    rows.push({ key: `events:generate:fig4-${key}`, label: `Fig. 4 ${key} events, generation only (m_N = 0.2 GeV, ${m} events, table included)`, unit: "events/s", values: ms.map((t) => (m / t) * 1000), higherIsBetter: true });
  }
  return rows;
}
