/**
 * From the neutrino beam to expected events: production tables, the dipole-portal
 * signatures, spectra, sampling front-ends and detector/flux setups.
 */
export * from "./engine/productionTable";
export * from "./engine/fluxBins";
export * from "./engine/scaling";
export * from "./detector/electronCuts";
export * from "./models/dipole/signatures";
export * from "./models/dipole/withinBin";
export * from "./models/dipole/sampling";
export * from "./models/dipole/spectrum";
export * from "./engine/setup";
export * from "./models/darkBoson/fig3/chain";
export * from "./models/darkBoson/fig3/sampling";
export * from "./models/darkBoson/fig3/spectrum";
export * from "./models/darkBoson/fig4/heavyZD";
export * from "./models/darkBoson/fig4/decays";
export * from "./models/darkBoson/fig4/electron";
