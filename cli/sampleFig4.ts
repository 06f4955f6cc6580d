/**
 * `nudump sample --model darkboson --production upscattering`: event streams of the heavy-Z_D
 * scenario of Fig. 4 of arXiv:2011.04751 (lib/events/fig4.ts), named as `nudump events` names
 * them (cli/darkbosonElectron.ts):
 *
 *   --signature vessel-dileptons     ν_τ W → N W in the tungsten, N → ν_τ e⁺e⁻ in the FASER 2 vessel
 *   --signature electron-scattering  ν_τ e → N e in FASERν2 (recoil cuts; --no-angle-cuts drops the angle cuts)
 *
 * Model: --mN, --mZD (default 8 mN), --U2, g_D = 1 and ε = 1e-3 unless --alphaD/--alphaEps2,
 * flavour tau (the only choice).
 */
import { makeSetup } from "../lib/engine/setup";
import { heavyZDInelasticStream, heavyZDUpscatteringStream, type EventStream } from "../lib/events";
import { choice, num, UsageError, type Parsed, type Values } from "./options";
import { resolvedInputs, setupOptionsFromArgs } from "./setup";
import { darkModelFromArgs } from "./physics";
import type { DarkBosonModel } from "../lib/models/darkBoson";

/** The Fig. 4 model of `sample`: benchmark defaults m_ZD = 8 m_N, g_D = 1, ε = 1e-3, flavour tau (the only choice). */
export function fig4Model(v: Values, production: string): DarkBosonModel {
  const mN = num(v, "mN");
  const filled: Values = { ...v, flavour: v.flavour ?? "tau" };
  if (filled.mZD === undefined) filled.mZD = 8 * mN;
  if (v.alphaD === undefined && v.alphaEps2 === undefined) {
    filled.gD = 1;
    filled.eps = 1e-3;
  }
  const model = darkModelFromArgs(filled, mN);
  if (model.flavour !== "tau") throw new UsageError(`--flavour = ${JSON.stringify(model.flavour)}: --production ${production} (Fig. 4) needs ν_τ mixing (--flavour tau)`);
  if (!(model.mN < model.mZD)) throw new UsageError(`--mN = ${model.mN} must be below --mZD = ${model.mZD} (heavy Z_D scenario of Fig. 4)`);
  if (!(model.U2 > 0)) throw new UsageError(`--U2 = ${model.U2} must be > 0`);
  return model;
}

/** The Fig. 4 model of `sample` ({@link fig4Model}) and its FASERν2/FASER 2 setup. */
export function fig4ModelFromArgs(v: Values, production: string): { model: DarkBosonModel; detector: "fasernu2-faser2"; setup: ReturnType<typeof makeSetup> } {
  const model = fig4Model(v, production);
  const detector = choice(v, "detector", ["fasernu2-faser2"] as const, "fasernu2-faser2");
  return { model, detector, setup: makeSetup(detector, setupOptionsFromArgs(v)) };
}

/** The Fig. 4 stream of `sample` and its label and inputs. */
export function fig4SampleStream(parsed: Parsed, meta0: Record<string, unknown>): { stream: EventStream; label: string; meta: Record<string, unknown> } {
  const v = parsed.v;
  const signature = choice(v, "signature", ["vessel-dileptons", "electron-scattering"] as const);
  const { model, detector, setup } = fig4ModelFromArgs(v, "upscattering");
  const angleCuts = v["no-angle-cuts"] !== true;
  const meta = { ...meta0, detector, ...resolvedInputs(setup.resolved), production: "upscattering", ...(signature === "electron-scattering" ? { electron_angle_cuts: angleCuts } : {}) };
  const n = num(v, "n"), seed = num(v, "seed");
  if (signature === "electron-scattering") return { stream: heavyZDInelasticStream(model, setup, model.U2, { n, seed, angleCuts, meta }), label: "nu_tau e -> N e", meta };
  return { stream: heavyZDUpscatteringStream(model, setup, model.U2, { n, seed, meta }), label: "upscattering e+e-", meta };
}
