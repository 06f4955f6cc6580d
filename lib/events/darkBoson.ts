/**
 * Full events of the dark-boson model's secondary chain (Fig. 3 of arXiv:2011.04751):
 * ν_α T → N T by Z_D exchange in the tungsten (lib/models/darkBoson/fig3/chain tables, per unit U2),
 * N → ν Z_D (on shell, Γ_N from the corrected (B.6), ERRATA E9) with N flying its own decay
 * length, then Z_D → e⁺e⁻ with the Z_D decay point forced into the vessel along the Z_D
 * direction (weight: the probability to decay there, and BR(Z_D → ee)). Both decays are
 * isotropic in the parent rest frame (unpolarised N, as in the paper; a vector Z_D from an
 * unpolarised N is taken unpolarised too). Selection: E_ZD = E(e⁺) + E(e⁻) > 100 GeV and the
 * Z_D decay point inside the vessel radius. And ν_α e → N e with the FASERν2 recoil cuts,
 * where the final state is the scattered N (leaving the detector) and the recoil electron.
 */
import type { Random } from "../core/random";
import type { EventTable } from "../engine/sampler";
import { chainWidths, DARKBOSON_EVIS_CUT, darkBosonPoint, type DarkBosonMassPoint, type NuNuReading } from "../models/darkBoson/fig3/chain";
import { requirePositive } from "../core/validate";
import { mm } from "../core/units";
import { boostInto, isotropic, twoBodyMomentum, vec4 } from "./fourvec";
import { type EventRecord, PDG, STATUS, type EventStream } from "./record";
import { DecayStash, type FullDecay, secondaryStream } from "./secondary";

/** N → ν Z_D with full kinematics (isotropic in the N frame); visible = [E_ZD]. */
export function darkBosonFullDecay(mN: number, mZD: number, gammaN: number, nuPdg: number, chunk: number): FullDecay {
  requirePositive("gammaN", gammaN);
  const stash = new DecayStash(chunk);
  const q = twoBodyMomentum(mN, 0, mZD);
  const a = vec4(), b = vec4();
  return {
    stash,
    model: {
      mN,
      totalWidth: gammaN,
      modes: ["nu ZD"],
      sample: (rng, EN, vis) => {
        const s = stash.next++;
        const pz = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN)));
        isotropic(rng, q, Math.sqrt(q * q + mZD * mZD), a); // Z_D
        for (let k = 0; k < 3; k++) b[k] = -a[k]!;
        b[3] = q; // ν
        boostInto(a, 0, 0, pz, EN, mN);
        boostInto(b, 0, 0, pz, EN, mN);
        stash.pdg[4 * s] = nuPdg;
        stash.m[4 * s] = 0;
        stash.p.set(b, 16 * s);
        stash.pdg[4 * s + 1] = PDG.ZD;
        stash.m[4 * s + 1] = mZD;
        stash.p.set(a, 16 * s + 4);
        stash.count[s] = 2;
        stash.mode[s] = "nu ZD";
        vis[0] = a[3]!;
        return 0;
      },
    },
  };
}

/** Options of the dark-boson streams. */
export interface DarkBosonStreamOptions {
  readonly n: number;
  readonly seed: number;
  readonly reading?: NuNuReading;
  readonly chunk?: number;
  readonly meta?: Record<string, unknown>;
}

const NU_OF = { e: 12, mu: 14, tau: 16 } as const;

/** The Z_D → e⁺e⁻ step: forced into the vessel along the Z_D direction; writes the weights (see the module comment). */
function zdDecay(point: DarkBosonMassPoint, gammaZD: number, brEE: number) {
  const det = point.setup.detector;
  const zA = det.vessel.start / mm, zB = (det.vessel.start + det.vessel.length) / mm, R = det.vessel.radius / mm;
  const mZD = point.params.mZD;
  const pe = twoBodyMomentum(mZD, 0.00051099895, 0.00051099895);
  const Ee = Math.sqrt(pe * pe + 0.00051099895 ** 2);
  const e1 = vec4(), e2 = vec4();
  return (rec: EventRecord, rng: Random, _ev: EventTable, _i: number): void => {
    const k = rec.nParticles - 1; // the Z_D is the last product of N → ν Z_D
    const px = rec.px[k]!, py = rec.py[k]!, pz = rec.pz[k]!, E = rec.E[k]!;
    const p = Math.sqrt(px * px + py * py + pz * pz);
    const d = p / (mZD * gammaZD) / mm; // lab decay length, mm
    const c = pz / p;
    const x0 = rec.vx[1]!, y0 = rec.vy[1]!, z0 = rec.vz[1]!;
    const sA = Math.max(0, (zA - z0) / c), sB = Math.max(0, (zB - z0) / c);
    const prob = Math.exp(-sA / d) - Math.exp(-sB / d);
    const s = prob > 0 ? sA - d * Math.log1p(-rng() * -Math.expm1(-(sB - sA) / d)) : sA;
    const x = x0 + (s * px) / p, y = y0 + (s * py) / p, z = z0 + (s * pz) / p;
    rec.status[k] = STATUS.decayed;
    const v = rec.addVertex(x, y, z, rec.vt[1]! + (s * E) / p, k);
    isotropic(rng, pe, Ee, e1);
    for (let j = 0; j < 3; j++) e2[j] = -e1[j]!;
    e2[3] = Ee;
    boostInto(e1, px, py, pz, E, mZD);
    boostInto(e2, px, py, pz, E, mZD);
    rec.addParticle(PDG.electron, STATUS.final, e1[0]!, e1[1]!, e1[2]!, e1[3]!, 0.00051099895, v);
    rec.addParticle(-PDG.electron, STATUS.final, e2[0]!, e2[1]!, e2[2]!, e2[3]!, 0.00051099895, v);
    rec.mode = "nu ZD, ZD -> e+ e-";
    const pass = x * x + y * y <= R * R && E > DARKBOSON_EVIS_CUT;
    const w = rec.weights;
    w[1] = w[1]! * prob * brEE;
    w[3] = prob;
    w[5] = brEE;
    w[0] = pass ? w[1]! : 0;
    w[4] = pass && w[1]! > 0 ? 1 : 0;
  };
}

/**
 * Secondary e⁺e⁻ events of Fig. 3 at U2: weights sum to secondaryDileptonEvents within
 * statistical errors (tested). Weights: "production" (N per sampled event at U2),
 * "decay_probability" (Z_D decays in the vessel), "branching" (BR(Z_D → ee)), "selection".
 */
export function darkBosonSecondaryStream(point: DarkBosonMassPoint, U2: number, opts: DarkBosonStreamOptions): EventStream {
  requirePositive("U2", U2);
  const w = chainWidths(darkBosonPoint(point.params, point.mN, U2), opts.reading ?? "errata");
  const nu = NU_OF[point.params.flavour];
  return secondaryStream({
    table: point.production,
    detector: point.setup.detector,
    makeDecay: (chunk) => darkBosonFullDecay(point.mN, point.params.mZD, w.gammaN, nu, chunk),
    couplingFactor: U2,
    forceDecay: "none",
    select: (ev) => Float64Array.from(ev.weight),
    extend: zdDecay(point, w.gammaZD, w.brEE),
    extraWeights: ["branching"],
    n: opts.n,
    seed: opts.seed,
    chunk: opts.chunk,
    meta: { model: "darkboson", signature: "secondary-dileptons", mN_GeV: point.mN, U2, ...point.params, ...(opts.meta ?? {}) },
  });
}

/** ν_α e → N e with the FASERν2 recoil cuts at U2: final state N (status 1) and the recoil electron; weights sum to electronScatteringEvents. */
export function darkBosonElectronStream(point: DarkBosonMassPoint, U2: number, opts: DarkBosonStreamOptions): EventStream {
  requirePositive("U2", U2);
  const w = chainWidths(darkBosonPoint(point.params, point.mN, U2), opts.reading ?? "errata");
  return secondaryStream({
    table: point.productionElectron,
    detector: point.setup.detector,
    makeDecay: (chunk) => darkBosonFullDecay(point.mN, point.params.mZD, w.gammaN, NU_OF[point.params.flavour], chunk),
    couplingFactor: U2,
    forceDecay: "none",
    select: (ev) => Float64Array.from(ev.weight),
    decayN: false,
    n: opts.n,
    seed: opts.seed,
    chunk: opts.chunk,
    meta: { model: "darkboson", signature: "electron-scattering", mN_GeV: point.mN, U2, ...point.params, ...(opts.meta ?? {}) },
  });
}
