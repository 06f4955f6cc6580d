/**
 * Standard-Model charged-current (CC) ν and ν̄ cross sections per nucleon, 10 GeV – 10 TeV,
 * on an isoscalar nucleon and on a real nucleus (tungsten by default).
 *
 * σ_CC(E) = σ/E|_PDG × E × shape(E) × nonIsoscalar(material) × R_ℓ(E):
 * - σ/E|_PDG: PDG 2024 review "Neutrino cross section measurements" (Phys. Rev. D 110,
 *   030001), world average for isoscalar targets in the DIS regime (30–200 GeV):
 *   σ/E = 0.677e-38 cm²/GeV (ν), 0.334e-38 cm²/GeV (ν̄).
 * - shape(E): the energy dependence of σ/E from the leading-order QCD parton-model
 *   calculation of Gandhi, Quigg, Reno, Sarcevic, Astropart. Phys. 5 (1996) 81
 *   (hep-ph/9512364), Tables 1–2 (CTEQ3-DIS, W propagator included): σ_CC at
 *   E = 10, 10², 10³, 10⁴ GeV, normalised to 1 at 100 GeV and interpolated as a power law
 *   between the tabulated energies.
 * - nonIsoscalar: neutron excess of the target in the valence-quark parton model (below).
 * - R_τ(E): τ-mass suppression, leading-order parton model (below). Not applied to e and μ:
 *   their mass effects are O(m_μ²/(2 M E x)) and the parton model cannot describe them — it
 *   would place them at ŝ ≈ m_μ², far below the hadronic threshold (W ≥ M + m_π).
 */
import { m_p, m_n, m_tau, tungsten, type Material } from "../core/constants";
import { cm2, GeV } from "../core/units";
import { requireInRange, requirePositive } from "../core/validate";
import { integrate } from "../core/quadrature";
import { familyOf, isAntineutrino, type Flavour } from "./flavours";

/** PDG 2024 isoscalar σ_CC/E for ν_μ, 30–200 GeV: 0.677e-38 cm²/GeV. In GeV⁻³. */
export const sigmaOverE_nu_PDG = (0.677e-38 * cm2) / GeV;
/** PDG 2024 isoscalar σ_CC/E for ν̄_μ, 30–200 GeV: 0.334e-38 cm²/GeV. In GeV⁻³. */
export const sigmaOverE_nubar_PDG = (0.334e-38 * cm2) / GeV;

/** Lowest neutrino energy covered by this module, GeV. */
export const E_MIN_CC = 10 * GeV;
/** Highest neutrino energy covered by this module, GeV. */
export const E_MAX_CC = 1e4 * GeV;

/**
 * σ_CC per isoscalar nucleon, GQRS 1996 Tables 1–2 (CTEQ3-DIS), cm², at E = 10¹…10⁴ GeV.
 * Used only through the ratio σ(E)/E ÷ σ(100 GeV)/100 GeV.
 */
const GQRS_E = [1e1, 1e2, 1e3, 1e4] as const;
const GQRS_NU = [0.777e-37, 0.697e-36, 0.625e-35, 0.454e-34] as const;
const GQRS_NUBAR = [0.368e-37, 0.349e-36, 0.338e-35, 0.292e-34] as const;

function requireEnergy(E: number): void {
  requireInRange("E (GeV)", E / GeV, E_MIN_CC / GeV, E_MAX_CC / GeV);
}

/**
 * Energy dependence of σ_CC/E relative to its value at 100 GeV, from GQRS 1996 Tables 1–2
 * (power-law interpolation between 10, 10², 10³, 10⁴ GeV). Dimensionless; E in GeV within
 * [10, 10⁴] GeV.
 */
export function ccShape(E: number, antineutrino: boolean): number {
  requireEnergy(E);
  const tab = antineutrino ? GQRS_NUBAR : GQRS_NU;
  const lgE = Math.log10(E / GeV);
  const i = Math.min(2, Math.max(0, Math.floor(lgE - 1)));
  const E0 = GQRS_E[i] as number;
  const E1 = GQRS_E[i + 1] as number;
  const s0 = (tab[i] as number) / E0;
  const s1 = (tab[i + 1] as number) / E1;
  const f = (lgE - Math.log10(E0)) / (Math.log10(E1) - Math.log10(E0));
  const s = s0 * Math.pow(s1 / s0, f);
  return s / ((tab[1] as number) / 100);
}

/**
 * Isoscalar σ_CC per nucleon for a massless charged lepton (ν_e, ν_μ), GeV⁻²:
 * PDG 2024 σ/E × E × {@link ccShape}. E in GeV, 10 GeV ≤ E ≤ 10 TeV.
 */
export function sigmaCCIsoscalar(E: number, antineutrino: boolean): number {
  const k = antineutrino ? sigmaOverE_nubar_PDG : sigmaOverE_nu_PDG;
  return k * E * ccShape(E, antineutrino);
}

/**
 * Ratio of σ_CC per nucleon on a nucleus with Z protons and A − Z neutrons to the isoscalar
 * value, valence-quark parton model: with u_v = 2 d_v in the proton, σ(νn)/σ(νp) = 2 and
 * σ(ν̄n)/σ(ν̄p) = 1/2, so the factor is 1 ± (A − 2Z)/(3A) (+ for ν, − for ν̄).
 * Tungsten: 1.065 (ν), 0.935 (ν̄). Sea quarks, which are isospin-symmetric, would reduce the
 * correction by ≈ 15 %, i.e. by ≈ 1 % of σ — below the accuracy claimed here.
 */
export function nonIsoscalarFactor(material: Material, antineutrino: boolean): number {
  const eps = (material.A - 2 * material.Z) / material.A;
  return 1 + ((antineutrino ? -1 : 1) * eps) / 3;
}

/** Antiquark momentum fraction a = Q̄/(Q + Q̄) fixed at LO by σ_ν̄/σ_ν = (1 + 2a)/(3 − 2a) = 0.334/0.677. */
const ANTIQUARK_FRACTION = (() => {
  const r = sigmaOverE_nubar_PDG / sigmaOverE_nu_PDG;
  return (3 * r - 1) / (2 + 2 * r);
})();

/**
 * Shapes of the momentum distributions x q(x), unnormalised. Small x from Regge theory:
 * valence x q_v ∝ x^{1−α_R} with the ρ/ω-trajectory intercept α_R = ½; sea x q̄ ∝ x^{1−α_P}
 * with the soft-Pomeron intercept α_P = 1.08 (Donnachie & Landshoff, Phys. Lett. B 296 (1992)
 * 227). Large x from the quark counting rules (Brodsky & Farrar, Phys. Rev. Lett. 31 (1973)
 * 1153): (1−x)³ valence, (1−x)⁷ sea.
 */
const valenceShape = (x: number): number => Math.sqrt(x) * Math.pow(1 - x, 3);
const seaShape = (x: number): number => Math.pow(x, -0.08) * Math.pow(1 - x, 7);

/**
 * Suppression of σ_CC by the charged-lepton mass m, R = σ(m)/σ(0), in the leading-order
 * parton model with massless quarks and the nucleon mass neglected in ŝ = 2 x M E
 * (M the average nucleon mass). Partonic cross sections (V−A, derived from the
 * helicity structure): ν q (J = 0): σ̂ ∝ ŝ (1 − ρ)²; ν q̄ (J = 1): σ̂ ∝ (ŝ/3)(1 − ρ)²(1 + ρ/2),
 * ρ = m²/ŝ, zero for ŝ < m² (roles of q and q̄ swapped for ν̄). The quark momentum densities
 * are x q = (1 − 2a) V(x) + a S(x) and x q̄ = a S(x) with V = √x (1−x)³, S = x^{−0.08}(1−x)⁷
 * (Regge + counting rules, see the shapes above) and a from σ_ν̄/σ_ν of the PDG. A model
 * estimate, not a fit: its accuracy is checked against the Kling–Nevay CC tables in
 * test/chargedCurrent.test.ts (ν_τ bins ≥ 285 GeV within 8 %; it over-suppresses below
 * ~100 GeV, where quasi-elastic and resonance channels, absent here, matter). Dimensionless, in [0, 1].
 */
export function leptonMassSuppression(E: number, m: number, antineutrino: boolean): number {
  requirePositive("E (GeV)", E);
  requireInRange("m (GeV)", m, 0, Infinity);
  if (m === 0) return 1;
  const M = 0.5 * (m_p + m_n);
  const xMin = (m * m) / (2 * M * E);
  if (xMin >= 1) return 0; // below the partonic threshold ŝ_max = 2 M E < m²: no CC by kinematics
  const a = ANTIQUARK_FRACTION;
  const q = (x: number): number => (1 - 2 * a) * valenceShape(x) + a * seaShape(x);
  const qbar = (x: number): number => a * seaShape(x);
  // J = 0 partner: quarks for ν, antiquarks for ν̄; J = 1 partner: the other.
  const j0 = antineutrino ? qbar : q;
  const j1 = antineutrino ? q : qbar;
  // ∫ [j0(x) K0(ρ) + j1(x) K1(ρ)] dx, integrated in u = ln x (dx = x du).
  const integrand = (mass: number) => (u: number): number => {
    const x = Math.exp(u);
    const rho = (mass * mass) / (2 * M * E * x);
    if (rho >= 1) return 0;
    const k0 = (1 - rho) * (1 - rho);
    const k1 = (k0 * (1 + rho / 2)) / 3;
    return (j0(x) * k0 + j1(x) * k1) * x;
  };
  const num = integrate(integrand(m), Math.log(xMin), 0, { relTol: 1e-9 }).value;
  const den = integrate(integrand(0), Math.log(1e-12), 0, { relTol: 1e-9 }).value;
  return num / den;
}

/**
 * σ_CC per nucleon of a neutrino of flavour f and energy E on `material` (default tungsten),
 * GeV⁻²: {@link sigmaCCIsoscalar} × {@link nonIsoscalarFactor}, × {@link leptonMassSuppression}
 * with m_τ for ν_τ and ν̄_τ (no mass correction for e and μ, see the module comment).
 * E in GeV, 10 GeV ≤ E ≤ 10 TeV (RangeError outside). Multiply by the nucleon column density
 * (ρ L N_A / (1 g/mol)) to get interactions per neutrino.
 */
export function sigmaCC(E: number, f: Flavour, material: Material = tungsten): number {
  const bar = isAntineutrino(f);
  const base = sigmaCCIsoscalar(E, bar) * nonIsoscalarFactor(material, bar);
  return familyOf(f) === "tau" ? base * leptonMassSuppression(E, m_tau, bar) : base;
}
