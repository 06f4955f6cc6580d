/**
 * From the neutrino beam to expected events: production tables, the dipole-portal
 * signatures, spectra, sampling front-ends and detector/flux setups.
 */
export * from "./production";
export * from "./scaling";
export * from "./electronCuts";
export * from "./dipole";
export * from "./dipoleSampling";
export * from "./dipoleSpectrum";
export * from "./setup";
