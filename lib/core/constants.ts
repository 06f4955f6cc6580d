/**
 * Physical constants in natural units (GeV), each with its source.
 *
 * "PDG 2024" is R.L. Workman et al. / S. Navas et al. (Particle Data Group),
 * Phys. Rev. D 110, 030001 (2024); its fundamental constants are CODATA 2022.
 * Derived constants are computed from these, never retyped.
 */
import { GeV, MeV, g_per_cm3, gram } from "./units";

/** Fine-structure constant at q² = 0, α⁻¹ = 137.035999177 (PDG 2024 / CODATA 2022). Dimensionless. */
export const alpha = 1 / 137.035_999_177;
/** Elementary charge in natural (Heaviside–Lorentz) units, e = √(4πα). Dimensionless. */
export const e_charge = Math.sqrt(4 * Math.PI * alpha);

/** Electron mass, 0.51099895069 MeV (PDG 2024 / CODATA 2022). GeV. */
export const m_e = 0.510_998_950_69 * MeV;
/** Muon mass, 105.6583755 MeV (PDG 2024). GeV. */
export const m_mu = 105.658_375_5 * MeV;
/** Tau mass, 1776.93 MeV (PDG 2024). GeV. */
export const m_tau = 1776.93 * MeV;
/** Proton mass, 938.27208943 MeV (PDG 2024 / CODATA 2022). GeV. */
export const m_p = 938.272_089_43 * MeV;
/** Neutron mass, 939.56542194 MeV (PDG 2024 / CODATA 2022). GeV. */
export const m_n = 939.565_421_94 * MeV;
/** Atomic mass unit u = 931.49410372 MeV (PDG 2024 / CODATA 2022). GeV. */
export const amu = 931.494_103_72 * MeV;
/** Z boson mass, 91.1880 GeV (PDG 2024). GeV. */
export const m_Z = 91.188 * GeV;
/** W boson mass, 80.3692 GeV (PDG 2024 world average). GeV. */
export const m_W = 80.3692 * GeV;
/** Neutral pion mass, 134.9768 MeV (PDG 2024). GeV. */
export const m_pi0 = 134.9768 * MeV;
/** Charged pion mass, 139.57039 MeV (PDG 2024). GeV. */
export const m_pi = 139.570_39 * MeV;
/** η mass, 547.862 MeV (PDG 2024). GeV. */
export const m_eta = 547.862 * MeV;
/** D_s⁺ mass, 1968.35 MeV (PDG 2024). GeV. */
export const m_Ds = 1968.35 * MeV;

/** BR(π⁰ → γγ) = 0.98823 (PDG 2024). */
export const BR_pi0_gg = 0.988_23;
/** BR(η → γγ) = 0.3936 (PDG 2024). */
export const BR_eta_gg = 0.3936;

/** sin²θ_W in the MS-bar scheme at m_Z, 0.23129 (PDG 2024, Electroweak review). Dimensionless. */
export const sin2ThetaW = 0.231_29;
/** cos²θ_W = 1 − sin²θ_W. Dimensionless. */
export const cos2ThetaW = 1 - sin2ThetaW;
/** Fermi constant, 1.1663788e-5 GeV⁻² (PDG 2024). GeV⁻². */
export const G_F = 1.166_378_8e-5 / (GeV * GeV);

/** Avogadro constant, 6.02214076e23 mol⁻¹ (exact, SI 2019). */
export const N_A = 6.022_140_76e23;

/** Proton magnetic moment in nuclear magnetons, μ_p = 2.793 as in (A.8) of arXiv:2011.04751. */
export const mu_p_nuclear = 2.793;
/** Neutron magnetic moment in nuclear magnetons, μ_n = −1.913 as in (A.8) of arXiv:2011.04751. */
export const mu_n_nuclear = -1.913;

/** A target material: a nucleus with its atomic data and bulk density. */
export interface Material {
  readonly name: string;
  /** Atomic number. */
  readonly Z: number;
  /** Mass number used in the form factor and in (A.9); for W the standard atomic weight. */
  readonly A: number;
  /** Molar mass in g/mol (standard atomic weight). */
  readonly molarMass_g: number;
  /** Nuclear mass used as m_T, GeV. */
  readonly mass: number;
  /** Bulk density, GeV⁴ (use `x / g_per_cm3` to read it in g/cm³). */
  readonly density: number;
}

/**
 * Tungsten (SPEC §2): Z = 74, A = 183.84 (standard atomic weight, IUPAC 2013),
 * density 19.3 g/cm³. Nuclear mass m_T = A · u = 171.25 GeV — the atomic-mass-unit
 * convention SPEC §2 asks for (A × 0.9315 GeV); electron masses and binding are
 * below the 0.03% level and are not subtracted.
 */
export const tungsten: Material = {
  name: "W",
  Z: 74,
  A: 183.84,
  molarMass_g: 183.84,
  mass: 183.84 * amu,
  density: 19.3 * g_per_cm3,
};

/** Number density of nuclei of a material, GeV³: n = ρ N_A / M_molar. */
export function nucleusDensity(mat: Material): number {
  // ρ [GeV⁴] / (molar mass [g/mol] × 1 g [GeV]) × N_A [1/mol] → GeV³.
  return (mat.density / (mat.molarMass_g * gram)) * N_A;
}

/** Electron number density of a material, GeV³: n_e = Z ρ N_A / M_molar. */
export function electronDensity(mat: Material): number {
  return nucleusDensity(mat) * mat.Z;
}

/** Registry of the materials the library knows by name. */
export const materials: Readonly<Record<string, Material>> = { W: tungsten };
