/**
 * Monte Carlo of the dipole portal: the N decay model for lib/engine/sampler (N → νγ isotropic in
 * the rest frame; N → ν ℓ⁺ℓ⁻ with s₂ = m²(ℓℓ) drawn from the corrected dΓ/ds₂, (B.4) of
 * arXiv:2011.04751 with ERRATA E8) and a front-end that samples events for a model point.
 */
import { momentum } from "../../core/kinematics";
import {
  branchingNuGamma,
  branchingNuLL,
  decayFlavourCount,
  dWidthNuLLds2PerFlavour,
  type DipoleModel,
  leptonMass,
  totalWidth,
  type ChargedLepton,
} from ".";
import { discreteSampler, type Random, searchCumulative } from "../../core/random";
import { type DecayModel, type EventTable, type ForceDecay, sampleEvents } from "../../engine/sampler";
import { CUTS } from "../../detector/cuts";
import { type DipoleMassPoint, type DipoleSignature, signatureTable } from "./signatures";

/**
 * Inverse-CDF sampler of s₂ for N → ν ℓ⁺ℓ⁻: dΓ/ds₂ tabulated on 512 points in ln(s₂)
 * between 4m_ℓ² and m_N² and sampled from the piecewise-linear CDF (the density is smooth in
 * ln s₂; the tabulation error is far below the statistical precision of any sample). GeV².
 */
export function s2Sampler(mN: number, lepton: ChargedLepton): (rng: Random) => number {
  const key = `${mN} ${lepton}`;
  let f = s2Samplers.get(key);
  if (f === undefined) {
    if (s2Samplers.size >= 64) s2Samplers.clear();
    s2Samplers.set(key, (f = buildS2Sampler(mN, lepton)));
  }
  return f;
}

/** The samplers of {@link s2Sampler} by (m_N, lepton): a stream built per chunk reuses its tables (pure functions of the key). */
const s2Samplers = new Map<string, (rng: Random) => number>();

function buildS2Sampler(mN: number, lepton: ChargedLepton): (rng: Random) => number {
  const mL = leptonMass(lepton);
  const lo = Math.log(4 * mL * mL), hi = Math.log(mN * mN);
  const n = 512;
  const xs = new Float64Array(n + 1);
  const cdf = new Float64Array(n + 1);
  let prev = 0;
  for (let i = 0; i <= n; i++) {
    const x = lo + ((hi - lo) * i) / n;
    xs[i] = x;
    const s2 = Math.exp(x);
    const g = s2 > 4 * mL * mL && s2 < mN * mN ? dWidthNuLLds2PerFlavour(s2, mN, 1, lepton) * s2 : 0;
    if (i > 0) cdf[i] = cdf[i - 1]! + 0.5 * (g + prev) * ((hi - lo) / n);
    prev = g;
  }
  const total = cdf[n]!;
  return (rng) => {
    const u = rng() * total;
    const b = Math.max(1, searchCumulative(cdf, u)), a = b - 1; // the panel [cdf[a], cdf[b]) holding u
    const f = (u - cdf[a]!) / (cdf[b]! - cdf[a]! || 1);
    return Math.exp(xs[a]! + f * (xs[b]! - xs[a]!));
  };
}

/**
 * The decay model of a dipole-portal N for lib/engine/sampler. Visible products: the photon of
 * N → νγ (E_γ = (E_N + p_N cos θ*)/2, cos θ* uniform), or the ℓ⁺ℓ⁻ pair of N → νℓℓ, whose
 * system energy is exact (isotropic ℓℓ direction in the N frame for fixed s₂) and which is
 * split between ℓ⁺ and ℓ⁻ isotropically in the pair frame (an approximation for the
 * individual energies only; the E_vis cut uses their sum).
 */
export function dipoleDecayModel(model: DipoleModel): DecayModel {
  const mN = model.mN;
  const leptons = (["e", "mu"] as const).filter((l) => mN > 2 * leptonMass(l));
  // each draw reads E_N from vis[0] and writes the visible lab energies into vis (E_N in an array, not an
  // argument: the draws are called polymorphically, not inlined, and V8 would box a double argument per call)
  const modes: { name: string; br: number; draw: (rng: Random, vis: Float64Array) => void }[] = [
    {
      name: "nu gamma",
      br: branchingNuGamma(model),
      // E_N ≥ m_N holds for every sampled N (two-body kinematics), so p = √((E−m)(E+m)) directly
      draw: (rng, vis) => {
        const EN = vis[0]!;
        vis[0] = 0.5 * (EN + Math.sqrt((EN - mN) * (EN + mN)) * (2 * rng() - 1));
      },
    },
  ];
  for (const l of leptons) {
    const s2 = s2Sampler(mN, l);
    const mL = leptonMass(l);
    modes.push({
      name: `nu ${l} ${l}`,
      br: branchingNuLL(model, l),
      draw: (rng, vis) => {
        const EN = vis[0]!;
        const s = s2(rng);
        const mll = Math.sqrt(s);
        const eStar = (mN * mN + s) / (2 * mN);
        const pStar = (mN * mN - s) / (2 * mN);
        const g = EN / mN, bg = momentum(EN, mN) / mN;
        // ℓℓ system: energy and longitudinal momentum in the lab for an isotropic direction
        const c1 = 2 * rng() - 1;
        const Ell = g * eStar + bg * pStar * c1;
        const pll = Math.sqrt(Math.max(0, Ell * Ell - s));
        // split: each lepton has energy mll/2 in the pair frame, isotropic
        const pl = Math.sqrt(Math.max(0, (mll / 2) ** 2 - mL * mL));
        const c2 = 2 * rng() - 1;
        const gl = Ell / mll, bgl = pll / mll;
        const E1 = gl * (mll / 2) + bgl * pl * c2;
        vis[0] = E1;
        vis[1] = Ell - E1;
      },
    });
  }
  const pick = discreteSampler(modes.map((m) => m.br));
  return {
    mN,
    totalWidth: totalWidth(model),
    modes: modes.map((m) => m.name),
    sample: (rng, EN, vis) => {
      const k = pick(rng);
      vis[0] = EN;
      modes[k]!.draw(rng, vis);
      return k;
    },
  };
}

/** Visible-energy cut and decay region of a signature, for selecting sampled events. */
export function signatureSelection(signature: DipoleSignature): { region: ForceDecay; Ecut: number; mode: "photon" | "dilepton" | "none" } {
  switch (signature) {
    case "vessel-photons":
      return { region: "vessel", Ecut: CUTS.vesselEvis, mode: "photon" };
    case "vessel-dileptons":
      return { region: "vessel", Ecut: CUTS.vesselEvis, mode: "dilepton" };
    case "ecc-photons-1tev":
      return { region: "tungsten", Ecut: CUTS.ecc1TeV, mode: "photon" };
    case "ecc-photons-3tev":
      return { region: "tungsten", Ecut: CUTS.ecc3TeV, mode: "photon" };
    case "electron-scattering":
      return { region: "none", Ecut: 0, mode: "none" };
  }
}

/** Production table a signature samples from: one owner, lib/models/dipole/signatures (SIGNATURE_TABLE). */
export { signatureTable };

/**
 * Sample N events for a signature at a model point. The production table is at μ_N = 1, so
 * weights are rescaled by μ_N²; decays are forced into the signature's region (vessel or
 * tungsten) with the corresponding probability as weight. Returns the raw event table.
 */
export function sampleDipole(
  rng: Random,
  point: DipoleMassPoint,
  model: DipoleModel,
  signature: DipoleSignature,
  n: number,
  forceDecay?: ForceDecay,
): EventTable {
  const pointFlavours = point.setup.decayFlavours ?? decayFlavourCount({ mN: point.mN, mu: 1, coupling: point.coupling });
  if (model.mN !== point.mN || model.coupling !== point.coupling || decayFlavourCount(model) !== pointFlavours) {
    throw new RangeError(
      `model (mN = ${model.mN}, ${model.coupling}, ${decayFlavourCount(model)} decay flavours) does not match the mass point (mN = ${point.mN}, ${point.coupling}, ${pointFlavours} decay flavours)`,
    );
  }
  const sel = signatureSelection(signature);
  const table = signatureTable(point, signature);
  const ev = sampleEvents(rng, table, dipoleDecayModel(model), point.setup.detector, {
    n,
    forceDecay: forceDecay ?? sel.region,
  });
  return atCoupling(ev, model.mu);
}

/**
 * Events drawn from a production table at μ_N = 1 GeV⁻¹, weighted at coupling `mu` (GeV⁻¹): every
 * weight × μ_N² (dσ/dt ∝ μ_N², (A.10)–(A.12)). In place; returns `ev`.
 */
export function atCoupling(ev: EventTable, mu: number): EventTable {
  const k = mu * mu, w = ev.weight;
  for (let i = 0; i < w.length; i++) w[i] = w[i]! * k;
  return ev;
}

/**
 * Weight of each sampled event that passes a signature's selection (0 otherwise): decay in
 * the region (vessel: z in [start, end] and r < R; tungsten: z < length), the visible mode and
 * energy cut. Summing these estimates the signature's event count.
 */
export function selectedWeights(ev: EventTable, point: DipoleMassPoint, signature: DipoleSignature): Float64Array {
  const sel = signatureSelection(signature);
  const det = point.setup.detector;
  const out = new Float64Array(ev.weight.length);
  const photonMode = ev.modes.indexOf("nu gamma");
  for (let i = 0; i < out.length; i++) {
    const z = ev.zDecay[i]!;
    let inRegion = true;
    if (sel.region === "vessel") {
      const r2 = ev.xDecay[i]! ** 2 + ev.yDecay[i]! ** 2;
      inRegion = z >= det.vessel.start && z <= det.vessel.start + det.vessel.length && r2 <= det.vessel.radius ** 2;
    } else if (sel.region === "tungsten") inRegion = z <= det.target.length;
    if (!inRegion) continue;
    const photon = ev.modeIndex[i] === photonMode;
    if (sel.mode === "photon" && (!photon || ev.Evis1[i]! <= sel.Ecut)) continue;
    if (sel.mode === "dilepton" && (photon || ev.Evis1[i]! + ev.Evis2[i]! <= sel.Ecut)) continue;
    out[i] = ev.weight[i]!;
  }
  return out;
}
