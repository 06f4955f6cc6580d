/**
 * Neutrino flavours as used by the flux tables: names and PDG Monte Carlo numbers
 * (PDG 2024, "Monte Carlo particle numbering scheme": ν_e 12, ν_μ 14, ν_τ 16, antiparticles
 * negative).
 */

/** The six neutrino species, by name. */
export type Flavour = "nu_e" | "nubar_e" | "nu_mu" | "nubar_mu" | "nu_tau" | "nubar_tau";

/** Lepton family of a flavour. */
export type Family = "e" | "mu" | "tau";

/** All flavours, in the order ν_e, ν̄_e, ν_μ, ν̄_μ, ν_τ, ν̄_τ. */
export const FLAVOURS: readonly Flavour[] = ["nu_e", "nubar_e", "nu_mu", "nubar_mu", "nu_tau", "nubar_tau"];

/** The three lepton families. */
export const FAMILIES: readonly Family[] = ["e", "mu", "tau"];

/** PDG Monte Carlo number of each flavour. */
export const PDG_ID: Readonly<Record<Flavour, number>> = {
  nu_e: 12,
  nubar_e: -12,
  nu_mu: 14,
  nubar_mu: -14,
  nu_tau: 16,
  nubar_tau: -16,
};

/** The flavour with PDG number `id` (±12, ±14, ±16); RangeError otherwise. */
export function flavourFromPdg(id: number): Flavour {
  const f = FLAVOURS.find((x) => PDG_ID[x] === id);
  if (f === undefined) throw new RangeError(`pdg id = ${id} is not a neutrino (allowed: ±12, ±14, ±16)`);
  return f;
}

/** True for ν̄_e, ν̄_μ, ν̄_τ. */
export function isAntineutrino(f: Flavour): boolean {
  return PDG_ID[f] < 0;
}

/** Lepton family of a flavour (ν_e and ν̄_e → "e", …). */
export function familyOf(f: Flavour): Family {
  const a = Math.abs(PDG_ID[f]);
  return a === 12 ? "e" : a === 14 ? "mu" : "tau";
}
