/**
 * `nudump events --model darkboson --signature electron-scattering --production mixing|zd-decay|upscattering`:
 * electron scattering in FASERν2 for the heavy-Z_D scenario of Fig. 4 of arXiv:2011.04751
 * (m_N < m_ZD, ν_τ mixing). cli/darkboson.ts parses argv and delegates here with the values.
 *
 *   mixing        N e → N e, N from D_s → τN and τ → NX at the IP (∝ U2, survival to FASERν2)
 *   zd-decay      N e → N e, N from Z_D → N N̄ (Z_D from π⁰/η decays and brem at 14 TeV)
 *   upscattering  ν_τ e → N e (the up-scattering on electrons itself; ∝ U2)
 *
 * Options read: --mN, --mZD (default 8 mN), --gD/--eps (default 1, 1e-3) or --alphaD/--alphaEps2,
 * --U2, --flavour (tau only), --detector (fasernu2-faser2), --flux, --flux-dir, --normalisation,
 * --no-angle-cuts. The vessel counterpart (N → νe⁺e⁻ in FASER 2) of the same production is
 * reported alongside.
 */
import { heavyZDMassPoint, type HeavyZDSignature } from "../lib/models/darkBoson/fig4/heavyZD";
import { choice, num, UsageError, type Parsed, type Values } from "./options";
import { fmt, table } from "./output";
import { darkModelFromArgs } from "./physics";
import { resolvedInputs, setupFromArgs } from "./setup";

export const PRODUCTIONS = ["mixing", "zd-decay", "upscattering"] as const;
export type ElectronProduction = (typeof PRODUCTIONS)[number];

/** Signature evaluated for the electron count and for the vessel counterpart, by production mode. */
const MAP: Readonly<Record<ElectronProduction, { readonly electron: HeavyZDSignature; readonly vessel: HeavyZDSignature }>> = {
  mixing: { electron: "mixing-elastic", vessel: "mixing-vessel" },
  "zd-decay": { electron: "zd-elastic", vessel: "zd-vessel" },
  upscattering: { electron: "inelastic", vessel: "upscattering" },
};

/** Expected electron-scattering events for the heavy-Z_D scenario (see the module comment). */
export function darkbosonElectronEvents(parsed: Parsed): { json: unknown; text: string } {
  const v = parsed.v;
  const production = choice(v, "production", PRODUCTIONS);
  const signature = choice(v, "signature", ["electron-scattering"] as const, "electron-scattering");
  const mN = num(v, "mN");
  const filled: Values = { ...v, flavour: v.flavour ?? "tau" };
  if (filled.mZD === undefined) filled.mZD = 8 * mN;
  const hasG = v.gD !== undefined || v.eps !== undefined;
  const hasA = v.alphaD !== undefined || v.alphaEps2 !== undefined;
  if (!hasG && !hasA) {
    filled.gD = 1;
    filled.eps = 1e-3;
  }
  const model = darkModelFromArgs(filled, mN);
  if (model.flavour !== "tau") throw new UsageError(`--flavour = ${JSON.stringify(model.flavour)}: electron scattering with --production needs ν_τ mixing (--flavour tau)`);
  if (!(model.mN < model.mZD)) throw new UsageError(`--mN = ${model.mN} must be below --mZD = ${model.mZD} (heavy Z_D scenario of Fig. 4)`);
  const angleCuts = v["no-angle-cuts"] !== true;
  const { detector, setup } = setupFromArgs(v, {}, ["fasernu2-faser2"]);
  const normalisation = setup.resolved.normalisation;
  const sig = MAP[production];
  const point = heavyZDMassPoint(model, setup, { signatures: [sig.electron, sig.vessel] });
  const events = point.events(sig.electron, model.U2, { angleCuts });
  const vessel = point.events(sig.vessel, model.U2);
  const inputs = {
    model: "darkboson",
    signature,
    production,
    detector,
    ...resolvedInputs(setup.resolved),
    electron_angle_cuts: angleCuts,
    mN_GeV: model.mN,
    mZD_GeV: model.mZD,
    gD: model.gD,
    eps: model.eps,
    U2: model.U2,
    flavour: model.flavour,
  };
  const json = {
    inputs,
    events,
    process: sig.electron === "inelastic" ? "nu_tau e -> N e" : "N e -> N e",
    vessel_counterpart: { signature: sig.vessel, events: vessel, cut: "E(e+)+E(e-) > 100 GeV in the FASER 2 vessel" },
    mixing_factor: point.mixingFactor,
    br_ZD_to_NN: point.brZDtoNN,
    width_N_GeV: point.widthLinearAtRef * (model.U2 / 1e-6) + point.widthCubicAtRef * (model.U2 / 1e-6) ** 3,
  };
  const text = table([
    ["signature", `electron-scattering (${json.process}), production ${production}`],
    ["model", `mN = ${fmt(model.mN)} GeV, mZD = ${fmt(model.mZD)} GeV, gD = ${fmt(model.gD)}, eps = ${fmt(model.eps)}, U2 = ${fmt(model.U2)} (tau)`],
    ["detector", `${detector}, flux ${setup.resolved.flux} (${normalisation}, preset ${setup.resolved.preset}), angle cuts ${angleCuts ? "on" : "off"}`],
    ["events", fmt(events)],
    [`vessel (${sig.vessel})`, fmt(vessel)],
  ]);
  return { json, text };
}
