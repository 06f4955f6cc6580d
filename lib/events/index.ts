/**
 * lib/events: full final-state events (four-vectors, vertices, PDG ids, named weights) of
 * the signatures, and streaming writers for HepMC3 ASCII, Parquet, CSV and JSON.
 */
export * from "./record";
export * from "./fourvec";
export * from "./secondary";
export * from "./dipole";
export * from "./hepmc3";
export * from "./text";
export * from "./parquet";
export * from "./write";
export * from "./darkBoson";
export * from "./frames";
export * from "./primaryZD";
export * from "./fig4";
export * from "./fig4Ip";
export * from "./fig4IpElectron";
export * from "./charm2Electron";
export * from "./numfmt";
export * from "./chunks";
export * from "./parallel";
export * from "./dipoleSource";
export * from "./sampleColumns";
