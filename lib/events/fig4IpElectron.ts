/**
 * Full events of N e⁻ → N e⁻ in the FASERν2 tungsten for the Fig. 4 productions at the IP
 * (arXiv:2011.04751 §4.3; heavyZDMassPoint's "mixing-elastic" and "zd-elastic"):
 *
 *  - the N source as lib/events/fig4Ip.ts: mixing N from the IP towards a uniform point of the
 *    FASERν2 face (cells ∝ count × σ × survival, so the weights are nearly equal), or Z_D → N N̄
 *    with the followed N redrawn until it crosses the face with E_N ≥ 10 GeV;
 *  - survival to the face along the N line, exp(−s_face/d) with d = p/(m_N Γ(U2));
 *  - the scattering point uniform in z over the tungsten length along the N line (the quadrature's
 *    n_e L; an N leaving through the side within the 2 m is kept, as there);
 *  - the electron recoil T from dσ/dT (corrected (A.12), ERRATA E7) inside the exact FASERν2
 *    (E_e, θ_e) windows (elasticRecoilWindows; --no-angle-cuts: energy boxes only), drawn by
 *    inverting the analytic window integral sigmaNElectron; θ_e from the elastic kinematics of
 *    the massive N (elasticRecoilCosTheta) about the N direction (the cuts are applied to the
 *    angle to the N, which is within 10⁻³ rad of the beam axis), azimuth uniform; the outgoing N
 *    is p_N + p_e(at rest) − p_e′ (exact conservation).
 *
 * Weights: weight = weight_unselected = production × survival_probability × interaction_probability
 * (σ_cuts(E_N) n_e L), selection = 1 (the cuts are built into the recoil windows).
 */
import { electronDensity } from "../core/constants";
import { cumulativeSums, seededRandom, searchCumulative, type Random } from "../core/random";
import { mm } from "../core/units";
import { fasernu2ElectronCuts, fasernu2ElectronCutsNoAngle, type RecoilBox } from "../detector/electronCuts";
import { darkBosonModel, type DarkBosonModel, sigmaNElectron } from "../models/darkBoson";
import { heavyZDNWidths } from "../models/darkBoson/fig4/decays";
import { elasticRecoilCosTheta, elasticRecoilWindows, sigmaNElectronInBoxes } from "../models/darkBoson/fig4/electron";
import type { HeavyZDSetup } from "../models/darkBoson/fig4/heavyZD";
import { heavyZDReferenceModel } from "../models/darkBoson/fig4/sampling";
import { mixingCells, type ZDFaceCells, zdFasernu2Cells } from "../models/darkBoson/fig4/samplingIp";
import { vec4 } from "./fourvec";
import { type Fig4IpStreamOptions, ipCheck, recordZDPair, zdPairDraw } from "./fig4Ip";
import { EventRecord, PDG, STATUS, type EventStream } from "./record";

const M_E = 0.00051099895;
const WEIGHT_NAMES = ["weight", "weight_unselected", "production", "survival_probability", "interaction_probability", "selection"] as const;
/** Bisection steps of the recoil inversion: 2⁻⁶⁰ of the window, below double precision. */
const BISECTIONS = 60;

/** Options of the N e → N e streams. */
export interface Fig4IpElectronOptions extends Fig4IpStreamOptions {
  /** FASERν2 recoil-angle cuts (default true). */
  readonly angleCuts?: boolean;
}

/**
 * Where the N scatters: the front face at `distance` from the production point, `length` deep
 * (GeV⁻¹), electrons per area `electronsPerArea` = n_e L (GeV²), the recoil windows `boxes`.
 */
export interface ElectronScatteringTarget {
  readonly distance: number;
  readonly length: number;
  readonly electronsPerArea: number;
  readonly boxes: readonly RecoilBox[];
}

/** FASERν2's tungsten with the SPEC §5 recoil cuts (angle cuts on or off). */
function fasernu2Target(setup: HeavyZDSetup, angleCuts: boolean): ElectronScatteringTarget {
  const det = setup.detector;
  return { distance: det.target.distanceFromIP, length: det.target.length, electronsPerArea: electronDensity(det.target.material) * det.target.length, boxes: angleCuts ? fasernu2ElectronCuts : fasernu2ElectronCutsNoAngle };
}

/** The scattering part the N e → N e streams share (FASERν2 here, CHARM-II in lib/events/charm2Electron.ts): σ in the cuts, survival, and the record's scattering vertex. */
function nElectronScattering(template: DarkBosonModel, target: ElectronScatteringTarget, U2: number, opts: Fig4IpElectronOptions) {
  ipCheck(U2, opts.n);
  const ref = heavyZDReferenceModel(template);
  const mN = ref.mN;
  const total = heavyZDNWidths(darkBosonModel({ ...template, U2 }), { sm: opts.smDecays ?? true }).total;
  const D = target.distance, Lw = target.length;
  const neL = target.electronsPerArea;
  const angleCuts = opts.angleCuts ?? true;
  const boxes = target.boxes;
  /** σ(N e → N e) inside the cuts at E (GeV⁻²). */
  const sigma = (E: number) => sigmaNElectronInBoxes(ref, E, boxes);
  /** Survival to the face of an N of momentum P from the IP (on the axis when only E is given). */
  const survival = (p: number, pz: number) => Math.exp((-D * (p / pz) * mN * total) / p);
  const e = vec4();
  /** Draw T in the windows at E ∝ dσ/dT (inverse of the analytic window integral). GeV. */
  const drawT = (rng: Random, E: number): number => {
    const win = elasticRecoilWindows(E, mN, boxes);
    const w = win.map(([a, b]) => sigmaNElectron(ref, E, { Tmin: a, Tmax: b }));
    let x = rng() * w.reduce((s, v) => s + v, 0), k = 0;
    while (k < win.length - 1 && x > w[k]!) x -= w[k++]!;
    let [lo, hi] = win[k]!;
    const a = lo;
    for (let it = 0; it < BISECTIONS; it++) {
      const mid = 0.5 * (lo + hi);
      if (sigmaNElectron(ref, E, { Tmin: a, Tmax: mid }) < x) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  /** Add the target e⁻, the scattering vertex on the N line and N′ e⁻ for the N at index iN; returns σ_cuts n_e L. */
  const scatter = (rec: EventRecord, rng: Random, iN: number, sign: number): number => {
    const Px = rec.px[iN]!, Py = rec.py[iN]!, Pz = rec.pz[iN]!, E = rec.E[iN]!;
    const p = Math.hypot(Px, Py, Pz);
    const s = (D + Lw * rng()) * (p / Pz);
    const iT = rec.addParticle(PDG.electron, STATUS.incoming, 0, 0, 0, M_E, M_E, -1);
    const v = rec.addVertex((s * Px) / p / mm, (s * Py) / p / mm, ((s * Pz) / p - D) / mm, (-D + (s * E) / p) / mm, iN, iT);
    const T = drawT(rng, E);
    const pe = Math.sqrt(T * (T + 2 * M_E));
    const c = Math.min(1, elasticRecoilCosTheta(E, T, mN)), sn = Math.sqrt(Math.max(0, 1 - c * c));
    const ph = 2 * Math.PI * rng();
    // orthonormal (u, w) ⊥ n̂ = P/p
    const nx = Px / p, ny = Py / p, nz = Pz / p;
    const h = Math.hypot(nx, ny);
    const ux = h > 0 ? (nx * nz) / h : 1, uy = h > 0 ? (ny * nz) / h : 0, uz = h > 0 ? -h : 0;
    const wx = ny * uz - nz * uy, wy = nz * ux - nx * uz, wz = nx * uy - ny * ux;
    const a1 = pe * sn * Math.cos(ph), a2 = pe * sn * Math.sin(ph), a3 = pe * c;
    e[0] = a1 * ux + a2 * wx + a3 * nx, e[1] = a1 * uy + a2 * wy + a3 * ny, e[2] = a1 * uz + a2 * wz + a3 * nz, e[3] = T + M_E;
    rec.addParticle(sign * PDG.N, STATUS.final, Px - e[0]!, Py - e[1]!, Pz - e[2]!, E + M_E - e[3]!, mN, v);
    rec.addParticle(PDG.electron, STATUS.final, e[0]!, e[1]!, e[2]!, e[3]!, M_E, v);
    rec.mode = "N e -> N e";
    return sigma(E) * neL;
  };
  const weigh = (rec: EventRecord, production: number, surv: number, inter: number): void => {
    const W = rec.weights;
    W[0] = W[1] = production * surv * inter;
    W[2] = production;
    W[3] = surv;
    W[4] = inter;
    W[5] = 1;
  };
  const meta = (signature: string) => ({ model: "darkboson", scenario: "fig4-heavy-ZD", signature, mN_GeV: template.mN, mZD_GeV: template.mZD, gD: template.gD, eps: template.eps, U2, electron_angle_cuts: angleCuts, ...(opts.meta ?? {}) });
  return { mN, D, neL, sigma, survival, scatter, weigh, meta };
}

/** "mixing" N e → N e events at U2: weights sum to heavyZDMassPoint(...).events("mixing-elastic", U2, { angleCuts }) (tested). */
export function heavyZDMixingElectronStream(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4IpElectronOptions): EventStream {
  const sc = nElectronScattering(template, fasernu2Target(setup, opts.angleCuts ?? true), U2, opts);
  const cells = mixingCells(template, setup);
  const mN = sc.mN, half = setup.detector.target.side / 2;
  const perCell = Float64Array.from(cells.energy, (E) => {
    const p = Math.sqrt((E - mN) * (E + mN));
    return sc.sigma(E) * sc.survival(p, p);
  });
  const importance = Float64Array.from(perCell, (x, i) => (cells.countN[i]! + cells.countNbar[i]!) * U2 * x);
  const cum = cumulativeSums(importance);
  const total = cum[cum.length - 1] ?? 0;
  if (!(total > 0)) throw new RangeError(`no mixing N scatters in FASERν2 at mN = ${mN} GeV, U2 = ${U2}: nothing to sample`);
  function* generate(): Generator<EventRecord> {
    const rng = seededRandom(opts.seed);
    const rec = new EventRecord(WEIGHT_NAMES.length);
    for (let ev = 0; ev < opts.n; ev++) {
      const i = searchCumulative(cum, rng() * total);
      const E = cells.energy[i]!, nN = cells.countN[i]!, nB = cells.countNbar[i]!;
      const sign = rng() * (nN + nB) < nN ? 1 : -1;
      const x = half * (2 * rng() - 1), y = half * (2 * rng() - 1);
      const p = Math.sqrt((E - mN) * (E + mN)), r = Math.hypot(x, y, sc.D);
      rec.clear(ev);
      rec.addParticle(sign * PDG.N, STATUS.decayed, (p * x) / r, (p * y) / r, (p * sc.D) / r, E, mN, -1);
      const inter = sc.scatter(rec, rng, 0, sign);
      rec.channel = "mixing";
      // production = count U2 / (n × probability of the cell) = (total / n) / (σ × on-axis survival)
      sc.weigh(rec, total / opts.n / perCell[i]!, sc.survival(p, (p * sc.D) / r), inter);
      yield rec;
    }
  }
  return { weightNames: WEIGHT_NAMES, n: opts.n, meta: sc.meta("mixing-elastic"), events: generate };
}

/** "zd-decay" N e → N e events at U2: weights sum to heavyZDMassPoint(...).events("zd-elastic", U2, { angleCuts }) (tested). */
export function heavyZDZDElectronStream(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4IpElectronOptions): EventStream {
  return zdElectronStream(template, fasernu2Target(setup, opts.angleCuts ?? true), () => zdFasernu2Cells(template, setup), "FASERν2", U2, opts, "zd-elastic");
}

/**
 * Z_D → N N̄ (recordZDPair on the Z_D cells `cells()` builds towards the target's face, `where` names it
 * in errors), then N e → N e in `target` (nElectronScattering): the stream FASERν2 and CHARM-II
 * (lib/events/charm2Electron.ts) share. `production` = (Σ cells' N through the face)/n for every event.
 */
export function zdElectronStream(template: DarkBosonModel, target: ElectronScatteringTarget, cells: () => ZDFaceCells, where: string, U2: number, opts: Fig4IpElectronOptions, signature: string): EventStream {
  const sc = nElectronScattering(template, target, U2, opts);
  const c = cells();
  const draw = zdPairDraw(template, c, where);
  function* generate(): Generator<EventRecord> {
    const rng = seededRandom(opts.seed);
    const rec = new EventRecord(WEIGHT_NAMES.length);
    const Z = vec4(), n1 = vec4(), n2 = vec4();
    for (let ev = 0; ev < opts.n; ev++) {
      const { followed, sign } = recordZDPair(rec, ev, rng, c, draw, sc.mN, sc.D, Z, n1, n2);
      const inter = sc.scatter(rec, rng, followed, sign);
      sc.weigh(rec, draw.total / opts.n, sc.survival(Math.hypot(n1[0]!, n1[1]!, n1[2]!), n1[2]!), inter);
      yield rec;
    }
  }
  return { weightNames: WEIGHT_NAMES, n: opts.n, meta: { ...sc.meta(signature), production: "zd-decay" }, events: generate };
}
