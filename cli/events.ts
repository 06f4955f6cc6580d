/**
 * `nudump events`, `nudump spectrum` and `nudump sample`: the signal engine from the command
 * line for the dipole portal.
 */
import { dipoleModel, type DipoleModel } from "../lib/models/dipole";
import { seededRandom } from "../lib/core/random";
import { DIPOLE_SIGNATURES, dipoleEvents, dipoleMassPoint, type DipoleMassPoint, type DipoleSignature } from "../lib/models/dipole/signatures";
import { sampleDipole, selectedWeights, signatureSelection } from "../lib/models/dipole/sampling";
import { dipolePhotonOrRecoilSpectrum, logEdges } from "../lib/models/dipole/spectrum";
import { darkBosonSecondaryStream, dipoleEventStream, primaryZDStream, EVENT_FORMATS, type EventFormat, type EventStream, formatOfPath, writeEvents } from "../lib/events";
import { darkBosonMassPoint } from "../lib/models/darkBoson/fig3/chain";
import { parseDarkBoson } from "./darkboson";
import { fig4SampleStream } from "./sampleFig4";
import { makeSetup, DEFAULT_FLUX } from "../lib/detector/setup";
import { FLUX_CONFIG_NAMES } from "../lib/flux";
import { fb_inv } from "../lib/core/units";
import { choice, decayFlavoursFromArgs, fmt, num, resolvedInputs, setupOptionsFromArgs, table, UsageError } from "./args";
import type { Parsed, Values } from "./options";
import { assertFinite, atomicPath, checkOutFile } from "./output";
import { checkNarrow } from "./physics";

/** Events per Monte Carlo block: memory stays bounded for any --n (≤ 1e9). */
const BLOCK = 100_000;

interface Setup {
  v: Values;
  model: DipoleModel;
  signature: DipoleSignature;
  point: DipoleMassPoint;
  inputs: Record<string, unknown>;
}

function setupFrom(parsed: Parsed): Setup {
  const v = parsed.v;
  const signature = choice(v, "signature", DIPOLE_SIGNATURES);
  const detector = choice(v, "detector", Object.keys(DEFAULT_FLUX) as ("fasernu2-faser2" | "fasernu-faser")[], "fasernu2-faser2");
  const so = setupOptionsFromArgs(v);
  const flux = v.flux === undefined ? undefined : choice(v, "flux", FLUX_CONFIG_NAMES);
  const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
  const nf = decayFlavoursFromArgs(v);
  checkNarrow(num(v, "mu"), num(v, "mN"));
  const setup = makeSetup(detector, {
    ...so,
    ...(flux !== undefined ? { flux } : {}),
    ...(v.screening === true ? { screening: true } : {}),
    electronAngleCuts: v["no-angle-cuts"] !== true,
    ...(nf !== undefined ? { decayFlavours: nf } : {}),
  });
  const model = dipoleModel({ mN: num(v, "mN"), mu: num(v, "mu"), coupling, decayFlavours: setup.resolved.decayFlavours });
  const point = dipoleMassPoint(model.mN, coupling, setup);
  const inputs = {
    model: "dipole",
    signature,
    detector,
    ...resolvedInputs(setup.resolved),
    mN_GeV: model.mN,
    mu_GeV_inv: model.mu,
    coupling,
    luminosity_fb_inv: Number((setup.detector.luminosity / fb_inv).toPrecision(12)),
  };
  return { v, model, signature, point, inputs };
}

/** `nudump events`: expected events with the breakdown by channel and flavour. */
export function events(parsed: Parsed): { json: unknown; text: string } {
  const p = setupFrom(parsed);
  const r = dipoleEvents(p.point, p.model.mu, p.signature);
  const json = { events: r.events, by_channel: r.byChannel, by_flavour: r.byFlavour, inputs: p.inputs };
  const rows: [string, string][] = [
    ["signature", `${p.signature} in ${p.inputs.detector} (${p.inputs.flux}, ${p.inputs.flux_source}, ${p.inputs.normalisation})`],
    ["preset", `${p.inputs.preset} (decay flavours ${p.inputs.decay_flavours})`],
    ["model", `dipole ${p.model.coupling}, mN = ${fmt(p.model.mN)} GeV, mu = ${fmt(p.model.mu)} GeV⁻¹`],
    ["events", fmt(r.events)],
    ...Object.entries(r.byChannel).map(([k, x]) => [`  channel ${k}`, fmt(x)] as [string, string]),
    ...Object.entries(r.byFlavour).map(([k, x]) => [`  flavour ${k}`, fmt(x)] as [string, string]),
  ];
  return { json, text: table(rows) };
}

/** `nudump spectrum`: visible-energy spectrum (quadrature for photons and electrons, sampler for dileptons). */
export function spectrum(parsed: Parsed): { json: unknown; text: string } {
  const { emin: e0, emax: e1 } = parsed.v;
  if (typeof e0 === "number" && typeof e1 === "number" && !(e0 < e1)) throw new UsageError(`--emin = ${e0} GeV must be below --emax = ${e1} GeV`);
  const p = setupFrom(parsed);
  const nb = num(p.v, "bins", 40);
  const isElectron = p.signature === "electron-scattering";
  const emin = num(p.v, "emin", isElectron ? 0.3 : 100);
  const emax = num(p.v, "emax", isElectron ? 20 : 1e4);
  if (!(emin < emax)) throw new UsageError(`--emin = ${emin} GeV must be below --emax = ${emax} GeV`);
  const edges = logEdges(emin, emax, nb);
  Object.assign(p.inputs, { bins: nb, emin_GeV: emin, emax_GeV: emax });
  let events: number[];
  let errors: number[] | undefined;
  let method: string;
  if (p.signature === "vessel-dileptons") {
    const n = num(p.v, "n", 200_000);
    const seed = num(p.v, "seed", 1);
    Object.assign(p.inputs, { n, seed });
    const rng = seededRandom(seed);
    events = new Array<number>(nb).fill(0);
    const w2 = new Array<number>(nb).fill(0);
    const lnRange = Math.log(edges[nb]! / edges[0]!);
    for (let done = 0; done < n; done += BLOCK) {
      const c = Math.min(BLOCK, n - done);
      const ev = sampleDipole(rng, p.point, p.model, p.signature, c);
      const w = selectedWeights(ev, p.point, p.signature);
      for (let i = 0; i < c; i++) {
        const x = ev.Evis1[i]! + ev.Evis2[i]!;
        const wi = (w[i]! * c) / n; // a block's weights sum to the full expectation
        if (wi === 0 || x < edges[0]! || x >= edges[nb]!) continue;
        const b = Math.min(nb - 1, Math.floor((Math.log(x / edges[0]!) / lnRange) * nb));
        events[b]! += wi;
        w2[b]! += wi ** 2;
      }
    }
    errors = w2.map(Math.sqrt);
    method = `Monte Carlo, ${n} events, seed ${seed}`;
  } else {
    events = dipolePhotonOrRecoilSpectrum(p.point, p.model.mu, p.signature, edges).events;
    method = "quadrature";
  }
  const variable = isElectron ? "E_e" : p.signature === "vessel-dileptons" ? "E(l+)+E(l-)" : "E_gamma";
  if (p.v.csv) {
    assertFinite([edges, events, errors ?? []]);
    const lines = [`E_lo_GeV,E_hi_GeV,events${errors ? ",error" : ""}`];
    for (let b = 0; b < nb; b++) lines.push(`${edges[b]},${edges[b + 1]},${events[b]}${errors ? `,${errors[b]}` : ""}`);
    process.stdout.write(lines.join("\n") + "\n");
    return { json: null, text: "" };
  }
  const json = { variable, method, edges_GeV: edges, events, ...(errors ? { errors } : {}), total_events: events.reduce((a, b) => a + b, 0), inputs: p.inputs };
  const rows: [string, string][] = [["variable", `${variable} (${method})`]];
  for (let b = 0; b < nb; b++) rows.push([`${fmt(edges[b]!)}–${fmt(edges[b + 1]!)} GeV`, fmt(events[b]!)]);
  rows.push(["total", fmt(json.total_events)]);
  return { json, text: table(rows) };
}

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

/**
 * Write a stream (to stdout, or atomically to --out: a temporary name in the target directory,
 * renamed when complete) and summarise it (nothing to summarise when the events went to stdout).
 */
async function writeSample(stream: EventStream, format: EventFormat, out: string | undefined, label: string, meta: Record<string, unknown>): Promise<{ json: unknown; text: string }> {
  if (out === undefined) {
    await writeEvents(stream, format);
    return { json: null, text: "" };
  }
  const s = await atomicPath(out, (tmp) => writeEvents(stream, format, tmp));
  const err = Math.sqrt(Math.max(0, s.weightSumSquares - (s.weightSum * s.weightSum) / s.events));
  return {
    json: { written: out, format, n: s.events, selected_events: s.weightSum, selected_events_error: err, weight_names: stream.weightNames, inputs: meta },
    text: table([
      ["written", `${out} (${format})`],
      ["events sampled", String(s.events)],
      [`expected ${label} events (selected weights)`, `${fmt(s.weightSum)} ± ${fmt(err)}`],
    ]),
  };
}

/** `nudump sample --model darkboson`: the Fig. 3 vessel e⁺e⁻, secondary chain or primary Z_D (--production secondary|primary). */
async function sampleDarkBoson(parsed: Parsed, out: string | undefined, format: EventFormat): Promise<{ json: unknown; text: string }> {
  if (parsed.v.production === "upscattering") {
    const f = fig4SampleStream(parsed, { n: num(parsed.v, "n"), seed: num(parsed.v, "seed"), format });
    return writeSample(f.stream, format, out, f.label, f.meta);
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
    return writeSample(stream, format, out, "primary e+e-", meta);
  }
  const point = darkBosonMassPoint(p.mN, p.setup, p.params);
  const stream = darkBosonSecondaryStream(point, p.U2, { n, seed, reading: p.reading, meta });
  return writeSample(stream, format, out, "secondary e+e-", meta);
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
  if (parsed.v.model === "darkboson") return sampleDarkBoson(parsed, out, format);
  const p = setupFrom(parsed);
  const n = num(p.v, "n");
  const seed = num(p.v, "seed");
  // default: decays forced into the signature's region (vessel, tungsten; none for electron scattering)
  const force = choice(p.v, "force-decay", ["vessel", "tungsten", "none"] as const, signatureSelection(p.signature).region);
  const meta = { ...p.inputs, n, seed, force_decay: force, format };
  const stream = dipoleEventStream(p.point, p.model, p.signature, { n, seed, forceDecay: force, meta });
  return writeSample(stream, format, out, p.signature, meta);
}
