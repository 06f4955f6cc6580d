/**
 * What the explorer computes at one model point, with the same library calls as
 * `nudump events` (cli/events.ts for the dipole, cli/darkboson.ts for Z_D), so the counts are
 * identical to the CLI's JSON: makeSetup → dipoleMassPoint → dipoleEvents per signature, and
 * darkBosonMassPoint → secondaryDileptonEvents + primaryDileptonEvents. The μ_N/U²-independent
 * mass point (the expensive part, 0.1–1 s) is cached, so moving μ_N or U² re-runs only the sums.
 * Plus the signal spectrum and the lab decay length / decay probability against E_N.
 */
import { darkBosonPoint, darkBosonMassPoint, type DarkBosonMassPoint, type DarkBosonParams, primaryDileptonEvents, secondaryDileptonEvents, electronScatteringEvents } from "../lib/models/darkBoson/fig3/chain";
import { secondaryDileptonSpectrum } from "../lib/models/darkBoson/fig3/spectrum";
import { labDecayLengthN, labDecayLengthZD } from "../lib/models/darkBoson/widths";
import { dipoleModel, labDecayLength } from "../lib/models/dipole";
import { DIPOLE_SIGNATURES, dipoleEvents, dipoleMassPoint, type DipoleMassPoint } from "../lib/models/dipole/signatures";
import { dipolePhotonOrRecoilSpectrum, logEdges } from "../lib/models/dipole/spectrum";
import { inputsJson, makeSetup } from "../lib/engine/setup";
import { probTungsten, probVessel } from "../lib/detector/geometry";
import { logspace } from "../lib/plot";
import { m as metre } from "../lib/core/units";
import { type ExplorerInputs, setupOptions } from "./inputs";

/** One signature's count with its breakdowns, keyed as in the CLI's JSON. */
export interface SignatureCount {
  readonly events: number;
  readonly by_channel?: Record<string, number>;
  readonly by_flavour?: Record<string, number>;
  readonly by_production?: Record<string, number>;
  readonly by_source?: Record<string, number>;
}

/** A binned spectrum per series (events per bin). */
export interface SpectrumResult {
  readonly variable: string;
  readonly edges_GeV: number[];
  readonly series: { name: string; events: number[] }[];
}

/** Lab decay lengths (m) and decay probabilities against the parent energy. */
export interface DecayResult {
  readonly E_GeV: number[];
  readonly lengths: { name: string; metres: number[] }[];
  readonly probabilities: { name: string; values: number[] }[];
}

export interface PointResults {
  readonly events: Record<string, SignatureCount>;
  readonly spectrum: SpectrumResult;
  readonly decay: DecayResult;
  readonly resolved: Record<string, unknown>;
  readonly timing_ms: { massPoint: number; counts: number; total: number; cached: boolean };
}

/** The counts alone, handed out before the spectrum and decay panels are computed. */
export type CountResults = Pick<PointResults, "events" | "resolved"> & { readonly timing_ms: { massPoint: number; counts: number; cached: boolean } };
export type OnCounts = (c: CountResults) => void;

const cache = new Map<string, DipoleMassPoint | DarkBosonMassPoint>();

function cached<T extends DipoleMassPoint | DarkBosonMassPoint>(key: string, make: () => T): { value: T; hit: boolean } {
  const hit = cache.get(key);
  if (hit) return { value: hit as T, hit: true };
  const value = make();
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return { value, hit: false };
}

/** Energies of the decay panel: from just above m_N (and ≥ 10 GeV) to 20 TeV. */
function decayGrid(mN: number): number[] {
  return logspace(Math.max(10, 1.01 * mN), 2e4, 61);
}

function computeDipole(i: ExplorerInputs, t0: number, onCounts?: OnCounts): PointResults {
  // as cli/events.ts: makeSetup(detector, {preset, overrides, electronAngleCuts: true}), the model with the resolved decay flavours
  const setupOpts = { ...setupOptions(i), electronAngleCuts: true };
  const setup = makeSetup(i.detector, setupOpts);
  const model = dipoleModel({ mN: i.mN, mu: i.mu, coupling: i.coupling, decayFlavours: setup.resolved.decayFlavours });
  const key = JSON.stringify(["dipole", i.mN, i.coupling, i.detector, setupOpts]);
  const { value: point, hit } = cached(key, () => dipoleMassPoint(model.mN, i.coupling, setup));
  const tPoint = performance.now() - t0;
  const events: Record<string, SignatureCount> = {};
  for (const s of DIPOLE_SIGNATURES) {
    const r = dipoleEvents(point, model.mu, s);
    events[s] = { events: r.events, by_channel: r.byChannel, by_flavour: r.byFlavour };
  }
  const resolved = { detector: i.detector, coupling: i.coupling, ...inputsJson(setup.resolved) };
  const tCounts = performance.now() - t0;
  onCounts?.({ events, resolved, timing_ms: { massPoint: tPoint, counts: tCounts, cached: hit } });
  const edges = logEdges(100, 2e4, 40);
  const spectrum: SpectrumResult = {
    variable: "E<sub>γ</sub> [GeV]",
    edges_GeV: edges,
    series: [
      { name: "vessel photons (E<sub>γ</sub> > 100 GeV)", events: dipolePhotonOrRecoilSpectrum(point, model.mu, "vessel-photons", edges).events },
      { name: "ECC photons, |t| < (0.1 GeV)², E<sub>γ</sub> > 1 TeV", events: dipolePhotonOrRecoilSpectrum(point, model.mu, "ecc-photons-1tev", edges).events },
    ],
  };
  const E = decayGrid(i.mN);
  const det = point.setup.detector;
  const d = E.map((e) => labDecayLength(model, e));
  const decay: DecayResult = {
    E_GeV: E,
    lengths: [{ name: "N: d = βγcτ", metres: d.map((x) => x / metre) }],
    probabilities: [
      { name: "N decays in the FASER vessel", values: d.map((x) => probVessel(det, x)) },
      { name: "N decays in the tungsten (ECC)", values: d.map((x) => probTungsten(det, x)) },
    ],
  };
  return { events, spectrum, decay, resolved, timing_ms: { massPoint: tPoint, counts: tCounts, total: performance.now() - t0, cached: hit } };
}

/** Z_D model parameters, validated like the CLI (RangeError naming the parameter). */
export function darkBosonParams(i: ExplorerInputs): DarkBosonParams {
  for (const [k, x] of [["mZD", i.mZD], ["alphaD", i.alphaD], ["alphaEps2", i.alphaEps2]] as const) {
    if (!(Number.isFinite(x) && x > 0)) throw new RangeError(`${k} = ${x} must be > 0`);
  }
  if (!(i.U2 > 0 && i.U2 < 1)) throw new RangeError(`U2 = ${i.U2} must be in (0, 1)`);
  return { mZD: i.mZD, alphaD: i.alphaD, alphaEps2: i.alphaEps2, flavour: i.flavour };
}

function computeDarkBoson(i: ExplorerInputs, t0: number, onCounts?: OnCounts): PointResults {
  const params = darkBosonParams(i);
  const model = darkBosonPoint(params, i.mN, i.U2);
  // as cli/darkboson.ts: makeSetup(detector, {preset, overrides})
  const setupOpts = setupOptions(i);
  const setup = makeSetup(i.detector, setupOpts);
  const key = JSON.stringify(["darkboson", i.mN, params, i.detector, setupOpts]);
  const { value: point, hit } = cached(key, () => darkBosonMassPoint(i.mN, setup, params));
  const tPoint = performance.now() - t0;
  const reading = "errata" as const;
  const sec = secondaryDileptonEvents(point, i.U2, { reading });
  const edges = logEdges(100, 2e4, 40);
  // `edges` only adds the spectrum: total and bySource are those of the CLI's call without it (the test compares them)
  const prim = primaryDileptonEvents(params, i.mN, i.U2, point.setup.detector, { reading, edges });
  const esc = electronScatteringEvents(point, i.U2);
  const events: Record<string, SignatureCount> = {
    "vessel-dileptons": {
      events: sec.events + prim.total,
      by_production: { secondary: sec.events, primary: prim.total },
      by_channel: sec.byChannel,
      by_flavour: sec.byFlavour,
      by_source: prim.bySource,
    },
    "nu-e-scattering-fig3": { events: esc.events, by_channel: esc.byChannel, by_flavour: esc.byFlavour },
  };
  const resolved = { detector: i.detector, flavour: i.flavour, nunu_reading: reading, ...inputsJson(setup.resolved) };
  const tCounts = performance.now() - t0;
  onCounts?.({ events, resolved, timing_ms: { massPoint: tPoint, counts: tCounts, cached: hit } });
  const spectrum: SpectrumResult = {
    variable: "E(e⁺) + E(e⁻) [GeV]",
    edges_GeV: edges,
    series: [
      { name: "secondary: ν W → N W, N → νZ<sub>D</sub>, Z<sub>D</sub> → e⁺e⁻", events: secondaryDileptonSpectrum(point, i.U2, edges, { reading }).events },
      { name: "primary Z<sub>D</sub> from the IP (π⁰, η, bremsstrahlung)", events: [...prim.spectrum.total] },
    ],
  };
  const E = decayGrid(i.mN);
  const det = point.setup.detector;
  const dN = E.map((e) => labDecayLengthN(model, e));
  const dZ = E.map((e) => labDecayLengthZD(model, e));
  const decay: DecayResult = {
    E_GeV: E,
    lengths: [
      { name: "N of energy E: βγcτ", metres: dN.map((x) => x / metre) },
      { name: "Z<sub>D</sub> of energy E: βγcτ", metres: dZ.map((x) => x / metre) },
    ],
    probabilities: [
      { name: "N decays in the tungsten", values: dN.map((x) => probTungsten(det, x)) },
      { name: "Z<sub>D</sub> of energy E made in the tungsten decays in the vessel", values: dZ.map((x) => probVessel(det, x)) },
    ],
  };
  return { events, spectrum, decay, resolved, timing_ms: { massPoint: tPoint, counts: tCounts, total: performance.now() - t0, cached: hit } };
}

/** All outputs at one point (the counts also to onCounts as soon as they exist); a bad input is the library's RangeError. */
export function computePoint(i: ExplorerInputs, onCounts?: OnCounts): PointResults {
  const t0 = performance.now();
  return i.model === "dipole" ? computeDipole(i, t0, onCounts) : computeDarkBoson(i, t0, onCounts);
}
