/**
 * The four signatures of the dipole portal (SPEC §5, section 2.4 of arXiv:2011.04751):
 * 1. vessel photons: N made in the tungsten, N → νγ in the FASER 2 vessel, E_γ > 100 GeV;
 * 2. vessel e⁺e⁻ (and μ⁺μ⁻): N → ν ℓ⁺ℓ⁻ in the vessel, E(ℓ⁺) + E(ℓ⁻) > 100 GeV;
 * 3. ECC photons: N made with |t| < (0.1 GeV)² and decaying in the tungsten, E_γ > 1 or 3 TeV;
 * 4. electron scattering: ν e → N e with the FASERν2 recoil cuts (no decay required).
 *
 * Production is tabulated once per (m_N, coupling variant, detector, flux) at μ_N = 1 GeV⁻¹;
 * since every cross section and width scales as μ_N², event counts at any μ_N follow from
 * {@link ScalableSignature.events} with κ = μ_N² (GeV⁻²).
 */
import { m_e, m_n, m_p, type Material } from "../../core/constants";
import { type Detector, probTungsten, probVessel, transverseAcceptance } from "../../detector/geometry";
import { tRange, momentum } from "../../core/kinematics";
import {
  branchingNuGamma,
  branchingNuLL,
  dipoleModel,
  type DipoleCoupling,
  coherentKernel,
  dsigmaDtCoherent,
  dsigmaDtElectron,
  dsigmaDtNucleon,
  electronKernel,
  nucleonKernel,
  totalWidth,
  upscatteringSpecies,
  visibleEnergyFractionNuLL,
  leptonMass,
} from ".";
import { requireOneOf, requirePositive } from "../../core/validate";
import { fasernu2ElectronCuts, fasernu2ElectronCutsNoAngle, recoilWindows } from "../../detector/electronCuts";
import {
  type BinnedSpectrum,
  breakdown,
  collapseByEnergy,
  restrictAbsT,
  type ProductionChannel,
  type ProductionOptions,
  type ProductionTable,
  tabulateProduction,
} from "../../engine/productionTable";
import { WITHIN_BIN_MODELS, type WithinBinModel } from "../../engine/fluxBins";
import { rescaleProduction } from "../../engine/tableRescale";
import { type ScalableSignature, scalableSignature } from "../../engine/scaling";
import type { SetupQuadrature, SignalSetup } from "../../engine/setup";
import { CUTS } from "../../detector/cuts";
import { logInterpolant } from "../../core/interpolation";

/** The signatures of the dipole portal, as named on the command line. */
export const DIPOLE_SIGNATURES = [
  "vessel-photons",
  "vessel-dileptons",
  "ecc-photons-1tev",
  "ecc-photons-3tev",
  "electron-scattering",
] as const;
export type DipoleSignature = (typeof DIPOLE_SIGNATURES)[number];

/** The cuts of SPEC §5 (GeV, GeV²), owned by lib/detector/cuts.ts; re-exported under their old name. */
export { CUTS };

/**
 * Inputs that do not change with the model point: the engine's {@link SignalSetup}
 * (lib/engine/setup.ts) under its old name.
 * @deprecated use SignalSetup.
 */
export type DipoleSetup = SignalSetup;

/** The options of the production quadrature a setup may set (lib/engine/setup.ts SetupQuadrature). */
export type QuadratureOptions = SetupQuadrature;

/**
 * The dipole portal's production rule: the count-conserving interpolated flux, 8 Gauss points
 * per bin in ln E_ν (split at the channel thresholds and the energy cuts), 4 per half-decade
 * panel in ln|t|. Doubling any of the three changes no count (m_N = 0.01–10 GeV, counts down
 * to 10⁻³ events) and no Fig. 2 spectrum bin above 10⁻³ of the total by more than 0.5 %
 * (measured ≤ 0.1 %; the t rule agrees with 16 points to 10⁻⁶): test/numerics.test.ts.
 */
export const DIPOLE_QUADRATURE: Required<Pick<QuadratureOptions, "withinBin" | "ePoints" | "tPoints">> = {
  withinBin: "interpolated",
  ePoints: 8,
  tPoints: 4,
};

/** Fraction of N → νγ photons above E_cut for an unpolarised N of energy E_N: E_γ is uniform on [(E−p)/2, (E+p)/2] (SPEC §5). */
export function photonFractionAbove(EN: number, mN: number, Ecut: number): number {
  const p = momentum(EN, mN);
  if (p === 0) return mN / 2 > Ecut ? 1 : 0;
  const hi = 0.5 * (EN + p);
  return Math.min(1, Math.max(0, (hi - Ecut) / p));
}

/** The production channels of the dipole portal on a material at μ_N = 1 GeV⁻¹ (A.10 corrected forms; see lib/models/dipole). */
export function dipoleChannels(mN: number, material: Material, opts: { screening?: boolean } = {}): ProductionChannel[] {
  const screening = opts.screening ?? false;
  return [
    {
      name: "coherent",
      targetMass: material.mass,
      perNucleus: 1,
      dsigmadt: (E, t) => dsigmaDtCoherent(E, t, mN, 1, material, { screening }),
      kernel: coherentKernel(mN, material, screening),
    },
    {
      name: "proton",
      targetMass: m_p,
      perNucleus: material.Z,
      dsigmadt: (E, t) => dsigmaDtNucleon(E, t, mN, 1, "p"),
      kernel: nucleonKernel(mN, "p"),
    },
    {
      name: "neutron",
      targetMass: m_n,
      perNucleus: material.A - material.Z,
      dsigmadt: (E, t) => dsigmaDtNucleon(E, t, mN, 1, "n"),
      kernel: nucleonKernel(mN, "n"),
    },
    {
      name: "electron",
      targetMass: m_e,
      perNucleus: material.Z,
      dsigmadt: (E, t) => dsigmaDtElectron(E, t, mN, 1),
      kernel: electronKernel(mN),
    },
  ];
}

/** Flavour weights (1 for species that up-scatter, 0 otherwise) for the spectra of a setup. */
export function flavourWeights(coupling: DipoleCoupling, flux: readonly BinnedSpectrum[]): number[] {
  const species = upscatteringSpecies(dipoleModel({ mN: 1, mu: 1, coupling })) as readonly string[];
  return flux.map((s) => (species.includes(s.flavour) ? 1 : 0));
}

/** Everything about one (m_N, coupling variant) that does not depend on μ_N. */
export interface DipoleMassPoint {
  readonly mN: number;
  readonly coupling: DipoleCoupling;
  readonly setup: DipoleSetup;
  /** Production in all channels, no t cut (vessel signatures). */
  readonly production: ProductionTable;
  /** Production with |t| < (0.1 GeV)² (ECC signatures). */
  readonly productionECC: ProductionTable;
  /** ν e → N e with the recoil cuts (electron scattering). */
  readonly productionElectron: ProductionTable;
  /** Branching fractions and the total width at μ_N = 1 GeV⁻¹ (ratios do not depend on μ_N). */
  readonly brGamma: number;
  readonly widthAtUnit: number;
  /** Static acceptance × branching as a function of the N energy E_N (GeV), for each signature. */
  readonly acceptance: Readonly<Record<DipoleSignature, (EN: number) => number>>;
  /** The μ_N-scalable signatures (κ = μ_N²). */
  readonly signatures: Readonly<Record<DipoleSignature, ScalableSignature>>;
  /** The decay inputs (shared by points derived with {@link DipoleMassPointOptions.from}). */
  readonly decay?: DipoleDecayInputs;
}

/** The μ_N-independent decay inputs of a mass point at μ_N = 1 GeV⁻¹ (shared by every detector). */
export interface DipoleDecayInputs {
  /** Total width, GeV, and Br(N → νγ). */
  readonly widthAtUnit: number;
  readonly brGamma: number;
  /** Σ_ℓ Br(N → νℓℓ) × fraction with E(ℓ⁺) + E(ℓ⁻) above the vessel cut, as a function of E_N (GeV). */
  readonly dilepton: (EN: number) => number;
}

/**
 * Highest E_N of the tabulated dilepton visible fraction, GeV: 20 TeV, above every bin of the
 * 14 TeV flux tables (the exact fraction is evaluated above it).
 */
const DILEPTON_FRACTION_EMAX = 2e4;

/** Widths, branching fractions and the tabulated dilepton visible fraction of (m_N, coupling, decay flavours). */
function dipoleDecayInputs(mN: number, coupling: DipoleCoupling, setup: DipoleSetup): DipoleDecayInputs {
  const unit = dipoleModel({ mN, mu: 1, coupling, ...(setup.decayFlavours !== undefined ? { decayFlavours: setup.decayFlavours } : {}) });
  const leptons = (["e", "mu"] as const).filter((l) => mN > 2 * leptonMass(l));
  const brL = leptons.map((l) => branchingNuLL(unit, l));
  // E(ℓ⁺) + E(ℓ⁻) < E_N, so the fraction vanishes for E_N ≤ the cut: tabulate above it only
  const Elo = Math.max(mN * 1.0001, CUTS.vesselEvis);
  const fracL = leptons.map((l) => {
    const f = logInterpolant((E) => visibleEnergyFractionNuLL(mN, l, E, CUTS.vesselEvis), Elo, DILEPTON_FRACTION_EMAX);
    return (E: number) => (E <= Elo ? 0 : f(E));
  });
  const dilepton = (EN: number) => {
    let s = 0;
    for (let i = 0; i < leptons.length; i++) s += brL[i]! * fracL[i]!(EN);
    return s;
  };
  return { widthAtUnit: totalWidth(unit), brGamma: branchingNuGamma(unit), dilepton };
}

/** Options of {@link dipoleMassPoint}. */
export interface DipoleMassPointOptions {
  /**
   * A mass point of the same m_N, coupling, material and quadrature for another detector/flux
   * (e.g. FASERν2 for the FASER Run-3 line): its tables are rescaled to this setup's flux per
   * bin and target length (lib/engine/tableRescale, exact to rounding) instead of tabulated
   * again, and its decay inputs reused when the decay flavours agree (they change only the
   * widths, never the tables). Any flux with the same bins works (another normalisation, another
   * detector's flux). Falls back to a full tabulation when the bins, material or settings differ.
   */
  readonly from?: DipoleMassPoint;
}

/** Whether `p`'s tables are valid for (mN, coupling, setup) up to flux per bin and target length. */
function canDeriveFrom(p: DipoleMassPoint, mN: number, coupling: DipoleCoupling, setup: DipoleSetup): boolean {
  const a = p.setup, b = setup;
  return (
    p.mN === mN && p.coupling === coupling &&
    (a.screening ?? false) === (b.screening ?? false) &&
    (a.electronAngleCuts ?? true) === (b.electronAngleCuts ?? true) &&
    JSON.stringify(a.quadrature ?? {}) === JSON.stringify(b.quadrature ?? {}) &&
    a.detector.target.material.name === b.detector.target.material.name
  );
}

/** The three production tables of a mass point, tabulated. */
function dipoleTables(mN: number, fw: readonly number[], setup: DipoleSetup): [ProductionTable, ProductionTable, ProductionTable] {
  const det = setup.detector;
  const mat = det.target.material;
  const channels = dipoleChannels(mN, mat, { screening: setup.screening ?? false });
  const L = det.target.length;
  // the acceptances switch on at E_γ,max = (E_N + p_N)/2 = E_cut, i.e. E_N = E_cut + m_N²/(4E_cut) (E_N ≈ E_ν for the
  // coherent channel, which dominates): split the flux bins there so that the rule never straddles a kink
  const energyBreaks = [CUTS.vesselEvis, CUTS.ecc1TeV, CUTS.ecc3TeV].map((Ec) => Ec + (mN * mN) / (4 * Ec));
  const merge = { mergeFlavours: true, energyBreaks, ...DIPOLE_QUADRATURE, ...setup.quadrature };
  const production = tabulateProduction(mN, setup.flux, fw, channels, mat, L, merge);
  const productionECC = restrictAbsT(production, CUTS.eccTAbsMax, setup.quadrature?.panelsPerDecade);
  const boxes = setup.electronAngleCuts === false ? fasernu2ElectronCutsNoAngle : fasernu2ElectronCuts;
  const electronChannel = channels.filter((c) => c.name === "electron");
  const productionElectron = tabulateProduction(mN, setup.flux, fw, electronChannel, mat, L, {
    ...merge,
    recoilWindows: (E, ch) => {
      const r = tRange(E, mN, ch.targetMass);
      if (r === null) return [];
      return recoilWindows(E, mN, -r.tMax / (2 * ch.targetMass), -r.tMin / (2 * ch.targetMass), boxes, ch.targetMass);
    },
  });
  return [production, productionECC, productionElectron];
}

/** The tables of `from` rescaled to `setup`'s flux and target length, or null when not exact. */
function rescaledTables(from: DipoleMassPoint, fw: readonly number[], setup: DipoleSetup): [ProductionTable, ProductionTable, ProductionTable] | null {
  const t = setup.detector.target;
  const out = [from.production, from.productionECC, from.productionElectron].map((tab) => rescaleProduction(tab, setup.flux, fw, t.length, t.material));
  return out.every((x) => x !== null) ? (out as [ProductionTable, ProductionTable, ProductionTable]) : null;
}

/** Build the μ_N-independent tables of one mass point (the expensive step of a scan: ~10 ms). */
export function dipoleMassPoint(mN: number, coupling: DipoleCoupling, setup: DipoleSetup, opts: DipoleMassPointOptions = {}): DipoleMassPoint {
  requirePositive("mN", mN);
  requireOneOf("coupling", coupling, ["universal", "tau"] as const);
  const det = setup.detector;
  const fw = flavourWeights(coupling, setup.flux);
  const from = opts.from !== undefined && canDeriveFrom(opts.from, mN, coupling, setup) ? opts.from : undefined;
  const [production, productionECC, productionElectron] = (from && rescaledTables(from, fw, setup)) || dipoleTables(mN, fw, setup);
  // the decay flavours change only the widths: tables shared, decay inputs recomputed
  const decay = (from && from.setup.decayFlavours === setup.decayFlavours ? from.decay : undefined) ?? dipoleDecayInputs(mN, coupling, setup);
  const { widthAtUnit, brGamma, dilepton } = decay;
  const acc = transverseAcceptance(det);
  const acceptance: Record<DipoleSignature, (EN: number) => number> = {
    "vessel-photons": (EN) => acc * brGamma * photonFractionAbove(EN, mN, CUTS.vesselEvis),
    "vessel-dileptons": (EN) => acc * dilepton(EN),
    "ecc-photons-1tev": (EN) => brGamma * photonFractionAbove(EN, mN, CUTS.ecc1TeV),
    "ecc-photons-3tev": (EN) => brGamma * photonFractionAbove(EN, mN, CUTS.ecc3TeV),
    "electron-scattering": () => 1,
  };
  const dAtUnit = (EN: number) => momentum(EN, mN) / (mN * widthAtUnit);
  const tableFor = (s: DipoleSignature) =>
    s === "electron-scattering" ? productionElectron : s.startsWith("ecc") ? productionECC : production;
  const regionFor = (s: DipoleSignature) =>
    s === "electron-scattering" ? ("none" as const) : s.startsWith("ecc") ? ("tungsten" as const) : ("vessel" as const);
  const signatures = Object.fromEntries(
    DIPOLE_SIGNATURES.map((s) => [
      s,
      scalableSignature(s, regionFor(s), det, collapseByEnergy(tableFor(s), acceptance[s]), dAtUnit),
    ]),
  ) as Record<DipoleSignature, ScalableSignature>;
  return { mN, coupling, setup, production, productionECC, productionElectron, brGamma, widthAtUnit, acceptance, signatures, decay };
}

/** Expected events of one signature with its breakdown by production channel and by flavour. */
export interface EventCount {
  readonly events: number;
  readonly byChannel: Record<string, number>;
  readonly byFlavour: Record<string, number>;
}

/**
 * Expected events of a signature at a model point, node by node (exact; used for single
 * points and for the breakdowns — scans use the collapsed {@link ScalableSignature}).
 */
export function dipoleEvents(point: DipoleMassPoint, mu: number, signature: DipoleSignature): EventCount {
  requirePositive("mu", mu);
  requireOneOf("signature", signature, DIPOLE_SIGNATURES);
  const kappa = mu * mu;
  const det = point.setup.detector;
  const table =
    signature === "electron-scattering" ? point.productionElectron : signature.startsWith("ecc") ? point.productionECC : point.production;
  const acc = point.acceptance[signature];
  const width = point.widthAtUnit * kappa;
  const mN = point.mN;
  const P =
    signature === "electron-scattering"
      ? () => 1
      : signature.startsWith("ecc")
        ? (EN: number) => probTungsten(det, momentum(EN, mN) / (mN * width))
        : (EN: number) => probVessel(det, momentum(EN, mN) / (mN * width));
  const nd = table.nodes;
  const b = breakdown(table, (k) => nd.weight[k]! * kappa * acc(nd.EN[k]!) * P(nd.EN[k]!));
  return { events: b.total, byChannel: b.byChannel, byFlavour: b.byFlavour };
}

/** One row of {@link withinBinComparison}: a within-bin flux model and the expected events of every signature. */
export interface WithinBinRow {
  readonly model: WithinBinModel;
  readonly events: Record<DipoleSignature, number>;
}

/**
 * Expected events of the dipole signatures (S1 vessel photons, S2 vessel dileptons, S3 ECC
 * photons > 1 and > 3 TeV, S4 electron scattering) at (m_N GeV, μ_N GeV⁻¹) for each model of
 * the flux inside a bin (production.ts withinBinSlopes), everything else of `setup` fixed:
 * what the choice of within-bin model does to the counts.
 */
export function withinBinComparison(
  mN: number,
  mu: number,
  coupling: DipoleCoupling,
  setup: DipoleSetup,
  models: readonly WithinBinModel[] = WITHIN_BIN_MODELS,
): WithinBinRow[] {
  requirePositive("mu", mu);
  return models.map((model) => {
    const point = dipoleMassPoint(mN, coupling, { ...setup, quadrature: { ...setup.quadrature, withinBin: model } });
    const events = Object.fromEntries(DIPOLE_SIGNATURES.map((s) => [s, dipoleEvents(point, mu, s).events])) as Record<DipoleSignature, number>;
    return { model, events };
  });
}
