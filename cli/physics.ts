/**
 * `nudump xsec` and `nudump width`: cross sections and decay widths of both models.
 */
import { materials, m_e } from "../lib/constants";
import { thresholdEnergy, labDecayLength, properDecayLength } from "../lib/kinematics";
import * as dipole from "../lib/models/dipole";
import * as dark from "../lib/models/darkBoson";
import { DEFAULT_PRESET, PRESET_NAMES, presetByName, type Preset } from "../lib/presets";
import { cm2, m as metre } from "../lib/units";
import { choice, decayFlavoursFromArgs, fmt, num, optNum, pair, parse, table, UsageError, type OptionSpec } from "./args";

const common: OptionSpec = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  preset: { type: "string" },
};

/** The preset named by --preset (default paper, lib/presets.ts). */
function presetOf(v: Record<string, unknown>): Preset {
  return presetByName(choice(v, "preset", PRESET_NAMES, DEFAULT_PRESET));
}

const darkOptions: OptionSpec = {
  mZD: { type: "string" },
  gD: { type: "string" },
  eps: { type: "string" },
  alphaD: { type: "string" },
  alphaEps2: { type: "string" },
  U2: { type: "string" },
  flavour: { type: "string" },
};

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

export const XSEC_HELP = `nudump xsec — total cross section σ(E) of N production (or N e → N e)

  --model dipole|darkboson   --process ${PROCESSES.join("|")}
  --target W                 --E <GeV>  (neutrino energy; for electron-elastic the N energy)
  --mN <GeV>
  dipole:    --mu <GeV^-1>  (default 1e-6)
  darkboson: --mZD <GeV> and (--gD --eps | --alphaD --alphaEps2), --U2 <|U|^2> (default 0),
             --flavour e|mu|tau (default mu)
  --tmax <GeV^2>   keep |t| < tmax        --recoil <Tmin>,<Tmax>  target recoil window, GeV
  --screening      atomic screening (A.5) of the coherent form factor (default: the preset's, off)
  --preset paper|current   accepted for uniformity; σ depends on it only through screening (off in both)
  --json           JSON on stdout`;

/** `nudump xsec`: σ in cm² with the inputs echoed. */
export function xsec(argv: string[]): { json: unknown; text: string } {
  const v = parse(argv, {
    ...common,
    ...darkOptions,
    model: { type: "string" },
    process: { type: "string" },
    target: { type: "string" },
    E: { type: "string" },
    mN: { type: "string" },
    mu: { type: "string" },
    tmax: { type: "string" },
    recoil: { type: "string" },
    screening: { type: "boolean" },
  });
  if (v.help) return { json: { help: XSEC_HELP }, text: XSEC_HELP };
  const model = choice(v, "model", ["dipole", "darkboson"] as const);
  const proc = choice(v, "process", PROCESSES);
  const targetName = choice(v, "target", Object.keys(materials) as ("W")[], "W");
  const material = materials[targetName]!;
  const E = num(v, "E");
  const mN = num(v, "mN");
  if (!(E > 0)) throw new UsageError(`--E = ${E} must be > 0 GeV`);
  if (!(mN > 0)) throw new UsageError(`--mN = ${mN} must be > 0 GeV`);
  const tAbsMax = optNum(v, "tmax");
  if (tAbsMax !== undefined && !(tAbsMax > 0)) throw new UsageError(`--tmax = ${tAbsMax} must be > 0 GeV²`);
  const rec = pair(v, "recoil");
  if (rec && !(rec[0] >= 0)) throw new UsageError(`--recoil lower edge ${rec[0]} must be ≥ 0 GeV`);
  const preset = presetOf(v);
  const screening = v.screening === true || preset.screening;
  let sigma: number;
  let targetMass: number;
  const inputs: Record<string, unknown> = { preset: preset.name, model, process: proc, target: targetName, E_GeV: E, mN_GeV: mN };
  if (tAbsMax !== undefined) inputs.tAbsMax_GeV2 = tAbsMax;
  if (rec) inputs.recoil_GeV = rec;
  if (screening) inputs.screening = true;
  if (model === "dipole") {
    const mu = num(v, "mu", 1e-6);
    if (!(mu > 0)) throw new UsageError(`--mu = ${mu} must be > 0 GeV⁻¹`);
    inputs.mu_GeV_inv = mu;
    const opts = {
      ...(tAbsMax !== undefined ? { tAbsMax } : {}),
      ...(rec ? { recoilWindow: { Tmin: rec[0], Tmax: rec[1] } } : {}),
    };
    switch (proc) {
      case "coherent":
        targetMass = material.mass;
        sigma = dipole.sigmaCoherent(E, mN, mu, material, { ...opts, screening });
        break;
      case "incoherent":
        targetMass = dipole.nucleonMass("p");
        sigma = dipole.sigmaIncoherent(E, mN, mu, material, opts);
        break;
      case "proton":
      case "neutron":
        targetMass = dipole.nucleonMass(proc === "proton" ? "p" : "n");
        sigma = dipole.sigmaNucleon(E, mN, mu, proc === "proton" ? "p" : "n", opts);
        break;
      case "electron":
        targetMass = m_e;
        sigma = dipole.sigmaElectron(E, mN, mu, opts);
        break;
      case "electron-elastic":
        throw new UsageError("--process electron-elastic (N e → N e) exists only for --model darkboson");
    }
  } else {
    const dm = darkModelFromArgs(v, mN);
    Object.assign(inputs, { mZD_GeV: dm.mZD, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
    const opts = {
      screening,
      ...(tAbsMax !== undefined ? { tAbsMax } : {}),
      ...(rec ? { Tmin: rec[0], Tmax: rec[1] } : {}),
    };
    switch (proc) {
      case "coherent":
        targetMass = material.mass;
        sigma = dark.sigmaCoherent(dm, E, material, opts);
        break;
      case "incoherent":
        targetMass = dipole.nucleonMass("p");
        sigma = dark.sigmaIncoherent(dm, E, material, opts);
        break;
      case "proton":
      case "neutron":
        targetMass = dipole.nucleonMass(proc === "proton" ? "p" : "n");
        sigma = dark.sigmaNucleon(dm, E, proc === "proton" ? "p" : "n", opts);
        break;
      case "electron":
        targetMass = m_e;
        sigma = dark.sigmaNuElectron(dm, E, opts);
        break;
      case "electron-elastic":
        targetMass = m_e;
        if (!(E > mN)) throw new UsageError(`--E = ${E} GeV is the N energy for electron-elastic and must exceed mN = ${mN} GeV`);
        if (tAbsMax !== undefined) throw new UsageError("--tmax is not supported for electron-elastic; use --recoil");
        sigma = dark.sigmaNElectron(dm, E, rec ? { Tmin: rec[0], Tmax: rec[1] } : {});
        break;
    }
  }
  const out: Record<string, unknown> = { sigma_cm2: sigma / cm2, inputs };
  const note =
    proc !== "electron-elastic" && E <= thresholdEnergy(mN, targetMass)
      ? `below threshold: E_th = ${fmt(thresholdEnergy(mN, targetMass))} GeV for mN = ${mN} GeV on this target; σ = 0`
      : sigma === 0
        ? "the cuts leave no allowed momentum transfer; σ = 0"
        : undefined;
  if (note) out.note = note;
  const perNucleus = proc === "coherent" || proc === "incoherent" ? " per nucleus" : "";
  const text = table([
    ["process", `${model} ${proc} on ${proc === "electron" || proc === "electron-elastic" ? "e⁻" : targetName}`],
    ["E", `${fmt(E)} GeV`],
    ["mN", `${fmt(mN)} GeV`],
    ["sigma", `${fmt(sigma / cm2)} cm²${perNucleus}`],
    ...(note ? ([["note", note]] as [string, string][]) : []),
  ]);
  return { json: out, text };
}

export const WIDTH_HELP = `nudump width — decay widths, branching fractions and decay lengths

  --model dipole --mN <GeV> --mu <GeV^-1> [--coupling universal|tau] [--decay-flavours 1|2|3] [--E <GeV>]
             widths_GeV sum the open decay flavours: the preset's count (paper and current: 1, so
             Γ(N → νγ) = (B.1) and (3.2) holds), or --decay-flavours 3 (one μ_N per flavour, universal);
             widths_per_flavour_GeV gives one flavour's, i.e. (B.1) for N → νγ
  --preset paper|current   (default paper)
  --model darkboson --mN <GeV> --mZD <GeV> (--gD --eps | --alphaD --alphaEps2) --U2 <> [--flavour mu] [--E <GeV>]
  --particle ZD --mZD <GeV> (--gD --eps | --alphaD --alphaEps2) [--U2 <>] [--mN <GeV>] [--E <GeV>]
  --json   JSON on stdout`;

/** `nudump width`: widths of N (either model) or of Z_D. */
export function width(argv: string[]): { json: unknown; text: string } {
  const v = parse(argv, {
    ...common,
    ...darkOptions,
    model: { type: "string" },
    particle: { type: "string" },
    mN: { type: "string" },
    mu: { type: "string" },
    coupling: { type: "string" },
    "decay-flavours": { type: "string" },
    E: { type: "string" },
  });
  if (v.help) return { json: { help: WIDTH_HELP }, text: WIDTH_HELP };
  const particle = choice(v, "particle", ["N", "ZD"] as const, "N");
  const E = optNum(v, "E");
  let widths: Record<string, number>;
  let perFlavour: Record<string, number> | undefined;
  let mass: number;
  const inputs: Record<string, unknown> = { particle };
  if (particle === "ZD") {
    const mZD = num(v, "mZD");
    // Z_D widths do not depend on m_N except through Z_D → N N̄; default m_N far above m_ZD/2 (closed)
    const mN = num(v, "mN", 10 * mZD);
    const dm = darkModelFromArgs(v, mN);
    mass = dm.mZD;
    const w = dark.zdWidths(dm);
    widths = { "e e": w.ee, "mu mu": w.mumu, "tau tau": w.tautau, "nu nu": w.nunu, "N N": w.NN, "nu N": w.nuN };
    Object.assign(inputs, { mZD_GeV: dm.mZD, mN_GeV: dm.mN, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
  } else {
    const model = choice(v, "model", ["dipole", "darkboson"] as const);
    const mN = num(v, "mN");
    mass = mN;
    inputs.model = model;
    if (model === "dipole") {
      const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
      const preset = presetOf(v);
      const nf = decayFlavoursFromArgs(v) ?? preset.decayFlavours;
      const dm = dipole.dipoleModel({ mN, mu: num(v, "mu"), coupling, decayFlavours: nf });
      inputs.preset = preset.name;
      // one active flavour's widths, (B.1) and corrected (B.5): the model's widths are n_f times these
      perFlavour = {
        "nu gamma": dipole.widthNuGammaPerFlavour(mN, dm.mu),
        "nu e e": mN > 2 * dipole.leptonMass("e") ? dipole.widthNuLLPerFlavour(mN, dm.mu, "e") : 0,
        "nu mu mu": mN > 2 * dipole.leptonMass("mu") ? dipole.widthNuLLPerFlavour(mN, dm.mu, "mu") : 0,
      };
      widths = {
        "nu gamma": dipole.widthNuGamma(dm),
        "nu e e": mN > 2 * dipole.leptonMass("e") ? dipole.widthNuLL(dm, "e") : 0,
        "nu mu mu": mN > 2 * dipole.leptonMass("mu") ? dipole.widthNuLL(dm, "mu") : 0,
      };
      Object.assign(inputs, { mN_GeV: mN, mu_GeV_inv: dm.mu, coupling, decay_flavours: dipole.decayFlavourCount(dm) });
    } else {
      const dm = darkModelFromArgs(v, mN);
      const w = dark.nWidths(dm);
      widths = { "nu ZD": w.nuZD, "nu e e": w.nuee, "nu mu mu": w.numumu, "nu nu nu": w.nununu };
      Object.assign(inputs, { mN_GeV: mN, mZD_GeV: dm.mZD, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
    }
  }
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
    out.decay_length_m = labDecayLength(E, mass, total) / metre;
    inputs.E_GeV = E;
  }
  const rows: [string, string][] = Object.entries(widths).map(([k, w]) => [`Γ(${k})`, `${fmt(w)} GeV   BR ${fmt(branching[k]!)}`]);
  if (perFlavour) {
    rows.push(["open decay flavours", `${String(inputs.decay_flavours)} (each Γ(ν_α γ) = μ²m³/4π, (B.1): ${fmt(perFlavour["nu gamma"]!)} GeV)`]);
  }
  rows.push(["Γ total", `${fmt(total)} GeV`], ["cτ", `${fmt(ctau)} m`]);
  if (out.decay_length_m !== undefined) rows.push([`decay length at E = ${fmt(E!)} GeV`, `${fmt(out.decay_length_m as number)} m`]);
  return { json: out, text: table(rows) };
}
