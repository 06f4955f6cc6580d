/**
 * Forward LHC neutrino fluxes: the Kling–Nevay table reader, binned spectra, named
 * configurations (fasernu-run3, fasernu2-paper, fasernu2-fpf; TP normalisation) and the
 * embedded default parametrisation.
 */
export * from "./flavours";
export * from "./spectrum";
export * from "./reader";
export * from "./parametrisation";
export * from "./deviation";
export * from "./embedded";
export * from "./tpNormalisation";
export * from "./configs";
