/**
 * From the neutrino beam to expected events: production tables, the dipole-portal
 * signatures, spectra, sampling front-ends and detector/flux setups.
 */
export * from "./production";
export * from "./fluxBins";
export * from "./scaling";
export * from "./electronCuts";
export * from "./dipole";
export * from "./dipoleSampling";
export * from "./dipoleSpectrum";
export * from "./setup";
export * from "./darkBoson";
export * from "./darkBosonSampling";
export * from "./darkBosonSpectrum";
export * from "./heavyZD";
export * from "./heavyZDDecays";
export * from "./heavyZDElectron";
