/**
 * The neutrino dipole portal, L = μ_N ν̄_L σ_{μν} N_R F^{μν} + h.c. — (3.1) of arXiv:2011.04751.
 *
 * N is a Dirac fermion; μ_N is in GeV⁻¹. A model is a plain readonly object; nothing here
 * keeps state.
 *
 * FLAVOUR COUNTING (a modelling choice, see docs/derivations/dipole.md §5). SPEC §1/§2:
 * "universal" = the same μ_N for ν_e, ν_μ, ν_τ and their antineutrinos; "ν_τ-specific" =
 * only ν_τ, ν̄_τ up-scatter and only they appear in decays. A Lagrangian with one μ_N per
 * flavour opens N → ν_α γ (and N → ν_α ℓ⁺ℓ⁻) for α = e, μ, τ with universal coupling, and the
 * widths add: Γ(N → νγ) = 3 × (B.1). The paper's total width is (B.1) once for both couplings —
 * its rule of thumb (3.2) says so — and that is the default (the `paper` preset, SPEC §2):
 * {@link decayFlavourCount} returns 1 unless the model sets `decayFlavours` (3: the
 * three-flavour reading, an option).
 */
import { DEFAULT_PRESET, presetByName } from "../../detector/presets";
import { requireOneOf, requirePositive, LIMITS, requirePositiveAtMost } from "../../core/validate";

/** Which active flavours carry the dipole coupling μ_N. */
export type DipoleCoupling = "universal" | "tau";

/** An active-neutrino flavour. */
export type NeutrinoFlavour = "e" | "mu" | "tau";

/** A neutrino or antineutrino species as it appears in a flux file. */
export type NeutrinoSpecies = "nu_e" | "nubar_e" | "nu_mu" | "nubar_mu" | "nu_tau" | "nubar_tau";

/** Parameters of the dipole-portal model. */
export interface DipoleModel {
  /** HNL mass m_N, GeV. */
  readonly mN: number;
  /** Dipole coupling μ_N of (3.1) for each coupled flavour, GeV⁻¹. */
  readonly mu: number;
  /** "universal" (e, μ, τ) or "tau" (ν_τ only). */
  readonly coupling: DipoleCoupling;
  /**
   * Number of flavours α with open decay channels N → ν_α X. Default: the default preset's
   * (1: Γ(N → νγ) = (B.1), as (3.2) of the paper); 3 with universal coupling is the
   * one-μ_N-per-flavour reading.
   */
  readonly decayFlavours?: number;
}

const COUPLINGS: readonly DipoleCoupling[] = ["universal", "tau"];

/** Builds a validated {@link DipoleModel} (m_N > 0 GeV, μ_N > 0 GeV⁻¹, decayFlavours a positive integer). */
export function dipoleModel(p: DipoleModel): DipoleModel {
  requirePositiveAtMost("mN", p.mN, LIMITS.mass);
  requirePositiveAtMost("mu", p.mu, LIMITS.mu);
  requireOneOf("coupling", p.coupling, COUPLINGS);
  if (p.decayFlavours !== undefined) {
    if (!Number.isInteger(p.decayFlavours) || p.decayFlavours < 1) {
      throw new RangeError(`decayFlavours = ${p.decayFlavours} must be a positive integer (1, 2 or 3 in the SM)`);
    }
  }
  return { ...p };
}

/** Active flavours that carry the dipole coupling: universal → e, μ, τ; tau → τ (SPEC §1). */
export function coupledFlavours(coupling: DipoleCoupling): readonly NeutrinoFlavour[] {
  requireOneOf("coupling", coupling, COUPLINGS);
  return coupling === "universal" ? ["e", "mu", "tau"] : ["tau"];
}

/** The ν and ν̄ species that up-scatter into N (ν̄ has the same cross section as ν): six or two. */
export function upscatteringSpecies(model: DipoleModel): readonly NeutrinoSpecies[] {
  const out: NeutrinoSpecies[] = [];
  for (const f of coupledFlavours(model.coupling)) out.push(`nu_${f}`, `nubar_${f}`);
  return out;
}

/** Number of flavours α with an open N → ν_α X channel: `decayFlavours` if set, else the default preset's (1, SPEC §2). */
export function decayFlavourCount(model: DipoleModel): number {
  if (model.decayFlavours !== undefined) {
    if (!Number.isInteger(model.decayFlavours) || model.decayFlavours < 1) {
      throw new RangeError(`decayFlavours = ${model.decayFlavours} must be a positive integer`);
    }
    return model.decayFlavours;
  }
  requireOneOf("coupling", model.coupling, COUPLINGS);
  return presetByName(DEFAULT_PRESET).decayFlavours;
}
