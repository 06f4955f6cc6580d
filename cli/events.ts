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
import { DARKBOSON_HELP, parseDarkBoson } from "./darkboson";
import { makeSetup, DEFAULT_FLUX, inputsJson } from "../lib/detector/setup";
import { FLUX_CONFIG_NAMES } from "../lib/flux";
import { fb_inv } from "../lib/core/units";
import { choice, decayFlavoursFromArgs, fmt, num, parse, SETUP_OPTION_HELP, SETUP_OPTION_SPEC, setupOptionsFromArgs, table, UsageError, type OptionSpec } from "./args";

export const EVENTS_HELP = `nudump events | spectrum | sample — signal events of the dipole portal

  --model dipole  --signature ${DIPOLE_SIGNATURES.join("|")}
  --detector fasernu2-faser2|fasernu-faser   (default fasernu2-faser2)
  --flux ${FLUX_CONFIG_NAMES.join("|")}   (default: the preset's for FASERν2, fasernu-run3 for FASERν)
${SETUP_OPTION_HELP}
  --mN <GeV> --mu <GeV^-1> [--coupling universal|tau] [--decay-flavours 1|2|3 (default the preset's, 1)] [--screening] [--no-angle-cuts]
  spectrum: [--bins <n>] [--emin <GeV>] [--emax <GeV>] [--n <events>] [--seed <s>] [--csv]
  sample:   --n <events> --seed <s> [--out events.hepmc3|.parquet|.csv|.json] [--format hepmc3|parquet|csv|json]
            [--force-decay vessel|tungsten|none (default: the signature's region)]   full final states (four-vectors, vertices in mm), streamed;
            the format follows --out's extension unless --format is given; without --out: CSV (or JSON with --json) on stdout
  sample --model darkboson --signature vessel-dileptons --production secondary|primary --mN <GeV> --U2 <U2> --n --seed [--out]:
            the Fig. 3 chain ν T → N T, N → ν Z_D, Z_D → e⁺e⁻, or Z_D from the IP → e⁺e⁻ (options as for events --model darkboson;
            primary: hepmc3, parquet or json)
  --json   JSON on stdout`;

const OPTIONS: OptionSpec = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  model: { type: "string" },
  signature: { type: "string" },
  detector: { type: "string" },
  ...SETUP_OPTION_SPEC,
  mN: { type: "string" },
  mu: { type: "string" },
  coupling: { type: "string" },
  screening: { type: "boolean" },
  "no-angle-cuts": { type: "boolean" },
  "decay-flavours": { type: "string" },
};

interface Parsed {
  v: Record<string, string | boolean | undefined>;
  model: DipoleModel;
  signature: DipoleSignature;
  point: DipoleMassPoint;
  inputs: Record<string, unknown>;
}

/** The model named by --model (default dipole), read before the model-specific parsing. */
export function modelOf(argv: string[]): string {
  const i = argv.indexOf("--model");
  return i >= 0 && i + 1 < argv.length ? argv[i + 1]! : "dipole";
}

function setupFrom(argv: string[], extra: OptionSpec): Parsed | null {
  const v = parse(argv, { ...OPTIONS, ...extra });
  if (v.help) return null;
  choice(v, "model", ["dipole"] as const, "dipole");
  const signature = choice(v, "signature", DIPOLE_SIGNATURES);
  const detector = choice(v, "detector", Object.keys(DEFAULT_FLUX) as ("fasernu2-faser2" | "fasernu-faser")[], "fasernu2-faser2");
  const so = setupOptionsFromArgs(v);
  const flux = v.flux === undefined ? undefined : choice(v, "flux", FLUX_CONFIG_NAMES);
  const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
  const nf = decayFlavoursFromArgs(v);
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
    ...inputsJson(setup.resolved),
    mN_GeV: model.mN,
    mu_GeV_inv: model.mu,
    coupling,
    luminosity_fb_inv: Number((setup.detector.luminosity / fb_inv).toPrecision(12)),
  };
  return { v, model, signature, point, inputs };
}

/** `nudump events`: expected events with the breakdown by channel and flavour. */
export function events(argv: string[]): { json: unknown; text: string } {
  const p = setupFrom(argv, {});
  if (!p) return { json: { help: EVENTS_HELP }, text: EVENTS_HELP };
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
export function spectrum(argv: string[]): { json: unknown; text: string } {
  const p = setupFrom(argv, {
    bins: { type: "string" },
    emin: { type: "string" },
    emax: { type: "string" },
    n: { type: "string" },
    seed: { type: "string" },
    csv: { type: "boolean" },
  });
  if (!p) return { json: { help: EVENTS_HELP }, text: EVENTS_HELP };
  const nb = num(p.v, "bins", 40);
  const isElectron = p.signature === "electron-scattering";
  const edges = logEdges(num(p.v, "emin", isElectron ? 0.3 : 100), num(p.v, "emax", isElectron ? 20 : 1e4), nb);
  let events: number[];
  let errors: number[] | undefined;
  let method: string;
  if (p.signature === "vessel-dileptons") {
    const n = num(p.v, "n", 200_000);
    const seed = num(p.v, "seed", 1);
    const ev = sampleDipole(seededRandom(seed), p.point, p.model, p.signature, n);
    const w = selectedWeights(ev, p.point, p.signature);
    events = new Array<number>(nb).fill(0);
    const w2 = new Array<number>(nb).fill(0);
    for (let i = 0; i < n; i++) {
      const x = ev.Evis1[i]! + ev.Evis2[i]!;
      if (w[i]! === 0 || x < edges[0]! || x >= edges[nb]!) continue;
      const b = Math.min(nb - 1, Math.floor((Math.log(x / edges[0]!) / Math.log(edges[nb]! / edges[0]!)) * nb));
      events[b]! += w[i]!;
      w2[b]! += w[i]! ** 2;
    }
    errors = w2.map(Math.sqrt);
    method = `Monte Carlo, ${n} events, seed ${seed}`;
  } else {
    events = dipolePhotonOrRecoilSpectrum(p.point, p.model.mu, p.signature, edges).events;
    method = "quadrature";
  }
  const variable = isElectron ? "E_e" : p.signature === "vessel-dileptons" ? "E(l+)+E(l-)" : "E_gamma";
  if (p.v.csv) {
    const lines = [`E_lo_GeV,E_hi_GeV,events${errors ? ",error" : ""}`];
    for (let b = 0; b < nb; b++) lines.push(`${edges[b]},${edges[b + 1]},${events[b]}${errors ? `,${errors[b]}` : ""}`);
    process.stdout.write(lines.join("\n") + "\n");
    return { json: null, text: "" };
  }
  const json = { variable, method, edges_GeV: edges, events, ...(errors ? { errors } : {}), total: events.reduce((a, b) => a + b, 0), inputs: p.inputs };
  const rows: [string, string][] = [["variable", `${variable} (${method})`]];
  for (let b = 0; b < nb; b++) rows.push([`${fmt(edges[b]!)}–${fmt(edges[b + 1]!)} GeV`, fmt(events[b]!)]);
  rows.push(["total", fmt(json.total)]);
  return { json, text: table(rows) };
}

const SAMPLE_OPTIONS: OptionSpec = {
  n: { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
  format: { type: "string" },
  "force-decay": { type: "string" },
};

/** The output format of `sample`: --format, else the --out extension, else CSV (JSON with --json) on stdout. */
function sampleFormat(v: Record<string, unknown>, out: string | undefined): EventFormat {
  const byExt = out !== undefined ? formatOfPath(out) : undefined;
  if (out !== undefined && byExt === undefined && v.format === undefined) {
    throw new UsageError(`--out = ${JSON.stringify(out)} must end in .hepmc3, .parquet, .csv or .json (or give --format)`);
  }
  const format = choice(v, "format", EVENT_FORMATS, byExt ?? (out === undefined && v.json ? "json" : "csv"));
  if (format === "parquet" && out === undefined) throw new UsageError("--format parquet needs --out <file.parquet>");
  return format;
}

/** Write a stream and summarise it (nothing to summarise when the events went to stdout). */
async function writeSample(stream: EventStream, format: EventFormat, out: string | undefined, label: string, meta: Record<string, unknown>): Promise<{ json: unknown; text: string }> {
  const s = await writeEvents(stream, format, out);
  if (out === undefined) return { json: null, text: "" };
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
async function sampleDarkBoson(argv: string[]): Promise<{ json: unknown; text: string }> {
  const p = parseDarkBoson(argv, SAMPLE_OPTIONS);
  if (!p) return { json: { help: DARKBOSON_HELP }, text: DARKBOSON_HELP };
  if (p.production === "both") {
    throw new UsageError("sample --model darkboson needs --production secondary (ν T → N T, N → ν Z_D, Z_D → e⁺e⁻) or primary (Z_D from the IP): one sample per production");
  }
  const n = num(p.v, "n");
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--n = ${n} must be a positive integer`);
  const seed = num(p.v, "seed");
  const out = typeof p.v.out === "string" ? p.v.out : undefined;
  const format = sampleFormat(p.v, out);
  const meta = { ...p.inputs, n, seed };
  if (p.production === "primary") {
    const stream = primaryZDStream(p.params, p.mN, p.U2, p.setup.detector, { n, seed, reading: p.reading, meta });
    return writeSample(stream, format, out, "primary e+e-", meta);
  }
  const point = darkBosonMassPoint(p.mN, p.setup, p.params);
  const stream = darkBosonSecondaryStream(point, p.U2, { n, seed, reading: p.reading, meta });
  return writeSample(stream, format, out, "secondary e+e-", meta);
}

/** `nudump sample`: Monte Carlo events with full final states, streamed as HepMC3, Parquet, CSV or JSON. */
export async function sample(argv: string[]): Promise<{ json: unknown; text: string }> {
  if (modelOf(argv) === "darkboson") return sampleDarkBoson(argv);
  const p = setupFrom(argv, SAMPLE_OPTIONS);
  if (!p) return { json: { help: EVENTS_HELP }, text: EVENTS_HELP };
  const n = num(p.v, "n");
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--n = ${n} must be a positive integer`);
  const seed = num(p.v, "seed");
  // default: decays forced into the signature's region (vessel, tungsten; none for electron scattering)
  const force = choice(p.v, "force-decay", ["vessel", "tungsten", "none"] as const, signatureSelection(p.signature).region);
  const out = typeof p.v.out === "string" ? p.v.out : undefined;
  const format = sampleFormat(p.v, out);
  const meta = { ...p.inputs, n, seed, force_decay: force };
  const stream = dipoleEventStream(p.point, p.model, p.signature, { n, seed, forceDecay: force, meta });
  return writeSample(stream, format, out, p.signature, meta);
}
