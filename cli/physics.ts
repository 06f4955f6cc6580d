/**
 * `nudump xsec` and `nudump width`: cross sections and decay widths of both models.
 */
import { materials, m_e } from "../lib/core/constants";
import { thresholdEnergy, labDecayLength, properDecayLength } from "../lib/core/kinematics";
import * as dipole from "../lib/models/dipole";
import * as dark from "../lib/models/darkBoson";
import { DEFAULT_PRESET, PRESET_NAMES, presetByName, type Preset } from "../lib/detector/presets";
import { cm2, m as metre } from "../lib/core/units";
import { choice, decayFlavoursFromArgs, fmt, num, optNum, pair, table, UsageError } from "./args";
import type { Parsed } from "./options";

/** The preset named by --preset (default paper, lib/detector/presets.ts). */
function presetOf(v: Record<string, unknown>): Preset {
  return presetByName(choice(v, "preset", PRESET_NAMES, DEFAULT_PRESET));
}

/** μ_N m_N ≤ 1 keeps N narrow (Γ/m_N = (μ_N m_N)²/4π ≤ 8 %) and the effective dipole valid (cli/spec.ts). */
export function checkNarrow(mu: number, mN: number): void {
  if (!(mu * mN <= 1)) throw new UsageError(`--mu = ${mu} GeV⁻¹ with --mN = ${mN} GeV gives μ_N m_N = ${(mu * mN).toPrecision(3)} > 1 (allowed: μ_N m_N ≤ 1, a narrow N)`);
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

/** `nudump xsec`: σ in cm² with the inputs echoed. */
export function xsec(p: Parsed): { json: unknown; text: string } {
  const v = p.v;
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
  if (tAbsMax !== undefined) inputs.tmax_GeV2 = tAbsMax;
  if (rec) inputs.recoil_GeV = rec;
  if (proc === "coherent") inputs.screening = screening;
  if (model === "dipole") {
    const mu = num(v, "mu", 1e-6);
    if (!(mu > 0)) throw new UsageError(`--mu = ${mu} must be > 0 GeV⁻¹`);
    checkNarrow(mu, mN);
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

/** `nudump width`: widths of N (either model) or of Z_D. */
export function width(p: Parsed): { json: unknown; text: string } {
  const v = p.v;
  const particle = choice(v, "particle", ["N", "ZD"] as const, "N");
  const E = optNum(v, "E");
  let widths: Record<string, number>;
  let perFlavour: Record<string, number> | undefined;
  let mass: number;
  const inputs: Record<string, unknown> = { particle, preset: v.preset };
  if (particle === "ZD") {
    if (v.model === "dipole") throw new UsageError("--particle ZD exists only in the dark-boson model (--model darkboson, or no --model)");
    const mZD = num(v, "mZD");
    // Z_D widths do not depend on m_N except through Z_D → N N̄; default m_N far above m_ZD/2 (closed)
    const mN = num(v, "mN", 10 * mZD);
    const dm = darkModelFromArgs(v, mN);
    mass = dm.mZD;
    const w = dark.zdWidths(dm);
    widths = { ee: w.ee, mumu: w.mumu, tautau: w.tautau, nunu: w.nunu, NN: w.NN, nuN: w.nuN };
    Object.assign(inputs, { model: "darkboson", mZD_GeV: dm.mZD, mN_GeV: dm.mN, gD: dm.gD, eps: dm.eps, U2: dm.U2, flavour: dm.flavour });
  } else {
    const model = choice(v, "model", ["dipole", "darkboson"] as const);
    const mN = num(v, "mN");
    mass = mN;
    inputs.model = model;
    if (model === "dipole") {
      const coupling = choice(v, "coupling", ["universal", "tau"] as const, "universal");
      const preset = presetOf(v);
      const nf = decayFlavoursFromArgs(v) ?? preset.decayFlavours;
      checkNarrow(num(v, "mu"), mN);
      const dm = dipole.dipoleModel({ mN, mu: num(v, "mu"), coupling, decayFlavours: nf });
      inputs.preset = preset.name;
      // one active flavour's widths, (B.1) and corrected (B.5): the model's widths are n_f times these
      perFlavour = {
        nu_gamma: dipole.widthNuGammaPerFlavour(mN, dm.mu),
        nu_ee: mN > 2 * dipole.leptonMass("e") ? dipole.widthNuLLPerFlavour(mN, dm.mu, "e") : 0,
        nu_mumu: mN > 2 * dipole.leptonMass("mu") ? dipole.widthNuLLPerFlavour(mN, dm.mu, "mu") : 0,
      };
      widths = {
        nu_gamma: dipole.widthNuGamma(dm),
        nu_ee: mN > 2 * dipole.leptonMass("e") ? dipole.widthNuLL(dm, "e") : 0,
        nu_mumu: mN > 2 * dipole.leptonMass("mu") ? dipole.widthNuLL(dm, "mu") : 0,
      };
      Object.assign(inputs, { mN_GeV: mN, mu_GeV_inv: dm.mu, coupling, decay_flavours: dipole.decayFlavourCount(dm) });
    } else {
      const dm = darkModelFromArgs(v, mN);
      const w = dark.nWidths(dm);
      widths = { nu_ZD: w.nuZD, nu_ee: w.nuee, nu_mumu: w.numumu, nu_nunu: w.nununu };
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
