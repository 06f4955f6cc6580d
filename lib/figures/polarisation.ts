/**
 * What the helicity of N changes in Figs. 2 and 3 (docs/derivations/polarisation.md; issue 16
 * item 4): the same spectra and counts with N unpolarised (the paper, the `paper` preset),
 * polarised Dirac, and polarised Majorana (isotropic again, so equal to unpolarised).
 * Fig. 2: the N → νγ photon spectrum in the FASER 2 vessel (quadrature, E_γ > 100 GeV).
 * Fig. 3: the N → νZ_D, Z_D → e⁺e⁻ spectrum at the benchmark and the count ratio versus m_N.
 */
import type { FermionNature, PolarisationOptions } from "../core/polarisation";
import { makeSetup, setupOptionsOf, type SetupOptions } from "../engine/setup";
import { dipoleMassPoint } from "../models/dipole/signatures";
import { dipolePhotonOrRecoilSpectrum, logEdges } from "../models/dipole/spectrum";
import { FIG3_PARAMS, secondaryDileptonEvents } from "../models/darkBoson/fig3/chain";
import { darkBosonMassPointCached } from "../models/darkBoson/fig3/massPointCache";
import { type DileptonSpectrum, secondaryDileptonSpectrum, summarise } from "../models/darkBoson/fig3/spectrum";
import { alphaNuZD } from "../models/darkBoson/polarisation";
import { fig3SpectrumEdges } from "./fig3";

/** The three treatments compared. */
export const POLARISATION_CASES: readonly { readonly name: string; readonly opts: PolarisationOptions }[] = [
  { name: "unpolarised (paper)", opts: { polarisation: "unpolarised" } },
  { name: "polarised, Dirac N", opts: { polarisation: "polarised", nature: "dirac" as FermionNature } },
  { name: "polarised, Majorana N", opts: { polarisation: "polarised", nature: "majorana" as FermionNature } },
];

/** One spectrum per treatment, with its summary (total, mean, mode per unit ln E). */
export interface PolarisationSpectra {
  readonly mN: number;
  /** μ_N (GeV⁻¹) for Fig. 2, |U_μN|² for Fig. 3. */
  readonly coupling: number;
  readonly edges: readonly number[];
  readonly cases: readonly (DileptonSpectrum & { readonly name: string })[];
  /** total(polarised Dirac)/total(unpolarised). */
  readonly ratio: number;
}

/** Fig. 2 left with the three treatments: photons above 100 GeV in the vessel (default m_N = 0.5, 2 GeV, μ_N = 5e-7 GeV⁻¹, 30 log bins 0.1–10 TeV). */
export function fig2PhotonPolarisation(opts: { masses?: number[]; mu?: number; bins?: number } & SetupOptions = {}): PolarisationSpectra[] {
  const mu = opts.mu ?? 5e-7;
  const edges = logEdges(100, 1e4, opts.bins ?? 30);
  const setup = makeSetup("fasernu2-faser2", setupOptionsOf(opts));
  return (opts.masses ?? [0.5, 2]).map((mN) => {
    const point = dipoleMassPoint(mN, "universal", setup);
    const cases = POLARISATION_CASES.map((c) => ({ name: c.name, ...summarise(edges, dipolePhotonOrRecoilSpectrum(point, mu, "vessel-photons", edges, c.opts).events) }));
    return { mN, coupling: mu, edges, cases, ratio: cases[1]!.total / cases[0]!.total };
  });
}

/** Fig. 3 right (secondary e⁺e⁻ only) with the three treatments at the benchmark (default m_N = 0.42 GeV, |U|² = 9e-7). */
export function fig3SpectrumPolarisation(opts: { mN?: number; U2?: number } & SetupOptions = {}): PolarisationSpectra {
  const mN = opts.mN ?? 0.42, U2 = opts.U2 ?? 9e-7;
  const edges = fig3SpectrumEdges();
  const point = darkBosonMassPointCached(mN, makeSetup("fasernu2-faser2", setupOptionsOf(opts)), FIG3_PARAMS);
  const cases = POLARISATION_CASES.map((c) => ({ name: c.name, ...secondaryDileptonSpectrum(point, U2, edges, c.opts) }));
  return { mN, coupling: U2, edges, cases, ratio: cases[1]!.total / cases[0]!.total };
}

/** The Fig. 3 secondary e⁺e⁻ count, polarised Dirac over unpolarised, at each m_N and |U|², with α(m_N, m_ZD) of N → νZ_D. */
export interface Fig3CountRatio {
  readonly mN: number;
  readonly U2: number;
  readonly alpha: number;
  readonly unpolarised: number;
  readonly polarised: number;
  readonly ratio: number;
}

/** Count ratios over a grid (default m_N = 0.05 … 3 GeV, |U|² = 1e-8 near the lower edge of the reach and 1e-4 near its top). */
export function fig3CountRatios(opts: { masses?: number[]; U2s?: number[] } & SetupOptions = {}): Fig3CountRatio[] {
  const setup = makeSetup("fasernu2-faser2", setupOptionsOf(opts));
  const out: Fig3CountRatio[] = [];
  for (const mN of opts.masses ?? [0.05, 0.1, 0.2, 0.42, 1, 3]) {
    const point = darkBosonMassPointCached(mN, setup, FIG3_PARAMS);
    for (const U2 of opts.U2s ?? [1e-8, 1e-4]) {
      const u = secondaryDileptonEvents(point, U2).events;
      const p = secondaryDileptonEvents(point, U2, { polarisation: "polarised" }).events;
      out.push({ mN, U2, alpha: alphaNuZD(mN, FIG3_PARAMS.mZD), unpolarised: u, polarised: p, ratio: p / u });
    }
  }
  return out;
}
