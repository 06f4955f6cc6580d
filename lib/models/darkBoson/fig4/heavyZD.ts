/**
 * The heavy-Z_D scenario of Fig. 4 of arXiv:2011.04751 (§4.3): m_N < m_ZD (benchmark m_ZD = 8 m_N,
 * g_D = 1, ε = 1e-3), N mixing with ν_τ (U2 = |U_τN|²). Production modes and signatures:
 *
 *  A. N from ν_τ mixing at the IP (D_s → τN, τ → N X; lib/production/mixing.ts):
 *     A1. N → ν e⁺e⁻ in the FASER 2 vessel, E_vis > 100 GeV ("mixing-vessel");
 *     A2. N e → N e in FASERν2 with the SPEC §5 cuts ("mixing-elastic").
 *  B. ν_τ e → N e in FASERν2 (corrected (A.11), ERRATA E6) ("inelastic"); A2 + B is the
 *     paper's yellow electron-scattering line.
 *  C. Secondary production ν_τ W → N W (coherent + incoherent, corrected (A.2)) in the FASERν2
 *     tungsten, then N → ν e⁺e⁻ in the vessel ("upscattering").
 *  D. N from Z_D → N N̄, Z_D from π⁰/η decays and bremsstrahlung at the IP (lib/production):
 *     D1. decays in the vessel ("zd-vessel"); D2. N e → N e in FASERν2 ("zd-elastic").
 *  E. CHARM-II: D2 at the SPS (lib/production/charm2.ts) ("charm2").
 *
 * Coupling scaling. Production through the mixing (A, B, C) is ∝ U2; Z_D → N N̄ (D, E) does not
 * depend on U2. The N width is a U2 + b U2³: Z_D-mediated N → ν ℓℓ and the SM neutral-current
 * channels are ∝ U2, N → ν ν ν̄ via Z_D is ∝ g_D⁴ U2³ (ERRATA E10 reading) and overtakes N → ν e⁺e⁻
 * above U2 ≈ eε/g_D (≈ 3e-4 for the benchmark), which suppresses BR(ee) there. So every count
 * is a cheap function of U2 once the mass point (spectra, cross sections, tables at a reference
 * U2_ref = 1e-6) is built. Derivations: docs/derivations/fig4.md.
 */
import { electronDensity } from "../../../core/constants";
import type { Detector } from "../../../detector/geometry";
import { probVessel, transverseAcceptance } from "../../../detector/geometry";
import { momentum, tRange } from "../../../core/kinematics";
import { type DarkBosonModel, darkBosonModel, dSigmaDtCoherent, dSigmaDtNucleon, dSigmaDtNuElectron, zdWidths } from "..";
import { m_e, m_n, m_p } from "../../../core/constants";
import { type Charm2Parameters, CHARM2_DEFAULTS, charm2Electrons, charm2Face, charm2ZDProduction } from "../../../ip/charm2";
import { mixingFactor } from "../../../ip/mixing";
import type { PrimaryOptions } from "../../../ip/primary";
import { type FaceSpectrumOptions, nSpectrumFromZDThroughFace } from "./acceptance";
import { requireNonNegative, requirePositive } from "../../../core/validate";
import { fasernu2ElectronCuts, fasernu2ElectronCutsNoAngle, type RecoilBox, recoilWindows } from "../../../detector/electronCuts";
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
  /** Fraction of the ν_τ flux from D_s directly (default ½, lib/production/mixing.ts). */
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
   * The N-direction integration for D and E (lib/signatures/heavyZDAcceptance.ts): polarisation
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
  /** N per ν_τ at U2 = 1 (lib/production/mixing.ts). */
  readonly mixingFactor: number;
  /** The N spectra entering each signature (U2 = 1 for mixing; as produced for Z_D decays). */
  readonly spectra: Partial<Record<"mixing" | "zdVessel" | "zdFace" | "zdCharm2", NEnergySpectrum>>;
  /** Events per U2 of ν_τ e → N e (no decay needed), with and without angle cuts. */
  readonly inelasticPerU2: { readonly angle: number; readonly noAngle: number };
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

/** Interpolant in ln E of a smooth function on [Emin, Emax], 40 points per decade; f itself outside. */
function logInterp(f: (E: number) => number, Emin: number, Emax: number): (E: number) => number {
  const L0 = Math.log(Emin), L1 = Math.log(Emax);
  const n = Math.max(2, Math.ceil(((L1 - L0) / Math.LN10) * 40));
  const h = (L1 - L0) / n;
  const ys = Float64Array.from({ length: n + 1 }, (_, i) => f(Math.exp(L0 + i * h)));
  return (E) => {
    if (E <= Emin || E >= Emax) return f(E);
    const x = (Math.log(E) - L0) / h;
    const i = Math.min(n - 1, Math.floor(x));
    const u = x - i;
    return ys[i]! * (1 - u) + ys[i + 1]! * u;
  };
}

/** Production channels ν_τ W → N W of the dark boson model at U2_ref (coherent, p, n; corrected (A.2), ERRATA E4). */
export function heavyZDUpscatteringChannels(model: DarkBosonModel, det: Detector): ProductionChannel[] {
  const mat = det.target.material;
  return [
    { name: "coherent", targetMass: mat.mass, perNucleus: 1, dsigmadt: (E, t) => dSigmaDtCoherent(model, E, t, mat) },
    { name: "proton", targetMass: m_p, perNucleus: mat.Z, dsigmadt: (E, t) => dSigmaDtNucleon(model, E, t, "p") },
    { name: "neutron", targetMass: m_n, perNucleus: mat.A - mat.Z, dsigmadt: (E, t) => dSigmaDtNucleon(model, E, t, "n") },
  ];
}

/**
 * Build the U2-independent parts of a heavy-Z_D mass point. `template` fixes m_N, m_ZD, g_D, ε and
 * the flavour (must be "tau"); its U2 is ignored. Cost: ~0.1–0.5 s without Z_D; each Z_D
 * production (FASER 2 cone, FASERν2 face cone, CHARM-II cone) ≈ 0.3–1.5 s.
 */
export function heavyZDMassPoint(template: DarkBosonModel, setup: HeavyZDSetup, opts: HeavyZDOptions = {}): HeavyZDMassPoint {
  if (template.flavour !== "tau") throw new RangeError(`flavour = ${JSON.stringify(template.flavour)}: the Fig. 4 scenario needs "tau" (ν_τ fluxes)`);
  if (!(template.mN < template.mZD)) throw new RangeError(`mN = ${template.mN} GeV must be < mZD = ${template.mZD} GeV (heavy Z_D)`);
  const want = new Set(opts.signatures ?? HEAVY_ZD_SIGNATURES);
  if (opts.signatures?.includes("charm2") && opts.charm2 === undefined) throw new RangeError('signatures include "charm2" but opts.charm2 (hadronsDir of the 450 GeV meson tables) is not given');
  const model = darkBosonModel({ ...template, U2: U2_REF });
  const mN = model.mN;
  const det = setup.detector;
  const Ecut = opts.energyCut ?? 100;
  requireNonNegative("energyCut", Ecut);
  const areaFactor = opts.mixingAreaFactor ?? 1;
  requirePositive("mixingAreaFactor", areaFactor);
  const w = heavyZDNWidths(model, { sm: opts.smDecays ?? true });
  const widthCubicAtRef = w.zdNununu;
  const widthLinearAtRef = w.total - w.zdNununu;
  const eeWidthAtRef = w.visibleEE;
  const brEE = (U2: number) => {
    const k = U2 / U2_REF;
    return (eeWidthAtRef * k) / (widthLinearAtRef * k + widthCubicAtRef * k * k * k);
  };
  const fvis = Ecut > 0 ? logInterp((E) => visibleFractionNuEE(model, E, Ecut), Math.max(Ecut, mN) * 1.0001, 3e4) : () => 1;
  const fVis = (E: number) => (E <= Ecut ? 0 : fvis(E));
  const zw = zdWidths(darkBosonModel({ ...template, U2: 0 }));
  const brZDtoNN = zw.total > 0 ? zw.NN / zw.total : 0;
  const kMix = mixingFactor(mN, opts.dsFraction !== undefined ? { dsFraction: opts.dsFraction } : {});
  const L1 = det.target.distanceFromIP + det.vessel.start;
  const L2 = L1 + det.vessel.length;
  const Dface = det.target.distanceFromIP;
  const neL = electronDensity(det.target.material) * det.target.length;
  const tauIdx = setup.flux.map((s, i) => (s.flavour === "nu_tau" || s.flavour === "nubar_tau" ? i : -1)).filter((i) => i >= 0);
  if (tauIdx.length === 0) throw new RangeError("the flux has no nu_tau / nubar_tau spectra");
  const fw = setup.flux.map((_, i) => (tauIdx.includes(i) ? 1 : 0));
  const spectra: HeavyZDMassPoint["spectra"] = {};

  // A: mixing spectrum through the face (U2 = 1), E_N = E_ν at the geometric bin centre
  const ref = setup.flux[tauIdx[0]!]!;
  const mixE: number[] = [], mixC: number[] = [];
  for (let b = 0; b < ref.counts.length; b++) {
    const E = Math.sqrt(ref.edges[b]! * ref.edges[b + 1]!);
    let c = 0;
    for (const i of tauIdx) c += setup.flux[i]!.counts[b]!;
    if (E > mN * 1.0001 && c > 0 && kMix > 0) {
      mixE.push(E);
      mixC.push(c * kMix);
    }
  }
  spectra.mixing = { energy: Float64Array.from(mixE), count: Float64Array.from(mixC) };
  const sigFace = (boxes: readonly RecoilBox[], s: NEnergySpectrum) => Float64Array.from(s.energy, (E) => sigmaNElectronInBoxes(model, E, boxes));
  const mixSig = { angle: sigFace(fasernu2ElectronCuts, spectra.mixing), noAngle: sigFace(fasernu2ElectronCutsNoAngle, spectra.mixing) };
  const mixVis = Float64Array.from(spectra.mixing.energy, fVis);

  // B: inelastic ν_τ e → N e (table per U2)
  const inel = (boxes: readonly RecoilBox[]) => {
    if (!want.has("inelastic")) return 0;
    const ch: ProductionChannel = { name: "electron", targetMass: m_e, perNucleus: det.target.material.Z, dsigmadt: (E, t) => dSigmaDtNuElectron(model, E, t) / U2_REF };
    const table = tabulateProduction(mN, setup.flux, fw, [ch], det.target.material, det.target.length, {
      mergeFlavours: true,
      recoilWindows: (E, c) => {
        const r = tRange(E, mN, c.targetMass);
        if (r === null) return [];
        return recoilWindows(E, mN, -r.tMax / (2 * c.targetMass), -r.tMin / (2 * c.targetMass), boxes, c.targetMass);
      },
    });
    return table.total;
  };
  const inelasticPerU2 = { angle: inel(fasernu2ElectronCuts), noAngle: inel(fasernu2ElectronCutsNoAngle) };

  // C: up-scattering in the tungsten, decays in the vessel: production ∝ U2 (weights at U2_ref),
  // decay probability and BR(ee) from the full Γ(U2) including the U2³ term (N → 3ν)
  let upscattering: { readonly EN: Float64Array; readonly weight: Float64Array } | undefined;
  if (want.has("upscattering")) {
    const table = tabulateProduction(mN, setup.flux, fw, heavyZDUpscatteringChannels(model, det), det.target.material, det.target.length, { mergeFlavours: true });
    const acc = transverseAcceptance(det);
    upscattering = collapseByEnergy(table, (E) => acc * fVis(E));
  }

  // D: Z_D → N N̄ from the IP, the N direction integrated over the two-body decay (note §3)
  const zdOpen = model.mZD > 2 * mN;
  const { faceEnergyMin, ...acc } = opts.zdAcceptance ?? {};
  const prodIP = { ...(opts.zdProduction ?? {}), luminosity: det.luminosity };
  if (want.has("zd-vessel") && zdOpen) {
    // N entering the front disc of the vessel (R at L₁) with E_N > E_cut (the visible energy needs it)
    const face = { shape: "disc" as const, radius: det.vessel.radius, distance: L1 };
    spectra.zdVessel = nSpectrumFromZDThroughFace(model.mZD, model.eps, mN, brZDtoNN, face, prodIP, { ...acc, energyMin: Math.max(1, Ecut) });
  }
  if (want.has("zd-elastic") && zdOpen) {
    const face = { shape: "square" as const, halfWidth: det.target.side / 2, distance: Dface };
    spectra.zdFace = nSpectrumFromZDThroughFace(model.mZD, model.eps, mN, brZDtoNN, face, prodIP, { ...acc, energyMin: faceEnergyMin ?? 10 });
  }
  const zdFaceSig = spectra.zdFace ? { angle: sigFace(fasernu2ElectronCuts, spectra.zdFace), noAngle: sigFace(fasernu2ElectronCutsNoAngle, spectra.zdFace) } : undefined;
  const zdVesselVis = spectra.zdVessel ? Float64Array.from(spectra.zdVessel.energy, fVis) : undefined;

  // E: CHARM-II (N through the 3.7 × 3.7 m² front face; E_N ≥ T + m_N > E_e,min − m_e)
  const cp = opts.charm2?.params ?? CHARM2_DEFAULTS;
  let charm2Sig: Float64Array | undefined;
  let charm2PerArea = 0;
  if (opts.charm2 && want.has("charm2") && zdOpen) {
    const prod = { ...charm2ZDProduction(opts.charm2.hadronsDir, cp), ...(opts.charm2.production ?? {}) };
    spectra.zdCharm2 = nSpectrumFromZDThroughFace(model.mZD, model.eps, mN, brZDtoNN, charm2Face(cp), prod, { ...acc, energyMin: Math.max(1, cp.EeMin - m_e) });
    const boxes: RecoilBox[] = [{ EeMin: cp.EeMin, EeMax: cp.EeMax, thetaMin: 0, thetaMax: Math.PI / 2 }];
    charm2Sig = sigFace(boxes, spectra.zdCharm2);
    charm2PerArea = charm2Electrons(cp) / (cp.side * cp.side);
  }
  const computed = new Set<HeavyZDSignature>([...want].filter((x) => x !== "charm2" || opts.charm2 !== undefined));
  const notComputed = (sig: HeavyZDSignature): never => {
    throw new Error(`heavyZDMassPoint(m_N = ${mN} GeV).events: signature "${sig}" was not computed at this mass point (built: ${[...computed].join(", ")}${sig === "charm2" ? "; CHARM-II needs opts.charm2.hadronsDir" : ""})`);
  };

  const events = (signature: HeavyZDSignature, U2: number, o: { readonly angleCuts?: boolean } = {}): number => {
    requireNonNegative("U2", U2);
    const angle = o.angleCuts ?? true;
    const a = widthLinearAtRef, b = widthCubicAtRef;
    const d = (E: number) => (U2 === 0 ? Infinity : decayLength(mN, E, a, b, U2));
    const surv = (E: number, D: number) => (U2 === 0 ? 1 : Math.exp(-D / d(E)));
    const fromIP = (E: number) => {
      if (U2 === 0) return 0;
      const x = d(E);
      return Math.exp(-L1 / x) * -Math.expm1(-(L2 - L1) / x);
    };
    let s = 0;
    if (!computed.has(signature) && (HEAVY_ZD_SIGNATURES as readonly string[]).includes(signature)) notComputed(signature);
    switch (signature) {
      case "mixing-vessel": {
        if (U2 === 0) return 0;
        const sp = spectra.mixing!;
        for (let i = 0; i < sp.energy.length; i++) s += sp.count[i]! * mixVis[i]! * fromIP(sp.energy[i]!);
        return s * U2 * areaFactor * brEE(U2);
      }
      case "mixing-elastic": {
        const sp = spectra.mixing!;
        const sig = angle ? mixSig.angle : mixSig.noAngle;
        for (let i = 0; i < sp.energy.length; i++) s += sp.count[i]! * sig[i]! * surv(sp.energy[i]!, Dface);
        return s * U2 * neL;
      }
      case "inelastic":
        return U2 * (angle ? inelasticPerU2.angle : inelasticPerU2.noAngle);
      case "upscattering": {
        if (!upscattering) return notComputed(signature);
        if (U2 === 0) return 0;
        for (let j = 0; j < upscattering.EN.length; j++) s += upscattering.weight[j]! * probVessel(det, d(upscattering.EN[j]!));
        return s * (U2 / U2_REF) * brEE(U2);
      }
      case "zd-vessel": {
        const sp = spectra.zdVessel;
        if (!zdOpen || U2 === 0) return 0; // no Z_D → N N̄ (kinematics) or no N decays
        if (!sp || !zdVesselVis) return notComputed(signature);
        for (let i = 0; i < sp.energy.length; i++) s += sp.count[i]! * zdVesselVis[i]! * fromIP(sp.energy[i]!);
        return s * brEE(U2);
      }
      case "zd-elastic": {
        const sp = spectra.zdFace;
        if (!zdOpen) return 0; // m_ZD ≤ 2 m_N: no Z_D → N N̄
        if (!sp || !zdFaceSig) return notComputed(signature);
        const sig = angle ? zdFaceSig.angle : zdFaceSig.noAngle;
        for (let i = 0; i < sp.energy.length; i++) s += sp.count[i]! * sig[i]! * surv(sp.energy[i]!, Dface);
        return s * neL;
      }
      case "charm2": {
        const sp = spectra.zdCharm2;
        if (!zdOpen) return 0; // m_ZD ≤ 2 m_N: no Z_D → N N̄
        if (!sp || !charm2Sig) return notComputed(signature);
        for (let i = 0; i < sp.energy.length; i++) s += sp.count[i]! * charm2Sig[i]! * surv(sp.energy[i]!, cp.distance);
        return s * charm2PerArea;
      }
      default:
        throw new RangeError(`signature = ${JSON.stringify(signature)} is not one of ${HEAVY_ZD_SIGNATURES.join(", ")}`);
    }
  };
  return {
    model,
    signatures: [...computed],
    widthLinearAtRef,
    widthCubicAtRef,
    eeWidthAtRef,
    brZDtoNN,
    mixingFactor: kMix,
    spectra,
    inelasticPerU2,
    ...(upscattering ? { upscattering } : {}),
    events,
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
