/**
 * Signatures of the dark gauge boson model (§3.2 and §4.2 of arXiv:2011.04751; Fig. 3):
 * 1. vessel e⁺e⁻ from SECONDARY production: ν_α (and ν̄_α) of the flavour that mixes with N
 *    up-scatter in the tungsten, ν T → N T through Z_D (+ Z) exchange (coherent, p, n, e),
 *    N → ν Z_D after a finite flight, Z_D → e⁺e⁻ inside the FASER 2 vessel, E(e⁺e⁻) = E_ZD > 100 GeV;
 * 2. electron scattering ν_α e → N e in FASERν2 with the recoil cuts of SPEC §5 (no decay);
 * 3. vessel e⁺e⁻ from PRIMARY Z_D made at the IP (lib/ip), independent of m_N and U
 *    while Z_D → N N̄ and Z_D → ν N are closed (m_N > m_ZD).
 *
 * Scaling (docs/derivations/secondary-chain.md §2): every up-scattering amplitude of
 * lib/models/darkBoson carries exactly one factor U (Z_D and SM Z exchange alike; the (1 − U2)
 * of the printed (A.2) belongs to the N̄NZ_D vertex and is dropped there), so production is
 * EXACTLY ∝ U2 and is tabulated once per m_N at U2 = U2_TABLE and divided by it ("per unit
 * U2"). Γ(N → νZ_D) ∝ U2 exactly. The Z_D width is NOT linear in U2: Γ(Z_D → νν̄) ∝ U2²
 * (ERRATA E10 reading) changes both d_ZD and BR(Z_D → ee), so the decay factor is re-evaluated
 * for every U2 from the model's widths (cheap: energy-collapsed bins).
 *
 * The chain probability for an N made uniformly along the tungsten, flying d_N before its
 * decay and a Z_D flying d_ZD before its own, is closed form (secondary-chain.md §3):
 *   P = [d_N P₁(d_N) − d_ZD P₁(d_ZD)] / (d_N − d_ZD),
 * with P₁ the single-particle vessel probability of SPEC §3 (geometry.probVessel).
 */
import { alpha, m_e, m_n, m_p, type Material } from "../../../core/constants";
import { type Detector, probVessel, transverseAcceptance } from "../../../detector/geometry";
import {
  type DarkBosonModel,
  type Flavour,
  fromAlphas,
  widthNToNuZD,
  widthZDToNuNuLiteral,
  zdWidths,
} from "..";
import { upscatteringFactorised, upscatteringKernel } from "../upscattering";
import { type PrimaryEvents, type PrimaryOptions, type EnergyEdges, primaryZDEvents } from "../../../ip";
import { requireInRange, requireOneOf, requirePositive } from "../../../core/validate";
import type { SignalSetup } from "../../../engine/setup";
import { electronRecoilSelection } from "../../../detector/electronCuts";
import { type BinnedSpectrum, type ProductionChannel, type ProductionTable, tabulateProduction } from "../../../engine/productionTable";
import { VESSEL_EVIS_MIN } from "../../../detector/cuts";
import { zdEnergyRange, type ZDNodes, zdNodes } from "./energyNodes";
import { type CollapsedProduction, collapseByChannelAndEnergy } from "./collapse";
import { zdDecayAsymmetry, zdEnergyWeight } from "../polarisation";
import type { PolarisationOptions } from "../../../core/polarisation";

export { lnPanelNodes, zdEnergyRange } from "./energyNodes";
export { type CollapsedProduction, collapseByChannelAndEnergy } from "./collapse";

/** The fixed parameters of a dark-boson reach plane (everything except m_N and U2). */
export interface DarkBosonParams {
  /** Z_D mass, GeV. */
  readonly mZD: number;
  /** α_D = g_D²/4π. */
  readonly alphaD: number;
  /** α ε². */
  readonly alphaEps2: number;
  /** Active flavour mixing with N. */
  readonly flavour: Flavour;
}

/** Fig. 3 of arXiv:2011.04751 (Ref. [30]'s MiniBooNE benchmark): m_ZD = 30 MeV, α_D = 0.25, αε² = 2e-10, ν_μ. */
export const FIG3_PARAMS: DarkBosonParams = Object.freeze({ mZD: 0.03, alphaD: 0.25, alphaEps2: 2e-10, flavour: "mu" as const });

/** U2 at which production is tabulated (exactly linear in U2, so any value works; see the module comment). */
export const U2_TABLE = 1e-6;

/** Visible-energy cut of the vessel e⁺e⁻ signature (SPEC §5 item 2): E(e⁺) + E(e⁻) = E_ZD > 100 GeV. */
export const DARKBOSON_EVIS_CUT = VESSEL_EVIS_MIN;

/** Readings of the Z_D → νν̄ width (ERRATA E10): "errata" (∝ U2², used everywhere) or the literal (B.8). */
export type NuNuReading = "errata" | "literal";

/** The model at one point of the plane. */
export function darkBosonPoint(params: DarkBosonParams, mN: number, U2: number): DarkBosonModel {
  return fromAlphas({ mN, mZD: params.mZD, alphaD: params.alphaD, alphaEps2: params.alphaEps2, U2, flavour: params.flavour });
}

/** Kinetic mixing ε = √(αε²/α) of a parameter set. Dimensionless. */
export function epsOf(params: DarkBosonParams): number {
  return Math.sqrt(params.alphaEps2 / alpha);
}

/** Widths that set the chain at (m_N, U2): Γ_N, Γ_ZD and BR(Z_D → e⁺e⁻), with Z_D → νν̄ in either reading. GeV. */
export interface ChainWidths {
  readonly gammaN: number;
  readonly gammaZD: number;
  readonly brEE: number;
}

/**
 * Γ(N → νZ_D) (corrected (B.6), ERRATA E9), the total Z_D width (B.7 for e, μ, τ + Z_D → νν̄ +
 * Z_D → NN̄, νN when open; widths.ts) and BR(Z_D → ee). With reading "literal", Z_D → νν̄ is the
 * printed (B.8) with |U_D4|² = U2 (ERRATA E10: kills the e⁺e⁻ signal). GeV.
 */
export function chainWidths(model: DarkBosonModel, reading: NuNuReading = "errata"): ChainWidths {
  requireOneOf("reading", reading, ["errata", "literal"] as const);
  const w = zdWidths(model);
  const total = reading === "errata" ? w.total : w.total - w.nunu + widthZDToNuNuLiteral(model);
  return { gammaN: widthNToNuZD(model), gammaZD: total, brEE: w.ee / total };
}

/**
 * Probability that a Z_D from N → νZ_D decays inside the vessel, the N being produced uniformly
 * along the tungsten with lab decay length dN and the Z_D having lab decay length dZD (both
 * along the beam): [dN P₁(dN) − dZD P₁(dZD)]/(dN − dZD), P₁ = geometry.probVessel (derivation in
 * docs/derivations/secondary-chain.md §3). Symmetric in (dN, dZD); → P₁(dZD) for dN → 0. For
 * |dN − dZD| < 1e-4 max(dN, dZD) the limit d(x P₁)/dx is taken by a central difference.
 * Dimensionless; lengths in GeV⁻¹.
 */
export function chainVesselProbability(det: Detector, dN: number, dZD: number): number {
  if (!(dN >= 0) || !(dZD >= 0)) throw new RangeError(`decay lengths dN = ${dN}, dZD = ${dZD} must be ≥ 0`);
  probVessel(det, 1); // validates the detector geometry once
  return chainProbabilityFn(det)(dN, dZD);
}

/**
 * Unchecked fast form of {@link chainVesselProbability} for a fixed detector (the geometry is
 * read once; P₁ is SPEC §3's formula as in geometry.probDecayInVessel, inlined).
 */
export function chainProbabilityFn(det: Detector): (dN: number, dZD: number, gN?: number) => number {
  const t = det.target.length, gap = det.vessel.start - t, D = det.vessel.length;
  const P1 = (d: number) => (d > 0 && d < Infinity ? (d / t) * Math.exp(-gap / d) * -Math.expm1(-t / d) * -Math.expm1(-D / d) : 0);
  const g = (x: number) => x * P1(x);
  return (dN, dZD, gN = g(dN)) => {
    if (dN === 0) return P1(dZD);
    if (dZD === 0) return P1(dN);
    const mx = dN > dZD ? dN : dZD;
    const diff = dN - dZD;
    if (diff > 1e-4 * mx || diff < -1e-4 * mx) return (gN - g(dZD)) / diff;
    const m = 0.5 * (dN + dZD);
    const h = 1e-4 * m;
    return (g(m + h) - g(m - h)) / (2 * h);
  };
}

/** d_N P₁(d_N) of {@link chainProbabilityFn} (its optional third argument: pass it when d_N is fixed over many d_ZD). */
export function chainGFn(det: Detector): (dN: number) => number {
  const t = det.target.length, gap = det.vessel.start - t, D = det.vessel.length;
  return (d) => d * (d > 0 && d < Infinity ? (d / t) * Math.exp(-gap / d) * -Math.expm1(-t / d) * -Math.expm1(-D / d) : 0);
}

/** Production channels ν_α T → N T of the model at unit U2 (ν_α W coherent, p, n; ν_α e). dσ/dt in GeV⁻⁴ per unit U2. */
export function darkBosonChannels(
  params: DarkBosonParams,
  mN: number,
  material: Material,
  opts: { readonly screening?: boolean; readonly includeZ?: boolean } = {},
): ProductionChannel[] {
  const m = darkBosonPoint(params, mN, U2_TABLE);
  const o = { screening: opts.screening ?? false, includeZ: opts.includeZ ?? true };
  const inv = 1 / U2_TABLE;
  // dSigmaDtCoherent, dSigmaDtNucleon, dSigmaDtNuElectron without the per-call range check (the table keeps t physical),
  // and factorised: the couplings c₁(t), c₂(t) once per |t| node of a whole panel (the same values)
  const targets = ["coherent", "p", "n", "electron"] as const;
  const [coh, p, n, el] = targets.map((x) => upscatteringKernel(m, x, material, o));
  const [fCoh, fP, fN, fEl] = targets.map((x) => upscatteringFactorised(m, x, material, { ...o, scale: inv }));
  return [
    { name: "coherent", targetMass: material.mass, perNucleus: 1, dsigmadt: (E, t) => coh!(E, t) * inv, factorised: fCoh! },
    { name: "proton", targetMass: m_p, perNucleus: material.Z, dsigmadt: (E, t) => p!(E, t) * inv, factorised: fP! },
    { name: "neutron", targetMass: m_n, perNucleus: material.A - material.Z, dsigmadt: (E, t) => n!(E, t) * inv, factorised: fN! },
    { name: "electron", targetMass: m_e, perNucleus: material.Z, dsigmadt: (E, t) => el!(E, t) * inv, factorised: fEl! },
  ];
}

/** Flavour weights: 1 for ν_α and ν̄_α of the mixing flavour (same cross section, upscattering.ts), 0 otherwise. */
export function darkBosonFlavourWeights(flavour: Flavour, flux: readonly BinnedSpectrum[]): number[] {
  return flux.map((s) => (s.flavour === `nu_${flavour}` || s.flavour === `nubar_${flavour}` ? 1 : 0));
}

/**
 * Resolution of the fast scan path (secondaryDileptonTotal): E_N bins per decade and Z_D-energy
 * panels per decade. The breakdown path uses 100 bins and 20 panels per decade; the two agree
 * to < 0.5% (test "scan path agrees with the breakdown path").
 */
export const SCAN_BINS_PER_DECADE = 25;
export const SCAN_ZD_PANELS_PER_DECADE = 10;

/** Everything about one m_N (at fixed m_ZD, α_D, αε²) that does not depend on U2. */
export interface DarkBosonMassPoint {
  readonly mN: number;
  readonly params: DarkBosonParams;
  readonly setup: SignalSetup;
  /** ν_α T → N T in the tungsten, all channels, per unit U2. */
  readonly production: ProductionTable;
  /** ν_α e → N e with the FASERν2 recoil cuts, per unit U2. */
  readonly productionElectron: ProductionTable;
  /** `production` collapsed by channel and E_N, and its Z_D energy nodes. */
  readonly collapsed: CollapsedProduction;
  /** The same summed over channels on a coarser grid (SCAN_BINS_PER_DECADE; used by scans). */
  readonly collapsedTotal: CollapsedProduction;
  readonly zd: ZDNodes;
  readonly zdTotal: ZDNodes;
  /** Transverse acceptance of the vessel (1 for FASER 2). */
  readonly transverse: number;
}

function sumChannels(c: CollapsedProduction, binsPerDecade: number): CollapsedProduction {
  const index = new Map<number, number>();
  const w: number[] = [], wE: number[] = [];
  const wf: number[][] = c.flavours.map(() => []);
  for (let j = 0; j < c.EN.length; j++) {
    const q = Math.floor(Math.log10(c.EN[j]!) * binsPerDecade);
    let i = index.get(q);
    if (i === undefined) {
      i = w.length;
      index.set(q, i);
      w.push(0);
      wE.push(0);
      for (const a of wf) a.push(0);
    }
    w[i]! += c.weight[j]!;
    wE[i]! += c.weight[j]! * c.EN[j]!;
    c.flavourShare.forEach((s, g) => (wf[g]![i!]! += s[j]! * c.weight[j]!));
  }
  return {
    EN: Float64Array.from(w, (x, i) => wE[i]! / x),
    weight: Float64Array.from(w),
    channel: new Int8Array(w.length).fill(-1),
    channels: ["all"],
    flavourShare: wf.map((a) => Float64Array.from(a, (x, i) => x / w[i]!)),
    flavours: c.flavours,
  };
}

/**
 * Tabulate one m_N (> m_ZD) for a detector and flux (makeSetup): production per unit U2 in all
 * channels, the electron-scattering table with the FASERν2 cuts, and the Z_D energy nodes above
 * the 100 GeV cut. ~0.1–0.3 s.
 */
export function darkBosonMassPoint(mN: number, setup: SignalSetup, params: DarkBosonParams = FIG3_PARAMS): DarkBosonMassPoint {
  requirePositive("mN", mN);
  if (!(mN > params.mZD)) {
    throw new RangeError(`mN = ${mN} GeV must exceed mZD = ${params.mZD} GeV (the on-shell N → ν Z_D chain of Fig. 3)`);
  }
  const det = setup.detector;
  const mat = det.target.material;
  const fw = darkBosonFlavourWeights(params.flavour, setup.flux);
  const channels = darkBosonChannels(params, mN, mat, { screening: setup.screening ?? false });
  const L = det.target.length;
  const merge = { mergeFlavours: true };
  const production = tabulateProduction(mN, setup.flux, fw, channels, mat, L, merge);
  const productionElectron = tabulateProduction(mN, setup.flux, fw, channels.filter((c) => c.name === "electron"), mat, L, {
    ...merge,
    recoilWindows: electronRecoilSelection(mN, setup.electronAngleCuts !== false),
  });
  const collapsed = collapseByChannelAndEnergy(production);
  const collapsedTotal = sumChannels(collapsed, SCAN_BINS_PER_DECADE);
  return {
    mN,
    params,
    setup,
    production,
    productionElectron,
    collapsed,
    collapsedTotal,
    zd: zdNodes(collapsed.EN, mN, params.mZD, DARKBOSON_EVIS_CUT),
    zdTotal: zdNodes(collapsedTotal.EN, mN, params.mZD, DARKBOSON_EVIS_CUT, SCAN_ZD_PANELS_PER_DECADE),
    transverse: transverseAcceptance(det),
  };
}

/** Options of the secondary e⁺e⁻ evaluation (with the N polarisation, default unpolarised as the paper; lib/models/darkBoson/polarisation.ts). */
export interface SecondaryOptions extends PolarisationOptions {
  /** Z_D → νν̄ reading (ERRATA E10), default "errata". */
  readonly reading?: NuNuReading;
  /** Treat N → νZ_D as prompt (d_N = 0) — only to measure what the N flight changes. Default false. */
  readonly promptN?: boolean;
}

/** Per-bin acceptance × decay probability for one U2 (the Z_D integral of each bin). */
function binFactors(point: DarkBosonMassPoint, c: CollapsedProduction, z: ZDNodes, U2: number, opts: SecondaryOptions): Float64Array {
  requireInRange("U2", U2, 0, 1 - 1e-15);
  requirePositive("U2", U2);
  const det = point.setup.detector;
  const w = chainWidths(darkBosonPoint(point.params, point.mN, U2), opts.reading ?? "errata");
  const mN = point.mN, mZD = point.params.mZD;
  const out = new Float64Array(c.EN.length);
  const kN = 1 / (mN * w.gammaN), kZ = 1 / (mZD * w.gammaZD);
  const base = point.transverse * w.brEE;
  const P = chainProbabilityFn(det), g = chainGFn(det);
  const aP = zdDecayAsymmetry(mN, mZD, opts);
  for (let j = 0; j < c.EN.length; j++) {
    const dN = opts.promptN ? 0 : z.pN[j]! * kN;
    const gN = g(dN); // fixed over the bin's Z_D nodes
    // polarised N: the uniform Z_D energy density times 1 + αP x (polarisation.md P9)
    const [lo, hi] = aP === 0 || z.start[j + 1]! === z.start[j]! ? [0, 1] : zdEnergyRange(Math.max(c.EN[j]!, mN), mN, mZD);
    let s = 0;
    for (let i = z.start[j]!; i < z.start[j + 1]!; i++) s += z.frac[i]! * zdEnergyWeight(z.EZD[i]!, lo, hi, aP) * P(dN, z.pZD[i]! * kZ, gN);
    out[j] = base * s;
  }
  return out;
}

/** Expected events with the breakdown by production channel and by flavour. */
export interface DarkBosonEventCount {
  readonly events: number;
  readonly byChannel: Record<string, number>;
  readonly byFlavour: Record<string, number>;
}

/**
 * Secondary e⁺e⁻ events in the vessel at U2 (Fig. 3 green line): Σ_bins U2 W_j × T × BR(ee) ×
 * ∫ dE_ZD/(E₊−E₋) θ(E_ZD > 100 GeV) P_chain(d_N(E_N), d_ZD(E_ZD)), with the breakdown by channel
 * (coherent, proton, neutron, electron) and flavour (ν_α, ν̄_α).
 */
export function secondaryDileptonEvents(point: DarkBosonMassPoint, U2: number, opts: SecondaryOptions = {}): DarkBosonEventCount {
  const c = point.collapsed;
  const f = binFactors(point, c, point.zd, U2, opts);
  const byChannel: Record<string, number> = Object.fromEntries(c.channels.map((x) => [x, 0]));
  const byFlavour: Record<string, number> = Object.fromEntries(c.flavours.map((x) => [x, 0]));
  let events = 0;
  for (let j = 0; j < c.EN.length; j++) {
    const x = U2 * c.weight[j]! * f[j]!;
    events += x;
    byChannel[c.channels[c.channel[j]!]!]! += x;
    c.flavourShare.forEach((s, g) => (byFlavour[c.flavours[g]!]! += x * s[j]!));
  }
  return { events, byChannel, byFlavour };
}

/** Total secondary e⁺e⁻ events at U2 (channel-summed bins: the fast path for contour scans). */
export function secondaryDileptonTotal(point: DarkBosonMassPoint, U2: number, opts: SecondaryOptions = {}): number {
  const c = point.collapsedTotal;
  const f = binFactors(point, c, point.zdTotal, U2, opts);
  let s = 0;
  for (let j = 0; j < c.EN.length; j++) s += c.weight[j]! * f[j]!;
  return U2 * s;
}

/** ν_α e → N e events in FASERν2 with the SPEC §5 recoil cuts at U2 (exactly ∝ U2; no decay required). */
export function electronScatteringEvents(point: DarkBosonMassPoint, U2: number): DarkBosonEventCount {
  requirePositive("U2", U2);
  const t = point.productionElectron;
  const byChannel: Record<string, number> = { electron: U2 * t.total };
  const byFlavour: Record<string, number> = Object.fromEntries(t.flavours.map((x) => [x, 0]));
  const nd = t.nodes;
  for (let k = 0; k < nd.length; k++) {
    t.binFlavourFractions!.forEach((fr, g) => (byFlavour[t.flavours[g]!]! += U2 * nd.weight[k]! * fr[nd.bin[k]!]!));
  }
  return { events: U2 * t.total, byChannel, byFlavour };
}

/**
 * Primary e⁺e⁻ events from Z_D made at the IP (π⁰, η decays, proton bremsstrahlung;
 * lib/ip), with the Z_D width and BR(ee) of the model at (m_N, U2). Independent of m_N
 * while Z_D → NN̄, νN are closed (m_N > m_ZD). Through the survival factor e^{−L/d} (L/d ≈ 21 for
 * the surviving Z_D) it is exponentially sensitive to Γ_ZD: Γ(νν̄)/Γ(ee) = α_D U2²/(2αε²) costs
 * ≈ 1.3% at U2 = 1e-6 (Fig. 3 benchmark) and a factor 3–4 at U2 = 1e-4.
 */
export function primaryDileptonEvents(
  params: DarkBosonParams,
  mN: number,
  U2: number,
  detector: Detector,
  opts: PrimaryOptions & { readonly edges?: EnergyEdges; readonly reading?: NuNuReading } = {},
): PrimaryEvents {
  const w = chainWidths(darkBosonPoint(params, mN, U2), opts.reading ?? "errata");
  return primaryZDEvents(params.mZD, epsOf(params), w.gammaZD, w.brEE, detector, { ...opts, energyCut: DARKBOSON_EVIS_CUT });
}
