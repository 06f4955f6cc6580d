/**
 * `nudump events` and `nudump spectrum` for the dipole portal: the signal engine from the
 * command line (`--model darkboson` is cli/darkboson.ts; `nudump sample` is cli/sample.ts).
 */
import { dipoleModel, type DipoleModel } from "../lib/models/dipole";
import { seededRandom } from "../lib/core/random";
import { WeightedHistogram } from "../lib/core/histogram";
import { DIPOLE_SIGNATURES, dipoleEvents, dipoleMassPoint, type DipoleMassPoint, type DipoleSignature } from "../lib/models/dipole/signatures";
import { sampleDipole, selectedWeights } from "../lib/models/dipole/sampling";
import { dipolePhotonOrRecoilSpectrum, logEdges } from "../lib/models/dipole/spectrum";
import { fb_inv } from "../lib/core/units";
import { checkNarrow, choice, num, UsageError, type Parsed, type Values } from "./options";
import { assertFinite, fmt, table } from "./output";
import { resolvedInputs, setupFromArgs } from "./setup";

/** Events per Monte Carlo block: memory stays bounded for any --n (≤ 1e9). */
const BLOCK = 100_000;

export interface DipoleArgs {
  v: Values;
  model: DipoleModel;
  signature: DipoleSignature;
  point: DipoleMassPoint;
  inputs: Record<string, unknown>;
}

/** The dipole signal options (events, spectrum, sample): model, setup, mass point and the inputs echoed. */
export function dipoleFromArgs(parsed: Parsed): DipoleArgs {
  const v = parsed.v;
  const signature = choice(v, "signature", DIPOLE_SIGNATURES);
  const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
  checkNarrow(num(v, "mu"), num(v, "mN"));
  const { detector, setup } = setupFromArgs(v, {
    ...(v.screening === true ? { screening: true } : {}),
    electronAngleCuts: v["no-angle-cuts"] !== true,
  });
  const model = dipoleModel({ mN: num(v, "mN"), mu: num(v, "mu"), coupling, decayFlavours: setup.resolved.decayFlavours });
  const point = dipoleMassPoint(model.mN, coupling, setup, { lazy: true });
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
  const p = dipoleFromArgs(parsed);
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
  const p = dipoleFromArgs(parsed);
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
    const hist = new WeightedHistogram(edges);
    for (let done = 0; done < n; done += BLOCK) {
      const c = Math.min(BLOCK, n - done);
      const ev = sampleDipole(rng, p.point, p.model, p.signature, c);
      const w = selectedWeights(ev, p.point, p.signature);
      for (let i = 0; i < c; i++) hist.fill(ev.Evis1[i]! + ev.Evis2[i]!, (w[i]! * c) / n); // a block's weights sum to the full expectation
    }
    ({ sum: events, error: errors } = hist.sums());
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

