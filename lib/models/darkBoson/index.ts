/**
 * Dark gauge boson model of arXiv:2011.04751 §3.2, eq. (3.3): Dirac HNL N, dark photon Z_D with
 * kinetic mixing ε and dark coupling g_D, mixing U2 with one active flavour. Corrected formulas
 * (ERRATA E4, E6, E7, E9, E10, E11, E13) and the printed ones for comparison.
 * Derivations: docs/derivations/darkBoson.md.
 */
export * from "./model";
export * from "./upscattering";
export * from "./electronScattering";
export * from "./threeBody";
export * from "./widths";
export * from "./printed";
export * from "./polarisation";
