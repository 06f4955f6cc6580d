/**
 * `nudump events`, `nudump spectrum` and `nudump sample`: the signal engine from the command
 * line for the dipole portal.
 */
import { dipoleModel, type DipoleModel } from "../lib/models/dipole";
import { seededRandom } from "../lib/random";
import { DIPOLE_SIGNATURES, dipoleEvents, dipoleMassPoint, type DipoleMassPoint, type DipoleSignature } from "../lib/signatures/dipole";
import { sampleDipole, selectedWeights } from "../lib/signatures/dipoleSampling";
import { dipolePhotonOrRecoilSpectrum, logEdges } from "../lib/signatures/dipoleSpectrum";
import { eventsToCsv, eventsToJson } from "../lib/io";
import { makeSetup, DEFAULT_FLUX } from "../lib/signatures/setup";
import { FLUX_CONFIG_NAMES } from "../lib/flux";
import { fb_inv } from "../lib/units";
import { choice, fmt, num, table, UsageError } from "./args";
import type { Parsed, Values } from "./options";
import { assertFinite, atomicStream, checkOutFile } from "./output";
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
  const flux = choice(v, "flux", FLUX_CONFIG_NAMES, DEFAULT_FLUX[detector]!);
  const normalisation = choice(v, "normalisation", ["kling-nevay", "tp"] as const, "kling-nevay");
  const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
  const nf = v["decay-flavours"] === undefined ? undefined : num(v, "decay-flavours");
  checkNarrow(num(v, "mu"), num(v, "mN"));
  const model = dipoleModel({ mN: num(v, "mN"), mu: num(v, "mu"), coupling, ...(nf !== undefined ? { decayFlavours: nf } : {}) });
  const fluxDir = typeof v["flux-dir"] === "string" ? v["flux-dir"] : undefined;
  const setup = makeSetup(detector, {
    flux,
    normalisation,
    ...(fluxDir !== undefined ? { fluxDir } : {}),
    screening: v.screening === true,
    electronAngleCuts: v["no-angle-cuts"] !== true,
    ...(nf !== undefined ? { decayFlavours: nf } : {}),
  });
  const point = dipoleMassPoint(model.mN, coupling, setup);
  const inputs = {
    model: "dipole",
    signature,
    detector,
    flux,
    flux_source: fluxDir ?? "embedded default",
    normalisation,
    mN_GeV: model.mN,
    mu_GeV_inv: model.mu,
    coupling,
    decay_flavours: nf ?? (coupling === "universal" ? 3 : 1),
    luminosity_fb_inv: Number((setup.detector.luminosity / fb_inv).toPrecision(12)),
    screening: v.screening === true,
    electron_angle_cuts: v["no-angle-cuts"] !== true,
    preset: v.preset,
  };
  return { v, model, signature, point, inputs };
}

/** `nudump events`: expected events with the breakdown by channel and flavour. */
export function events(parsed: Parsed): { json: unknown; text: string } {
  const p = setupFrom(parsed);
  const r = dipoleEvents(p.point, p.model.mu, p.signature);
  const json = { events: r.events, by_channel: r.byChannel, by_flavour: r.byFlavour, inputs: p.inputs };
  const rows: [string, string][] = [
    ["signature", `${p.signature} in ${p.inputs.detector} (${p.inputs.flux}, ${p.inputs.flux_source})`],
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

/**
 * `nudump sample`: Monte Carlo events to CSV or JSON (one row per event), streamed in blocks of
 * 1e5 events from one seeded generator, to stdout or atomically to --out. (The output formats
 * are to be replaced by lib/events writers: plug them in where a block is written.)
 */
export function sample(parsed: Parsed): { json: unknown; text: string } {
  const out = typeof parsed.v.out === "string" ? parsed.v.out : undefined;
  const format = out === undefined ? (parsed.v.json ? "json" : "csv") : out.endsWith(".csv") ? "csv" : out.endsWith(".json") ? "json" : null;
  if (format === null) throw new UsageError(`--out = ${JSON.stringify(out)} must end in .csv or .json`);
  if (out !== undefined) checkOutFile("out", out);
  const p = setupFrom(parsed);
  const n = num(p.v, "n");
  const seed = num(p.v, "seed");
  const force = choice(p.v, "force-decay", ["vessel", "tungsten", "none"] as const, "none");
  const meta = { ...p.inputs, n, seed, force_decay: force, format };
  const sink = out === undefined ? { write: (s: string) => void process.stdout.write(s), commit: () => {}, abort: () => {} } : atomicStream(out);
  const rng = seededRandom(seed);
  let total = 0;
  try {
    if (format === "json") sink.write(`{"meta":${JSON.stringify(meta)},"events":[`);
    for (let done = 0; done < n; done += BLOCK) {
      const c = Math.min(BLOCK, n - done);
      const ev = sampleDipole(rng, p.point, p.model, p.signature, c, force);
      const scale = c / n; // a block's weights sum to the full expectation
      for (let i = 0; i < c; i++) ev.weight[i] = ev.weight[i]! * scale;
      const selected = selectedWeights(ev, p.point, p.signature);
      assertFinite(ev.weight, "weight");
      assertFinite(selected, "selected_weight");
      total += selected.reduce((a, b) => a + b, 0);
      if (format === "csv") {
        const csv = eventsToCsv(ev, selected);
        sink.write(done === 0 ? csv : csv.slice(csv.indexOf("\n") + 1));
      } else {
        const cols = (eventsToJson(ev, selected, {}) as { columns: Record<string, unknown[]> }).columns;
        const names = Object.keys(cols);
        const rows: string[] = [];
        for (let i = 0; i < c; i++) rows.push(JSON.stringify(Object.fromEntries(names.map((k) => [k, cols[k]![i]]))));
        sink.write((done === 0 ? "" : ",") + rows.join(","));
      }
    }
    if (format === "json") sink.write(`],"selected_events":${total}}\n`);
    sink.commit();
  } catch (e) {
    sink.abort();
    throw e;
  }
  if (out === undefined) return { json: null, text: "" };
  return {
    json: { written: out, n, seed, selected_events: total, inputs: meta },
    text: table([
      ["written", out],
      ["events sampled", String(n)],
      [`expected ${p.signature} events (selected weights)`, fmt(total)],
    ]),
  };
}
