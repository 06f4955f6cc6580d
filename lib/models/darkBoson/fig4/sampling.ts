/**
 * Sampling entry points of the heavy-Z_D scenario of Fig. 4 of arXiv:2011.04751 (lib/events/fig4.ts
 * builds the event streams on them): the production tables that heavyZDMassPoint integrates for
 * "upscattering" (ν_τ W → N W, corrected (A.2)) and "inelastic" (ν_τ e → N e, corrected (A.11),
 * ERRATA E6), built here with the same arguments so the sampled weights sum to the same totals,
 * the recoil-window test the sampler applies as accept/reject, and the m²(e⁺e⁻) sampler of
 * N → ν e⁺e⁻ through the off-shell Z_D (dWidthDsNuLL, the density visibleFractionNuEE integrates).
 */
import { m_e } from "../../../core/constants";
import { type Random, searchCumulative } from "../../../core/random";
import { electronRecoilAngle, electronRecoilSelection, fasernu2ElectronCuts, fasernu2ElectronCutsNoAngle } from "../../../detector/electronCuts";
import { type ProductionChannel, type ProductionTable, tabulateProduction } from "../../../engine/productionTable";
import { type DarkBosonModel, darkBosonModel, dSigmaDtNuElectron, dWidthDsNuLL } from "..";
import { type HeavyZDSetup, heavyZDUpscatteringChannels, U2_REF } from "./heavyZD";

/** Flux weights selecting the ν_τ and ν̄_τ spectra (the Fig. 4 N mixes with ν_τ only). */
function tauWeights(setup: HeavyZDSetup): number[] {
  const w = setup.flux.map((s) => (s.flavour === "nu_tau" || s.flavour === "nubar_tau" ? 1 : 0));
  if (!w.some((x) => x > 0)) throw new RangeError("the flux has no nu_tau / nubar_tau spectra");
  return w;
}

/** The model at the tables' reference mixing U2_REF (heavyZDMassPoint's convention). */
export function heavyZDReferenceModel(template: DarkBosonModel): DarkBosonModel {
  if (template.flavour !== "tau") throw new RangeError(`flavour = ${JSON.stringify(template.flavour)}: the Fig. 4 scenario needs "tau" (ν_τ fluxes)`);
  if (!(template.mN < template.mZD)) throw new RangeError(`mN = ${template.mN} GeV must be < mZD = ${template.mZD} GeV (heavy Z_D)`);
  return darkBosonModel({ ...template, U2: U2_REF });
}

/** ν_τ W → N W in the tungsten at U2_REF (coherent, p, n; the table of heavyZDMassPoint's "upscattering"). */
export function heavyZDUpscatteringTable(template: DarkBosonModel, setup: HeavyZDSetup): ProductionTable {
  const model = heavyZDReferenceModel(template);
  const det = setup.detector;
  return tabulateProduction(model.mN, setup.flux, tauWeights(setup), heavyZDUpscatteringChannels(model, det), det.target.material, det.target.length, { mergeFlavours: true });
}

/** ν_τ e → N e per unit U2 with the FASERν2 recoil cuts (the table of heavyZDMassPoint's "inelastic"); `windows` narrows the recoil further (validation bins). */
export function heavyZDInelasticTable(template: DarkBosonModel, setup: HeavyZDSetup, angleCuts = true, within?: readonly [number, number]): ProductionTable {
  const model = heavyZDReferenceModel(template);
  const det = setup.detector;
  const ch: ProductionChannel = { name: "electron", targetMass: m_e, perNucleus: det.target.material.Z, dsigmadt: (E, t) => dSigmaDtNuElectron(model, E, t) / U2_REF };
  const win = electronRecoilSelection(model.mN, angleCuts);
  return tabulateProduction(model.mN, setup.flux, tauWeights(setup), [ch], det.target.material, det.target.length, {
    mergeFlavours: true,
    recoilWindows: within
      ? (E, c) => win(E, c).flatMap(([a, b]): [number, number][] => (Math.min(b, within[1]) > Math.max(a, within[0]) ? [[Math.max(a, within[0]), Math.min(b, within[1])]] : []))
      : win,
  });
}

/**
 * Whether the recoil T = −t/(2M) of (E_ν, t) passes the FASERν2 (E_e, θ_e) boxes — the set
 * electronRecoilSelection (detector/electronCuts) resolves into T intervals — tested directly on the recoil
 * angle (the sampler's accept test for the inelastic table).
 */
export function insideRecoilWindows(mN: number, angleCuts: boolean): (E: number, t: number, M: number) => boolean {
  const boxes = angleCuts ? fasernu2ElectronCuts : fasernu2ElectronCutsNoAngle;
  return (E, t, M) => {
    const T = -t / (2 * M);
    for (const b of boxes) {
      if (T < b.EeMin - M || T > b.EeMax - M) continue;
      const th = electronRecoilAngle(E, T, mN, M);
      if (th >= b.thetaMin && th <= b.thetaMax) return true;
    }
    return false;
  };
}

/** Panels of the m²(e⁺e⁻) CDF table: 1024 in u = √((s − 4m_e²)/(m_N² − 4m_e²)) (the density peaks at threshold; tested against visibleFractionNuEE). */
const S_PANELS = 1024;

/**
 * Sampler of s = m²(e⁺e⁻) in N → ν e⁺e⁻ through the off-shell Z_D, from dΓ/ds (dWidthDsNuLL,
 * Z_D-mediated; the density visibleFractionNuEE integrates): inverse CDF on a trapezoid table in
 * u with s = 4m_e² + (m_N² − 4m_e²) u², linear inside a panel. GeV².
 */
export function nuEESampler(model: DarkBosonModel): (rng: Random) => number {
  const lo = 4 * m_e * m_e, hi = model.mN * model.mN;
  if (!(hi > lo)) throw new RangeError(`mN = ${model.mN} GeV is below the e⁺e⁻ threshold ${2 * m_e} GeV`);
  const cdf = new Float64Array(S_PANELS + 1);
  const f = (u: number) => {
    const s = lo + (hi - lo) * u * u;
    return s > lo && s < hi ? 2 * u * (hi - lo) * dWidthDsNuLL(model, s, m_e) : 0;
  };
  let prev = f(0);
  for (let i = 1; i <= S_PANELS; i++) {
    const g = f(i / S_PANELS);
    cdf[i] = cdf[i - 1]! + (0.5 * (g + prev)) / S_PANELS;
    prev = g;
  }
  const total = cdf[S_PANELS]!;
  if (!(total > 0)) throw new RangeError(`dΓ(N → ν e⁺e⁻)/ds vanishes at mN = ${model.mN} GeV`);
  return (rng) => {
    const x = rng() * total;
    const b = Math.max(1, searchCumulative(cdf, x)), a = b - 1; // the panel [cdf[a], cdf[b]) holding x
    const u = (a + (x - cdf[a]!) / (cdf[b]! - cdf[a]! || 1)) / S_PANELS;
    return lo + (hi - lo) * u * u;
  };
}
