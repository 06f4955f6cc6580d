/**
 * The e⁺e⁻ energy spectrum of the dark-boson vessel signature from the quadrature (no Monte
 * Carlo). The pair carries the full Z_D energy, E(e⁺e⁻) = E_ZD; for an unpolarised N, E_ZD is
 * uniform on [E₋, E₊] (darkBoson.zdEnergyRange), so each E_N bin contributes
 *   dN/dE_ZD = U2 W T BR(ee) P_chain(d_N, d_ZD(E_ZD)) / (E₊ − E₋)
 * and the events in a histogram bin are that density integrated over the overlap of the bin
 * with [max(E₋, 100 GeV), E₊] (composite Gauss–Legendre in ln E, ≤ 1/20 decade per panel).
 * The primary (IP) spectrum comes from lib/ip with the same binning.
 */
import { requirePositive } from "../../../core/validate";
import {
  chainProbabilityFn,
  chainWidths,
  DARKBOSON_EVIS_CUT,
  darkBosonPoint,
  type DarkBosonMassPoint,
  lnPanelNodes,
  type SecondaryOptions,
  zdEnergyRange,
} from "./chain";
import { zdDecayAsymmetry, zdEnergyWeight } from "../polarisation";

/** A histogram of expected events in E(e⁺e⁻) with summary statistics. */
export interface DileptonSpectrum {
  /** Bin edges, GeV (increasing). */
  readonly edges: readonly number[];
  /** Expected events per bin. */
  readonly events: number[];
  /** Σ events over the bins. */
  readonly total: number;
  /** Event-weighted mean E(e⁺e⁻) over the histogram range, GeV (0 if empty). */
  readonly meanEnergy: number;
  /** Geometric centre of the bin with the most events per unit ln E, GeV (0 if empty). */
  readonly modeEnergy: number;
}

/** Check that edges are positive and increasing; RangeError naming the index otherwise. */
export function checkEdges(edges: readonly number[]): void {
  if (edges.length < 2) throw new RangeError(`edges.length = ${edges.length} must be ≥ 2`);
  edges.forEach((e, i) => {
    requirePositive(`edges[${i}]`, e);
    if (i > 0 && !(e > edges[i - 1]!)) throw new RangeError(`edges[${i}] = ${e} must be > edges[${i - 1}] = ${edges[i - 1]}`);
  });
}

/** Summary of a histogram: total, mean (with per-bin mean energies if given, else geometric centres) and mode per unit ln E. */
export function summarise(edges: readonly number[], events: number[], meanE?: number[]): DileptonSpectrum {
  let total = 0, sE = 0, best = -1, bestDensity = 0;
  for (let b = 0; b < events.length; b++) {
    const n = events[b]!;
    total += n;
    const c = Math.sqrt(edges[b]! * edges[b + 1]!);
    sE += n * (meanE ? meanE[b]! : c);
    const dens = n / Math.log(edges[b + 1]! / edges[b]!);
    if (dens > bestDensity) {
      bestDensity = dens;
      best = b;
    }
  }
  return {
    edges,
    events,
    total,
    meanEnergy: total > 0 ? sE / total : 0,
    modeEnergy: best >= 0 ? Math.sqrt(edges[best]! * edges[best + 1]!) : 0,
  };
}

/**
 * Secondary e⁺e⁻ spectrum in the vessel at U2 (Fig. 3 right, orange): exact per-bin integrals of
 * the Z_D energy density of every E_N bin of the mass point (100 bins per decade). Only
 * E_ZD > 100 GeV is counted (the signature's cut); the bins below it stay empty.
 */
export function secondaryDileptonSpectrum(
  point: DarkBosonMassPoint,
  U2: number,
  edges: readonly number[],
  opts: SecondaryOptions = {},
): DileptonSpectrum {
  checkEdges(edges);
  requirePositive("U2", U2);
  const mN = point.mN, mZD = point.params.mZD;
  const w = chainWidths(darkBosonPoint(point.params, mN, U2), opts.reading ?? "errata");
  const P = chainProbabilityFn(point.setup.detector);
  const kN = 1 / (mN * w.gammaN), kZ = 1 / (mZD * w.gammaZD);
  const c = point.collapsed;
  const nb = edges.length - 1;
  const events = new Array<number>(nb).fill(0);
  const sumE = new Array<number>(nb).fill(0);
  const base = U2 * point.transverse * w.brEE;
  const aP = zdDecayAsymmetry(mN, mZD, opts);
  for (let j = 0; j < c.EN.length; j++) {
    const EN = Math.max(c.EN[j]!, mN);
    const [lo, hi] = zdEnergyRange(EN, mN, mZD);
    const a = Math.max(lo, DARKBOSON_EVIS_CUT);
    if (!(hi > a)) continue;
    const pN = Math.sqrt((EN - mN) * (EN + mN));
    const dN = opts.promptN ? 0 : pN * kN;
    const pref = (base * c.weight[j]!) / (hi - lo);
    for (let b = 0; b < nb; b++) {
      const x0 = Math.max(a, edges[b]!), x1 = Math.min(hi, edges[b + 1]!);
      if (!(x1 > x0)) continue;
      const nodes = lnPanelNodes(x0, x1, 20);
      for (let i = 0; i < nodes.E.length; i++) {
        const E = nodes.E[i]!;
        const v = pref * nodes.w[i]! * zdEnergyWeight(E, lo, hi, aP) * P(dN, Math.sqrt((E - mZD) * (E + mZD)) * kZ);
        events[b]! += v;
        sumE[b]! += v * E;
      }
    }
  }
  return summarise(
    edges,
    events,
    sumE.map((s, b) => (events[b]! > 0 ? s / events[b]! : 0)),
  );
}
