/**
 * nudump — the neutrino beam-dump physics of arXiv:2011.04751 (Jodłowski & Trojanowski,
 * JHEP 05 (2021) 191) in TypeScript. Everything in natural units (GeV); see `units`.
 *
 * Namespaces: units, constants, kinematics, quadrature, formFactors (foundations);
 * dipole, darkBoson (the two models, corrected per docs/errata.md); flux, chargedCurrent
 * (the LHC neutrino beam); geometry, random, sampler, signatures, io (the signal engine);
 * production (Z_D from the IP: forward mesons, bremsstrahlung); bounds (existing limits);
 * plots (plotly figure builders for notebooks).
 */
export * as units from "./units";
export * as constants from "./constants";
export * as kinematics from "./kinematics";
export * as quadrature from "./quadrature";
export * as formFactors from "./formFactors";
export * as dipole from "./models/dipole";
export * as darkBoson from "./models/darkBoson";
export * as flux from "./flux";
export * as chargedCurrent from "./sm/chargedCurrent";
export * as geometry from "./geometry";
export * as random from "./random";
export * as sampler from "./sampler";
export * as signatures from "./signatures";
export * as io from "./io";
export * as production from "./production";
export * as bounds from "./bounds";
export * as plots from "./plots";
export * as reach from "./reach";
export * as figures from "./figures";
export * from "./validate";
export * as quantity from "./quantity";
