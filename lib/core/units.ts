/**
 * Natural units: ħ = c = 1, every quantity is a power of GeV.
 *
 * Multiply by a unit to bring a number in (`480 * m`), divide by it to take one out
 * (`sigma / cm2`). Conversions happen only at the edges of the library (input files,
 * geometry in metres, cross sections reported in cm²), in the spirit of scikit-hep's
 * `hepunits`. Exact SI definitions (2019 redefinition of the SI) are the source of the
 * conversion factors; derived units are computed, never retyped.
 */

/** Energy. The base unit. */
export const GeV = 1;
export const MeV = 1e-3 * GeV;
export const keV = 1e-6 * GeV;
export const eV = 1e-9 * GeV;
export const TeV = 1e3 * GeV;

/** Speed of light in m/s (exact, SI 2019). */
export const c_light_m_per_s = 299_792_458;
/** Elementary charge in C, i.e. 1 eV = this many J (exact, SI 2019). */
export const e_SI_C = 1.602_176_634e-19;
/** Planck constant h in J s (exact, SI 2019). */
export const h_SI_J_s = 6.626_070_15e-34;

/** ħ in GeV s, derived from the exact SI h and e: 6.582119569…e-25 GeV s. */
export const hbar_GeV_s = h_SI_J_s / (2 * Math.PI) / e_SI_C / 1e9;
/** ħc in GeV m, derived: 1.973269804…e-16 GeV m (SPEC §2). */
export const hbarc_GeV_m = hbar_GeV_s * c_light_m_per_s;

/** Length: one metre is 1/(ħc) GeV⁻¹. */
export const m = 1 / hbarc_GeV_m;
export const cm = 1e-2 * m;
export const mm = 1e-3 * m;
export const km = 1e3 * m;
export const fm = 1e-15 * m;

/** Area. */
export const m2 = m * m;
export const cm2 = cm * cm;
export const barn = 1e-24 * cm2;
export const mb = 1e-3 * barn;
export const pb = 1e-12 * barn;
export const fb = 1e-15 * barn;

/** Integrated luminosity. */
export const pb_inv = 1 / pb;
export const fb_inv = 1 / fb;

/** Time: one second is 1/ħ GeV⁻¹. */
export const second = 1 / hbar_GeV_s;

/** Mass: one kilogram is c² / (1 GeV in J) GeV. */
export const kg = (c_light_m_per_s * c_light_m_per_s) / (e_SI_C * 1e9);
export const gram = 1e-3 * kg;
export const tonne = 1e3 * kg;

/** Volume and density. */
export const cm3 = cm * cm * cm;
export const g_per_cm3 = gram / cm3;
