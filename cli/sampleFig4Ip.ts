/**
 * `nudump sample --model darkboson --production mixing|zd-decay --signature vessel-dileptons|electron-scattering`:
 * event streams of the Fig. 4 (heavy Z_D, ν_τ mixing) productions at the IP with N → ν_τ e⁺e⁻ in
 * the FASER 2 vessel (lib/events/fig4Ip.ts), named as `nudump events` names them:
 *
 *   --production mixing    N from D_s → τN, τ → NX (heavyZDMassPoint "mixing-vessel")
 *   --production zd-decay  N from Z_D → N N̄, Z_D from π⁰/η decays and bremsstrahlung ("zd-vessel")
 *
 * and with --signature electron-scattering N e → N e in FASERν2 (lib/events/fig4IpElectron.ts;
 * "mixing-elastic", "zd-elastic"; --no-angle-cuts drops the recoil-angle cuts). Model options as
 * cli/sampleFig4.ts (--mN, --mZD default 8 mN, --U2, g_D = 1, ε = 1e-3).
 *
 * --detector charm2 (with zd-decay and electron-scattering only): the CHARM-II line of Fig. 4 right,
 * N e → N e in CHARM-II with the Z_D from the 450 GeV SPS beam dump (lib/events/charm2Electron.ts,
 * heavyZDMassPoint "charm2", CHARM2_DEFAULTS, the shipped data/hadrons 450 GeV meson tables).
 */
import { charm2ZDElectronStream, heavyZDMixingElectronStream, heavyZDMixingVesselStream, heavyZDZDElectronStream, heavyZDZDVesselStream, type EventStream } from "../lib/events";
import { charm2HadronsDir } from "../lib/ip/charm2";
import { choice, UsageError, type Parsed, type Values } from "./options";
import { resolvedInputs } from "./setup";
import { fig4Model, fig4ModelFromArgs } from "./sampleFig4";

/** The `sample --detector` value of CHARM-II at the SPS (not a detector of the FASER registry, lib/detector: it has no neutrino flux tables). */
export const CHARM2 = "charm2";

/**
 * `--detector charm2` only with --model darkboson --production zd-decay --signature electron-scattering,
 * and without the FASER flux options (they do not apply to the SPS beam dump); else a UsageError.
 */
export function checkCharm2Sample(parsed: Parsed): void {
  const v: Values = parsed.v;
  if (v.detector !== CHARM2) return;
  if (!(v.model === "darkboson" && v.production === "zd-decay" && v.signature === "electron-scattering")) {
    throw new UsageError(`--detector charm2 samples only N e → N e with N from Z_D → N N̄ at the SPS: give --model darkboson --production zd-decay --signature electron-scattering (got --model ${String(v.model)} --production ${String(v.production)} --signature ${String(v.signature)})`);
  }
  for (const o of ["flux", "flux-dir", "flux-source", "normalisation", "preset", "no-angle-cuts"]) {
    if (parsed.given.has(o)) throw new UsageError(`--${o} does not apply with --detector charm2 (CHARM-II: 450 GeV SPS meson tables in data/hadrons, recoil window 3 < E_e < 24 GeV at any angle)`);
  }
}

/** CHARM-II N e → N e from Z_D → N N̄ at the SPS (lib/events/charm2Electron.ts; heavyZDMassPoint "charm2"), CHARM2_DEFAULTS. */
function charm2SampleStream(parsed: Parsed, meta0: Record<string, unknown>): { stream: EventStream; label: string; meta: Record<string, unknown> } {
  checkCharm2Sample(parsed);
  const model = fig4Model(parsed.v, "zd-decay");
  if (!(model.mZD > 2 * model.mN)) throw new UsageError(`--mZD = ${model.mZD} must exceed 2 × --mN = ${2 * model.mN} for Z_D → N N̄ (--production zd-decay)`);
  const hadronsDir = charm2HadronsDir();
  const meta = { ...meta0, detector: CHARM2, production: "zd-decay", hadrons_dir: hadronsDir };
  const stream = charm2ZDElectronStream(model, model.U2, { n: Number(meta0.n), seed: Number(meta0.seed), hadronsDir, meta });
  return { stream, label: "CHARM-II ZD -> N Nbar, N e -> N e", meta: stream.meta };
}

/** The Fig. 4 IP productions `sample` knows. */
export const FIG4_IP_PRODUCTIONS = ["mixing", "zd-decay"] as const;

/** The Fig. 4 IP stream of `sample` and its label and inputs. */
export function fig4IpSampleStream(parsed: Parsed, meta0: Record<string, unknown>): { stream: EventStream; label: string; meta: Record<string, unknown> } {
  const v = parsed.v;
  const production = choice(v, "production", FIG4_IP_PRODUCTIONS);
  const signature = choice(v, "signature", ["vessel-dileptons", "electron-scattering"] as const);
  // the per-event CSV layout needs a beam neutrino (lib/events/text.ts): refuse before writing a header
  if (meta0.format === "csv") throw new UsageError(`--production ${production} events have no beam neutrino for the CSV layout: give --out <file>.hepmc3|.parquet|.json or --format hepmc3|json`);
  if (v.detector === CHARM2) return charm2SampleStream(parsed, meta0);
  const { model, detector, setup } = fig4ModelFromArgs(v, production);
  if (production === "zd-decay" && !(model.mZD > 2 * model.mN)) throw new UsageError(`--mZD = ${model.mZD} must exceed 2 × --mN = ${2 * model.mN} for Z_D → N N̄ (--production zd-decay)`);
  const angleCuts = v["no-angle-cuts"] !== true;
  const meta = { ...meta0, detector, ...resolvedInputs(setup.resolved), production, ...(signature === "electron-scattering" ? { electron_angle_cuts: angleCuts } : {}) };
  const opts = { n: Number(meta0.n), seed: Number(meta0.seed), meta };
  if (signature === "electron-scattering") {
    if (production === "mixing") return { stream: heavyZDMixingElectronStream(model, setup, model.U2, { ...opts, angleCuts }), label: "mixing N e -> N e", meta };
    return { stream: heavyZDZDElectronStream(model, setup, model.U2, { ...opts, angleCuts }), label: "ZD -> N Nbar, N e -> N e", meta };
  }
  if (production === "mixing") return { stream: heavyZDMixingVesselStream(model, setup, model.U2, opts), label: "mixing N -> nu e+e-", meta };
  return { stream: heavyZDZDVesselStream(model, setup, model.U2, opts), label: "ZD -> N Nbar, N -> nu e+e-", meta };
}
