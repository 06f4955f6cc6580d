/**
 * The heavy-Z_D scenario of Fig. 4 of arXiv:2011.04751 (§4.3): m_N < m_ZD (benchmark m_ZD = 8 m_N,
 * g_D = 1, ε = 1e-3), N mixing with ν_τ (U2 = |U_τN|²). Production modes and signatures:
 *
 *  A. N from ν_τ mixing at the IP (D_s → τN, τ → N X; lib/ip/mixing.ts):
 *     A1. N → ν e⁺e⁻ in the FASER 2 vessel, E_vis > 100 GeV ("mixing-vessel");
 *     A2. N e → N e in FASERν2 with the SPEC §5 cuts ("mixing-elastic").
 *  B. ν_τ e → N e in FASERν2 (corrected (A.11), ERRATA E6) ("inelastic"); A2 + B is the
 *     paper's yellow electron-scattering line.
 *  C. Secondary production ν_τ W → N W (coherent + incoherent, corrected (A.2)) in the FASERν2
 *     tungsten, then N → ν e⁺e⁻ in the vessel ("upscattering").
 *  D. N from Z_D → N N̄, Z_D from π⁰/η decays and bremsstrahlung at the IP (lib/ip):
 *     D1. decays in the vessel ("zd-vessel"); D2. N e → N e in FASERν2 ("zd-elastic").
 *  E. CHARM-II: D2 at the SPS (lib/ip/charm2.ts) ("charm2").
 *
 * Coupling scaling. Production through the mixing (A, B, C) is ∝ U2; Z_D → N N̄ (D, E) does not
 * depend on U2. The N width is a U2 + b U2³: Z_D-mediated N → ν ℓℓ and the SM neutral-current
 * channels are ∝ U2, N → ν ν ν̄ via Z_D is ∝ g_D⁴ U2³ (ERRATA E10 reading) and overtakes N → ν e⁺e⁻
 * above U2 ≈ eε/g_D (≈ 3e-4 for the benchmark), which suppresses BR(ee) there. So every count
 * is a cheap function of U2 once the mass point (spectra, cross sections, tables at a reference
 * U2_ref = 1e-6) is built. Derivations: docs/derivations/fig4.md.
 */
import { type Detector, probVessel, transverseAcceptance } from "../../../detector/geometry";
import { momentum } from "../../../core/kinematics";
import { type DarkBosonModel, darkBosonModel, upscatteringFactorised, upscatteringKernel, zdWidths } from "..";
import { electronDensity, m_e, m_n, m_p } from "../../../core/constants";
import { type Charm2Parameters, CHARM2_DEFAULTS, charm2Electrons } from "../../../ip/charm2";
import { mixingFactor } from "../../../ip/mixing";
import type { PrimaryOptions } from "../../../ip/primary";
import type { FaceSpectrumOptions } from "./acceptance";
import { FACE_ENERGY_MIN, zdSpectra } from "./zdSpectra";
import { requireNonNegative, requireOneOf, requirePositive } from "../../../core/validate";
import { logInterpolant } from "../../../core/interpolation";
import { VESSEL_EVIS_MIN } from "../../../detector/cuts";
import { electronRecoilSelection, fasernu2ElectronCuts, fasernu2ElectronCutsNoAngle, type RecoilBox } from "../../../detector/electronCuts";
import { heavyZDNWidths, visibleFractionNuEE } from "./decays";
import { sigmaNElectronInBoxes } from "./electron";
import { type BinnedSpectrum, collapseByEnergy, type ProductionChannel, tabulateProduction } from "../../../engine/productionTable";

/** Reference mixing at which U2-proportional quantities are tabulated. */
export const U2_REF = 1e-6;

/** The signatures of the heavy-Z_D scenario (module comment). */
export const HEAVY_ZD_SIGNATURES = ["mixing-vessel", "mixing-elastic", "inelastic", "upscattering", "zd-vessel", "zd-elastic", "charm2"] as const;
export type HeavyZDSignature = (typeof HEAVY_ZD_SIGNATURES)[number];

/** Inputs of a heavy-Z_D mass point. */
export interface HeavyZDSetup {
  readonly detector: Detector;
  /** The six neutrino spectra through the FASERν2 face (makeSetup(...).flux). */
  readonly flux: readonly BinnedSpectrum[];
}

/** Options of {@link heavyZDMassPoint}. */
export interface HeavyZDOptions {
  /** E(e⁺) + E(e⁻) cut in the vessel, GeV (default 100). */
  readonly energyCut?: number;
  /** Include the SM neutral-current N decays through the mixing (default true). */
  readonly smDecays?: boolean;
  /** Fraction of the ν_τ flux from D_s directly (default ½, lib/ip/mixing.ts). */
  readonly dsFraction?: number;
  /**
   * Factor converting the mixing-N flux through the FASERν2 face (50 × 50 cm²) into the flux
   * entering the FASER 2 vessel acceptance (R = 1 m); default 1 (only the N crossing the face:
   * a conservative choice, the note §1 discusses it).
   */
  readonly mixingAreaFactor?: number;
  /** Which signatures to build (default all whose inputs are given). */
  readonly signatures?: readonly HeavyZDSignature[];
  /** Primary Z_D options for D (meson spectra at 14 TeV, meson quadrature, brem, sources). */
  readonly zdProduction?: Pick<PrimaryOptions, "mesonSpectra" | "mesonQuadrature" | "brem" | "sources">;
  /**
   * The N-direction integration for D and E (lib/models/darkBoson/fig4/acceptance.ts): polarisation
   * (default unpolarised), nodes, Z_D cells, and `faceEnergyMin`, the lowest N energy kept for
   * FASERν2 (default 10 GeV: lowering it to 3 GeV changes no count by more than 0.1%, note §3).
   * Vessel decays keep E_N > energyCut and CHARM-II E_N > E_e,min − m_e, both exact bounds.
   */
  readonly zdAcceptance?: Omit<FaceSpectrumOptions, "energyMin"> & { readonly faceEnergyMin?: number };
  /** CHARM-II: the directory holding 0.45TeV/Pythia (data/hadrons) and the parameters. */
  readonly charm2?: { readonly hadronsDir: string; readonly params?: Charm2Parameters; readonly production?: Pick<PrimaryOptions, "mesonQuadrature" | "sources"> };
}

/** A binned N spectrum (energies in GeV, counts for the exposure). */
export interface NEnergySpectrum {
  readonly energy: Float64Array;
  readonly count: Float64Array;
}

/** Everything about one mass point that does not depend on U2. Plain arrays plus the event functions. */
export interface HeavyZDMassPoint {
  readonly model: DarkBosonModel;
  /** The signatures built at this point; `events` throws for any other. */
  readonly signatures: readonly HeavyZDSignature[];
  /** Total width and e⁺e⁻ width at U2_ref (GeV), and the U2³ part (N → 3ν via Z_D). */
  readonly widthLinearAtRef: number;
  readonly widthCubicAtRef: number;
  readonly eeWidthAtRef: number;
  /** BR(Z_D → N N̄) (U2 → 0 limit). */
  readonly brZDtoNN: number;
  /** N per ν_τ at U2 = 1 (lib/ip/mixing.ts). */
  readonly mixingFactor: number;
  /** The N spectra entering each signature (U2 = 1 for mixing; as produced for Z_D decays). */
  readonly spectra: Partial<Record<"mixing" | "zdVessel" | "zdFace" | "zdCharm2", NEnergySpectrum>>;
  /** Events per U2 of ν_τ e → N e (no decay needed), with and without angle cuts; present when "inelastic" was built. */
  readonly inelasticPerU2?: { readonly angle: number; readonly noAngle: number };
  /** Up-scattering in the tungsten at U2_ref, collapsed on E_N bins (weight × transverse acceptance × E_vis fraction). */
  readonly upscattering?: { readonly EN: Float64Array; readonly weight: Float64Array };
  /** Events of each signature at U2 (angle cuts on or off for the FASERν2 electron signatures). */
  readonly events: (signature: HeavyZDSignature, U2: number, opts?: { readonly angleCuts?: boolean }) => number;
}

/** Lab decay length of N at U2 for energy E (GeV⁻¹): p/(m Γ(U2)), Γ = a U2/U2_ref + b (U2/U2_ref)³. */
function decayLength(mN: number, E: number, a: number, b: number, U2: number): number {
  const k = U2 / U2_REF;
  const G = a * k + b * k * k * k;
  return G > 0 ? momentum(E, mN) / (mN * G) : Infinity;
}

/** Production channels ν_τ W → N W of the dark boson model at U2_ref (coherent, p, n; corrected (A.2), ERRATA E4). */
export function heavyZDUpscatteringChannels(model: DarkBosonModel, det: Detector): ProductionChannel[] {
  const mat = det.target.material;
  // dSigmaDtCoherent and dSigmaDtNucleon without the per-call range check (the table keeps t physical),
  // factorised: the couplings c₁(t), c₂(t) once per |t| node of a whole panel (the same values)
  return [
    { name: "coherent", targetMass: mat.mass, perNucleus: 1, dsigmadt: upscatteringKernel(model, "coherent", mat), factorised: upscatteringFactorised(model, "coherent", mat) },
    { name: "proton", targetMass: m_p, perNucleus: mat.Z, dsigmadt: upscatteringKernel(model, "p", mat), factorised: upscatteringFactorised(model, "p", mat) },
    { name: "neutron", targetMass: m_n, perNucleus: mat.A - mat.Z, dsigmadt: upscatteringKernel(model, "n", mat), factorised: upscatteringFactorised(model, "n", mat) },
  ];
}

/**
 * Highest N energy of the visible-fraction interpolant, GeV: 30 TeV, above the 14 TeV beam
 * energy, so every N of the flux is inside it (above it the exact fraction is evaluated).
 */
const VISIBLE_FRACTION_EMAX = 3e4;
/** N energies kept above m_N by this factor (p_N > 1.4 % of m_N): at threshold p/(mΓ) and the fractions vanish. Exported, with FACE_ENERGY_MIN, for the IP samplers (samplingIp.ts). */
export const ABOVE_THRESHOLD = 1.0001;

/** The N width split by its U2 dependence, at U2_ref (GeV), and the visible fraction of N → νe⁺e⁻ per E_N. */
interface HeavyZDDecay {
  readonly widthLinearAtRef: number;
  readonly widthCubicAtRef: number;
  readonly eeWidthAtRef: number;
  /** BR(N → νe⁺e⁻) at U2. */
  readonly brEE: (U2: number) => number;
  /** Fraction of N → νe⁺e⁻ decays with E(e⁺) + E(e⁻) > the cut, per E_N (0 at and below the cut). */
  readonly fVis: (E: number) => number;
}

/** Widths (eq. (B.6)–(B.8) with the Z_D propagator, ERRATA E10–E11; lib/models/darkBoson/fig4/decays.ts) and the visible fraction above Ecut (GeV). */
function heavyZDDecay(model: DarkBosonModel, Ecut: number, smDecays: boolean): HeavyZDDecay {
  const w = heavyZDNWidths(model, { sm: smDecays });
  const widthCubicAtRef = w.zdNununu;
  const widthLinearAtRef = w.total - w.zdNununu;
  const eeWidthAtRef = w.visibleEE;
  const brEE = (U2: number) => {
    const k = U2 / U2_REF;
    return (eeWidthAtRef * k) / (widthLinearAtRef * k + widthCubicAtRef * k * k * k);
  };
  const Elo = Math.max(Ecut, model.mN) * ABOVE_THRESHOLD;
  const exact = (E: number) => visibleFractionNuEE(model, E, Ecut);
  const fvis = Ecut > 0 ? (Elo < VISIBLE_FRACTION_EMAX ? logInterpolant(exact, Elo, VISIBLE_FRACTION_EMAX) : exact) : () => 1;
  return { widthLinearAtRef, widthCubicAtRef, eeWidthAtRef, brEE, fVis: (E) => (E <= Ecut ? 0 : fvis(E)) };
}

/** Indices of the ν_τ and ν̄_τ spectra of the flux; RangeError if there are none. */
function tauSpectra(flux: readonly BinnedSpectrum[]): number[] {
  const tauIdx = flux.map((s, i) => (s.flavour === "nu_tau" || s.flavour === "nubar_tau" ? i : -1)).filter((i) => i >= 0);
  if (tauIdx.length === 0) throw new RangeError("the flux has no nu_tau / nubar_tau spectra");
  return tauIdx;
}

/** A: the mixing-N spectrum through the face at U2 = 1, E_N = E_ν at the geometric bin centre (N per ν_τ: kMix). */
function mixingSpectrum(flux: readonly BinnedSpectrum[], tauIdx: readonly number[], mN: number, kMix: number): NEnergySpectrum {
  const ref = flux[tauIdx[0]!]!;
  const mixE: number[] = [], mixC: number[] = [];
  for (let b = 0; b < ref.counts.length; b++) {
    const E = Math.sqrt(ref.edges[b]! * ref.edges[b + 1]!);
    let c = 0;
    for (const i of tauIdx) c += flux[i]!.counts[b]!;
    if (E > mN * ABOVE_THRESHOLD && c > 0 && kMix > 0) {
      mixE.push(E);
      mixC.push(c * kMix);
    }
  }
  return { energy: Float64Array.from(mixE), count: Float64Array.from(mixC) };
}

/** B: events per U2 of ν_τ e → N e (corrected (A.11), ERRATA E6) in the FASERν2 recoil boxes, with or without the angle cuts. */
function inelasticEventsPerU2(model: DarkBosonModel, setup: HeavyZDSetup, fw: readonly number[], angleCuts: boolean): number {
  const det = setup.detector;
  const mN = model.mN;
  const el = upscatteringKernel(model, "electron", null);
  const f = upscatteringFactorised(model, "electron", null);
  const ch: ProductionChannel = {
    name: "electron",
    targetMass: m_e,
    perNucleus: det.target.material.Z,
    dsigmadt: (E, t) => el(E, t) / U2_REF,
    factorised: { ...f, kernelWith: (E, t, g, o) => f.kernelWith(E, t, g, o) / U2_REF },
  };
  const table = tabulateProduction(mN, setup.flux, fw, [ch], det.target.material, det.target.length, {
    mergeFlavours: true,
    recoilWindows: electronRecoilSelection(mN, angleCuts),
  });
  return table.total;
}

/** σ(N e → N e) in the recoil boxes at each energy of a spectrum, GeV⁻². */
function sigmaOnSpectrum(model: DarkBosonModel, boxes: readonly RecoilBox[], s: NEnergySpectrum): Float64Array {
  return Float64Array.from(s.energy, (E) => sigmaNElectronInBoxes(model, E, boxes));
}

/** σ with and without the recoil-angle cuts on a spectrum. */
type AngleSigmas = { readonly angle: Float64Array; readonly noAngle: Float64Array };
function angleSigmas(model: DarkBosonModel, s: NEnergySpectrum): AngleSigmas {
  return { angle: sigmaOnSpectrum(model, fasernu2ElectronCuts, s), noAngle: sigmaOnSpectrum(model, fasernu2ElectronCutsNoAngle, s) };
}

export { FACE_ENERGY_MIN } from "./zdSpectra";

/** The U2-independent inputs of {@link heavyZDEventsAt}. */
interface HeavyZDTables {
  readonly mN: number;
  readonly det: Detector;
  readonly decay: HeavyZDDecay;
  readonly computed: ReadonlySet<HeavyZDSignature>;
  readonly spectra: HeavyZDMassPoint["spectra"];
  readonly areaFactor: number;
  /** Electrons per area of the FASERν2 tungsten, GeV². */
  readonly neL: number;
  readonly mixSig: AngleSigmas;
  readonly mixVis: Float64Array;
  readonly inelasticPerU2: HeavyZDMassPoint["inelasticPerU2"] | undefined;
  readonly upscattering: HeavyZDMassPoint["upscattering"];
  readonly zdFaceSig: AngleSigmas | undefined;
  readonly zdVesselVis: Float64Array | undefined;
  readonly charm2: { readonly sig: Float64Array; readonly perArea: number; readonly distance: number } | undefined;
  /** m_ZD > 2 m_N: Z_D → N N̄ is open. */
  readonly zdOpen: boolean;
}

/** Σ_i count_i × a_i × f(E_i) over a spectrum. */
function fold(sp: NEnergySpectrum, a: Float64Array, f: (E: number) => number): number {
  let s = 0;
  for (let i = 0; i < sp.energy.length; i++) s += sp.count[i]! * a[i]! * f(sp.energy[i]!);
  return s;
}

function notComputed(t: HeavyZDTables, sig: HeavyZDSignature): never {
  throw new Error(`heavyZDMassPoint(m_N = ${t.mN} GeV).events: signature "${sig}" was not computed at this mass point (built: ${[...t.computed].join(", ")}${sig === "charm2" ? "; CHARM-II needs opts.charm2.hadronsDir" : ""})`);
}

/** Events of one signature at U2 (module comment: production × survival or decay in the vessel × BR(ee) or σ n_e L). */
function heavyZDEventsAt(t: HeavyZDTables, signature: HeavyZDSignature, U2: number, angle: boolean): number {
  requireNonNegative("U2", U2);
  if (!(HEAVY_ZD_SIGNATURES as readonly string[]).includes(signature)) throw new RangeError(`signature = ${JSON.stringify(signature)} is not one of ${HEAVY_ZD_SIGNATURES.join(", ")}`);
  if (!t.computed.has(signature)) notComputed(t, signature);
  const { det, decay, spectra, mN } = t;
  const L1 = det.target.distanceFromIP + det.vessel.start;
  const L2 = L1 + det.vessel.length;
  const Dface = det.target.distanceFromIP;
  const d = (E: number) => (U2 === 0 ? Infinity : decayLength(mN, E, decay.widthLinearAtRef, decay.widthCubicAtRef, U2));
  const surv = (D: number) => (E: number) => (U2 === 0 ? 1 : Math.exp(-D / d(E)));
  const fromIP = (E: number) => {
    if (U2 === 0) return 0;
    const x = d(E);
    return Math.exp(-L1 / x) * -Math.expm1(-(L2 - L1) / x);
  };
  switch (signature) {
    case "mixing-vessel":
      return U2 === 0 ? 0 : fold(spectra.mixing!, t.mixVis, fromIP) * U2 * t.areaFactor * decay.brEE(U2);
    case "mixing-elastic":
      return fold(spectra.mixing!, angle ? t.mixSig.angle : t.mixSig.noAngle, surv(Dface)) * U2 * t.neL;
    case "inelastic":
      if (!t.inelasticPerU2) return notComputed(t, signature);
      return U2 * (angle ? t.inelasticPerU2.angle : t.inelasticPerU2.noAngle);
    case "upscattering": {
      const up = t.upscattering;
      if (!up) return notComputed(t, signature);
      if (U2 === 0) return 0;
      let s = 0;
      for (let j = 0; j < up.EN.length; j++) s += up.weight[j]! * probVessel(det, d(up.EN[j]!));
      return s * (U2 / U2_REF) * decay.brEE(U2);
    }
    case "zd-vessel":
      if (!t.zdOpen || U2 === 0) return 0; // no Z_D → N N̄ (kinematics) or no N decays
      if (!spectra.zdVessel || !t.zdVesselVis) return notComputed(t, signature);
      return fold(spectra.zdVessel, t.zdVesselVis, fromIP) * decay.brEE(U2);
    case "zd-elastic":
      if (!t.zdOpen) return 0; // m_ZD ≤ 2 m_N: no Z_D → N N̄
      if (!spectra.zdFace || !t.zdFaceSig) return notComputed(t, signature);
      return fold(spectra.zdFace, angle ? t.zdFaceSig.angle : t.zdFaceSig.noAngle, surv(Dface)) * t.neL;
    case "charm2":
      if (!t.zdOpen) return 0; // m_ZD ≤ 2 m_N: no Z_D → N N̄
      if (!spectra.zdCharm2 || !t.charm2) return notComputed(t, signature);
      return fold(spectra.zdCharm2, t.charm2.sig, surv(t.charm2.distance)) * t.charm2.perArea;
  }
}

/**
 * Build the U2-independent parts of a heavy-Z_D mass point. `template` fixes m_N, m_ZD, g_D, ε and
 * the flavour (must be "tau"); its U2 is ignored. Cost: ~0.1–0.5 s without Z_D; each Z_D
 * production (FASER 2 cone, FASERν2 face cone, CHARM-II cone) ≈ 0.3–1.5 s.
 */
export function heavyZDMassPoint(template: DarkBosonModel, setup: HeavyZDSetup, opts: HeavyZDOptions = {}): HeavyZDMassPoint {
  if (template.flavour !== "tau") throw new RangeError(`flavour = ${JSON.stringify(template.flavour)}: the Fig. 4 scenario needs "tau" (ν_τ fluxes)`);
  if (!(template.mN < template.mZD)) throw new RangeError(`mN = ${template.mN} GeV must be < mZD = ${template.mZD} GeV (heavy Z_D)`);
  for (const s of opts.signatures ?? []) requireOneOf("signatures[]", s, HEAVY_ZD_SIGNATURES);
  const want = new Set(opts.signatures ?? HEAVY_ZD_SIGNATURES);
  if (opts.signatures?.includes("charm2") && opts.charm2 === undefined) throw new RangeError('signatures include "charm2" but opts.charm2 (hadronsDir of the 450 GeV meson tables) is not given');
  const model = darkBosonModel({ ...template, U2: U2_REF });
  const mN = model.mN;
  const det = setup.detector;
  const Ecut = opts.energyCut ?? VESSEL_EVIS_MIN;
  requireNonNegative("energyCut", Ecut);
  const areaFactor = opts.mixingAreaFactor ?? 1;
  requirePositive("mixingAreaFactor", areaFactor);
  const decay = heavyZDDecay(model, Ecut, opts.smDecays ?? true);
  const zw = zdWidths(darkBosonModel({ ...template, U2: 0 }));
  const brZDtoNN = zw.total > 0 ? zw.NN / zw.total : 0;
  const kMix = mixingFactor(mN, opts.dsFraction !== undefined ? { dsFraction: opts.dsFraction } : {});
  const tauIdx = tauSpectra(setup.flux);
  const fw = setup.flux.map((_, i) => (tauIdx.includes(i) ? 1 : 0));
  const spectra: HeavyZDMassPoint["spectra"] = { mixing: mixingSpectrum(setup.flux, tauIdx, mN, kMix), ...zdSpectra(model, brZDtoNN, det, want, Ecut, opts) };
  const inelasticPerU2 = want.has("inelastic") ? { angle: inelasticEventsPerU2(model, setup, fw, true), noAngle: inelasticEventsPerU2(model, setup, fw, false) } : undefined;
  // C: up-scattering in the tungsten at U2_ref, collapsed on E_N with the vessel acceptance and E_vis fraction;
  // the decay probability and BR(ee) come from the full Γ(U2) including the U2³ term (N → 3ν)
  let upscattering: HeavyZDMassPoint["upscattering"];
  if (want.has("upscattering")) {
    const table = tabulateProduction(mN, setup.flux, fw, heavyZDUpscatteringChannels(model, det), det.target.material, det.target.length, { mergeFlavours: true });
    const acc = transverseAcceptance(det);
    upscattering = collapseByEnergy(table, (E) => acc * decay.fVis(E));
  }
  const cp = opts.charm2?.params ?? CHARM2_DEFAULTS;
  const tables: HeavyZDTables = {
    mN,
    det,
    decay,
    computed: new Set([...want].filter((x) => x !== "charm2" || opts.charm2 !== undefined)),
    spectra,
    areaFactor,
    neL: electronDensity(det.target.material) * det.target.length,
    mixSig: angleSigmas(model, spectra.mixing!),
    mixVis: Float64Array.from(spectra.mixing!.energy, decay.fVis),
    inelasticPerU2,
    upscattering,
    zdFaceSig: spectra.zdFace ? angleSigmas(model, spectra.zdFace) : undefined,
    zdVesselVis: spectra.zdVessel ? Float64Array.from(spectra.zdVessel.energy, decay.fVis) : undefined,
    charm2: spectra.zdCharm2 ? { sig: sigmaOnSpectrum(model, [{ EeMin: cp.EeMin, EeMax: cp.EeMax, thetaMin: 0, thetaMax: Math.PI / 2 }], spectra.zdCharm2), perArea: charm2Electrons(cp) / (cp.side * cp.side), distance: cp.distance } : undefined,
    zdOpen: model.mZD > 2 * mN,
  };
  return {
    model,
    signatures: [...tables.computed],
    widthLinearAtRef: decay.widthLinearAtRef,
    widthCubicAtRef: decay.widthCubicAtRef,
    eeWidthAtRef: decay.eeWidthAtRef,
    brZDtoNN,
    mixingFactor: kMix,
    spectra,
    ...(inelasticPerU2 ? { inelasticPerU2 } : {}),
    ...(upscattering ? { upscattering } : {}),
    events: (signature, U2, o = {}) => heavyZDEventsAt(tables, signature, U2, o.angleCuts ?? true),
  };
}

/** All signatures at one U2 (angle cuts on and off for the FASERν2 electron signatures). Plain data. */
export function heavyZDEvents(point: HeavyZDMassPoint, U2: number): Record<HeavyZDSignature | "mixing-elastic-noangle" | "inelastic-noangle" | "zd-elastic-noangle" | "electron" | "electron-noangle", number> {
  const e = (s: HeavyZDSignature, angleCuts = true) => point.events(s, U2, { angleCuts });
  const out = Object.fromEntries(HEAVY_ZD_SIGNATURES.map((s) => [s, e(s)])) as Record<HeavyZDSignature, number>;
  const mixNo = e("mixing-elastic", false);
  const inNo = e("inelastic", false);
  return {
    ...out,
    "mixing-elastic-noangle": mixNo,
    "inelastic-noangle": inNo,
    "zd-elastic-noangle": e("zd-elastic", false),
    electron: out["mixing-elastic"] + out.inelastic,
    "electron-noangle": mixNo + inNo,
  };
}
