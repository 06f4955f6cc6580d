/**
 * nudump — the neutrino beam-dump physics of arXiv:2011.04751 (Jodłowski & Trojanowski,
 * JHEP 05 (2021) 191) in TypeScript. Everything in natural units (GeV); see `units`.
 *
 * Namespaces: units, constants, kinematics, quadrature, formFactors (foundations);
 * dipole, darkBoson (the two models, corrected per docs/errata.md); flux, chargedCurrent
 * (the LHC neutrino beam); geometry, random, sampler, signatures, io (the signal engine);
 * production (Z_D from the IP: forward mesons, bremsstrahlung); bounds (existing limits);
 * figures (the paper's figures as data); presets (the named input sets, `paper` by default);
 * grids (log/linear grids); dataDir (where the shipped data/ is); memo (a cache keyed by every
 * input: notebooks re-running one cell reuse what the others computed).
 *
 * Plotting (plotly figure builders, headless-Chromium rendering, tslab display) and the
 * worker-thread figure runner are the sub-path `nudump/plot` (lib/plot/index.ts), so that this
 * entry loads no browser, tslab or worker code.
 */
export * as units from "./core/units";
export * as constants from "./core/constants";
export * as kinematics from "./core/kinematics";
export * as quadrature from "./core/quadrature";
export * as formFactors from "./core/formFactors";
export * as polarisation from "./core/polarisation";
export * as dipole from "./models/dipole";
export * as darkBoson from "./models/darkBoson";
export * as flux from "./flux";
export * as chargedCurrent from "./flux/chargedCurrent";
export * as geometry from "./detector/geometry";
export * as random from "./core/random";
export * as stats from "./core/stats";
export * as sampler from "./engine/sampler";
export * as signatures from "./signatures";
export * as io from "./engine/io";
export * as events from "./events";
export * as production from "./ip";
export * as bounds from "./figures/bounds";
export * as reach from "./engine/reach";
export * as figures from "./figures/data";
export * as grids from "./core/grids";
export * as presets from "./detector/presets";
export { dataDir } from "./core/dataDir";
export { memo, clearMemo } from "./engine/memo";
export * from "./core/validate";
export * as quantity from "./core/quantity";
