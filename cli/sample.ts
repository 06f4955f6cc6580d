/**
 * `nudump sample`: Monte Carlo events with full final states (four-vectors, vertices) of the
 * dipole portal or the Fig. 3 dark boson, streamed from one seeded generator as HepMC3,
 * Parquet, CSV or JSON (lib/events), to stdout or atomically to --out.
 */
import { signatureSelection } from "../lib/models/dipole/sampling";
import { darkBosonSecondaryStream, primaryZDStream, EVENT_FORMATS, type EventFormat, type EventStream, formatOfPath, PARQUET_COMPRESSIONS, type ParquetCompression, writeEvents, writeSample as writeChunkedSample } from "../lib/events";
import { darkBosonMassPoint } from "../lib/models/darkBoson/fig3/chain";
import { parseDarkBoson } from "./darkboson";
import { dipoleFromArgs } from "./events";
import { dipoleSampleSourceFromArgs } from "./sampleSource";
import { choice, num, UsageError, type Parsed, type Values } from "./options";
import type { WriteSummary } from "../lib/events";
import { fig4SampleStream } from "./sampleFig4";
import { checkCharm2Sample, fig4IpSampleStream } from "./sampleFig4Ip";
import { atomicPath, checkOutFile, fmt, progressBar, table } from "./output";

/** The output format of `sample`: --format, else the --out extension, else CSV (JSON with --json) on stdout. */
function sampleFormat(v: Values, out: string | undefined): EventFormat {
  const byExt = out !== undefined ? formatOfPath(out) : undefined;
  if (out !== undefined && byExt === undefined && v.format === undefined) {
    throw new UsageError(`--out = ${JSON.stringify(out)} must end in .hepmc3, .parquet, .csv or .json (or give --format)`);
  }
  const format = choice(v, "format", EVENT_FORMATS, byExt ?? (out === undefined && v.json ? "json" : "csv"));
  if (format === "parquet" && out === undefined) throw new UsageError("--format parquet needs --out <file.parquet>");
  return format;
}

/** --compression (Parquet pages), checked against the format: undefined (the writer's default, brotli) when not given. */
function sampleCompression(v: Values, format: EventFormat): ParquetCompression | undefined {
  if (v.compression === undefined) return undefined;
  if (format !== "parquet") throw new UsageError(`--compression applies to Parquet files only (this sample is ${format}): drop it or write --out <file.parquet>`);
  return choice(v, "compression", PARQUET_COMPRESSIONS, "brotli");
}

/**
 * Write a stream (to stdout, or atomically to --out: a temporary name in the target directory,
 * renamed when complete) and summarise it (nothing to summarise when the events went to stdout).
 */
async function writeSample(stream: EventStream, format: EventFormat, out: string | undefined, label: string, meta: Record<string, unknown>, compression?: ParquetCompression): Promise<{ json: unknown; text: string }> {
  if (out === undefined) {
    await writeEvents(stream, format);
    return { json: null, text: "" };
  }
  const s = await atomicPath(out, (tmp) => writeEvents(stream, format, tmp, compression));
  return summarise(s, stream.weightNames, format, out, label, meta);
}

/** The summary of a written sample (events, Σ selected weights ± √(Σw² − (Σw)²/n)). */
function summarise(s: WriteSummary, weightNames: readonly string[], format: EventFormat, out: string, label: string, meta: Record<string, unknown>, extra: Record<string, unknown> = {}): { json: unknown; text: string } {
  const err = Math.sqrt(Math.max(0, s.weightSumSquares - (s.weightSum * s.weightSum) / s.events));
  return {
    json: { written: out, format, n: s.events, selected_events: s.weightSum, selected_events_error: err, weight_names: weightNames, ...extra, inputs: meta },
    text: table([
      ["written", `${out} (${format})`],
      ["events sampled", String(s.events)],
      [`expected ${label} events (selected weights)`, `${fmt(s.weightSum)} ± ${fmt(err)}`],
    ]),
  };
}

/** `nudump sample --model darkboson`: the Fig. 3 vessel e⁺e⁻, secondary chain or primary Z_D (--production secondary|primary). */
async function sampleDarkBoson(parsed: Parsed, out: string | undefined, format: EventFormat, compression: ParquetCompression | undefined): Promise<{ json: unknown; text: string }> {
  if (parsed.v.production === "upscattering") {
    const f = fig4SampleStream(parsed, { n: num(parsed.v, "n"), seed: num(parsed.v, "seed"), format });
    return writeSample(f.stream, format, out, f.label, f.meta, compression);
  }
  if (parsed.v.production === "mixing" || parsed.v.production === "zd-decay") {
    const f = fig4IpSampleStream(parsed, { n: num(parsed.v, "n"), seed: num(parsed.v, "seed"), format });
    return writeSample(f.stream, format, out, f.label, f.meta, compression);
  }
  const p = parseDarkBoson(parsed);
  if (p.production === "both") {
    throw new UsageError("sample --model darkboson needs --production secondary (ν T → N T, N → ν Z_D, Z_D → e⁺e⁻) or primary (Z_D from the IP): one sample per production");
  }
  const n = num(p.v, "n");
  const seed = num(p.v, "seed");
  const meta = { ...p.inputs, n, seed, format };
  if (p.production === "primary") {
    const stream = primaryZDStream(p.params, p.mN, p.U2, p.setup.detector, { n, seed, reading: p.reading, meta });
    return writeSample(stream, format, out, "primary e+e-", meta, compression);
  }
  const point = darkBosonMassPoint(p.mN, p.setup, p.params);
  const stream = darkBosonSecondaryStream(point, p.U2, { n, seed, reading: p.reading, meta });
  return writeSample(stream, format, out, "secondary e+e-", meta, compression);
}

/**
 * `nudump sample`: Monte Carlo events with full final states (four-vectors, vertices), streamed
 * from one seeded generator as HepMC3, Parquet, CSV or JSON (lib/events), to stdout or
 * atomically to --out.
 */
export async function sample(parsed: Parsed): Promise<{ json: unknown; text: string }> {
  const out = typeof parsed.v.out === "string" ? parsed.v.out : undefined;
  const format = sampleFormat(parsed.v, out);
  if (out !== undefined) checkOutFile("out", out);
  const compression = sampleCompression(parsed.v, format);
  checkCharm2Sample(parsed);
  if (parsed.v.model === "darkboson") return sampleDarkBoson(parsed, out, format, compression);
  return sampleDipole(parsed, out, format, compression);
}

/** `nudump sample --model dipole`: chunks on worker threads (lib/events/parallel.ts), progress on stderr. */
async function sampleDipole(parsed: Parsed, out: string | undefined, format: EventFormat, compression: ParquetCompression | undefined): Promise<{ json: unknown; text: string }> {
  // the inputs are checked here, before any worker starts (each worker repeats this from the same values)
  const p = dipoleFromArgs(parsed);
  const n = num(p.v, "n");
  const seed = num(p.v, "seed");
  const workers = typeof p.v.workers === "number" ? p.v.workers : undefined;
  const source = dipoleSampleSourceFromArgs(parsed, format);
  const bar = progressBar(`sample (${p.signature})`, n);
  let shown = 0;
  const opts = { n, seed, ...(workers !== undefined ? { workers } : {}), ...(compression ? { compression } : {}), onProgress: (k: number) => (bar.tick(k - shown), (shown = k)) };
  if (out === undefined) {
    await writeChunkedSample(source, format, undefined, opts);
    bar.done();
    return { json: null, text: "" };
  }
  const s = await atomicPath(out, (tmp) => writeChunkedSample(source, format, tmp, opts));
  bar.done();
  const force = choice(p.v, "force-decay", ["vessel", "tungsten", "none"] as const, signatureSelection(p.signature).region);
  const meta = { ...p.inputs, n, seed, force_decay: force, format };
  return summarise(s, s.weightNames, format, out, p.signature, meta, { workers: s.workers });
}
