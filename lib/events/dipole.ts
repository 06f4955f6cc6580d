/**
 * Full events of the dipole portal (SPEC §5 signatures): ν T → N T by the dipole
 * up-scattering of lib/models/dipole/signatures, then N → νγ or N → ν ℓ⁻ℓ⁺ with lab four-vectors.
 *
 * Decays are unpolarised (the paper's assumption): N → νγ is isotropic in the N rest frame;
 * N → ν ℓℓ draws s₂ = m²(ℓℓ) from the corrected dΓ/ds₂ ((B.4), ERRATA E8, via s2Sampler of
 * dipoleSampling), the ℓℓ system isotropic in the N frame recoiling against ν, and ℓ⁻ℓ⁺
 * isotropic in the ℓℓ frame ((B.4) gives only dΓ/ds₂; the angular correlation inside the
 * pair is not in the paper, so it is taken flat). The ν flavour of the decay is drawn
 * uniformly over the decay flavours when they are all the coupled ones (equal widths), and
 * is the beam neutrino's family otherwise.
 */
import {
  branchingNuGamma,
  branchingNuLL,
  coupledFlavours,
  decayFlavourCount,
  type DipoleModel,
  leptonMass,
  totalWidth,
} from "../models/dipole";
import { discreteSampler, type Random } from "../core/random";
import type { ForceDecay } from "../engine/sampler";
import type { DipoleMassPoint, DipoleSignature } from "../models/dipole/signatures";
import { s2Sampler, selectedWeights, signatureSelection, signatureTable } from "../models/dipole/sampling";
import { boostInto, isotropic, twoBodyMomentum, vec4 } from "./fourvec";
import { PDG, type EventStream } from "./record";
import { DecayStash, type FullDecay, type SecondaryScratch, secondaryStream } from "./secondary";

const NU_PDG = { e: 12, mu: 14, tau: 16 } as const;

/** Store the four-vector `v` of product k of stash slot s (element by element: no builtin call per product). */
function put(st: DecayStash, s: number, k: number, pdg: number, m: number, v: Float64Array): void {
  const j = 4 * s + k, o = 4 * j, p = st.p;
  st.pdg[j] = pdg;
  st.m[j] = m;
  p[o] = v[0]!;
  p[o + 1] = v[1]!;
  p[o + 2] = v[2]!;
  p[o + 3] = v[3]!;
}

/** A decay mode of {@link dipoleFullDecay}: name, branching ratio, and the draw that fills stash slot s and the visible energies. */
type Mode = { name: string; br: number; draw: (rng: Random, EN: number, s: number, vis: Float64Array) => void };

/**
 * N → νγ of {@link dipoleFullDecay}: γ and ν back to back with energy m_N/2 in the N frame
 * (isotropic), boosted along +z by γ = E_N/m_N, βγ = p_N/m_N, written into the stash; `a` is scratch.
 */
function photonMode(model: DipoleModel, stash: DecayStash, a: Float64Array, nuPdg: (rng: Random) => number): Mode {
  const mN = model.mN;
  return {
    name: "nu gamma",
    br: branchingNuGamma(model),
    draw: (rng, EN, s, vis) => {
      const pz = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN)));
      const h = mN / 2;
      isotropic(rng, h, h, a);
      const g = EN / mN, bg = pz / mN;
      const gz = g * a[2]!, bz = bg * a[2]!;
      const j = 4 * s, o = 16 * s, p = stash.p;
      stash.pdg[j] = nuPdg(rng);
      stash.m[j] = 0;
      p[o] = -a[0]!;
      p[o + 1] = -a[1]!;
      p[o + 2] = bg * h - gz;
      p[o + 3] = g * h - bz;
      stash.pdg[j + 1] = PDG.photon;
      stash.m[j + 1] = 0;
      p[o + 4] = a[0]!;
      p[o + 5] = a[1]!;
      p[o + 6] = gz + bg * h;
      p[o + 7] = g * h + bz;
      stash.count[s] = 2;
      stash.mode[s] = "nu gamma";
      vis[0] = p[o + 7]!;
    },
  };
}

/** The dipole decay model with full kinematics (see the module comment); visible = [E_γ] or [E_ℓ⁻, E_ℓ⁺] in the lab. */
export function dipoleFullDecay(model: DipoleModel, chunk: number): FullDecay {
  const mN = model.mN;
  const stash = new DecayStash(chunk);
  const flavours = coupledFlavours(model.coupling);
  const uniformNu = decayFlavourCount(model) === flavours.length;
  const a = vec4(), a2 = vec4(), b = vec4(), c = vec4();
  const nuPdgs = Int32Array.from(flavours, (f) => NU_PDG[f]), nf = nuPdgs.length;
  const nuPdg = (rng: Random): number => (uniformNu ? nuPdgs[Math.min(nf - 1, Math.floor(rng() * nf))]! : nuPdgs[0]!);
  const modes: Mode[] = [photonMode(model, stash, a, nuPdg)];
  for (const l of (["e", "mu"] as const).filter((x) => mN > 2 * leptonMass(x))) {
    const s2 = s2Sampler(mN, l);
    const mL = leptonMass(l);
    const lpdg = l === "e" ? PDG.electron : PDG.muon;
    const name = `nu ${l} ${l}`;
    modes.push({
      name,
      br: branchingNuLL(model, l),
      draw: (rng, EN, s, vis) => {
        const pz = Math.sqrt(Math.max(0, (EN - mN) * (EN + mN)));
        const mll = Math.sqrt(s2(rng));
        const q = (mN * mN - mll * mll) / (2 * mN); // ν and ℓℓ momentum in the N frame
        isotropic(rng, q, Math.sqrt(q * q + mll * mll), c); // ℓℓ system
        for (let k = 0; k < 3; k++) b[k] = -c[k]!;
        b[3] = q; // ν
        const pl = twoBodyMomentum(mll, mL, mL);
        const El = Math.sqrt(pl * pl + mL * mL);
        isotropic(rng, pl, El, a); // ℓ⁻ in the ℓℓ frame
        for (let k = 0; k < 3; k++) a2[k] = -a[k]!;
        a2[3] = El; // ℓ⁺
        boostInto(a, c[0]!, c[1]!, c[2]!, c[3]!, mll);
        boostInto(a2, c[0]!, c[1]!, c[2]!, c[3]!, mll);
        boostInto(a, 0, 0, pz, EN, mN);
        boostInto(a2, 0, 0, pz, EN, mN);
        boostInto(b, 0, 0, pz, EN, mN);
        put(stash, s, 0, nuPdg(rng), 0, b);
        put(stash, s, 1, lpdg, mL, a);
        put(stash, s, 2, -lpdg, mL, a2);
        stash.count[s] = 3;
        stash.mode[s] = name;
        vis[0] = a[3]!;
        vis[1] = a2[3]!;
      },
    });
  }
  const pick = discreteSampler(modes.map((m) => m.br));
  return {
    stash,
    model: {
      mN,
      totalWidth: totalWidth(model),
      modes: modes.map((m) => m.name),
      sample: (rng, EN, vis) => {
        const k = pick(rng);
        modes[k]!.draw(rng, EN, stash.next++, vis);
        return k;
      },
    },
  };
}

/** Options of {@link dipoleEventStream}. */
export interface DipoleStreamOptions {
  readonly n: number;
  readonly seed: number;
  readonly forceDecay?: ForceDecay;
  readonly chunk?: number;
  readonly meta?: Record<string, unknown>;
  /** Buffers reused from stream to stream (secondary.ts SecondaryInputs.scratch): one per chunk factory. */
  readonly scratch?: SecondaryScratch;
}

/**
 * The event stream of a dipole signature at a model point: weights in expected events for
 * the exposure ("weight" = passing the signature's selection, "weight_unselected" = all
 * events, "production" = σ-weighted N yield per sampled event at μ_N, "decay_probability" =
 * probability to decay in the forced region, "selection" = 1 or 0).
 */
export function dipoleEventStream(point: DipoleMassPoint, model: DipoleModel, signature: DipoleSignature, opts: DipoleStreamOptions): EventStream {
  const sel = signatureSelection(signature);
  const force = opts.forceDecay ?? sel.region;
  const table = signatureTable(point, signature);
  if (model.mN !== point.mN) throw new RangeError(`model mN = ${model.mN} GeV differs from the mass point's mN = ${point.mN} GeV`);
  return secondaryStream({
    table,
    detector: point.setup.detector,
    makeDecay: (chunk) => dipoleFullDecay(model, chunk),
    couplingFactor: model.mu * model.mu,
    forceDecay: force,
    select: (ev) => selectedWeights(ev, point, signature),
    n: opts.n,
    seed: opts.seed,
    chunk: opts.chunk,
    ...(opts.scratch ? { scratch: opts.scratch } : {}),
    meta: { model: "dipole", signature, mN_GeV: model.mN, mu_GeV_inv: model.mu, coupling: model.coupling, force_decay: force, ...(opts.meta ?? {}) },
  });
}
