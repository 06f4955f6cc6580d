/**
 * `nudump events|spectrum --model darkboson …`: the dark-gauge-boson signatures of Fig. 3 of
 * arXiv:2011.04751 — e⁺e⁻ in the FASER 2 vessel from secondary (ν T → N T, N → νZ_D) and/or
 * primary (IP) Z_D — with the JSON breakdown by production mode, channel and flavour.
 * `--signature electron-scattering` is delegated to cli/darkbosonElectron.ts (Fig. 4: heavy Z_D,
 * ν_τ, --production mixing|zd-decay|upscattering). Fig. 3's ν_μ e → N e count (m_N > m_ZD) is
 * `electronScatteringEvents` in lib/models/darkBoson/fig3/chain.ts (and the 20-event line of fig3Lines).
 */
import type { Flavour } from "../lib/models/darkBoson";
import {
  darkBosonMassPoint,
  type DarkBosonParams,
  type NuNuReading,
  primaryDileptonEvents,
  secondaryDileptonEvents,
} from "../lib/models/darkBoson/fig3/chain";
import { secondaryDileptonSpectrum, summarise } from "../lib/models/darkBoson/fig3/spectrum";
import { logEdges } from "../lib/models/dipole/spectrum";
import type { Setup } from "../lib/engine/setup";
import { fb_inv } from "../lib/core/units";
import { choice, num, UsageError, type Parsed, type Values } from "./options";
import { fmt, table } from "./output";
import { resolvedInputs, setupFromArgs } from "./setup";
import { darkbosonElectronEvents } from "./darkbosonElectron";

const SIGNATURES = ["vessel-dileptons", "electron-scattering"] as const;
type Production = "secondary" | "primary" | "both";

export interface DarkParsed {
  v: Values;
  params: DarkBosonParams;
  mN: number;
  U2: number;
  production: Production;
  reading: NuNuReading;
  setup: Setup;
  inputs: Record<string, unknown>;
}

/** The vessel e⁺e⁻ options (events, spectrum and sample --model darkboson). */
export function parseDarkBoson(parsed: Parsed): DarkParsed {
  const v = parsed.v;
  const signature = choice(v, "signature", SIGNATURES);
  if (signature !== "vessel-dileptons") throw new UsageError(`--signature ${signature} is not handled here`);
  const production = choice(v, "production", ["secondary", "primary", "both"] as const, "both");
  if (parsed.given.has("gD") || parsed.given.has("eps")) throw new UsageError("--gD/--eps apply to --signature electron-scattering; vessel-dileptons takes --alphaD and --alphaEps2");
  const flavour = choice(v, "flavour", ["e", "mu", "tau"] as const, "mu") as Flavour;
  const reading = choice(v, "reading", ["errata", "literal"] as const, "errata");
  const params: DarkBosonParams = { mZD: num(v, "mZD", 0.03), alphaD: num(v, "alphaD", 0.25), alphaEps2: num(v, "alphaEps2", 2e-10), flavour };
  const mN = num(v, "mN");
  const U2 = num(v, "U2");
  if (!(U2 > 0 && U2 < 1)) throw new UsageError(`--U2 = ${U2} must be in (0, 1)`);
  for (const [k, x] of [["mZD", params.mZD], ["alphaD", params.alphaD], ["alphaEps2", params.alphaEps2]] as const) {
    if (!(x > 0)) throw new UsageError(`--${k} = ${x} must be > 0`);
  }
  if (!(mN > params.mZD)) {
    throw new UsageError(`--mN = ${mN} GeV must exceed --mZD = ${params.mZD} GeV for the vessel e⁺e⁻ chain N → ν Z_D, Z_D → e⁺e⁻`);
  }
  const { detector, setup } = setupFromArgs(v);
  const inputs: Record<string, unknown> = {
    model: "darkboson",
    signature,
    production,
    detector,
    ...resolvedInputs(setup.resolved),
    mN_GeV: mN,
    U2,
    mZD_GeV: params.mZD,
    alphaD: params.alphaD,
    alphaEps2: params.alphaEps2,
    flavour,
    nunu_reading: reading,
    luminosity_fb_inv: Number((setup.detector.luminosity / fb_inv).toPrecision(12)),
  };
  return { v, params, mN, U2, production, reading, setup, inputs };
}

/** `nudump events --model darkboson`: expected events, by production mode, channel, flavour and primary source. */
export function darkbosonEvents(parsed: Parsed): { json: unknown; text: string } {
  if (parsed.v.signature === "electron-scattering") return darkbosonElectronEvents(parsed);
  const p = parseDarkBoson(parsed);
  const wantSec = p.production !== "primary", wantPrim = p.production !== "secondary";
  const sec = wantSec ? secondaryDileptonEvents(darkBosonMassPoint(p.mN, p.setup, p.params), p.U2, { reading: p.reading }) : null;
  const prim = wantPrim ? primaryDileptonEvents(p.params, p.mN, p.U2, p.setup.detector, { reading: p.reading }) : null;
  const by_production = { ...(sec ? { secondary: sec.events } : {}), ...(prim ? { primary: prim.total } : {}) };
  const events = (sec?.events ?? 0) + (prim?.total ?? 0);
  const json = {
    events,
    by_production,
    ...(sec ? { by_channel: sec.byChannel, by_flavour: sec.byFlavour } : {}),
    ...(prim ? { by_source: prim.bySource, primary_mean_energy_GeV: prim.meanEnergy } : {}),
    inputs: p.inputs,
  };
  const rows: [string, string][] = [
    ["signature", `vessel e⁺e⁻ (E > 100 GeV) in ${p.inputs.detector} (${p.inputs.flux}, ${p.inputs.flux_source})`],
    ["model", `Z_D: mN = ${fmt(p.mN)} GeV, U2 = ${fmt(p.U2)}, mZD = ${fmt(p.params.mZD)} GeV, αD = ${fmt(p.params.alphaD)}, αε² = ${fmt(p.params.alphaEps2)}, ν_${p.params.flavour}`],
    ["events", fmt(events)],
    ...Object.entries(by_production).map(([k, x]) => [`  ${k}`, fmt(x)] as [string, string]),
    ...(sec ? Object.entries(sec.byChannel).map(([k, x]) => [`    channel ${k}`, fmt(x)] as [string, string]) : []),
    ...(sec ? Object.entries(sec.byFlavour).filter(([, x]) => x > 0).map(([k, x]) => [`    flavour ${k}`, fmt(x)] as [string, string]) : []),
    ...(prim ? Object.entries(prim.bySource).map(([k, x]) => [`    primary ${k}`, fmt(x)] as [string, string]) : []),
  ];
  return { json, text: table(rows) };
}

/** `nudump spectrum --model darkboson`: the E(e⁺e⁻) histogram per production mode (quadrature). */
export function darkbosonSpectrum(parsed: Parsed): { json: unknown; text: string } {
  if (parsed.v.signature === "electron-scattering") {
    throw new UsageError("--model darkboson spectrum supports --signature vessel-dileptons only");
  }
  const p = parseDarkBoson(parsed);
  const nb = num(p.v, "bins", 40);
  const emin = num(p.v, "emin", 100);
  const emax = num(p.v, "emax", 2e4);
  if (!(emin < emax)) throw new UsageError(`--emin = ${emin} GeV must be below --emax = ${emax} GeV`);
  const edges = logEdges(emin, emax, nb);
  Object.assign(p.inputs, { bins: nb, emin_GeV: emin, emax_GeV: emax });
  const sec =
    p.production !== "primary"
      ? secondaryDileptonSpectrum(darkBosonMassPoint(p.mN, p.setup, p.params), p.U2, edges, { reading: p.reading })
      : null;
  const primEv = p.production !== "secondary" ? primaryDileptonEvents(p.params, p.mN, p.U2, p.setup.detector, { reading: p.reading, edges }) : null;
  const prim = primEv ? summarise(edges, [...primEv.spectrum.total]) : null;
  const by_production = {
    ...(sec ? { secondary: { events: sec.events, total: sec.total, mean_GeV: sec.meanEnergy, mode_GeV: sec.modeEnergy } } : {}),
    ...(prim ? { primary: { events: prim.events, total: prim.total, mean_GeV: prim.meanEnergy, mode_GeV: prim.modeEnergy } } : {}),
  };
  const events = edges.slice(1).map((_, b) => (sec?.events[b] ?? 0) + (prim?.events[b] ?? 0));
  const json = { variable: "E(e+)+E(e-)", method: "quadrature", edges_GeV: edges, events, by_production, inputs: p.inputs };
  const rows: [string, string][] = [["E(e⁺e⁻) bin", `${sec ? "secondary" : ""}${sec && prim ? " | " : ""}${prim ? "primary" : ""}`]];
  for (let b = 0; b < nb; b++) {
    rows.push([`${fmt(edges[b]!)}–${fmt(edges[b + 1]!)} GeV`, [sec ? fmt(sec.events[b]!) : null, prim ? fmt(prim.events[b]!) : null].filter((x) => x !== null).join(" | ")]);
  }
  if (sec) rows.push(["secondary total / mean / mode", `${fmt(sec.total)} / ${fmt(sec.meanEnergy)} GeV / ${fmt(sec.modeEnergy)} GeV`]);
  if (prim) rows.push(["primary total / mean / mode", `${fmt(prim.total)} / ${fmt(prim.meanEnergy)} GeV / ${fmt(prim.modeEnergy)} GeV`]);
  return { json, text: table(rows) };
}
