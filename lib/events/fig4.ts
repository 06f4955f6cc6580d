/**
 * Full events of the heavy-Z_D scenario of Fig. 4 of arXiv:2011.04751 (§4.3; m_N < m_ZD, ν_τ
 * mixing) for the productions through the tungsten:
 *
 *  - "upscattering": ν_τ W → N W (coherent, p, n; corrected (A.2)) in the FASERν2 tungsten, then
 *    N → ν_τ e⁺e⁻ through the off-shell Z_D in the FASER 2 vessel (heavyZDMassPoint's
 *    "upscattering"). Only the e⁺e⁻ mode is generated; its branching fraction BR(N → ν e⁺e⁻)(U2)
 *    (Z_D and SM Z exchange over the full Γ(U2), heavyZDNWidths) is the named weight `branching`.
 *    m²(e⁺e⁻) from the Z_D-mediated dΓ/ds (nuEESampler), the e⁺e⁻ system recoiling against ν
 *    isotropically in the N frame (unpolarised N, the paper's assumption; the `decayAngles` hook
 *    replaces that direction), e⁺e⁻ isotropic in their own frame. The decay is forced into the
 *    vessel's z range; selection: decay point inside the vessel radius and E(e⁺) + E(e⁻) > 100 GeV.
 *  - "inelastic": ν_τ e → N e in FASERν2 (corrected (A.11), ERRATA E6) with the FASERν2 recoil
 *    cuts applied to the sampled (E_ν, t) as accept/reject; N leaves (status 1), the recoil
 *    electron is the signal (heavyZDMassPoint's "inelastic").
 *
 * The N from mixing at the IP and from Z_D → N N̄ are in lib/events/fig4Ip.ts and fig4IpElectron.ts.
 */
import type { Random } from "../core/random";
import type { EventTable } from "../engine/sampler";
import { darkBosonModel, type DarkBosonModel } from "../models/darkBoson";
import { heavyZDNWidths } from "../models/darkBoson/fig4/decays";
import { type HeavyZDSetup, U2_REF } from "../models/darkBoson/fig4/heavyZD";
import { heavyZDInelasticTable, heavyZDReferenceModel, heavyZDUpscatteringTable, insideRecoilWindows, nuEESampler } from "../models/darkBoson/fig4/sampling";
import { requireInRange } from "../core/validate";
import { boostInto, isotropic, twoBodyMomentum, vec4, type Vec4 } from "./fourvec";
import { type EventRecord, PDG, type EventStream } from "./record";
import { DecayStash, type FullDecay, secondaryStream } from "./secondary";

const M_E = 0.00051099895;
const NU_TAU = 16;

/**
 * Rest-frame decay-angle hook: set `out[0..2]` to the unit direction of the e⁺e⁻ system in the N
 * rest frame, the z axis being the N flight direction (a polarised N would make it non-isotropic).
 * `EN` is the N lab energy (GeV). Default: isotropic.
 */
export type RestFrameDirection = (rng: Random, EN: number, out: Vec4) => void;

const isotropicDirection: RestFrameDirection = (rng, _EN, out) => void isotropic(rng, 1, 1, out);

/** N → ν_τ e⁺e⁻ with full kinematics (module comment); visible = [E(e⁻), E(e⁺)] in the lab. */
export function heavyZDNuEEDecay(model: DarkBosonModel, totalWidth: number, chunk: number, direction: RestFrameDirection = isotropicDirection): FullDecay {
  const mN = model.mN;
  const stash = new DecayStash(chunk);
  const s2 = nuEESampler(model);
  const a = vec4(), a2 = vec4(), b = vec4(), c = vec4();
  const pe = (mll: number) => twoBodyMomentum(mll, M_E, M_E);
  return {
    stash,
    model: {
      mN,
      totalWidth,
      modes: ["nu e e"],
      sample: (rng, EN, vis) => {
        const s = stash.next++;
        const pz = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN)));
        const mll = Math.sqrt(s2(rng));
        const q = (mN * mN - mll * mll) / (2 * mN); // ν and e⁺e⁻ momentum in the N frame
        direction(rng, EN, c);
        const Ell = Math.sqrt(q * q + mll * mll);
        c[0] = q * c[0]!;
        c[1] = q * c[1]!;
        c[2] = q * c[2]!;
        c[3] = Ell;
        for (let k = 0; k < 3; k++) b[k] = -c[k]!;
        b[3] = q; // ν
        const pl = pe(mll), El = Math.sqrt(pl * pl + M_E * M_E);
        isotropic(rng, pl, El, a); // e⁻ in the e⁺e⁻ frame
        for (let k = 0; k < 3; k++) a2[k] = -a[k]!;
        a2[3] = El;
        boostInto(a, c[0]!, c[1]!, c[2]!, c[3]!, mll);
        boostInto(a2, c[0]!, c[1]!, c[2]!, c[3]!, mll);
        boostInto(a, 0, 0, pz, EN, mN);
        boostInto(a2, 0, 0, pz, EN, mN);
        boostInto(b, 0, 0, pz, EN, mN);
        const o = 4 * s;
        stash.pdg[o] = NU_TAU;
        stash.m[o] = 0;
        stash.p.set(b, 4 * o);
        stash.pdg[o + 1] = PDG.electron;
        stash.m[o + 1] = M_E;
        stash.p.set(a, 4 * o + 4);
        stash.pdg[o + 2] = -PDG.electron;
        stash.m[o + 2] = M_E;
        stash.p.set(a2, 4 * o + 8);
        stash.count[s] = 3;
        stash.mode[s] = "nu e e";
        vis[0] = a[3]!;
        vis[1] = a2[3]!;
        return 0;
      },
    },
  };
}

/** Options of the Fig. 4 streams. */
export interface Fig4StreamOptions {
  readonly n: number;
  readonly seed: number;
  /** E(e⁺) + E(e⁻) cut in the vessel, GeV (default 100, heavyZDMassPoint's energyCut). */
  readonly energyCut?: number;
  /** Include the SM neutral-current N decays (default true, as heavyZDMassPoint). */
  readonly smDecays?: boolean;
  /** FASERν2 recoil-angle cuts for "inelastic" (default true). */
  readonly angleCuts?: boolean;
  /** Rest-frame direction of the e⁺e⁻ system (polarisation hook; default isotropic). */
  readonly decayDirection?: RestFrameDirection;
  readonly chunk?: number;
  readonly meta?: Record<string, unknown>;
}

function checkU2(U2: number): void {
  requireInRange("U2", U2, Number.MIN_VALUE, 1);
}

/**
 * "upscattering" events at U2 (module comment): weights sum to heavyZDMassPoint(...).events("upscattering", U2)
 * within statistical errors (tested). Weights: the five standard ones and `branching`.
 */
export function heavyZDUpscatteringStream(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4StreamOptions): EventStream {
  checkU2(U2);
  const ref = heavyZDReferenceModel(template);
  const w = heavyZDNWidths(darkBosonModel({ ...template, U2 }), { sm: opts.smDecays ?? true });
  const br = w.visibleEE / w.total;
  const det = setup.detector;
  const Ecut = opts.energyCut ?? 100;
  const R2 = det.vessel.radius ** 2;
  const select = (ev: EventTable): Float64Array => {
    const out = new Float64Array(ev.weight.length);
    for (let i = 0; i < out.length; i++) {
      const r2 = ev.xDecay[i]! ** 2 + ev.yDecay[i]! ** 2;
      if (r2 <= R2 && ev.Evis1[i]! + ev.Evis2[i]! > Ecut) out[i] = ev.weight[i]!;
    }
    return out;
  };
  const branching = (rec: EventRecord): void => {
    const x = rec.weights;
    x[0] = x[0]! * br;
    x[1] = x[1]! * br;
    x[5] = br;
  };
  return secondaryStream({
    table: heavyZDUpscatteringTable(template, setup),
    detector: det,
    makeDecay: (chunk) => heavyZDNuEEDecay(ref, w.total, chunk, opts.decayDirection),
    couplingFactor: U2 / U2_REF,
    forceDecay: "vessel",
    select,
    extend: branching,
    extraWeights: ["branching"],
    n: opts.n,
    seed: opts.seed,
    chunk: opts.chunk,
    meta: { model: "darkboson", scenario: "fig4-heavy-ZD", signature: "upscattering", mN_GeV: template.mN, mZD_GeV: template.mZD, gD: template.gD, eps: template.eps, U2, energy_cut_GeV: Ecut, ...(opts.meta ?? {}) },
  });
}

/**
 * "inelastic" ν_τ e → N e events at U2 (module comment): weights sum to
 * heavyZDMassPoint(...).events("inelastic", U2, { angleCuts }) (tested). N is final (status 1).
 */
export function heavyZDInelasticStream(template: DarkBosonModel, setup: HeavyZDSetup, U2: number, opts: Fig4StreamOptions): EventStream {
  checkU2(U2);
  const ref = heavyZDReferenceModel(template);
  const angleCuts = opts.angleCuts ?? true;
  const table = heavyZDInelasticTable(template, setup, angleCuts);
  const inside = insideRecoilWindows(ref.mN, angleCuts);
  const M = table.channelDefs[0]!.targetMass;
  return secondaryStream({
    table,
    detector: setup.detector,
    // N does not decay in this signature; the decay model only fills the stash the builder skips
    makeDecay: (chunk) => heavyZDNuEEDecay(ref, 1, chunk),
    couplingFactor: U2,
    forceDecay: "none",
    accept: (E, t) => inside(E, t, M),
    select: (ev) => Float64Array.from(ev.weight),
    decayN: false,
    n: opts.n,
    seed: opts.seed,
    chunk: opts.chunk,
    meta: { model: "darkboson", scenario: "fig4-heavy-ZD", signature: "inelastic", mN_GeV: template.mN, mZD_GeV: template.mZD, gD: template.gD, eps: template.eps, U2, electron_angle_cuts: angleCuts, ...(opts.meta ?? {}) },
  });
}
