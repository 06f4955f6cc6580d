/**
 * Full events of the Fig. 4 productions at the IP (arXiv:2011.04751 §4.3; m_N < m_ZD, ν_τ
 * mixing) with N → ν_τ e⁺e⁻ (through the off-shell Z_D) in the FASER 2 vessel:
 *
 *  - "mixing" (heavyZDMassPoint's "mixing-vessel"): N from D_s → τN, τ → NX. The cells are the
 *    ν_τ flux bins through the FASERν2 face with E_N = E_ν (lib/models/darkBoson/fig4/samplingIp.ts);
 *    the spectrum has no N direction, so the N flies from the IP to a point drawn uniformly on the
 *    square face (the flux tables are integrated over it; the N is taken collinear with its ν_τ).
 *    N or N̄ by the bin's ν_τ : ν̄_τ ratio. Record: N root particle (status 2; produced at the IP,
 *    on the axis at z = −D, t = −D), vertex 0 at its decay, ν e⁻ e⁺.
 *  - "zd-decay" ("zd-vessel"): Z_D → N N̄ with the Z_D from π⁰/η decays and bremsstrahlung. A Z_D
 *    cell (E_Z, θ_Z) of the quadrature's histogram is drawn ∝ its N count hitting the vessel's front
 *    disc, the Z_D azimuth uniformly, the Z_D → N N̄ decay isotropically (unpolarised Z_D, the
 *    quadrature's default) and redrawn until the followed N hits the disc with E_N ≥ max(1, E_cut),
 *    as nOnDetectorFaceMC does; N or N̄ is followed with probability ½ (the count has 2 per Z_D).
 *    Record: Z_D root (status 2), vertex 0 at the IP, N and N̄, vertex 1 at the followed N's decay.
 *
 * Decay point along the N line from the IP, exponential law truncated to the vessel's z planes
 * (`decay_probability` = the probability to decay there); N → ν e⁺e⁻ as in lib/events/fig4.ts
 * (m²(e⁺e⁻) from the Z_D-mediated dΓ/ds, isotropic in the N frame, e⁺e⁻ isotropic in their frame);
 * `branching` = BR(N → ν e⁺e⁻)(U2). Selection: E(e⁺) + E(e⁻) > E_cut, decay point inside the radius.
 */
import { cumulativeSums, seededRandom, searchCumulative, type Random } from "../core/random";
import { mm } from "../core/units";
import { darkBosonModel, type DarkBosonModel } from "../models/darkBoson";
import { heavyZDNWidths } from "../models/darkBoson/fig4/decays";
import type { HeavyZDSetup } from "../models/darkBoson/fig4/heavyZD";
import { heavyZDReferenceModel, nuEESampler } from "../models/darkBoson/fig4/sampling";
import { hitsFace, mixingCells, type ZDFaceCells, zdVesselCells } from "../models/darkBoson/fig4/samplingIp";
import { requireInRange } from "../core/validate";
import { boostInto, isotropic, twoBodyMomentum, vec4, type Vec4 } from "./fourvec";
import { EventRecord, PDG, STATUS, type EventStream } from "./record";

const M_E = 0.00051099895;
const NU_TAU = 16;
const WEIGHT_NAMES = ["weight", "weight_unselected", "production", "decay_probability", "selection", "branching"] as const;

/** Options of the Fig. 4 IP streams. */
export interface Fig4IpStreamOptions {
  readonly n: number;
  readonly seed: number;
  /** E(e⁺) + E(e⁻) cut in the vessel, GeV (default 100, heavyZDMassPoint's energyCut). */
  readonly energyCut?: number;
  /** Include the SM neutral-current N decays (default true, as heavyZDMassPoint). */
  readonly smDecays?: boolean;
  readonly meta?: Record<string, unknown>;
}

/** U2 ∈ (0, 1] and n a positive integer, else RangeError. */
export function ipCheck(U2: number, n: number): void {
  requireInRange("U2", U2, Number.MIN_VALUE, 1);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n = ${n} must be a positive integer`);
}

/** The part both IP vessel streams share: widths at U2, the vessel planes, the decay and the record's decay vertex. */
function vesselDecay(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4IpStreamOptions) {
  ipCheck(U2, opts.n);
  const ref = heavyZDReferenceModel(template);
  const mN = ref.mN;
  const w = heavyZDNWidths(darkBosonModel({ ...template, U2 }), { sm: opts.smDecays ?? true });
  const br = w.visibleEE / w.total;
  const det = setup.detector;
  const D = det.target.distanceFromIP;
  const L1 = D + det.vessel.start, L2 = L1 + det.vessel.length;
  const R2 = det.vessel.radius ** 2;
  const Ecut = opts.energyCut ?? 100;
  const s2 = nuEESampler(ref);
  const a = vec4(), b = vec4(), c = vec4();
  /** Probability that an N of momentum P (GeV) from the IP decays between the planes z = L₁, L₂ (path s₁ = L₁/cos θ …). */
  const decayProbability = (P: Float64Array): number => {
    const p = Math.hypot(P[0]!, P[1]!, P[2]!), d = p / (mN * w.total), k = p / P[2]!;
    return Math.exp((-L1 * k) / d) * -Math.expm1((-(L2 - L1) * k) / d);
  };
  /**
   * Add the decay vertex (drawn on the N line from the IP) and ν e⁻ e⁺ (N̄: ν̄ e⁺ e⁻ charges) to
   * `rec` for the N at particle index `iN`; returns the selection (0/1).
   */
  const decay = (rec: EventRecord, rng: Random, iN: number, sign: number): number => {
    const P = [rec.px[iN]!, rec.py[iN]!, rec.pz[iN]!, rec.E[iN]!];
    const p = Math.hypot(P[0]!, P[1]!, P[2]!), d = p / (mN * w.total), k = p / P[2]!;
    const sA = L1 * k, sB = L2 * k;
    const s = sA - d * Math.log1p(-rng() * -Math.expm1(-(sB - sA) / d));
    const x = (s * P[0]!) / p, y = (s * P[1]!) / p, z = (s * P[2]!) / p - D;
    const v = rec.addVertex(x / mm, y / mm, z / mm, (-D + (s * P[3]!) / p) / mm, iN);
    const mll = Math.sqrt(s2(rng));
    const q = (mN * mN - mll * mll) / (2 * mN); // ν and e⁺e⁻ momentum in the N frame
    isotropic(rng, q, Math.sqrt(q * q + mll * mll), c);
    b[0] = -c[0]!, b[1] = -c[1]!, b[2] = -c[2]!, b[3] = q;
    const pl = twoBodyMomentum(mll, M_E, M_E), El = Math.hypot(pl, M_E);
    isotropic(rng, pl, El, a);
    const a2 = vec4();
    a2[0] = -a[0]!, a2[1] = -a[1]!, a2[2] = -a[2]!, a2[3] = El;
    for (const u of [a, a2]) {
      boostInto(u, c[0]!, c[1]!, c[2]!, c[3]!, mll);
      boostInto(u, P[0]!, P[1]!, P[2]!, P[3]!, mN);
    }
    boostInto(b, P[0]!, P[1]!, P[2]!, P[3]!, mN);
    rec.addParticle(sign * NU_TAU, STATUS.final, b[0]!, b[1]!, b[2]!, b[3]!, 0, v);
    rec.addParticle(sign * PDG.electron, STATUS.final, a[0]!, a[1]!, a[2]!, a[3]!, M_E, v);
    rec.addParticle(-sign * PDG.electron, STATUS.final, a2[0]!, a2[1]!, a2[2]!, a2[3]!, M_E, v);
    rec.mode = "nu e e";
    const r2 = (x * x + y * y);
    return r2 <= R2 && a[3]! + a2[3]! > Ecut ? 1 : 0;
  };
  /** Fill the six weights from the production weight, the decay probability and the selection. */
  const weigh = (rec: EventRecord, production: number, P: number, sel: number): void => {
    const W = rec.weights;
    W[1] = production * P * br;
    W[0] = W[1]! * sel;
    W[2] = production;
    W[3] = P;
    W[4] = sel;
    W[5] = br;
  };
  const meta = (signature: string) => ({ model: "darkboson", scenario: "fig4-heavy-ZD", signature, mN_GeV: template.mN, mZD_GeV: template.mZD, gD: template.gD, eps: template.eps, U2, energy_cut_GeV: Ecut, ...(opts.meta ?? {}) });
  return { mN, D, decayProbability, decay, weigh, meta };
}

/**
 * "mixing" events at U2 (module comment): weights sum to heavyZDMassPoint(...).events("mixing-vessel", U2)
 * within statistical errors (tested; mixingAreaFactor 1, the default). Cells are drawn ∝ count × the
 * on-axis decay probability, so the weights are nearly equal.
 */
export function heavyZDMixingVesselStream(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4IpStreamOptions): EventStream {
  const vd = vesselDecay(template, setup, U2, opts);
  const cells = mixingCells(template, setup);
  const mN = vd.mN, half = setup.detector.target.side / 2;
  const axis = new Float64Array(4);
  const importance = Float64Array.from(cells.energy, (E, i) => {
    axis[2] = Math.sqrt((E - mN) * (E + mN));
    return (cells.countN[i]! + cells.countNbar[i]!) * U2 * vd.decayProbability(axis);
  });
  const cum = cumulativeSums(importance);
  const total = cum[cum.length - 1] ?? 0;
  if (!(total > 0)) throw new RangeError(`no mixing N decays in the vessel at mN = ${mN} GeV, U2 = ${U2}: nothing to sample`);
  function* generate(): Generator<EventRecord> {
    const rng = seededRandom(opts.seed);
    const rec = new EventRecord(WEIGHT_NAMES.length);
    const P = new Float64Array(4);
    for (let ev = 0; ev < opts.n; ev++) {
      const i = searchCumulative(cum, rng() * total);
      const E = cells.energy[i]!, nN = cells.countN[i]!, nB = cells.countNbar[i]!;
      const sign = rng() * (nN + nB) < nN ? 1 : -1;
      // direction: from the IP to a uniform point of the FASERν2 face
      const x = half * (2 * rng() - 1), y = half * (2 * rng() - 1), L = vd.D;
      const p = Math.sqrt((E - mN) * (E + mN)), r = Math.hypot(x, y, L);
      P[0] = (p * x) / r, P[1] = (p * y) / r, P[2] = (p * L) / r, P[3] = E;
      rec.clear(ev);
      rec.addParticle(sign * PDG.N, STATUS.decayed, P[0]!, P[1]!, P[2]!, E, mN, -1);
      const sel = vd.decay(rec, rng, 0, sign);
      rec.channel = "mixing";
      vd.weigh(rec, total / opts.n / (importance[i]! / ((nN + nB) * U2)), vd.decayProbability(P), sel); // = (total/n) / P_axis
      yield rec;
    }
  }
  return { weightNames: WEIGHT_NAMES, n: opts.n, meta: vd.meta("mixing-vessel"), events: generate };
}

/** Most Z_D → N N̄ redraws per event before giving up (the cells feed the face by construction). */
const MAX_TRIALS = 1_000_000;

/**
 * Draw a Z_D of cell i (its mean E and θ, azimuth uniform) and Z_D → N N̄ isotropically in its
 * frame, redrawn until n1 crosses the cells' face with E ≥ energyMin (nOnDetectorFaceMC's
 * geometry); fills Z, n1, n2 (lab four-momenta, GeV).
 */
export function drawZDToFace(rng: Random, cells: ZDFaceCells, i: number, mN: number, Z: Vec4, n1: Vec4, n2: Vec4): void {
  const mZD = cells.mZD, EZ = cells.energy[i]!, th = cells.theta[i]!;
  const pZ = Math.sqrt((EZ - mZD) * (EZ + mZD));
  const pS = twoBodyMomentum(mZD, mN, mN), eS = mZD / 2;
  for (let trials = 1; ; trials++) {
    if (trials > MAX_TRIALS) throw new RangeError(`Z_D cell (E = ${EZ} GeV, θ = ${th}) feeds no N into the face after ${MAX_TRIALS} draws`);
    const ph = 2 * Math.PI * rng();
    Z[0] = pZ * Math.sin(th) * Math.cos(ph), Z[1] = pZ * Math.sin(th) * Math.sin(ph), Z[2] = pZ * Math.cos(th), Z[3] = EZ;
    isotropic(rng, pS, eS, n1);
    n2[0] = -n1[0]!, n2[1] = -n1[1]!, n2[2] = -n1[2]!, n2[3] = eS;
    boostInto(n1, Z[0]!, Z[1]!, Z[2]!, EZ, mZD);
    boostInto(n2, Z[0]!, Z[1]!, Z[2]!, EZ, mZD);
    if (n1[3]! >= cells.energyMin && hitsFace(cells.face, n1[0]!, n1[1]!, n1[2]!)) return;
  }
}

/** The Z_D cells' cumulative N counts and their total; RangeError when no N N̄ pair reaches `where`. */
export function zdPairDraw(template: DarkBosonModel, cells: ZDFaceCells, where: string): { readonly cum: Float64Array; readonly total: number } {
  const cum = cumulativeSums(cells.accepted);
  const total = cum[cum.length - 1] ?? 0;
  if (!(total > 0)) throw new RangeError(`no Z_D → N N̄ reaches ${where} at mN = ${template.mN} GeV, mZD = ${template.mZD} GeV: nothing to sample`);
  return { cum, total };
}

/**
 * One Z_D → N N̄ event into `rec`: a Z_D cell drawn by its N count, the pair towards the face
 * (drawZDToFace), the followed N (n1) taken as N or N̄ with probability ½ each; the Z_D, its
 * production vertex at the IP (distance D, m, from the face) and both N written. Returns the
 * followed particle's index and its sign (+1 N, −1 N̄).
 */
export function recordZDPair(rec: EventRecord, ev: number, rng: Random, cells: ZDFaceCells, draw: { readonly cum: Float64Array; readonly total: number }, mN: number, D: number, Z: Vec4, n1: Vec4, n2: Vec4): { readonly followed: number; readonly sign: number } {
  drawZDToFace(rng, cells, searchCumulative(draw.cum, rng() * draw.total), mN, Z, n1, n2);
  const sign = rng() < 0.5 ? 1 : -1;
  const [pN, pB] = sign > 0 ? [n1, n2] : [n2, n1];
  rec.clear(ev);
  const z = rec.addParticle(PDG.ZD, STATUS.decayed, Z[0]!, Z[1]!, Z[2]!, Z[3]!, cells.mZD, -1);
  const v0 = rec.addVertex(0, 0, -D / mm, -D / mm, z);
  const iN = rec.addParticle(PDG.N, sign > 0 ? STATUS.decayed : STATUS.final, pN[0]!, pN[1]!, pN[2]!, pN[3]!, mN, v0);
  const iB = rec.addParticle(-PDG.N, sign > 0 ? STATUS.final : STATUS.decayed, pB[0]!, pB[1]!, pB[2]!, pB[3]!, mN, v0);
  rec.channel = "ZD -> N Nbar";
  return { followed: sign > 0 ? iN : iB, sign };
}

/**
 * "zd-decay" events at U2 (module comment): weights sum to heavyZDMassPoint(...).events("zd-vessel", U2)
 * within statistical errors (tested). `production` = (Σ cells' N on the disc)/n for every event.
 */
export function heavyZDZDVesselStream(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4IpStreamOptions): EventStream {
  const vd = vesselDecay(template, setup, U2, opts);
  const cells = zdVesselCells(template, setup, opts.energyCut ?? 100);
  const draw = zdPairDraw(template, cells, "the vessel");
  function* generate(): Generator<EventRecord> {
    const rng = seededRandom(opts.seed);
    const rec = new EventRecord(WEIGHT_NAMES.length);
    const Z = vec4(), n1 = vec4(), n2 = vec4();
    for (let ev = 0; ev < opts.n; ev++) {
      const { followed, sign } = recordZDPair(rec, ev, rng, cells, draw, vd.mN, vd.D, Z, n1, n2);
      const sel = vd.decay(rec, rng, followed, sign);
      vd.weigh(rec, draw.total / opts.n, vd.decayProbability(n1), sel);
      yield rec;
    }
  }
  return { weightNames: WEIGHT_NAMES, n: opts.n, meta: { ...vd.meta("zd-vessel"), production: "zd-decay" }, events: generate };
}
