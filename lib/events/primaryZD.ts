/**
 * Full events of primary Z_D from the IP (Fig. 3, lib/ip: π⁰ → γZ_D, η → γZ_D, proton
 * bremsstrahlung) decaying to e⁺e⁻ in the FASER 2 vessel. The production is the quadrature's
 * own (E, θ-band) histogram of primaryZDProduction; each event draws a cell with probability ∝
 * its expected e⁺e⁻ events (eventsFromProduction's term: L ε² σ P(E, θ_band) BR(ee)), so the
 * weights sum to primaryDileptonEvents exactly. Inside a band θ is drawn uniformly in solid
 * angle (the histogram does not resolve it), the azimuth uniformly; the decay point along the
 * line from the IP from the exponential law truncated to the vessel ([L₁, min(L₂, R/θ)]); e⁺e⁻
 * isotropic in the Z_D frame. The Z_D is a root particle (no parent: the meson or proton it
 * comes from is not in the histogram); it was made at the IP, on the beam axis at
 * z = −(distance of the tungsten face from the IP), at t = −that distance (so a beam ν from the
 * same collision crosses z = 0 at t = 0, as in the secondary streams).
 */
import { labDecayLength } from "../core/kinematics";
import { PRIMARY_SOURCES, type PrimaryProduction, primaryZDProduction } from "../ip";
import { seededRandom, searchCumulative } from "../core/random";
import { type ChainWidths, chainWidths, DARKBOSON_EVIS_CUT, darkBosonPoint, epsOf, type DarkBosonParams, type NuNuReading } from "../models/darkBoson/fig3/chain";
import type { Detector } from "../detector/geometry";
import { mm } from "../core/units";
import { requirePositive } from "../core/validate";
import { boostInto, isotropic, twoBodyMomentum, vec4 } from "./fourvec";
import { EventRecord, PDG, STATUS, type EventStream } from "./record";

const M_E = 0.00051099895;

/** Options of {@link primaryZDStream}. */
export interface PrimaryStreamOptions {
  readonly n: number;
  readonly seed: number;
  readonly reading?: NuNuReading;
  readonly meta?: Record<string, unknown>;
}

/** The sampling cells of the primary Z_D: one per (source, θ band, energy bin) with expected e⁺e⁻ events x > 0. */
interface PrimaryCells {
  readonly E: number[];
  readonly band: number[];
  readonly src: number[];
  /** Probability of the decay in the vessel. */
  readonly P: number[];
  /** Cumulative expected events (the sampling CDF); its last entry is `total`. */
  readonly cum: number[];
  readonly total: number;
}

/** The cells of {@link primaryZDStream}: x = L ε² BR(ee) w P per cell, as eventsFromProduction (lib/ip) sums them. GeV. */
function primaryCells(prod: PrimaryProduction, mZD: number, eps: number, w: ChainWidths): PrimaryCells {
  const cells = { E: [] as number[], band: [] as number[], src: [] as number[], P: [] as number[], cum: [] as number[], total: 0 };
  PRIMARY_SOURCES.forEach((src, si) => {
    const h = prod.hist[src];
    for (let band = 0; band < prod.bandUpper.length; band++) {
      const theta = prod.acceptance === "front-face" ? 0 : prod.bandTheta[band]!;
      for (let i = 0; i < prod.nBins; i++) {
        const wi = h.w[band]![i]!;
        if (wi === 0) continue;
        const E = h.wE[band]![i]! / wi;
        if (!(E > DARKBOSON_EVIS_CUT) || !(E > mZD)) continue;
        const d = labDecayLength(E, mZD, w.gammaZD);
        const Lend = theta > 0 ? Math.min(prod.L2, prod.R / theta) : prod.L2;
        const P = Lend > prod.L1 ? Math.exp(-prod.L1 / d) * -Math.expm1(-(Lend - prod.L1) / d) : 0;
        const x = prod.luminosity * eps * eps * w.brEE * wi * P;
        if (!(x > 0)) continue;
        cells.total += x;
        cells.E.push(E);
        cells.band.push(band);
        cells.src.push(si);
        cells.P.push(P);
        cells.cum.push(cells.total);
      }
    }
  });
  return cells;
}

/** The primary-Z_D event stream at (m_N, U2) (the widths depend on them; production does not). */
export function primaryZDStream(params: DarkBosonParams, mN: number, U2: number, detector: Detector, opts: PrimaryStreamOptions): EventStream {
  requirePositive("U2", U2);
  if (!(Number.isInteger(opts.n) && opts.n >= 1)) throw new RangeError(`n = ${opts.n} must be a positive integer`);
  const w = chainWidths(darkBosonPoint(params, mN, U2), opts.reading ?? "errata");
  const mZD = params.mZD, eps = epsOf(params);
  const prod = primaryZDProduction(mZD, detector, { energyMin: DARKBOSON_EVIS_CUT });
  const { E: cellE, band: cellBand, src: cellSrc, P: cellP, cum, total } = primaryCells(prod, mZD, eps, w);
  const weightNames = ["weight", "weight_unselected", "production", "decay_probability", "selection", "branching"];
  const D = detector.target.distanceFromIP / mm;
  const pe = twoBodyMomentum(mZD, M_E, M_E), Ee = Math.sqrt(pe * pe + M_E * M_E);
  function* generate(): Generator<EventRecord> {
    const rng = seededRandom(opts.seed);
    const rec = new EventRecord(weightNames.length);
    const e1 = vec4(), e2 = vec4();
    const per = total / opts.n;
    for (let ev = 0; ev < opts.n; ev++) {
      const c = searchCumulative(cum, rng() * total);
      const E = cellE[c]!, band = cellBand[c]!;
      const lo = band === 0 ? 0 : prod.bandUpper[band - 1]!, hi = prod.bandUpper[band]!;
      const theta = Math.sqrt(lo * lo + rng() * (hi * hi - lo * lo));
      const phi = 2 * Math.PI * rng();
      const p = Math.sqrt((E - mZD) * (E + mZD));
      const st = Math.sin(theta), ct = Math.cos(theta);
      const px = p * st * Math.cos(phi), py = p * st * Math.sin(phi), pz = p * ct;
      // decay point: path s from the IP, truncated exponential between the vessel's planes (and radius)
      const d = labDecayLength(E, mZD, w.gammaZD);
      const zEnd = theta > 0 ? Math.min(prod.L2, prod.R / Math.tan(theta)) : prod.L2;
      const sA = prod.L1 / ct, sB = Math.max(sA, zEnd / ct);
      const s = sA - d * Math.log1p(-rng() * -Math.expm1(-(sB - sA) / d));
      rec.clear(ev);
      const zd = rec.addParticle(PDG.ZD, STATUS.decayed, px, py, pz, E, mZD, -1);
      const sm = s / mm;
      const v = rec.addVertex(sm * st * Math.cos(phi), sm * st * Math.sin(phi), sm * ct - D, -D + (sm * E) / p, zd);
      isotropic(rng, pe, Ee, e1);
      for (let k = 0; k < 3; k++) e2[k] = -e1[k]!;
      e2[3] = Ee;
      boostInto(e1, px, py, pz, E, mZD);
      boostInto(e2, px, py, pz, E, mZD);
      rec.addParticle(PDG.electron, STATUS.final, e1[0]!, e1[1]!, e1[2]!, e1[3]!, M_E, v);
      rec.addParticle(-PDG.electron, STATUS.final, e2[0]!, e2[1]!, e2[2]!, e2[3]!, M_E, v);
      rec.channel = PRIMARY_SOURCES[cellSrc[c]!]!;
      rec.mode = "ZD -> e+ e-";
      const W = rec.weights;
      W[0] = per;
      W[1] = per;
      W[2] = per / (cellP[c]! * w.brEE);
      W[3] = cellP[c]!;
      W[4] = 1;
      W[5] = w.brEE;
      yield rec;
    }
  }
  return {
    weightNames,
    n: opts.n,
    meta: { model: "darkboson", signature: "primary-dileptons", mN_GeV: mN, U2, ...params, ...(opts.meta ?? {}) },
    events: generate,
  };
}
