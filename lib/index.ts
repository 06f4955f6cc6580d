/**
 * nudump — the neutrino beam-dump physics of arXiv:2011.04751 (Jodłowski & Trojanowski,
 * JHEP 05 (2021) 191) in TypeScript. Everything in natural units (GeV); see `units`.
 */
export * as units from "./units";
export * as constants from "./constants";
export * as kinematics from "./kinematics";
export * as quadrature from "./quadrature";
export * as formFactors from "./formFactors";
export * from "./validate";
