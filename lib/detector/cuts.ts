/**
 * The event-selection cuts of the paper, in one place with their source: SPEC §5 = paper
 * §2.4 (arXiv:2011.04751). Energies in GeV, |t| in GeV². The electron-recoil windows of
 * FASERν2 are lib/detector/electronCuts.ts.
 */

/** Vessel signatures: visible energy E_γ, or E(ℓ⁺) + E(ℓ⁻), above 100 GeV in the FASER 2 vessel (SPEC §5 items 1–2, paper §2.4). */
export const VESSEL_EVIS_MIN = 100;

/** ECC photons: E_γ above 1 TeV (SPEC §5 item 3, Fig. 1 red solid). */
export const ECC_EGAMMA_MIN_1TEV = 1000;

/** ECC photons, harder cut: E_γ above 3 TeV (SPEC §5 item 3, Fig. 1 red dash-dotted). */
export const ECC_EGAMMA_MIN_3TEV = 3000;

/** ECC production: momentum transfer |t| < (100 MeV)², GeV² (SPEC §5 item 3). */
export const ECC_T_ABS_MAX = 0.1 * 0.1;

/** The cuts as one record (the shape of lib/models/dipole/signatures' CUTS). */
export const CUTS = {
  vesselEvis: VESSEL_EVIS_MIN,
  eccTAbsMax: ECC_T_ABS_MAX,
  ecc1TeV: ECC_EGAMMA_MIN_1TEV,
  ecc3TeV: ECC_EGAMMA_MIN_3TEV,
} as const;
