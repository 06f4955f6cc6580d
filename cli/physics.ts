/**
 * `nudump xsec` and `nudump width`: cross sections and decay widths of both models.
 */
import { materials, m_e, type Material } from "../lib/core/constants";
import { thresholdEnergy, labDecayLength, properDecayLength } from "../lib/core/kinematics";
import * as dipole from "../lib/models/dipole";
import * as dark from "../lib/models/darkBoson";
import { DEFAULT_PRESET, PRESET_NAMES, presetByName, type Preset } from "../lib/detector/presets";
import { cm2, m as metre } from "../lib/core/units";
import { checkNarrow, choice, decayFlavoursFromArgs, num, optNum, pair, UsageError, type Parsed, type Values } from "./options";
import { fmt, table } from "./output";

/** The preset named by --preset (default paper, lib/detector/presets.ts). */
function presetOf(v: Record<string, unknown>): Preset {
  return presetByName(choice(v, "preset", PRESET_NAMES, DEFAULT_PRESET));
}

/** Build a dark-boson model from --mZD and either (--gD, --eps) or (--alphaD, --alphaEps2). */
export function darkModelFromArgs(v: Record<string, unknown>, mN: number): dark.DarkBosonModel {
  const mZD = num(v, "mZD");
  const U2 = num(v, "U2", 0);
  const flavour = choice(v, "flavour", ["e", "mu", "tau"] as const, "mu");
  const hasG = v.gD !== undefined || v.eps !== undefined;
  const hasA = v.alphaD !== undefined || v.alphaEps2 !== undefined;
  if (hasG && hasA) throw new UsageError("give either --gD and --eps, or --alphaD and --alphaEps2, not both");
  if (hasA) return dark.fromAlphas({ mN, mZD, alphaD: num(v, "alphaD"), alphaEps2: num(v, "alphaEps2"), U2, flavour });
  return dark.darkBosonModel({ mN, mZD, gD: num(v, "gD"), eps: num(v, "eps"), U2, flavour });
}

const PROCESSES = ["coherent", "incoherent", "proton", "neutron", "electron", "electron-elastic"] as const;
type Process = (typeof PROCESSES)[number];

/** The options of one σ evaluation (ranges checked by cli/options.ts against cli/spec.ts). */
interface XsecInput {
  readonly v: Values;
  readonly proc: Process;
  readonly material: Material;
  readonly E: number;
  readonly mN: number;
  readonly tAbsMax: number | undefined;
  readonly recoil: [number, number] | undefined;
  readonly screening: boolean;
  /** Echoed under `inputs`; each model adds its parameters. */
  readonly inputs: Record<string, unknown>;
}

/** σ in GeV⁻² and the target mass (for the threshold note). */
interface Sigma {
  readonly sigma: number;
  readonly targetMass: number;
}

/** The dipole cross sections (lib/models/dipole: coherent (A.1), nucleon (A.6)–(A.9), electron (A.10) of arXiv:2011.04751), GeV⁻². */
function dipoleSigma(x: XsecInput): Sigma {
  const mu = num(x.v, "mu", 1e-6);
  checkNarrow(mu, x.mN);
  x.inputs.mu_GeV_inv = mu;
  const opts = {
    ...(x.tAbsMax !== undefined ? { tAbsMax: x.tAbsMax } : {}),
    ...(x.recoil ? { recoilWindow: { Tmin: x.recoil[0], Tmax: x.recoil[1] } } : {}),
  };
  const { E, mN } = x;
  switch (x.proc) {
    case "coherent":
      return { targetMass: x.material.mass, sigma: dipole.sigmaCoherent(E, mN, mu, x.material, { ...opts, screening: x.screening }) };
    case "incoherent":
      return { targetMass: dipole.nucleonMass("p"), sigma: dipole.sigmaIncoherent(E, mN, mu, x.material, opts) };
    case "proton":
    case "neutron": {
      const n = x.proc === "proton" ? "p" : "n";
      return { targetMass: dipole.nucleonMass(n), sigma: dipole.sigmaNucleon(E, mN, mu, n, opts) };
    }
    case "electron":
      return { targetMass: m_e, sigma: dipole.sigmaElectron(E, mN, mu, opts) };
    case "electron-elastic":
      throw new UsageError("--process electron-elastic (N e → N e) exists only for --model darkboson");
  }
}

/** The dark-boson cross sections (lib/models/darkBoson: (A.2), (A.9), (A.11), (A.12) of arXiv:2011.04751 with ERRATA E4, E6, E7), GeV⁻². */
function darkSigma(x: XsecInput): Sigma {
  const dm = darkModelFromArgs(x.v, x.mN);
  Object.assign(x.inputs, { mZD_GeV: dm.mZD, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
  const window = x.recoil ? { Tmin: x.recoil[0], Tmax: x.recoil[1] } : {};
  const opts = { screening: x.screening, ...(x.tAbsMax !== undefined ? { tAbsMax: x.tAbsMax } : {}), ...window };
  const { E } = x;
  switch (x.proc) {
    case "coherent":
      return { targetMass: x.material.mass, sigma: dark.sigmaCoherent(dm, E, x.material, opts) };
    case "incoherent":
      return { targetMass: dipole.nucleonMass("p"), sigma: dark.sigmaIncoherent(dm, E, x.material, opts) };
    case "proton":
    case "neutron": {
      const n = x.proc === "proton" ? "p" : "n";
      return { targetMass: dipole.nucleonMass(n), sigma: dark.sigmaNucleon(dm, E, n, opts) };
    }
    case "electron":
      return { targetMass: m_e, sigma: dark.sigmaNuElectron(dm, E, opts) };
    case "electron-elastic":
      if (!(E > x.mN)) throw new UsageError(`--E = ${E} GeV is the N energy for electron-elastic and must exceed mN = ${x.mN} GeV`);
      if (x.tAbsMax !== undefined) throw new UsageError("--tmax is not supported for electron-elastic; use --recoil");
      return { targetMass: m_e, sigma: dark.sigmaNElectron(dm, E, window) };
  }
}

/** Why σ is 0, if it is: below threshold, or no allowed momentum transfer left by the cuts. */
function zeroNote(x: XsecInput, s: Sigma): string | undefined {
  const Eth = thresholdEnergy(x.mN, s.targetMass);
  if (x.proc !== "electron-elastic" && x.E <= Eth) return `below threshold: E_th = ${fmt(Eth)} GeV for mN = ${x.mN} GeV on this target; σ = 0`;
  return s.sigma === 0 ? "the cuts leave no allowed momentum transfer; σ = 0" : undefined;
}

/** `nudump xsec`: σ in cm² with the inputs echoed. */
export function xsec(p: Parsed): { json: unknown; text: string } {
  const v = p.v;
  const model = choice(v, "model", ["dipole", "darkboson"] as const);
  const proc = choice(v, "process", PROCESSES);
  const targetName = choice(v, "target", Object.keys(materials) as "W"[], "W");
  const preset = presetOf(v);
  const E = num(v, "E");
  const mN = num(v, "mN");
  const tAbsMax = optNum(v, "tmax");
  const recoil = pair(v, "recoil");
  const screening = v.screening === true || preset.screening;
  const inputs: Record<string, unknown> = { preset: preset.name, model, process: proc, target: targetName, E_GeV: E, mN_GeV: mN };
  if (tAbsMax !== undefined) inputs.tmax_GeV2 = tAbsMax;
  if (recoil) inputs.recoil_GeV = recoil;
  if (proc === "coherent") inputs.screening = screening;
  const x: XsecInput = { v, proc, material: materials[targetName]!, E, mN, tAbsMax, recoil, screening, inputs };
  const s = model === "dipole" ? dipoleSigma(x) : darkSigma(x);
  const note = zeroNote(x, s);
  const out: Record<string, unknown> = { sigma_cm2: s.sigma / cm2, inputs, ...(note ? { note } : {}) };
  const perNucleus = proc === "coherent" || proc === "incoherent" ? " per nucleus" : "";
  const text = table([
    ["process", `${model} ${proc} on ${proc === "electron" || proc === "electron-elastic" ? "e⁻" : targetName}`],
    ["E", `${fmt(E)} GeV`],
    ["mN", `${fmt(mN)} GeV`],
    ["sigma", `${fmt(s.sigma / cm2)} cm²${perNucleus}`],
    ...(note ? ([["note", note]] as [string, string][]) : []),
  ]);
  return { json: out, text };
}

/** The partial widths (GeV) of the decaying particle, and for the dipole N one flavour's. */
interface Widths {
  readonly mass: number;
  readonly widths: Record<string, number>;
  readonly perFlavour?: Record<string, number>;
}

/** Z_D → ℓ⁺ℓ⁻ (B.7), νν̄ (B.8 in the ERRATA E10 reading), N N̄ and νN (lib/models/darkBoson/widths.ts), GeV. */
function zdWidthsOf(v: Values, inputs: Record<string, unknown>): Widths {
  if (v.model === "dipole") throw new UsageError("--particle ZD exists only in the dark-boson model (--model darkboson, or no --model)");
  const mZD = num(v, "mZD");
  // Z_D widths do not depend on m_N except through Z_D → N N̄; default m_N far above m_ZD/2 (closed)
  const dm = darkModelFromArgs(v, num(v, "mN", 10 * mZD));
  const w = dark.zdWidths(dm);
  Object.assign(inputs, { model: "darkboson", mZD_GeV: dm.mZD, mN_GeV: dm.mN, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
  return { mass: dm.mZD, widths: { ee: w.ee, mumu: w.mumu, tautau: w.tautau, nunu: w.nunu, NN: w.NN, nuN: w.nuN } };
}

/** The dipole N: N → νγ (B.1) and N → νℓℓ (B.5, corrected), for the model's decay flavours and for one, GeV. */
function dipoleNWidths(v: Values, mN: number, inputs: Record<string, unknown>): Widths {
  const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
  const preset = presetOf(v);
  const nf = decayFlavoursFromArgs(v) ?? preset.decayFlavours;
  checkNarrow(num(v, "mu"), mN);
  const dm = dipole.dipoleModel({ mN, mu: num(v, "mu"), coupling, decayFlavours: nf });
  inputs.preset = preset.name;
  const open = (l: "e" | "mu") => mN > 2 * dipole.leptonMass(l);
  // one active flavour's widths, (B.1) and corrected (B.5): the model's widths are n_f times these
  const perFlavour = {
    nu_gamma: dipole.widthNuGammaPerFlavour(mN, dm.mu),
    nu_ee: open("e") ? dipole.widthNuLLPerFlavour(mN, dm.mu, "e") : 0,
    nu_mumu: open("mu") ? dipole.widthNuLLPerFlavour(mN, dm.mu, "mu") : 0,
  };
  const widths = {
    nu_gamma: dipole.widthNuGamma(dm),
    nu_ee: open("e") ? dipole.widthNuLL(dm, "e") : 0,
    nu_mumu: open("mu") ? dipole.widthNuLL(dm, "mu") : 0,
  };
  Object.assign(inputs, { mN_GeV: mN, mu_GeV_inv: dm.mu, coupling, decay_flavours: dipole.decayFlavourCount(dm) });
  return { mass: mN, widths, perFlavour };
}

/** The dark-boson N: N → νZ_D ((B.6), ERRATA E9) and the three-body N → νℓℓ, ννν via Z_D (lib/models/darkBoson/threeBody.ts; (B.9) with ERRATA E11), GeV. */
function darkNWidths(v: Values, mN: number, inputs: Record<string, unknown>): Widths {
  const dm = darkModelFromArgs(v, mN);
  const w = dark.nWidths(dm);
  Object.assign(inputs, { mN_GeV: mN, mZD_GeV: dm.mZD, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
  return { mass: mN, widths: { nu_ZD: w.nuZD, nu_ee: w.nuee, nu_mumu: w.numumu, nu_nunu: w.nununu } };
}

/** `nudump width`: widths of N (either model) or of Z_D. */
export function width(p: Parsed): { json: unknown; text: string } {
  const v = p.v;
  const particle = choice(v, "particle", ["N", "ZD"] as const, "N");
  const E = optNum(v, "E");
  const inputs: Record<string, unknown> = { particle, preset: v.preset };
  let w: Widths;
  if (particle === "ZD") w = zdWidthsOf(v, inputs);
  else {
    const model = choice(v, "model", ["dipole", "darkboson"] as const);
    inputs.model = model;
    w = model === "dipole" ? dipoleNWidths(v, num(v, "mN"), inputs) : darkNWidths(v, num(v, "mN"), inputs);
  }
  const { mass, widths, perFlavour } = w;
  const total = Object.values(widths).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new UsageError("all decay channels are closed or have zero coupling (total width 0)");
  const branching = Object.fromEntries(Object.entries(widths).map(([k, w]) => [k, w / total]));
  const ctau = properDecayLength(total) / metre;
  const out: Record<string, unknown> = {
    widths_GeV: widths,
    ...(perFlavour ? { widths_per_flavour_GeV: perFlavour } : {}),
    total_GeV: total,
    branching,
    ctau_m: ctau,
    inputs,
  };
  if (E !== undefined) {
    if (!(E >= mass)) throw new UsageError(`--E = ${E} GeV must be ≥ the mass ${mass} GeV`);
    // from the total width (every open channel, N → νℓℓ included)
    out.decay_length_m = labDecayLength(E, mass, total) / metre;
    // the paper's rule of thumb (3.2): Γ(N → νγ) = (B.1) once, no other channel (1.24 m at E = 500 GeV, m_N = 1 GeV, μ_N = 1e-6 GeV⁻¹)
    if (perFlavour) out.decay_length_nu_gamma_m = labDecayLength(E, mass, perFlavour.nu_gamma!) / metre;
    inputs.E_GeV = E;
  }
  const rows: [string, string][] = Object.entries(widths).map(([k, w]) => [`Γ(${k})`, `${fmt(w)} GeV   BR ${fmt(branching[k]!)}`]);
  if (perFlavour) {
    rows.push(["open decay flavours", `${String(inputs.decay_flavours)} (each Γ(ν_α γ) = μ²m³/4π, (B.1): ${fmt(perFlavour.nu_gamma!)} GeV)`]);
  }
  rows.push(["Γ total", `${fmt(total)} GeV`], ["cτ", `${fmt(ctau)} m`]);
  if (out.decay_length_m !== undefined) rows.push([`decay length at E = ${fmt(E!)} GeV`, `${fmt(out.decay_length_m as number)} m`]);
  if (out.decay_length_nu_gamma_m !== undefined) rows.push([`  from Γ(N → νγ) = (B.1) alone, (3.2)`, `${fmt(out.decay_length_nu_gamma_m as number)} m`]);
  return { json: out, text: table(rows) };
}
