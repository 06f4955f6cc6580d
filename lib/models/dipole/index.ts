/**
 * Neutrino dipole portal to a heavy neutral lepton N, (3.1) of arXiv:2011.04751:
 * L = μ_N ν̄_L σ_{μν} N_R F^{μν} + h.c., N Dirac, μ_N in GeV⁻¹, everything in GeV.
 * Derivations and the list of corrections to the printed paper: docs/derivations/dipole.md.
 *
 * - model.ts: the readonly model object and the flavour counting (1 decay flavour by default,
 *   as the paper's (3.2); 3 for universal coupling as an option — see decayFlavourCount).
 * - scattering.ts: the spin-½ target kernel (F1, F2, interference) and the t-range/cut helpers.
 * - coherent.ts, nucleon.ts, electron.ts: dσ/dt and σ(E) per target.
 * - decays.ts: Γ(νγ), Γ(νℓℓ) (corrected, ERRATA E8), branchings, decay lengths, visible-energy fraction.
 * - printed.ts: the printed (A.1), (B.4), (B.5) for comparison only.
 */
export * from "./model";
export * from "./scattering";
export * from "./coherent";
export * from "./nucleon";
export * from "./electron";
export * from "./decays";
export * from "./printed";
export * from "./polarisation";
