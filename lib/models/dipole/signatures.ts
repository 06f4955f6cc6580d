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
import { type Detector, transverseAcceptance } from "../../detector/geometry";
import { momentum } from "../../core/kinematics";
import {
  branchingNuGamma,
  branchingNuLL,
  dipoleModel,
  type DipoleCoupling,
  coherentFactorised,
  coherentKernel,
  dsigmaDtCoherent,
  dsigmaDtElectron,
  dsigmaDtNucleon,
  electronFactorised,
  electronKernel,
  nucleonFactorised,
  nucleonKernel,
  totalWidth,
  upscatteringSpecies,
  visibleEnergyFractionNuLL,
  leptonMass,
} from ".";
import { requireOneOf, requirePositive } from "../../core/validate";
import { type DileptonAcceptance, dileptonAcceptance, nodeValues, photonFractionAt, signatureGroups } from "./signatureAcceptance";
import { electronRecoilSelection } from "../../detector/electronCuts";
import {
  type BinnedSpectrum,
  breakdownValues,
  requireOnPanelGrid,
  restrictAbsT,
  type ProductionChannel,
  type ProductionOptions,
  type ProductionTable,
  tabulateProduction,
} from "../../engine/productionTable";
import { rescaleFactors, rescaleProduction } from "../../engine/tableRescale";
import type { DecayRegion, ScalableSignature } from "../../engine/scaling";
import { type GroupDerivation, groupedSignatures, groupSegments, lazyField } from "../../engine/signatureGroups";
import type { CollapseSegments } from "../../engine/collapse";
import { CollapseStream } from "../../engine/collapseStream";
import type { SetupQuadrature, SignalSetup } from "../../engine/setup";
import { CUTS } from "../../detector/cuts";

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
  return photonFractionAt(EN, momentum(EN, mN), mN, Ecut);
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
      factorised: coherentFactorised(mN, material, screening),
    },
    {
      name: "proton",
      targetMass: m_p,
      perNucleus: material.Z,
      dsigmadt: (E, t) => dsigmaDtNucleon(E, t, mN, 1, "p"),
      kernel: nucleonKernel(mN, "p"),
      factorised: nucleonFactorised(mN, "p"),
    },
    {
      name: "neutron",
      targetMass: m_n,
      perNucleus: material.A - material.Z,
      dsigmadt: (E, t) => dsigmaDtNucleon(E, t, mN, 1, "n"),
      kernel: nucleonKernel(mN, "n"),
      factorised: nucleonFactorised(mN, "n"),
    },
    {
      name: "electron",
      targetMass: m_e,
      perNucleus: material.Z,
      dsigmadt: (E, t) => dsigmaDtElectron(E, t, mN, 1),
      kernel: electronKernel(mN),
      factorised: electronFactorised(mN),
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
  /** The same at many energies: out[o + p] = scale × dilepton(EN[from + p]) for p < m, `from` default 0 (the same numbers to ≲ 10⁻¹⁴ relative: signatureAcceptance). */
  readonly dileptonMany: (EN: Float64Array, m: number, out: Float64Array, o: number, scale: number, from?: number) => void;
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
  // tabulated on first use: only the vessel e⁺e⁻ signature reads it
  let table: DileptonAcceptance | undefined;
  const tableOf = () => (table ??= dileptonAcceptance(leptons.map((l) => (E: number) => visibleEnergyFractionNuLL(mN, l, E, CUTS.vesselEvis)), brL, Elo, DILEPTON_FRACTION_EMAX));
  const dilepton = (EN: number) => tableOf()(EN);
  const dileptonMany = (EN: Float64Array, m: number, out: Float64Array, o: number, scale: number, from = 0) => tableOf().many(EN, m, out, o, scale, from);
  return { widthAtUnit: totalWidth(unit), brGamma: branchingNuGamma(unit), dilepton, dileptonMany };
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
  /**
   * Build each signature's collapsed table on first read instead of in the construction (default
   * false: a scan reads them all, and the cost of a mass point stays in its construction). A
   * single query (`nudump events` reads one signature, or only the nodes) passes true; the
   * numbers are the same either way.
   */
  readonly lazy?: boolean;
  /**
   * Keep the nodes of the full production table (default true). false: the vessel and ECC
   * signatures are collapsed while the table is tabulated (lib/engine/collapseStream, the same
   * numbers) and the nodes are tabulated again only if read (a Fig. 1 scan never reads them).
   */
  readonly keepNodes?: boolean;
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

/** The production table of each signature: the full table, its |t| < (0.1 GeV)² part, or ν e → N e with the recoil cuts. */
export const SIGNATURE_TABLE: Readonly<Record<DipoleSignature, "production" | "productionECC" | "productionElectron">> = {
  "vessel-photons": "production",
  "vessel-dileptons": "production",
  "ecc-photons-1tev": "productionECC",
  "ecc-photons-3tev": "productionECC",
  "electron-scattering": "productionElectron",
};

/** Where N must decay for each signature (none: electron scattering needs no decay). */
export const SIGNATURE_REGION: Readonly<Record<DipoleSignature, DecayRegion>> = {
  "vessel-photons": "vessel",
  "vessel-dileptons": "vessel",
  "ecc-photons-1tev": "tungsten",
  "ecc-photons-3tev": "tungsten",
  "electron-scattering": "none",
};

/** The production table a signature is computed from (the one owner of this mapping, with {@link SIGNATURE_TABLE}). */
export function signatureTable(point: DipoleMassPoint, signature: DipoleSignature): ProductionTable {
  return point[SIGNATURE_TABLE[signature]];
}

/** The full production table of a mass point (all channels, no t cut), tabulated; `extra`: onCell / keepNodes. */
function tabulateMain(mN: number, fw: readonly number[], setup: DipoleSetup, extra: Pick<ProductionOptions, "onCell" | "keepNodes"> = {}): ProductionTable {
  const mat = setup.detector.target.material;
  const channels = dipoleChannels(mN, mat, { screening: setup.screening ?? false });
  return tabulateProduction(mN, setup.flux, fw, channels, mat, setup.detector.target.length, { ...productionRule(mN, setup), ...extra });
}

/**
 * The full table with the passes of the groups on it (those whose `table` is `production`)
 * collapsed while it is tabulated (lib/engine/collapseStream); the passes' segments by group
 * (null for the other groups, or all when the stream could not size its bins).
 */
function tabulateMainCollapsed(mN: number, fw: readonly number[], setup: DipoleSetup, groups: ReturnType<typeof signatureGroups>, production: () => ProductionTable, keepNodes: boolean): { table: ProductionTable; ready: (CollapseSegments | null)[] } {
  const on = groups.map((g, i) => (g.table === production ? i : -1)).filter((i) => i >= 0);
  const eMax = Math.max(...setup.flux.map((s) => s.edges[s.edges.length - 1]!));
  // a joint group's partner by its index among these passes
  const joint = (g: (typeof groups)[number]) => (g.joint && on.includes(g.joint.with) ? { with: on.indexOf(g.joint.with), batch: g.joint.batch } : undefined);
  const stream = new CollapseStream(on.map((i) => ({ count: groups[i]!.members.length, accept: groups[i]!.accept, batch: groups[i]!.batch, opts: groups[i]!.opts, joint: joint(groups[i]!) })), mN, eMax);
  const table = tabulateMain(mN, fw, setup, { onCell: (ci, c, t, EN, w) => stream.cell(ci, c, t, EN, w), keepNodes });
  const out = stream.results(keepNodes ? table.nodes.EN : undefined);
  const ready: (CollapseSegments | null)[] = groups.map(() => null);
  if (out) on.forEach((g, k) => (ready[g] = out[k]!));
  return { table, ready };
}

/** The ν e → N e table with FASERν2's recoil cuts (electron-scattering signature), tabulated. */
function tabulateElectron(mN: number, fw: readonly number[], setup: DipoleSetup): ProductionTable {
  const mat = setup.detector.target.material;
  const electron = dipoleChannels(mN, mat).filter((c) => c.name === "electron");
  const recoilWindows = electronRecoilSelection(mN, setup.electronAngleCuts !== false);
  return tabulateProduction(mN, setup.flux, fw, electron, mat, setup.detector.target.length, { ...productionRule(mN, setup), recoilWindows });
}

/**
 * The production rule of a mass point: DIPOLE_QUADRATURE and the setup's quadrature, merged
 * flavours, and the E_ν bins split where the acceptances switch on — at E_γ,max = (E_N + p_N)/2
 * = E_cut, i.e. E_N = E_cut + m_N²/(4E_cut) (E_N ≈ E_ν for the coherent channel, which
 * dominates) — so that the rule never straddles a kink.
 */
function productionRule(mN: number, setup: DipoleSetup): ProductionOptions {
  const energyBreaks = [CUTS.vesselEvis, CUTS.ecc1TeV, CUTS.ecc3TeV].map((Ec) => Ec + (mN * mN) / (4 * Ec));
  return { mergeFlavours: true, energyBreaks, ...DIPOLE_QUADRATURE, ...setup.quadrature };
}

/**
 * Build the μ_N-independent tables of one mass point (the expensive step of a scan).
 * Compute once (issue 15): only the full table is built up front (none for a point derived
 * with `from`: its tables are rescaled when read); the ECC sub-table, the electron table and
 * each signature's collapsed bins are built when first read (a FASER Run-3 point of Fig. 1
 * reads one signature), and the signatures sharing a table are collapsed together in one pass
 * (signatureGroups). A derived point with the same decay inputs takes its collapsed bins from
 * its source's collapse passes times the rescale's cell factors (lib/engine/collapse
 * binsFromSegments: the same sums up to the order of additions, ≲ 10⁻¹⁵). Otherwise every
 * number is the same as building each part eagerly.
 */
export function dipoleMassPoint(mN: number, coupling: DipoleCoupling, setup: DipoleSetup, opts: DipoleMassPointOptions = {}): DipoleMassPoint {
  requirePositive("mN", mN);
  requireOneOf("coupling", coupling, ["universal", "tau"] as const);
  const det = setup.detector;
  const fw = flavourWeights(coupling, setup.flux);
  const from = opts.from !== undefined && canDeriveFrom(opts.from, mN, coupling, setup) ? opts.from : undefined;
  const target = det.target;
  const rescale = (tab: ProductionTable) => rescaleFactors(tab, setup.flux, fw, target.length, target.material);
  const factors = from ? rescale(from.production) : null;
  const ppd = setup.quadrature?.panelsPerDecade;
  requireOnPanelGrid(CUTS.eccTAbsMax, ppd);
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
  const point = { mN, coupling, setup, brGamma, widthAtUnit, acceptance, decay } as unknown as DipoleMassPoint;
  const production = () => point.production;
  const groups = signatureGroups(mN, acc, decay, production, () => point.productionElectron);
  let ready: (CollapseSegments | null)[] | undefined;
  if (from && factors) lazyField(point, "production", () => rescaleProduction(from.production, setup.flux, fw, target.length, target.material, factors)!);
  else if (opts.lazy === true) lazyField(point, "production", () => tabulateMain(mN, fw, setup)); // built when read: not for electron scattering alone
  else {
    const built = tabulateMainCollapsed(mN, fw, setup, groups, production, opts.keepNodes ?? true);
    (point as { production: ProductionTable }).production = built.table;
    ready = built.ready;
  }
  lazyField(point, "productionECC", () => restrictAbsT(point.production, CUTS.eccTAbsMax, ppd));
  // the tables of `from` rescale alike (same flux bins): the electron table too, when `from` rescaled
  const electronFactors = () => (from && factors ? rescale(from.productionElectron) : null);
  lazyField(point, "productionElectron", () => {
    const f = electronFactors();
    return (f && rescaleProduction(from!.productionElectron, setup.flux, fw, target.length, target.material, f)) || tabulateElectron(mN, fw, setup);
  });
  const sourceSegments = from && factors && from.decay === decay ? groupSegments(from) : undefined;
  const ratio = from ? acc / transverseAcceptance(from.setup.detector) : 1;
  const derivation: GroupDerivation[] | null = sourceSegments
    ? [
        { segments: () => sourceSegments(0), cellFactor: () => factors!.cellFactor, scale: [ratio, ratio] },
        { segments: () => sourceSegments(1), cellFactor: () => factors!.cellFactor, scale: [1, 1] },
        { segments: () => sourceSegments(2), cellFactor: () => electronFactors()?.cellFactor ?? null, scale: [1] },
      ]
    : null;
  const ctx = { point, order: DIPOLE_SIGNATURES, region: SIGNATURE_REGION, detector: det, decayLengthAtUnit: (EN: number) => momentum(EN, mN) / (mN * widthAtUnit) };
  (point as { signatures: Record<DipoleSignature, ScalableSignature> }).signatures = groupedSignatures(ctx, groups, derivation, ready);
  // a fresh point's signatures are all built now (a scan reads them all, and the time of a
  // mass point stays in its construction); a derived point's on first read
  if (!from && opts.lazy !== true) for (const sig of DIPOLE_SIGNATURES) void point.signatures[sig];
  return point;
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
  const table = signatureTable(point, signature);
  const acc = point.acceptance[signature];
  const values = nodeValues(table, point.mN, point.widthAtUnit * kappa, point.setup.detector, SIGNATURE_REGION[signature], acc, kappa);
  const b = breakdownValues(table, values);
  return { events: b.total, byChannel: b.byChannel, byFlavour: b.byFlavour };
}

